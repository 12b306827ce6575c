"""`marsad extract train` and the extractor that uses what it learnt: one place for the CLI, the desk and intake.

The model file lives in the data folder (``extraction-model.pkl``); the extractor is rebuilt when the file
changes, so a retrained model is used without restarting the server.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.domain.keys import Kind
from marsad.extraction.learning import MIN_EXAMPLES, Example, TextModel, load_model, train
from marsad.extraction.pipeline import Extractor, default_extractor
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.storage.training import judged_texts

MODEL_FILE = "extraction-model.pkl"
UNTYPED = frozenset({"unknown", "other", "n/a"})  # not a method a classifier can learn from the wording


def model_path(data_dir: Path) -> Path:
    return data_dir / MODEL_FILE


def training_examples(session: Session) -> list[Example]:
    """The desk's judged texts as examples: an incident's text is relevant, its attack type the label."""
    return [
        Example(
            judged.text,
            relevant=judged.kind is not None,
            type=judged.type if judged.kind == Kind.ATTACK and judged.type not in UNTYPED else None,
        )
        for judged in judged_texts(session)
    ]


def train_model(session: Session, path: Path, min_examples: int = MIN_EXAMPLES) -> TextModel:
    """Train on the database's judged texts and save the model at ``path`` (ModelError when too few)."""
    model = train(training_examples(session), min_examples)
    model.save(path)
    return model


def extractor_for(data_dir: Path, gazetteer: Gazetteer) -> Extractor:
    """The extractor on ``gazetteer`` with the team's model when one was trained, else the rules alone."""
    path = model_path(data_dir)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return default_extractor(gazetteer)
    return _with_model(gazetteer, path, stamp)


@lru_cache(maxsize=2)
def _with_model(gazetteer: Gazetteer, path: Path, stamp: int) -> Extractor:
    """Built once per model file version (``stamp``): the gazetteer automaton is shared with the rules'."""
    return default_extractor(gazetteer).with_model(load_model(path))
