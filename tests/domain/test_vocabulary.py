from __future__ import annotations

import pytest
import yaml

from marsad.domain.keys import CODE_KEYS, Kind
from marsad.domain.vocabulary import DEFAULT_PATH, UnknownTermError, Vocabularies, fold, parse_vocabularies


def test_actor_aliases_in_any_script_resolve_to_one_key(vocab: Vocabularies) -> None:
    for written in ("isis", "IS", "ISIL", "Daesh", "داعش", "Islamic State", "islamic-state"):
        assert vocab.actors.resolve(written) == "isis"


def test_labels_and_separators_are_accepted(vocab: Vocabularies) -> None:
    assert vocab.types.resolve("Motorcycle bomb") == "motorcycle_bomb"
    assert vocab.types.resolve("motorcycle-bomb") == "motorcycle_bomb"
    assert vocab.types.resolve("Car bomb") == "vbied"
    assert vocab.regions.resolve("Deir-ez-Zor") == "deir_ez_zor"


def test_unknown_value_lists_allowed_values_and_suggests_the_closest(vocab: Vocabularies) -> None:
    with pytest.raises(UnknownTermError) as caught:
        vocab.types.resolve("assasination")
    message = str(caught.value)
    assert "'assasination' is not a known type value" in message
    assert "did you mean 'assassination'?" in message
    assert "allowed: ied, vbied" in message


def test_unknown_value_far_from_everything_has_no_suggestion(vocab: Vocabularies) -> None:
    with pytest.raises(UnknownTermError) as caught:
        vocab.kinds.resolve("zzzzqqq")
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)


def test_every_type_belongs_to_a_kind_and_other_kind_takes_any_type(vocab: Vocabularies) -> None:
    assert "raid" not in vocab.types_for_kind("attack")
    assert "ied" not in vocab.types_for_kind("raid")
    assert set(vocab.types_for_kind("other")) == set(vocab.types.keys)


def test_regions_come_from_district_before_governorate(vocab: Vocabularies) -> None:
    assert vocab.region_for("Al-Hasakah", "Al-Qamishli") == "jazira"
    assert vocab.region_for("Ar-Raqqah", "Al-Thawrah") == "tabqa"
    assert vocab.region_for("Ar-Raqqah", "Tell Abyad") == "euphrates"
    assert vocab.region_for("Aleppo", "Manbij") == "manbij"
    assert vocab.region_for("Aleppo", "Mount Simeon") is None
    assert vocab.region_for(None, None) is None


def test_a_file_missing_a_vocabulary_or_repeating_a_key_is_refused() -> None:
    with pytest.raises(ValueError, match="'kinds' vocabulary is missing"):
        parse_vocabularies({"types": [{"key": "x", "kind": "attack"}]})
    minimal = {
        name: [{"key": "a"}]
        for name in (
            "kinds",
            "actors",
            "attributions",
            "targets",
            "forces",
            "source_types",
            "date_precisions",
            "geo_precisions",
            "statuses",
            "regions",
        )
    }
    minimal["grades"] = [{"key": "confirmed", "definition": "Verified."}, {"key": "weak", "definition": "One source."}]
    minimal |= {name: [{"key": str(key)} for key in keys] for name, keys in CODE_KEYS.items()}
    with pytest.raises(ValueError, match="repeats the key"):
        parse_vocabularies({**minimal, "types": [{"key": "x", "kind": "a"}, {"key": "x", "kind": "a"}]})
    with pytest.raises(ValueError, match="type 'x' needs a kind"):
        parse_vocabularies({**minimal, "types": [{"key": "x", "kind": "nope"}]})


def test_grades_keep_the_keys_old_records_were_mapped_onto_and_each_has_a_definition(vocab: Vocabularies) -> None:
    assert vocab.grades.keys == ["confirmed", "fair", "weak", "contested", "discounted"]
    assert all(term.definition.endswith(".") for term in vocab.grades)
    assert vocab.in_language("ar").grades.label("fair") == "مقبول"
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    without_weak = {**data, "grades": [g for g in data["grades"] if g["key"] != "weak"]}
    with pytest.raises(ValueError, match="grades needs the key 'weak'"):
        parse_vocabularies(without_weak)
    undefined = {**data, "grades": [{**g, "definition": ""} if g["key"] == "fair" else g for g in data["grades"]]}
    with pytest.raises(ValueError, match="grades fair need a definition"):
        parse_vocabularies(undefined)


