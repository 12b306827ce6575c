"""docs/report-json.md's tables of keys, written from the contract's models so the page cannot drift from them.

    python -m marsad.report.contract_docs    # prints the tables to paste between the page's markers

tests/test_docs.py fails when the page's tables differ from what this writes.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from marsad.io.public_models import IncidentPublic
from marsad.report.contract_models import CasualtiesJson, FigureJson, KeyPointFact, ReportJson

# Shapes that recur: named in the table, their keys listed once below it (an incident's in the codebook).
SHARED: dict[type[BaseModel], str] = {
    FigureJson: "figure",
    CasualtiesJson: "casualties",
    IncidentPublic: "incident",
    KeyPointFact: "key-point fact",  # each kind's fields: the page's table of kinds
}
WORDS: dict[Any, str] = {int: "integer", float: "number", str: "text", bool: "true or false", dt.date: "date"}


def keys_markdown() -> str:
    """The contract's keys, their types and meanings, as Markdown tables."""
    return "\n".join(
        [
            *_table(ReportJson),
            "",
            "Each **figure** (the objects of the `by_…` maps and of `claimed_by`):",
            "",
            *_table(FigureJson),
            "",
            f"**casualties**: {' '.join((CasualtiesJson.__doc__ or '').split())} Its keys: "
            f"{', '.join(f'`{name}`' for name in CasualtiesJson.model_fields)}. An **incident** has the public "
            "fields of the codebook (docs/codebook.md).",
        ]
    )


def _table(model: type[BaseModel]) -> list[str]:
    return ["| key | type | meaning |", "|---|---|---|", *_rows(model, "")]


def _rows(model: type[BaseModel], prefix: str) -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        rows.append(f"| `{path}` | {_words(info.annotation)} | {info.description or ''} |")
        inner, step = _inner(info.annotation)
        if inner is not None and inner not in SHARED:
            rows += _rows(inner, path + step)
    return rows


def _words(annotation: Any) -> str:
    """A type as a reader says it: "integer or null", "list of figure", "{key: integer}"."""
    origin, args = get_origin(annotation), get_args(annotation)
    if annotation is type(None):
        return "null"
    if origin in (Union, types.UnionType):
        return " or ".join(_words(arg) for arg in args)
    if origin is Literal:
        return " or ".join(f'`"{value}"`' for value in args)
    if origin is list:
        return f"list of {_words(args[0])}"
    if origin is dict:
        return f"{{key: {_words(args[1])}}}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return SHARED.get(annotation, "object")
    return WORDS[annotation]


def _inner(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """The model inside a field's type (an object, a list of them, a map to them) and how its keys are reached."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        found = [_inner(arg) for arg in args if arg is not type(None)]
        return found[0] if len(found) == 1 else (None, "")
    if origin is list:
        return _inner(args[0])[0], "[]."
    if origin is dict:
        return _inner(args[1])[0], ".<key>."
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, "."
    return None, ""


if __name__ == "__main__":
    print(keys_markdown())
