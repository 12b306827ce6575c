"""The counting rule's grades in words, in any language the site speaks: "Counted: confirmed and fair."

Every surface that shows headline figures (reports in each format, the map, the dataset, the API) says which
grades they count with this one sentence, from the vocabulary's labels and the setting in force.
"""

from __future__ import annotations

from marsad.domain.vocabulary import Vocabularies
from marsad.i18n.catalogues import N_, gettext

COUNTED_GRADES = N_("Counted: {grades}.")
AND = N_("{items} and {last}")


def counted_grades_words(vocab: Vocabularies, language: str = "en") -> str:
    """Which grades the figures count, as a sentence in ``language`` ("Counted: confirmed and fair.")."""
    worded = vocab.in_language(language) if language != "en" else vocab
    labels = [worded.grades.label(key).lower() for key in vocab.counted_grades]
    separator = "، " if language in ("ar", "ckb") else ", "
    joined = (
        labels[0]
        if len(labels) == 1
        else gettext(language, AND).format(items=separator.join(labels[:-1]), last=labels[-1])
    )
    return gettext(language, COUNTED_GRADES).format(grades=joined)
