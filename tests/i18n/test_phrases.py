"""A message made with values reads in English where it is made and in the reader's language where it is shown."""

from __future__ import annotations

import json

from marsad.domain.phrases import Phrase, from_phrase_data, phrase_data
from marsad.i18n.phrases import translated
from marsad.services.editing import EditRefused


def test_a_phrase_is_its_english_text_and_words_itself_again_from_the_catalogue() -> None:
    phrase = Phrase("there is no incident {id}", id="2023-11-0042")
    assert phrase == "there is no incident 2023-11-0042"
    assert translated(phrase, "ar") == "لا توجد حادثة 2023-11-0042"
    assert translated(phrase, "en") == "there is no incident 2023-11-0042"


def test_a_phrase_inside_a_phrase_is_translated_too_and_an_exception_keeps_it() -> None:
    error = EditRefused(Phrase("an incident cannot be merged into itself"))
    outer = Phrase("Not merged: {error}", error=error.args[0])
    assert str(outer) == "Not merged: an incident cannot be merged into itself"
    assert translated(outer, "ckb") == "تێکەڵ نەکرا: ڕووداوێک ناتوانرێت لەگەڵ خۆیدا تێکەڵ بکرێت"
    assert translated(str(error), "ku") == "bûyerek nikare bi xwe re were yekkirin"


def test_a_marked_message_is_translated_and_an_unmarked_one_stays_as_written() -> None:
    assert translated("Choose a file to import.", "ar") == "اختر ملفاً لاستيراده."
    assert translated("a sentence nobody marked", "ar") == "a sentence nobody marked"
    assert translated(None, "ar") == ""


def test_a_phrase_kept_as_json_by_a_job_comes_back_a_phrase() -> None:
    inner = Phrase("'{text}' is not a date (expected YYYY-MM-DD)", text="2019-13-02")
    outer = Phrase("source {n}, {field}: {reason}", n=2, field="published", reason=inner)
    kept = from_phrase_data(json.loads(json.dumps(phrase_data(outer))))
    assert (
        kept == outer and translated(kept, "ar") == "المصدر 2، published: '2019-13-02' ليس تاريخاً (المتوقع YYYY-MM-DD)"
    )
    assert from_phrase_data(phrase_data("plain")) == "plain"
