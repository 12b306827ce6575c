"""Places a cue names, whether or not the gazetteer knows the spelling: "the village of X", "X town",
"on al-Khourafi road", "Azba oil field", قرية X, طريق X, "gundê X", "li Dêrazorê", گوندی X, لە ڕەقە.

A name a cue gives is matched to a known place by its consonant skeleton (الشحيل, al-Shuhail, Şuheyl and
شوحەیل meet), when exactly one place fits; otherwise it is still suggested, as written, without coordinates.
English and Kurmanji names must be capitalised in the text; nationalities and directions ("the northern
Syrian town of") are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extraction.text import Document, lexicon, normalise_word

# Cue words and the kind of place they announce, with its specificity (the most specific place wins).
KINDS = {
    "neighbourhood": 6,
    "street": 6,
    "camp": 6,
    "village": 5,
    "road": 5,
    "field": 5,
    "area": 5,
    "town": 4,
    "city": 3,
    "district": 2,
}
EN_BEFORE = {  # "the village of X"
    **dict.fromkeys(("village", "hamlet", "farm", "farms"), "village"),
    **dict.fromkeys(("town", "township"), "town"),
    "city": "city",
    **dict.fromkeys(("neighbourhood", "neighborhood", "quarter"), "neighbourhood"),
    "camp": "camp",
    **dict.fromkeys(("area", "outskirts"), "area"),
    # "the countryside of Dayro Zcuro" is wider than a town the text names in it
    **dict.fromkeys(("district", "subdistrict", "desert", "countryside"), "district"),
}
EN_AFTER = {  # "X village", "X road", "X oil field"
    **EN_BEFORE,
    **dict.fromkeys(("road", "highway"), "road"),
    "street": "street",
    "field": "field",
}
AR_BEFORE = {
    normalise_word(w): kind
    for words, kind in (
        ("قرية قريتي مزرعة", "village"),
        ("بلدة بلدتي", "town"),
        ("مدينة", "city"),
        ("حي", "neighbourhood"),
        ("مخيم", "camp"),
        ("منطقة", "area"),
        ("ناحية", "district"),
        ("حقل", "field"),
        ("طريق الطريق", "road"),
        ("شارع دوار", "street"),
    )
    for w in words.split()
}
KU_BEFORE = {
    **dict.fromkeys(lexicon("gunde gundê gundeke"), "village"),
    **dict.fromkeys(lexicon("bajaroke bajarokê"), "town"),
    **dict.fromkeys(lexicon("bajare bajarê"), "city"),
    **dict.fromkeys(lexicon("navceya navçeya herema herêma"), "area"),
    **dict.fromkeys(lexicon("taxa"), "neighbourhood"),
    **dict.fromkeys(lexicon("kampa"), "camp"),
    **dict.fromkeys(lexicon("گوندی", sorani=True), "village"),
    **dict.fromkeys(lexicon("شاری شارۆچکەی", sorani=True), "town"),
    **dict.fromkeys(lexicon("ناوچەی", sorani=True), "area"),
    **dict.fromkeys(lexicon("گەڕەکی", sorani=True), "neighbourhood"),
    **dict.fromkeys(lexicon("کەمپی", sorani=True), "camp"),
}
PART_OF = frozenset({"center", "centre", "outskirts", "entrance", "heart", "vicinity", "market"})
# Directions and "countryside of" between a Kurdish cue and the name.
KU_AROUND = lexicon(
    "rojhilate rojhilatê rojavaye rojavayê bakure bakurê basure başûrê gundewarê gundewaren gundewarên gundewarê "
    "derdora navenda nava"
) | lexicon("ڕۆژهەڵاتی ڕۆژئاوای باکووری باشووری دەوروبەری دەورووبەری ناوچەکانی گوندەکانی ناوەندی", sorani=True)
# "li X", "لە X": a name after "in" counts only when the gazetteer knows it (skeleton).
KU_IN = lexicon("li") | lexicon("لە", sorani=True)
ARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ash",
        "as",
        "at",
        "ar",
        "az",
        "an",
        "ed",
        "es",
        "ez",
        "abu",
        "tal",
        "tel",
        "ain",
        "ayn",
        "deir",
        "jadid",
        "hawijat",
        "um",
        "umm",
        "bir",
        "jazrat",
        "jazarat",
    }
)
NOT_NAMES = lexicon(
    "syrian iraqi kurdish turkish arab northern southern eastern western northeastern northwestern southeastern "
    "southwestern central border nearby same small key main strategic rural kurdish-majority arab-majority "
    "oil gas the this that whose their his its our new old eastern-most rojavaye kurdistane rojhilate bakure "
    "basure rojavaye nava navbera sere hemu "
    "الشرقي الغربي الشمالي الجنوبي الشرقية الغربية الشمالية الجنوبية نفسها ذاتها المذكورة الواصل التابعة "
    "الإدارة سيطرة نفوذ العمليات عمليات انتشار تواجد"  # بمنطقة الإدارة الذاتية, منطقة سيطرة قسد: no names
)
AR_SECOND = lexicon("الكبير الصغير الكبرى الصغرى جزيرة شامية الفوقاني التحتاني الميلاج القديمة الجديدة")


@dataclass(frozen=True)
class CuedName:
    """A place name a cue gives: tokens ``start:end`` of the name, the label's tokens ``label_start:label_end``
    (with the cue word for roads, camps and neighbourhoods: "طريق إثريا", "al-Khourafi road"), and its kind."""

    start: int
    end: int
    label_start: int
    label_end: int
    kind: str
    needs_known: bool = False

    @property
    def labelled(self) -> bool:
        """The place field shows the cue word too ("al-Khourafi road", "مخيم الهول", "حي النباعي")."""
        return (self.label_start, self.label_end) != (self.start, self.end)


def cued_names(doc: Document) -> list[CuedName]:
    """Every place name a cue announces, in text order."""
    tokens, found = doc.norms, []
    for i, token in enumerate(tokens):
        if token not in CUE_WORDS:
            continue
        if token in EN_BEFORE and i + 2 < len(tokens) and tokens[i + 1] == "of":
            j = i + 2 + (tokens[i + 2] == "the")
            j += j < len(tokens) and tokens[j] in QUOTES  # the village of “Jdeid Akkidat”
            end = _latin_name_end(doc, j)
            if end > j:
                found.append(CuedName(j, end, j, end, EN_BEFORE[token]))
        if token in EN_AFTER and i > 0:
            kind = EN_AFTER[token]
            if token == "field" and tokens[i - 1] in {"oil", "gas"}:
                start = _latin_name_start(doc, i - 1)
                if start < i - 1:
                    found.append(CuedName(start, i - 1, start, i + 1, kind))
                continue
            start = _latin_name_start(doc, i)
            if start < i:
                labelled = kind in {"road", "street", "camp", "neighbourhood"}
                found.append(CuedName(start, i, start, i + 1 if labelled else i, kind))
        elif token in PART_OF and i + 2 < len(tokens) and tokens[i + 1] == "of":
            j = i + 2 + (tokens[i + 2] == "the")
            end = _latin_name_end(doc, j)
            if end > j:
                found.append(CuedName(j, end, j, end, "village"))  # "the centre of al-Izba"
        elif not token.isascii() and (arabic := AR_CUES.get(token)):
            start = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in QUOTES)
            end = _arabic_name_end(tokens, start, road=arabic == "road")
            if end > start:
                labelled = arabic in {"road", "street", "camp", "neighbourhood", "field"}
                found.append(CuedName(start, end, i if labelled else start, end, arabic))
        elif token in KU_BEFORE or token in KU_IN:
            start = i + 1
            while start < min(len(tokens), i + 4) and tokens[start] in KU_AROUND:
                start += 1  # "li rojhilatê Dêrazorê", "لە ڕۆژهەڵاتی دێرەزوور": east of
            if start < len(tokens) and tokens[start] in KU_BEFORE:
                continue  # "لە شاری ڕەقە": the cue after "in" names the place
            end = start + 1 if start < len(tokens) and _kurdish_name(doc, start) else start
            if end < len(tokens) and end > start and tokens[start] in ARTICLES and _kurdish_name(doc, end):
                end += 1  # "navçeya El Wihde"
            if end > start:
                kind = KU_BEFORE.get(token, "town") if start == i + 1 else "town"
                known = token in KU_IN or start > i + 1
                found.append(CuedName(start, end, start, end, kind, needs_known=known))
    return found


# Every cue word, Arabic ones with their proclitics (وبقرية, لمدينة), so that one set lookup skips the rest.
AR_CUES = {p + word: kind for word, kind in AR_BEFORE.items() for p in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")}
CUE_WORDS = frozenset(EN_BEFORE) | frozenset(EN_AFTER) | PART_OF | frozenset(AR_CUES) | frozenset(KU_BEFORE) | KU_IN


def _capitalised(doc: Document, i: int) -> bool:
    word = doc.text[doc.starts[i] : doc.ends[i]]
    for article in ("al-", "el-", "ad-", "ash-", "as-", "ar-", "az-", "al ", "el "):
        if word[: len(article)].lower() == article:
            word = word[len(article) :]
            break
    return word[:1].isupper() and doc.norms[i] not in NOT_NAMES


def _latin_name_end(doc: Document, start: int) -> int:
    """The end of a capitalised name of up to three words starting at ``start`` ("Jazarat Al-Bohamid")."""
    tokens, j = doc.norms, start
    while j < min(len(tokens), start + 4) and tokens[j].isalpha():
        if tokens[j] in ARTICLES or _capitalised(doc, j):
            j += 1
            continue
        break
    while j > start and tokens[j - 1] in ARTICLES:
        j -= 1
    return j if j > start and any(_capitalised(doc, k) for k in range(start, j)) else start


def _latin_name_start(doc: Document, end: int) -> int:
    """The start of a capitalised name of up to three words ending before ``end`` ("Tal Hamis town")."""
    tokens, j = doc.norms, end
    while (
        j > max(0, end - 4)
        and tokens[j - 1].isalpha()
        and (_capitalised(doc, j - 1) or (tokens[j - 1] in ARTICLES and j < end))
    ):
        j -= 1
    return j


def _arabic_name_end(tokens: list[str], start: int, road: bool) -> int:
    """One word, or two when the second belongs to the name (جزرة الميلاج, زغير جزيرة); a road's name up to
    three words, and "بين X و Y"."""
    if start >= len(tokens) or not _arabic_word(tokens[start]):
        return start
    end = start + 1
    limit = start + (4 if road else 2)
    while end < min(len(tokens), limit) and _arabic_word(tokens[end]):
        if not road and tokens[end] not in AR_SECOND and not tokens[end - 1].startswith("جزر"):
            break
        if road and tokens[end].startswith(("ب", "في", "شرق", "غرب", "شمال", "جنوب")):
            break
        end += 1
    return end


QUOTES = frozenset({'"', "“", "”", "«", "»"})


AR_STOPS = lexicon(
    "ما مما الذي التي في على من منتصف حيث عند قرب بين العام الرئيسي الدولي الواصل"
    " يوم اليوم امس أمس صباح مساء ليلة الليلة فجر ظهر اثناء خلال بعد قبل"
)


def _arabic_word(token: str) -> bool:
    return token.isalpha() and not token.isascii() and token not in NOT_NAMES and token not in AR_STOPS


def _kurdish_name(doc: Document, i: int) -> bool:
    token = doc.norms[i]
    if token.isascii():
        return token.isalpha() and _capitalised(doc, i)
    return token not in NOT_NAMES and len(token) >= 3


_VOWELS = [(vowel, "") for vowel in "eaiouyw"]  # a skeleton keeps consonants only
_LATIN = [
    ("kh", "K"),
    ("sh", "S"),
    ("gh", "G"),
    ("th", "t"),
    ("dh", "d"),
    ("ch", "C"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("x", "K"),
    *_VOWELS,
]
_KURMANJI = [
    ("sh", "S"),
    ("x", "K"),
    ("c", "j"),
    ("q", "k"),
    *_VOWELS,
]
_ARABIC = str.maketrans(
    {
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "j",
        "ح": "h",
        "خ": "K",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "S",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "غ": "G",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "ا": "",
        "و": "",
        "ي": "",
        "ء": "",
        "ع": "",
        "ڤ": "v",
        "گ": "g",
        "چ": "C",
        "پ": "p",
        "ژ": "j",
    }
)
KURMANJI_SUFFIX = re.compile(r"(?:ye|ya|yi|e|a|i)$")


@lru_cache(maxsize=65536)
def skeleton(name: str, script: str = "") -> str:
    """Consonants of a normalised name in a script-independent form: الشحيل, al-Shuhail and Şuheyl meet.
    ``script``: "kmr" (Kurmanji letters: c is j, x is kh; an oblique -ê dropped) or "ckb" (Sorani: the
    vowel ە, written ه once normalised, is no consonant)."""
    words = [w for w in name.split() if w not in {"al", "el"}]
    out = []
    for word in words:
        if "\u0600" <= word[:1] <= "\u06ff":
            word = word[2:] if word.startswith("ال") else word
            word = word.replace("ه", "") if script == "ckb" else word[:-1] if word.endswith("ه") else word
            out.append(word.translate(_ARABIC))
            continue
        if script == "kmr":
            word = KURMANJI_SUFFIX.sub("", word) if len(word) > 4 else word
        for old, new in _KURMANJI if script == "kmr" else _LATIN:
            word = word.replace(old, new)
        if script != "kmr":
            word = word[:-1] if word.endswith("h") else word  # Raqqah, Shaddadah
        out.append(re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-zA-Z]", "", word)))
    return "".join(re.sub(r"(.)\1+", r"\1", w) for w in out)
