"""Which schema revision a database has, and which this Marsad's migrations end at, without importing Alembic.

Every command that opens the database checks both before it runs; importing Alembic for that (its script
templates bring Mako and Pygments) was 0.1 s of the 0.85 s of CPU `marsad import` spent before its first row.
The migrations themselves still run through Alembic (``storage.migrate``), and a test checks that both ways read
the same revisions.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

VERSIONS = Path(__file__).with_name("migrations") / "versions"
VERSION_TABLE = "alembic_version"  # Alembic's own bookkeeping table


def current_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at (None: no Marsad schema yet)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(found) > 1:
        raise RuntimeError(
            f"the database is at several revisions at once ({', '.join(found)}): run `marsad db upgrade`"
        )
    return found[0] if found else None


@cache
def head_revision() -> str:
    """The revision the shipped migrations end at: the one no other migration revises."""
    revisions: set[str] = set()
    revised: set[object] = set()
    for path in VERSIONS.glob("*.py"):
        names = _assignments(path)
        if "revision" in names:
            revisions.add(str(names["revision"]))
            down = names.get("down_revision")
            revised.update(down if isinstance(down, tuple) else () if down is None else (down,))
    heads = sorted(revisions - revised)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must end at one revision, not {', '.join(heads) or 'none'}")
    return heads[0]


def _assignments(path: Path) -> dict[str, object]:
    """A migration's literal module-level assignments (``revision: str = "0016"``)."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            found[node.target.id] = _literal(node.value)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = _literal(node.value)
    return found


def _literal(value: ast.expr) -> object:
    try:
        return ast.literal_eval(value)
    except ValueError:  # not a literal (a migration's helper expression): not a revision either
        return None
