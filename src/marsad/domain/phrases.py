"""Messages with values, kept as their English template and values so that wherever a person reads one it can
be worded again in their language (``marsad.i18n.phrases.translated``).

A ``Phrase`` is the English text itself (a ``str``: logs, the CLI, files and tests read it unchanged) that also
remembers how it was made. It lives in the domain, which imports nothing of ours, because the rules that refuse
a value are here; ``make translations`` extracts every ``Phrase("…")`` template.
"""

from __future__ import annotations


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
