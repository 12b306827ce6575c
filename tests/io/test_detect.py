"""One layout detection for `marsad import`, the desk's import and `marsad compare`: every layout Marsad reads,
told from the file, and a sentence for a file that is none of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.domain.incident import CANONICAL_COLUMNS
from marsad.io.acled import ACLED_COLUMNS
from marsad.io.detect import chosen_layout, detect_layout, layout_hint
from marsad.io.formats import UnknownFormatError
from marsad.io.limits import BadFileError
from marsad.io.xlsx_template import write_template

GED_41 = [
    "id",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "gwnob",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
]
GED_49 = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]


def table(path: Path, header: list[str] | tuple[str, ...], *rows: dict[str, str]) -> Path:
    lines = [",".join(header), *(",".join(row.get(c, "") for c in header) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_ged_layouts_have_their_column_counts() -> None:
    assert (len(GED_41), len(GED_49)) == (41, 49)


@pytest.mark.parametrize(
    ("name", "header", "rows", "fmt", "words"),
    [
        ("incidents.csv", CANONICAL_COLUMNS, (), "csv", "Marsad's canonical CSV"),
        ("incidents.csv", ("date", "type", "place"), (), "csv", "Marsad's canonical CSV"),
        ("export.csv", ACLED_COLUMNS, (), "acled", "an ACLED export (31 columns)"),
        ("ged191.csv", GED_41, (), "ged", "UCDP GED, the 41-column layout up to 19.1 (41 columns)"),
        ("GEDEvent_v23_1.csv", GED_49, ({"code_status": "Clear"},), "ged", "the 49-column layout of 20.1 on"),
        ("GEDEvent_v24_0_3.csv", GED_49, ({"code_status": "Clear"},), "ged", "a UCDP Candidate file"),
        ("events.csv", GED_49, ({"code_status": "Clear"}, {"code_status": "Check dyad"}), "ged", "Candidate"),
    ],
)
def test_a_table_is_told_by_its_header(
    tmp_path: Path, name: str, header: tuple[str, ...], rows: tuple[dict[str, str], ...], fmt: str, words: str
) -> None:
    layout = detect_layout(table(tmp_path / name, header, *rows))
    assert layout.name == fmt and words in layout.description


def test_workbooks_json_and_geojson_are_told_apart(tmp_path: Path, vocab: object, gazetteer: object) -> None:
    workbook = tmp_path / "team.xlsx"
    write_template(workbook, vocab, gazetteer)  # type: ignore[arg-type]
    assert detect_layout(workbook).name == "xlsx"
    listed = tmp_path / "incidents.json"
    listed.write_text(json.dumps([{"date": "2019-07-01", "type": "ied"}]), encoding="utf-8")
    assert detect_layout(listed).name == "json"
    features = tmp_path / "map.json"
    features.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    assert detect_layout(features).name == "geojson"


def test_a_file_of_no_known_layout_names_its_header_and_suggests_format(tmp_path: Path) -> None:
    with pytest.raises(BadFileError) as refused:
        detect_layout(table(tmp_path / "odd.csv", ["what", "ever"]))
    assert str(refused.value) == (
        "cannot tell the layout of odd.csv: its header ('what', 'ever') is neither Marsad's columns nor ACLED's "
        "nor UCDP GED's; name it with --format (csv, xlsx, json, geojson, acled, ged)"
    )
    with pytest.raises(UnknownFormatError, match="use --format"):
        detect_layout(tmp_path / "incidents.docx")


def test_format_overrides_and_a_wrong_one_gets_a_hint(tmp_path: Path) -> None:
    ged = table(tmp_path / "ged.csv", GED_41)
    assert chosen_layout(ged, "csv").name == "csv"
    assert layout_hint(ged, "csv") == (
        " it looks like UCDP GED, the 41-column layout up to 19.1 (41 columns): use --format ged, "
        "or leave --format out."
    )
    assert layout_hint(ged, "ged") == ""


def test_import_compare_and_the_desk_share_the_detection() -> None:
    from marsad.cli import compare_command, import_file_command, mapping_commands
    from marsad.services import comparing, import_job

    for module in (import_file_command, compare_command, mapping_commands):
        assert module.chosen_layout is chosen_layout
    assert import_job.detect_layout is detect_layout and comparing.detect_layout is detect_layout
