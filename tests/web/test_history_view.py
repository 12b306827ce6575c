"""History as people read it: field labels, vocabulary labels, sources one a line, word-level marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.domain.fields import FIELD_LABELS, SOURCE_FIELD_LABELS, VOCABULARY_OF
from marsad.domain.incident import CANONICAL_COLUMNS, SOURCE_FIELDS
from marsad.domain.vocabulary import VOCABULARY_NAMES, Vocabularies
from marsad.web.history_view import shown, word_diff


def test_every_field_of_the_codebook_has_a_label_and_a_known_vocabulary() -> None:
    assert set(FIELD_LABELS) == set(CANONICAL_COLUMNS)
    assert set(SOURCE_FIELD_LABELS) == set(SOURCE_FIELDS)
    assert set(VOCABULARY_OF.values()) <= set(VOCABULARY_NAMES)


def test_only_the_changed_words_are_marked() -> None:
    before, after = word_diff("IED against an Asayish patrol near Hajin.", "IED against an SDF patrol near Hajin.")
    assert before == [("same", "IED against an "), ("del", "Asayish"), ("same", " "), ("same", "patrol near Hajin.")]
    assert [p for p in after if p[0] != "same"] == [("ins", "SDF")]
    assert word_diff("same text", "same  text") == ([("same", "same text")], [("same", "same  text")])
    assert word_diff("—", "3") == ([("del", "—")], [("ins", "3")])


@given(st.text(), st.text())
def test_the_pieces_give_back_both_texts(before: str, after: str) -> None:
    old, new = word_diff(before, after)
    assert "".join(text for _, text in old) == before and "".join(text for _, text in new) == after
    assert all(mark != "ins" for mark, _ in old) and all(mark != "del" for mark, _ in new)


def test_values_are_shown_as_people_read_them(vocab: Vocabularies) -> None:
    assert shown("type", "ied", vocab) == vocab.types.label("ied") != "ied"
    assert shown("perpetrator", "isis", vocab) == "ISIS"
    assert shown("counted", True, vocab) == "yes" and shown("military_killed", None, vocab) == "—"
    assert shown("grade", "fair", vocab) == "Fair"
    assert shown("type", "a_type_removed_since", vocab) == "a_type_removed_since"
    sources = [
        {"url": "https://example.org/a", "publisher": "ANHA", "source_type": "local_media", "language": "ar"},
        {"title": "Phone call", "source_type": "field_contact", "published": "2019-07-14"},
    ]
    assert shown("sources", sources, vocab) == (
        f"ANHA — https://example.org/a ({vocab.source_types.label('local_media')}, ar)\n"
        f"Phone call ({vocab.source_types.label('field_contact')}, published 2019-07-14)"
    )
