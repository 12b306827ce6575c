"""Full-text search of inbox items, the one place the two databases search differently.

Both index the same column, ``intake_items.search_words`` (domain.item_search: folded words, single spaces),
written beside each item by its one write path, so both find the same items for a query:

- **SQLite**: an FTS5 table over that column (external content: the words are stored once, in the items
  table), kept in step by triggers, so items deleted with their channel leave it too (migration 0016). Its
  ``ascii`` tokenizer splits on spaces and ASCII punctuation only, which leaves the stored words as they are.
- **PostgreSQL**: a GIN index over ``array_to_tsvector`` of the words, lexemes taken as they are (no parser,
  no dictionary, no stemming), searched with a prefix ``tsquery``.

The query reaches either engine as one bound parameter built from query words, which hold letters and digits
only: nothing a user types is SQL or search syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, cast, func, literal, literal_column, select, table
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from marsad.domain.item_search import SHORTEST_PREFIX
from marsad.storage.engine import is_postgresql
from marsad.storage.tables import INTAKE_ITEMS

SEARCH_TABLE = "intake_search"  # SQLite's FTS5 table (and its own tables, named after it)
SEARCH_INDEX = "ix_intake_items_search_words"  # PostgreSQL's GIN index
FEW = 1_000  # matches SQLite reads by their ids; more, and the inbox's own order finds its page sooner
_FTS = table(SEARCH_TABLE, literal_column("rowid"))


def restrict(session: Session, statement: Select[Any], words: Sequence[str]) -> Select[Any]:
    """``statement`` (of items) narrowed to the items holding a word that starts with each of ``words``
    (letters and digits only, at least one).

    SQLite's plan depends on how many items match. A few (a rare word, or words rarely together): the FTS
    table hands their ids and the items are looked up by id. Many (a word in every third post): the page is
    found sooner by reading items in the inbox's order and checking each one's words, as the FTS table would
    (a word in ``search_words`` starts the string or follows a space), than by collecting every match first.
    A word shorter than SHORTEST_PREFIX matches whole words only.
    """
    assert words and all(word.isalnum() for word in words), "query words come from domain.item_search"
    if is_postgresql(session):
        return statement.where(_tsquery_match(words))
    query = " ".join(f'"{word}"*' if _prefix(word) else f'"{word}"' for word in words)
    match = literal_column(SEARCH_TABLE).op("MATCH")(bindparam("search", query))
    found: Select[Any] = select(literal_column("rowid").label("id")).select_from(_FTS).where(match).limit(FEW + 1)
    if len(session.execute(found).all()) <= FEW:
        few = found.subquery("found")
        return statement.join(few, few.c.id == INTAKE_ITEMS.c.id)
    spaced = literal(" ") + INTAKE_ITEMS.c.search_words + literal(" ")
    return statement.where(*(spaced.like(f"% {word}%" if _prefix(word) else f"% {word} %") for word in words))


def _prefix(word: str) -> bool:
    return len(word) >= SHORTEST_PREFIX


def _tsquery_match(words: Sequence[str]) -> ColumnElement[bool]:
    """The GIN index's expression (the same text, or PostgreSQL would not use it) against a prefix query."""
    query = " & ".join(f"'{word}':*" if _prefix(word) else f"'{word}'" for word in words)
    vector = func.array_to_tsvector(func.string_to_array(INTAKE_ITEMS.c.search_words, literal_column("' '")))
    return vector.op("@@")(cast(bindparam("search", query), TSQUERY))
