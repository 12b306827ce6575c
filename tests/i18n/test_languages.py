"""How a request's language is chosen: the URL, then the cookie, then Accept-Language, then English."""

from __future__ import annotations

from marsad.i18n.languages import LANGUAGES, accepted, language, negotiate, shipped


def test_the_four_languages_ship_with_their_direction_and_locale() -> None:
    assert {code: lang.direction for code, lang in LANGUAGES.items()} == {
        "en": "ltr",
        "ar": "rtl",
        "ku": "ltr",
        "ckb": "rtl",
    }
    assert language("ar").locale == "ar_SY"  # Levantine month names
    assert language("xx").code == "en"


def test_language_tags_are_read_as_people_write_them() -> None:
    assert shipped("ar-SY") == "ar"
    assert shipped("AR") == "ar"
    assert shipped("ckb-IQ") == "ckb"
    assert shipped("kmr") == "ku"
    assert shipped("ku-Arab") == "ckb"
    assert shipped("fr") is None


def test_accept_language_is_read_by_quality() -> None:
    assert accepted("fr;q=0.9, ar-SY, en;q=0.1, de;q=0") == ["ar-SY", "fr", "en"]


def test_the_url_wins_over_the_cookie_which_wins_over_the_browser() -> None:
    assert negotiate("ku", "ar", "ckb") == "ku"
    assert negotiate(None, "ar", "ckb") == "ar"
    assert negotiate("xx", None, "fr, ckb;q=0.5") == "ckb"
    assert negotiate(None, None, "fr") == "en"
