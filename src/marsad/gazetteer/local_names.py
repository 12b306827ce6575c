"""A place's name as readers of each language write it, chosen from the spellings the gazetteer already has.

The gazetteer lists every known spelling of a place without saying whose it is; the script and letters
tell: Sorani writes ە ێ ۆ ڕ ڵ and Persian-style ی ک, Arabic does not; Kurmanji's Latin spelling has ê î û ş ç
("Qamişlo", "Serêkaniyê"). Administrative spellings ("ناحية مركز القامشلي", "Nāḩiyat …") are never chosen.
A language without a spelling of its own gets the closest script: Sorani the Arabic name, Kurmanji the
English one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06FF\s\-]+$")
_SORANI_LETTERS = re.compile(r"[ەێۆڕڵیکگچپژڤ]")
_SORANI_OWN = re.compile(r"[ەێۆڕڵ]")  # in no Arabic or Persian spelling
_NOT_ARABIC = re.compile(r"[ەێۆڕڵیکگچپژڤ]")  # letters Arabic spelling does not use
_KURMANJI_LETTERS = re.compile(r"[êîûşçÊÎÛŞÇ]")
_LATIN_NAME = re.compile(r"^[A-Za-zêîûşçÊÎÛŞÇ' \-]+$")
_TRANSLITERATED = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az)[\s\-]", re.IGNORECASE
)  # "Al Buşayrah": Turkish, not Kurdish
_ADMINISTRATIVE = ("ناحية", "مركز", "منطقة", "محافظة", "Subdistrict", "District", "Nāḩiyat", "nahyt")


def _plain(spelling: str) -> bool:
    return not any(word in spelling for word in _ADMINISTRATIVE)


def arabic_name(names: Sequence[str]) -> str | None:
    return next(
        (n for n in names if _plain(n) and _ARABIC_SCRIPT.match(n) and not _NOT_ARABIC.search(n)),
        None,
    )


def sorani_name(names: Sequence[str]) -> str | None:
    """A spelling with Sorani's own vowels (ە ێ ۆ) or letters (ڕ ڵ) first: "حەسیچە" before Persian "حسکه"."""
    candidates = [n for n in names if _plain(n) and _ARABIC_SCRIPT.match(n) and _SORANI_LETTERS.search(n)]
    return next((n for n in candidates if _SORANI_OWN.search(n)), candidates[0] if candidates else None)


def kurmanji_name(names: Sequence[str]) -> str | None:
    return next(
        (
            n
            for n in names
            if _plain(n) and _LATIN_NAME.match(n) and _KURMANJI_LETTERS.search(n) and not _TRANSLITERATED.match(n)
        ),
        None,
    )


def local_name(name: str, names: Sequence[str], language: str) -> str:
    """The spelling of a place (English ``name``, other spellings ``names``) for readers of ``language``."""
    if language == "ar":
        return arabic_name(names) or name
    if language == "ckb":
        return sorani_name(names) or arabic_name(names) or name
    if language == "ku":
        return kurmanji_name(names) or name
    return name
