"""Which module words the key points in which language: each writes its own sentences from the same facts."""

from __future__ import annotations

from collections.abc import Sequence

from marsad.analysis.keypoints import KeyPoint
from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.report.arabic_key_points import ArabicKeyPoints
from marsad.report.key_point_text import EnglishKeyPoints
from marsad.report.kurdish_key_points import DIALECTS, KurdishKeyPoints


def key_point_sentences(
    points: Sequence[KeyPoint], month: Month, scope: Scope, vocab: Vocabularies, language: str = "en"
) -> list[str]:
    """The key points in ``language`` (en, ar, ku, ckb; English for any other)."""
    if language == "ar":
        return ArabicKeyPoints(month, scope, vocab).sentences(points)
    if language in DIALECTS:
        return KurdishKeyPoints(month, scope, vocab, language).sentences(points)
    return EnglishKeyPoints(month, scope, vocab).sentences(points)
