"""English counts with the right noun form: "1 incident", "2 incidents", "no arrests", "1 civilian injured".

One helper for every sentence Marsad writes in English, so a count and its noun always agree: the report
code calls it, and the web templates as the ``plural`` filter (``{{ total | plural("incident") }}``). Other
languages phrase counts from the same numbers with their own (CLDR) plural rules: a ``language`` parameter
backed by Babel's ``Locale.plural_form`` can be added here without touching a caller.
"""

from __future__ import annotations


def noun_form(count: int, singular: str, plural: str | None = None) -> str:
    """The noun as it goes with ``count``: singular for exactly one, else ``plural`` (default: singular + "s")."""
    return singular if count == 1 else plural or singular + "s"


def plural(count: int, singular: str, plural: str | None = None, *, zero: str | None = None) -> str:
    """``count`` with its noun: "1 raid", "10 raids"; ``zero`` (e.g. "no") replaces the figure 0 when given."""
    figure = zero if count == 0 and zero else f"{count:,}"
    return f"{figure} {noun_form(count, singular, plural)}"


def singular_of(plural_noun: str) -> str:
    """The singular of a plural noun phrase as reports name what they count ("ISIS attacks" -> "ISIS attack")."""
    if plural_noun.endswith("ies"):
        return plural_noun[:-3] + "y"
    return plural_noun[:-1] if plural_noun.endswith("s") and not plural_noun.endswith("ss") else plural_noun


def join_words(items: list[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (no serial comma, as the seed reports write lists)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
