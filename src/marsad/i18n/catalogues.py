"""Message catalogues, read from the ``.po`` files at first use (nothing to compile, nothing downloaded).

``make translations`` extracts the messages of the templates and the Python code into ``messages.pot`` and
merges them into each language's ``messages.po``; translators edit the ``.po`` files only.
"""

from __future__ import annotations

import gettext as stdlib_gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from marsad.i18n.languages import DEFAULT, LANGUAGES

LOCALES = Path(__file__).with_name("locales")
DOMAIN = "messages"


def catalogue_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> stdlib_gettext.NullTranslations:
    """The catalogue of language ``code`` (English, or a language without a catalogue, passes messages through)."""
    path = catalogue_path(code)
    if code == DEFAULT or code not in LANGUAGES or not path.exists():
        return stdlib_gettext.NullTranslations()
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=LANGUAGES[code].locale)
    compiled = BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out: a guess is not a translation
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(code: str, message: str) -> str:
    return translations(code).gettext(message)


def ngettext(code: str, singular: str, plural: str, count: int) -> str:
    return translations(code).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with plural forms for extraction; ``ngettext`` picks the form where it is shown."""
    return singular, plural
