"""Messages with values, kept as their English template and values so that wherever a person reads one it can
be worded again in their language (``marsad.i18n.phrases.translated``).

A ``Phrase`` is the English text itself (a ``str``: logs, the CLI, files and tests read it unchanged) that also
remembers how it was made. It lives in the domain, which imports nothing of ours, because the rules that refuse
a value are here; ``make translations`` extracts every ``Phrase("…")`` template.
"""

from __future__ import annotations

from typing import Any


class Phrase(str):
    """ "'{value}' is not a date" with value="31.11": the English text, its template and its values."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Phrase:
        phrase = super().__new__(cls, template.format(**values) if values else template)
        phrase.template, phrase.values = template, values
        return phrase

    def __str__(self) -> str:
        return self  # str(error) of an exception raised with a phrase keeps the phrase


def phrase_data(text: str) -> str | dict[str, Any]:
    """``text`` as JSON can keep it (a job's result): a phrase as its template and values, a string as itself."""
    if not isinstance(text, Phrase):
        return text
    values = {name: phrase_data(v) if isinstance(v, Phrase) else v for name, v in text.values.items()}
    return {"template": text.template, "values": values}


def from_phrase_data(data: str | dict[str, Any]) -> str:
    """The phrase (or string) ``phrase_data`` kept."""
    if isinstance(data, str):
        return data
    values = {name: v if not isinstance(v, dict) else from_phrase_data(v) for name, v in data["values"].items()}
    return Phrase(data["template"], **values)