def test_the_counted_grades_setting_names_grades_of_the_vocabulary(vocab: Vocabularies) -> None:
    assert vocab.counted_grades == ("confirmed", "fair")
    assert vocab.with_counted_grades("Weak, confirmed").counted_grades == ("confirmed", "weak")
    assert vocab.with_counted_grades(" ").counted_grades == ("confirmed", "fair")
    with pytest.raises(ValueError, match="MARSAD_COUNTED_GRADES: 'sure' is not a known grade value"):
        vocab.with_counted_grades("confirmed,sure")


def test_a_team_file_changes_labels_everywhere(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from marsad.domain.vocabulary import load_vocabularies

    custom = tmp_path / "vocab.yaml"
    custom.write_text(DEFAULT_PATH.read_text(encoding="utf-8").replace("label: Jazira", "label: Cizîrê"))
    assert load_vocabularies(custom).regions.label("jazira") == "Cizîrê"


def test_fold_ignores_case_accents_and_separators() -> None:
    assert fold("Motorcycle-Bomb") == fold("motorcycle_bomb") == "motorcycle bomb"
    assert fold("Cizîr") == "cizir"


def test_labels_in_another_language_keep_keys_and_colours(vocab: Vocabularies) -> None:
    arabic = vocab.in_language("ar")
    assert arabic.types.label("ied") == "عبوة ناسفة"
    assert arabic.regions.label("jazira") == "الجزيرة"
    assert arabic.types.colour("ied") == vocab.types.colour("ied")
    assert arabic.in_language("en").types.label("ied") == "IED"
    assert vocab.in_language("ckb").actors.label("isis") == "داعش"
    assert vocab.in_language("fr").types.label("ied") == "IED"  # no label given: the file's own


def test_a_teams_file_may_relabel_the_keys_the_code_relies_on_but_not_drop_them() -> None:
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    relabelled = {
        **data,
        "kinds": [{**k, "label": "Counter-terror raid"} if k["key"] == "raid" else k for k in data["kinds"]],
    }
    assert parse_vocabularies(relabelled).kinds.label(Kind.RAID) == "Counter-terror raid"
    without_raids = {**data, "kinds": [k for k in data["kinds"] if k["key"] != "raid"]}
    with pytest.raises(ValueError, match=r"kinds needs the key\(s\) raid, which Marsad's code relies on"):
        parse_vocabularies(without_raids, where="team.yaml")
    statuses = {**data, "statuses": [s for s in data["statuses"] if s["key"] not in ("merged", "in_review")]}
    with pytest.raises(ValueError, match=r"team\.yaml: statuses needs the key\(s\) in_review, merged"):
        parse_vocabularies(statuses, where="team.yaml")
    for name, keys in CODE_KEYS.items():
        assert set(keys) <= set(getattr(parse_vocabularies(data), name).keys)  # the shipped file holds them all


def test_definitions_come_in_the_readers_language_and_fall_back_to_the_files_own(vocab: Vocabularies) -> None:
    arabic = vocab.in_language("ar")
    assert arabic.grades.term("confirmed").definition.startswith("تحقّق الفريق من الحادثة")
    assert vocab.in_language("ku").grades.term("weak").definition.startswith("Tenê yek çavkanî")
    assert vocab.in_language("ckb").indicators.term("returns").definition.startswith("ئەو سوورییانەی")
    english = vocab.grades.term("confirmed").definition
    assert arabic.in_language("en").grades.term("confirmed").definition == english
    assert vocab.in_language("fr").grades.term("confirmed").definition == english


@pytest.mark.parametrize("language", ["ar", "ku", "ckb"])
def test_every_shipped_definition_is_given_in_each_language_the_site_speaks(vocab: Vocabularies, language: str) -> None:
    defined = [term for name in ("grades", "indicators", "series_groups") for term in getattr(vocab, name)]
    defined = [term for term in defined if term.definition]
    untranslated = [term.key for term in defined if dict(term.definitions).get(language) is None]
    assert defined and not untranslated


def test_definitions_in_a_teams_file_must_be_language_and_text_pairs() -> None:
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    broken = {**data, "grades": [{**g, "definitions": ["مؤكد"]} if g["key"] == "fair" else g for g in data["grades"]]}
    with pytest.raises(ValueError, match="'fair' has definitions that are not 'language: text' pairs"):
        parse_vocabularies(broken, where="team.yaml")
