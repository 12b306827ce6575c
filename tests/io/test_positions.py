"""Where a bad row is, worded again in the reader's language from the shape a reader gave it."""

from __future__ import annotations

import pytest

from marsad.i18n.phrases import translated
from marsad.io import positions
from marsad.io.positions import position


@pytest.mark.parametrize(
    ("where", "code", "worded"),
    [
        ("line 17", "ar", "السطر 17"),
        ("line 17", "ku", "rêza 17"),
        ("line 17", "ckb", "هێڵی 17"),
        ("record 3", "ar", "السجل 3"),
        ("feature 12", "ckb", "دانەی 12"),
        ("sheet Incidents 2024, row 4", "ar", "الورقة Incidents 2024، الصف 4"),
        ("sheet Data, row 9", "ku", "pelê Data, rêza 9"),
        ("line 17", "en", "line 17"),
    ],
)
def test_a_readers_position_reads_in_the_language(where: str, code: str, worded: str) -> None:
    assert translated(position(where), code) == worded


def test_a_position_of_another_shape_is_kept_as_it_is() -> None:
    assert translated(position("the file"), "ar") == "the file"
    assert position("line 17") == "line 17"  # the English text itself, as the CLI and files show it


def test_every_position_a_reader_writes_is_worded_again() -> None:
    written = (positions.line(17), positions.record(3), positions.feature(12), positions.sheet_row("Data, 2024", 4))
    assert written == ("line 17", "record 3", "feature 12", "sheet Data, 2024, row 4")
    assert [translated(position(where), "ar") for where in written] == [
        "السطر 17",
        "السجل 3",
        "العنصر 12",
        "الورقة Data, 2024، الصف 4",
    ]
