"""What the team's own records teach: a text's attack type, and whether it reports an incident at all.

The rules read what a text says outright; a team's confirmed incidents, with the texts they were entered from,
also show how its channels word things the rules do not know. Two classifiers on character n-grams (they
work across Arabic, Kurdish and English spellings without a tokeniser, and survive typos): the attack type,
learnt from confirmed attacks, and relevance, learnt from those texts against the inbox items the desk
dismissed. Each answers with a probability, which becomes the suggestion's confidence: a guess below the
threshold is listed to check, never filled. ``marsad extract train`` builds the model; the extractor uses it
where the rules found nothing.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # scikit-learn takes seconds to import: only training (or a saved model) loads it
    from sklearn.pipeline import Pipeline

MIN_EXAMPLES = 200  # "a few hundred confirmed incidents": fewer teach the classifier the fixtures, not the channels
MIN_PER_CLASS = 5  # a type seen fewer times than this is left to the rules
FORMAT = 1  # the saved file's layout; a model saved by another layout is refused, not misread


@dataclass(frozen=True, slots=True)
class Example:
    """One text with what the desk made of it: ``type`` for a confirmed attack, ``relevant`` False for an
    inbox item dismissed as not an incident."""

    text: str
    relevant: bool
    type: str | None = None


@dataclass(frozen=True)
class Guess:
    value: str | bool
    probability: float


@dataclass
class TextModel:
    """The two classifiers, what they were trained on, and how well they did on texts they did not see."""

    type_model: Pipeline | None
    relevance_model: Pipeline | None
    trained_at: dt.datetime
    examples: int
    types: dict[str, int]
    accuracy: dict[str, float] = field(default_factory=dict)  # cross-validated, by classifier
    format: int = FORMAT

    def type_of(self, text: str) -> Guess | None:
        return _best(self.type_model, text)

    def relevance(self, text: str) -> Guess | None:
        guess = _best(self.relevance_model, text)
        return None if guess is None else Guess(guess.value == "yes", guess.probability)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(pickle.dumps(self))
        partial.replace(path)  # a reader never sees half a file


class ModelError(ValueError):
    """Too few examples to learn from, or a model file that cannot be used; the message says which."""


def train(examples: list[Example], min_examples: int = MIN_EXAMPLES) -> TextModel:
    """Both classifiers from the desk's examples; refuses with a sentence when there are too few."""
    texts = [e for e in examples if e.text.strip()]
    if len(texts) < min_examples:
        raise ModelError(
            f"{len(texts)} texts to learn from; the classifier needs at least {min_examples} (confirmed incidents "
            "with a source excerpt, inbox items handled or dismissed, quick entries saved)"
        )
    typed = [e for e in texts if e.relevant and e.type]
    types = Counter(e.type for e in typed if e.type)
    kept = {t for t, n in types.items() if n >= MIN_PER_CLASS}
    typed = [e for e in typed if e.type in kept]
    accuracy: dict[str, float] = {}
    type_model = _fit([e.text for e in typed], [str(e.type) for e in typed], accuracy, "type")
    labels = ["yes" if e.relevant else "no" for e in texts]
    relevance_model = _fit([e.text for e in texts], labels, accuracy, "relevance")
    return TextModel(
        type_model,
        relevance_model,
        dt.datetime.now(dt.UTC),
        len(texts),
        {t: types[t] for t in sorted(kept)},
        accuracy,
    )


def load_model(path: Path) -> TextModel | None:
    """The model saved by ``marsad extract train`` (our own file, in the data folder), or None if there is none."""
    if not path.exists():
        return None
    try:
        model = pickle.loads(path.read_bytes())  # our own file, written by train; never an upload
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        raise ModelError(f"{path}: not a model Marsad can read ({error}); run `marsad extract train` again") from None
    if not isinstance(model, TextModel) or getattr(model, "format", None) != FORMAT:
        raise ModelError(f"{path}: a model of another Marsad version; run `marsad extract train` again")
    return model


def _fit(texts: list[str], labels: list[str], accuracy: dict[str, float], name: str) -> Pipeline | None:
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    counts = Counter(labels)
    if len(counts) < 2 or min(counts.values()) < MIN_PER_CLASS:
        return None  # one class only (no dismissed items yet, one attack type): nothing to tell apart
    folds = min(5, min(counts.values()))
    accuracy[name] = float(cross_val_score(_pipeline(folds), texts, labels, cv=StratifiedKFold(folds)).mean())
    return _pipeline(folds).fit(texts, labels)


def _pipeline(folds: int) -> Pipeline:
    """Character 2–5-grams inside word boundaries, sublinear tf-idf, a linear SVM calibrated to probabilities."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    vectoriser = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=200_000
    )
    classifier = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), cv=min(3, folds))
    return make_pipeline(vectoriser, classifier)


def _best(model: Pipeline | None, text: str) -> Guess | None:
    if model is None or not text.strip():
        return None
    probabilities = model.predict_proba([text])[0]
    index = int(probabilities.argmax())
    return Guess(str(model.classes_[index]), float(probabilities[index]))
