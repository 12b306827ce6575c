"""A person with an account on the editorial desk: what the services decide on and storage hands back."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.domain.roles import Role


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: Role
    disabled: bool

    @property
    def actor(self) -> str:
        """How revisions and the audit log name this person."""
        return self.email
