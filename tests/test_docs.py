"""Docs as code: the codebook documents every field and every controlled value in the default vocabulary."""

from __future__ import annotations

import json
import re
import typing
from dataclasses import fields
from pathlib import Path

from marsad import settings as settings_module
from marsad.analysis.keypoints import KeyFact
from marsad.domain.incident import CANONICAL_COLUMNS, SOURCE_FIELDS
from marsad.domain.vocabulary import Vocabularies
from marsad.report.contract_docs import keys_markdown
from marsad.report.contract_models import ReportJson

CODEBOOK = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"
README = Path(__file__).resolve().parents[1] / "README.md"


def documented_fields(section: str) -> list[str]:
    text = CODEBOOK.read_text(encoding="utf-8").split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_0-9]+)` \|", text, flags=re.M)


def test_codebook_lists_every_column_in_canonical_order() -> None:
    assert documented_fields("Incident") == list(CANONICAL_COLUMNS)


def test_codebook_lists_every_source_field() -> None:
    assert documented_fields("Source") == list(SOURCE_FIELDS)


def test_codebook_names_every_controlled_value(vocab: Vocabularies) -> None:
    text = CODEBOOK.read_text(encoding="utf-8")
    for vocabulary in (
        vocab.kinds,
        vocab.types,
        vocab.actors,
        vocab.attributions,
        vocab.targets,
        vocab.forces,
        vocab.source_types,
        vocab.date_precisions,
        vocab.geo_precisions,
        vocab.statuses,
        vocab.regions,
    ):
        missing = [key for key in vocabulary.keys if f"`{key}`" not in text]
        assert not missing, f"{vocabulary.name}: {missing} are not in docs/codebook.md"


def test_readme_documents_every_setting() -> None:
    """Every MARSAD_* variable the code reads is in the README's settings table and in settings.py's."""
    source = Path(__file__).resolve().parents[1] / "src"
    read = {
        name
        for path in source.rglob("*.py")
        for name in re.findall(r"[\"'](MARSAD_[A-Z_]+)[\"']", path.read_text(encoding="utf-8"))
    }
    table = README.read_text(encoding="utf-8").split("### Where the data lives", 1)[1]
    assert read and not [name for name in sorted(read) if f"`{name}`" not in table]
    documented = settings_module.__doc__ or ""
    assert not [name for name in sorted(read) if name not in documented], "add it to settings.py's table too"


def test_codebook_lists_every_series_column_and_value(vocab: Vocabularies) -> None:
    from marsad.domain.series import COLUMN_NAMES, HXL_TAGS

    text = CODEBOOK.read_text(encoding="utf-8").split("## Indicator observation", 1)[1].split("\n## ", 1)[0]
    for name in COLUMN_NAMES:
        if not name.startswith("source_"):
            assert f"`{name}`" in text and f"`{HXL_TAGS[name]}`" in text, name
    for key in (*vocab.indicators.keys, *vocab.series_groups.keys):
        assert f"`{key}`" in text, key


REPORT_JSON = Path(__file__).resolve().parents[1] / "docs" / "report-json.md"


def test_report_json_page_holds_the_contracts_keys_as_the_models_write_them() -> None:
    """The tables of keys are generated from the models the API checks its answers against."""
    assert keys_markdown() in REPORT_JSON.read_text(encoding="utf-8"), "run: python -m marsad.report.contract_docs"


def test_report_json_example_has_every_key_and_every_fact_kind_its_fields() -> None:
    text = REPORT_JSON.read_text(encoding="utf-8")
    example = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    assert list(example) == list(ReportJson.model_fields)
    kinds = dict(re.findall(r"^\| `([a-z_]+)` \| (.+) \|$", text.split("| kind | fields |", 1)[1], flags=re.M))
    for fact in typing.get_args(KeyFact):
        assert fact.kind in kinds, fact.kind
        assert not [f.name for f in fields(fact) if f"`{f.name}`" not in kinds[fact.kind]], fact.kind
