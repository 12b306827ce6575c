"""Every message the site shows has a translation in every shipped language, with the same placeholders."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from marsad.i18n.catalogues import catalogue_path, ngettext, translations
from marsad.i18n.extract import extracted
from marsad.i18n.languages import DEFAULT, LANGUAGES

SHIPPED = [code for code in LANGUAGES if code != DEFAULT]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


@pytest.fixture(scope="module")
def messages() -> Catalog:
    return extracted()


def _catalogue(code: str) -> Catalog:
    with catalogue_path(code).open("rb") as handle:
        return read_po(handle, locale=LANGUAGES[code].locale)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_has_a_translation(code: str, messages: Catalog) -> None:
    catalogue = _catalogue(code)
    untranslated = []
    for message in messages:
        if not message.id:
            continue
        entry = catalogue.get(message.id, message.context)
        strings = entry.string if entry and isinstance(entry.string, tuple) else (entry.string if entry else "",)
        if entry is None or entry.fuzzy or not all(strings):
            untranslated.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not untranslated, f"run `make translations` and translate in {catalogue_path(code)}: {untranslated}"


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_the_placeholders(code: str) -> None:
    wrong = []
    for entry in _catalogue(code):
        if not entry.id or not entry.string:
            continue
        source = entry.id if isinstance(entry.id, str) else entry.id[1]
        for string in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            if _placeholders(string) - _placeholders(source) or (
                not isinstance(entry.id, tuple) and _placeholders(source) != _placeholders(string)
            ):
                wrong.append((source, string))
    assert not wrong


def test_arabic_catalogue_has_the_six_cldr_plural_forms() -> None:
    assert _catalogue("ar").num_plurals == 6
    assert _catalogue("ckb").num_plurals == _catalogue("ku").num_plurals == 2


def test_a_translated_message_is_read_from_the_po_file() -> None:
    assert translations("ar").gettext("Map") == "الخريطة"
    assert translations("ckb").gettext("Map") == "نەخشە"
    assert translations("en").gettext("Map") == "Map"
    assert ngettext("en", "%(num)s incident", "%(num)s incidents", 2) == "%(num)s incidents"
