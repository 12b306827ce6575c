"""The shipped languages and how a request chooses one: ``?lang=``, then the remembered cookie, then the
browser's ``Accept-Language``, then English."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Language:
    code: str  # what ?lang= and the cookie hold, and the catalogue's folder
    locale: str  # the Babel (CLDR) locale for months, plurals and numbers: ar_SY gives Levantine months
    name: str  # in the language itself, as the switcher shows it
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def babel(self) -> Locale:
        return Locale.parse(self.locale)


ENGLISH = Language("en", "en_GB", "English")
LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        ENGLISH,
        Language("ar", "ar_SY", "العربية", rtl=True),
        Language("ku", "ku_TR", "Kurmancî"),
        Language("ckb", "ckb_IQ", "کوردیی ناوەندی", rtl=True),
    )
}
DEFAULT = ENGLISH.code
COOKIE = "marsad_lang"
# What people write for the languages in Accept-Language or by hand: kmr is Kurmanji's ISO 639-3 code.
ALIASES = {"kmr": "ku", "ku-latn": "ku", "ku-arab": "ckb", "sdh": "ckb"}


def language(code: str | None) -> Language:
    """The shipped language ``code`` names (English for an unknown or missing one)."""
    return LANGUAGES.get(shipped(code) or DEFAULT, ENGLISH)


def shipped(code: str | None) -> str | None:
    """The shipped language's code for ``code`` ("ar", "ar-SY", "AR", "kmr"), or None."""
    if not code:
        return None
    tag = code.strip().lower().replace("_", "-")
    if tag in LANGUAGES:
        return tag
    if tag in ALIASES:
        return ALIASES[tag]
    primary = tag.split("-")[0]
    return LANGUAGES[primary].code if primary in LANGUAGES else ALIASES.get(primary)


def accepted(header: str | None) -> list[str]:
    """The languages of an Accept-Language header, most wanted first (q=0 left out)."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(asked: str | None, remembered: str | None, accept_language: str | None) -> str:
    """The language a request gets: asked for in the URL, else remembered, else the browser's first shipped one."""
    candidates: Iterable[str | None] = (asked, remembered, *accepted(accept_language))
    for candidate in candidates:
        code = shipped(candidate)
        if code:
            return code
    return DEFAULT
