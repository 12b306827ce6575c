"""The learning layer: classifiers for attack type and relevance from the desk's own texts.

The examples here are generated (synthetic, they say nothing about real events): enough varied wording per
type for a character n-gram model to tell them apart, the way a team's few hundred records would.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from marsad.extraction.learning import Example, ModelError, load_model, train
from marsad.extraction.pipeline import default_extractor

PLACES = ["Hajin", "al-Shuhail", "Dhiban", "al-Busayrah", "Gharanij", "Tabqa", "Shaddadi", "Markada"]
WORDING = {
    "ied": [
        "an explosive device went off under an SDF vehicle near {p}, wounding {n} fighters",
        "a roadside bomb hit a military car on the road to {p}; {n} members were hurt",
        "عبوة ناسفة انفجرت بسيارة عسكرية لقسد قرب {p} وأصيب {n} عناصر",
    ],
    "armed_attack": [
        "gunmen opened fire on an SDF checkpoint in {p}, killing {n} fighters",
        "cell members shot at a patrol in {p} with machine guns; {n} dead",
        "مسلحون أطلقوا النار على حاجز لقسد في {p} ما أدى لمقتل {n} عناصر",
    ],
}
NOT_INCIDENTS = [
    "fuel prices in {p} went up again this week, residents say ({n} litres for a family)",
    "the council of {p} opened a new school for {n} hundred pupils",
    "ارتفاع أسعار الخبز في {p} للمرة {n} هذا العام",
]


def examples(count: int, seed: int = 3) -> list[Example]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        values = {"p": rng.choice(PLACES), "n": rng.randint(1, 9)}
        if i % 3 == 2:
            out.append(Example(rng.choice(NOT_INCIDENTS).format(**values), relevant=False))
        else:
            kind = "ied" if i % 3 == 0 else "armed_attack"
            out.append(Example(rng.choice(WORDING[kind]).format(**values), relevant=True, type=kind))
    return out


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "extraction-model.pkl"
    train(examples(240)).save(path)
    return path


def test_too_few_texts_are_refused_with_a_sentence() -> None:
    with pytest.raises(ModelError, match="30 texts to learn from; the classifier needs at least 200"):
        train(examples(30))


def test_the_model_tells_types_and_relevance_apart_on_wording_it_has_not_seen(model_file: Path) -> None:
    model = load_model(model_file)
    assert model is not None and model.examples == 240 and set(model.types) == {"ied", "armed_attack"}
    assert model.accuracy["type"] > 0.9 and model.accuracy["relevance"] > 0.9  # cross-validated, not training fit
    bomb = model.type_of("a bomb exploded under a military vehicle outside Hasakah, two members wounded")
    assert bomb is not None and bomb.value == "ied" and bomb.probability > 0.5
    relevance = model.relevance("bread prices in Raqqa went up again this month, families say")
    assert relevance is not None and relevance.value is False


def test_the_extractor_guesses_a_type_only_where_the_rules_found_none(model_file: Path) -> None:
    learnt = default_extractor().with_model(load_model(model_file))
    unnamed = learnt.extract("ISIS cells attacked an SDF checkpoint in Hajin and killed two fighters.")
    guess = unnamed.suggestions["type"]
    assert guess.value in {"armed_attack", "ied"} and "learnt from 240 of the team's texts" in guess.reason
    assert guess.confidence < 0.9 and guess.evidence == ()
    named = learnt.extract("An IED killed two SDF fighters in Hajin.")
    assert named.suggestions["type"].value == "ied" and named.suggestions["type"].evidence  # the rules' reading
    assert "relevant" in named.suggestions
    assert "relevant" not in default_extractor().extract("An IED killed two SDF fighters in Hajin.").suggestions


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "extraction-model.pkl"
    broken.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="run `marsad extract train` again"):
        load_model(broken)
    assert load_model(tmp_path / "none.pkl") is None
