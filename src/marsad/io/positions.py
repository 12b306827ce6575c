"""Where a bad row of a file is, in the reader's words: "line 17" is "السطر 17", "rêza 17", "هێڵی 17".

The readers here name a row's place in English as they read it, a million times per file; only the few shown
with an error are worded again, from the same shapes.
"""

from __future__ import annotations

import re

from marsad.domain.phrases import Phrase

# What a reader writes, and the same as a phrase (the messages are the templates: ``make translations`` finds them).
_SHAPES = (
    (re.compile(r"line (?P<number>\d+)"), Phrase("line {number}")),
    (re.compile(r"record (?P<number>\d+)"), Phrase("record {number}")),
    (re.compile(r"feature (?P<number>\d+)"), Phrase("feature {number}")),
    (re.compile(r"sheet (?P<sheet>.+), row (?P<number>\d+)"), Phrase("sheet {sheet}, row {number}")),
)


def position(where: str) -> str:
    """``where`` as a phrase when a reader made it ("line 17", "sheet Data, row 4"), else as it is."""
    for shape, phrase in _SHAPES:
        if found := shape.fullmatch(where):
            return Phrase(phrase.template, **found.groupdict())
    return where
