"""What a 422 says about a parameter FastAPI's validation refused, as a phrase the reader's language can word.

Pydantic words its errors in English; the ones a query string meets are declared here with the same English
(``tests/web/test_api_errors.py`` checks they still match pydantic's), so they translate like Marsad's own.
Any other error keeps pydantic's English words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.domain.phrases import Phrase

PYDANTIC_MESSAGES = {
    "missing": Phrase("Field required"),
    "int_parsing": Phrase("Input should be a valid integer, unable to parse string as an integer"),
    "float_parsing": Phrase("Input should be a valid number, unable to parse string as a number"),
    "bool_parsing": Phrase("Input should be a valid boolean, unable to interpret input"),
    "greater_than_equal": Phrase("Input should be greater than or equal to {ge}"),
    "less_than_equal": Phrase("Input should be less than or equal to {le}"),
    "greater_than": Phrase("Input should be greater than {gt}"),
    "less_than": Phrase("Input should be less than {lt}"),
}


def invalid_value(error: Mapping[str, Any]) -> Phrase:
    """ "limit: Input should be less than or equal to 1000", from one of pydantic's errors."""
    field = ".".join(str(part) for part in error["loc"][1:])
    known = PYDANTIC_MESSAGES.get(error["type"])
    context = error.get("ctx") or {}
    problem = Phrase(known.template, **context) if known is not None else error["msg"]
    return Phrase("{field}: {problem}", field=field, problem=problem)
