"""Skip the patterns a text cannot match: one Aho-Corasick pass finds which of their literal words it holds.

Extraction runs a hundred-odd patterns over every text, and most of them match nothing: "killed" is not in
a text about an arrest. Each pattern is reduced, once, to a set of literal strings one of which every match
must contain (``\\b(?:were|was) killed`` needs " killed"; ``قتل|مقتل`` needs "قتل"); one automaton over all
those strings tells, in one pass over a text, which patterns may match it. The others are not run. This is
the prefilter RE2 and Hyperscan use, on Python's own regular-expression parse tree. A pattern whose matches
need no literal (``\\d+``) always runs, so the answer is the same as running every pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

# The parse tree of a pattern (CPython's own; stable since 3.11, where sre_parse became re._parser).
_parser: Any = getattr(re, "_parser")  # noqa: B009  (a private module mypy's stubs do not list)
_C: Any = _parser  # constants (LITERAL, BRANCH, ...) are re-exported by the parser module

CAP = 64  # at most this many exact strings are kept for one part of a pattern
SHORTEST = 2  # a literal shorter than this is in nearly every text: no use as a filter


@dataclass(frozen=True)
class _Info:
    """What a part of a pattern needs: ``exact`` (it matches exactly one of these strings) or ``needs`` (a
    match contains one of these strings), or neither (it needs nothing)."""

    exact: frozenset[str] | None = None
    needs: frozenset[str] | None = None


def _score(strings: frozenset[str]) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    useful = [c for c in candidates if c and min(map(len, c)) >= SHORTEST]
    return max(useful, key=_score) if useful else None


def _sequence(items: Any) -> _Info:
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    exact = True
    for item in items:
        info = _node(item)
        if info.exact is not None:
            product = frozenset(a + b for a in run for b in info.exact)
            if len(product) <= CAP:
                run = product
            else:
                candidates.append(run)
                run, exact = info.exact, False
            continue
        exact = False
        candidates.append(run)
        if info.needs is not None:
            candidates.append(info.needs)
        run = frozenset({""})
    if exact:
        return _Info(exact=run)
    candidates.append(run)
    return _Info(needs=_best(candidates))


def _node(item: tuple[Any, Any]) -> _Info:
    op, arg = item
    if op is _C.LITERAL:
        return _Info(exact=frozenset({chr(arg)}))
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return _Info(exact=frozenset({""}))
    if op is _C.SUBPATTERN:
        return _sequence(arg[-1])
    if op is _C.BRANCH:
        parts = [_sequence(alternative) for alternative in arg[1]]
        if all(p.exact is not None for p in parts):
            union = frozenset().union(*(p.exact for p in parts if p.exact is not None))
            if len(union) <= CAP:
                return _Info(exact=union)
        needs = [p.needs if p.exact is None else _best([p.exact]) for p in parts]
        if any(n is None for n in needs):
            return _Info()
        return _Info(needs=frozenset().union(*(n for n in needs if n is not None)))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, high, sub = arg
        inner = _sequence(sub)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(exact=inner.exact | {""})
            return _Info()
        if low == high == 1:
            return inner
        return _Info(needs=inner.needs if inner.exact is None else _best([inner.exact]))
    if op is _C.IN and all(kind is _C.LITERAL for kind, _ in arg):
        return _Info(exact=frozenset(chr(code) for _, code in arg))
    return _Info()


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when no such set is known."""
    if pattern.flags & re.IGNORECASE:
        return None
    info = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    found = info.needs if info.exact is None else _best([info.exact])
    if found is None:
        return None
    return frozenset(s for s in found if not any(o != s and o in s for o in found))  # "قتل" covers "مقتل"


class Prefilter:
    """The literals of every pattern seen so far, in one automaton. Patterns register on first use; a text
    read before a pattern's literals joined the automaton runs that pattern unfiltered (``version``)."""

    def __init__(self) -> None:
        self._literals: dict[str, tuple[int, int]] = {}  # string -> (index, version it was added in)
        self._gates: dict[re.Pattern[str], tuple[int, frozenset[int] | None]] = {}
        self._automaton: Any = None
        self.version = 0

    def found(self, text: str) -> tuple[int, frozenset[int]]:
        """(the automaton's version, the literals ``text`` contains)."""
        if not self._literals:
            return self.version, frozenset()
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for string, (index, _) in self._literals.items():
                automaton.add_word(string, index)
            automaton.make_automaton()
            self._automaton = automaton
        return self.version, frozenset(index for _, index in self._automaton.iter(text))

    def may_match(self, pattern: re.Pattern[str], version: int, found: frozenset[int]) -> bool:
        """False only when ``pattern`` cannot match a text whose literals (at ``version``) are ``found``."""
        gate = self._gates.get(pattern) or self._register(pattern)
        since, literals = gate
        return literals is None or since > version or not literals.isdisjoint(found)

    def _register(self, pattern: re.Pattern[str]) -> tuple[int, frozenset[int] | None]:
        strings = required_literals(pattern)
        gate: tuple[int, frozenset[int] | None] = (0, None)
        if strings is not None:
            if any(s not in self._literals for s in strings):
                self.version += 1
                self._automaton = None
                for string in strings:
                    self._literals.setdefault(string, (len(self._literals), self.version))
            entries = [self._literals[s] for s in strings]
            gate = (max(v for _, v in entries), frozenset(i for i, _ in entries))
        self._gates[pattern] = gate
        return gate


PREFILTER = Prefilter()
