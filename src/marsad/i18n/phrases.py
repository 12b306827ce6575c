"""Phrases (``marsad.domain.phrases``) and marked messages in the reader's language, where they are shown.

A phrase is worded again from its translated template, translating the values that are phrases too ("Not
merged: {error}"); a plain string is translated if the catalogue has it, else shown as it is: a message nobody
marked stays English rather than disappearing.
"""

from __future__ import annotations

from marsad.domain.phrases import Phrase
from marsad.i18n.catalogues import gettext


def translated(text: object, code: str) -> str:
    """``text`` in language ``code``: a phrase worded from its translated template, a string by its catalogue."""
    if isinstance(text, Phrase):
        values = {name: translated(v, code) if isinstance(v, Phrase) else v for name, v in text.values.items()}
        return gettext(code, text.template).format(**values) if values else gettext(code, text.template)
    return gettext(code, str(text)) if text else ""
