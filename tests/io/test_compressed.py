"""Compressed downloads (UCDP's .csv.zip, mirrors' .csv.gz) are read as the file inside, or refused in a sentence."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.io import compressed
from marsad.io.compressed import inner_name, unpacked
from marsad.io.limits import BadFileError

CSV = b"id,date,type\n2019-07-0001,2019-07-02,ied\n"


def test_a_gzip_download_is_read_as_the_file_it_holds(tmp_path: Path) -> None:
    packed = tmp_path / "ged_syria.csv.gz"
    packed.write_bytes(gzip.compress(CSV))
    with unpacked(packed) as inside:
        assert (inside.name, inside.read_bytes()) == ("ged_syria.csv", CSV)
        folder = inside.parent
    assert not folder.exists()  # unpacked only for as long as the import reads it
    plain = tmp_path / "plain.csv"
    plain.write_bytes(CSV)
    with unpacked(plain) as same:
        assert same == plain


def test_a_zip_download_is_read_as_its_one_data_file_whatever_the_archiver_added(tmp_path: Path) -> None:
    packed = tmp_path / "ged241-csv.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("GEDEvent_v24_1.csv", CSV)
        archive.writestr("__MACOSX/._GEDEvent_v24_1.csv", b"\x00\x05")
        archive.writestr(".DS_Store", b"junk")
        archive.writestr("docs/", b"")
    with unpacked(packed) as inside:
        assert (inside.name, inside.read_bytes()) == ("GEDEvent_v24_1.csv", CSV)


def test_a_name_in_a_zip_cannot_write_outside_the_folder(tmp_path: Path) -> None:
    packed = tmp_path / "evil.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("../../outside.csv", CSV)
    with unpacked(packed) as inside:
        assert inside.name == "outside.csv" and inside.parent.name.startswith("marsad-unpacked-")
    assert not (tmp_path.parent / "outside.csv").exists()


def test_archives_that_hold_no_single_file_to_import_say_what_they_hold(tmp_path: Path) -> None:
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", CSV)
        archive.writestr("b.csv", CSV)
    with (
        pytest.raises(
            BadFileError, match=r"two.zip should hold one file to import .* it holds 2 files \(a.csv, b.csv\)"
        ),
        unpacked(two),
    ):
        pass
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    with pytest.raises(BadFileError, match="but it is empty: unzip it"), unpacked(empty):
        pass


def test_a_truncated_or_false_archive_is_a_sentence(tmp_path: Path) -> None:
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(CSV * 100)[:40])
    with pytest.raises(BadFileError, match=r"cut\.csv\.gz is not a complete gzip file"), unpacked(cut):
        pass
    false = tmp_path / "false.zip"
    false.write_bytes(b"id,date\n")
    with pytest.raises(BadFileError, match=r"false\.zip is not a zip archive"), unpacked(false):
        pass


def test_an_archive_that_unpacks_too_large_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compressed, "MAX_UNPACKED_BYTES", 2**20)
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(gzip.compress(b"0" * (3 * 2**20)))
    with pytest.raises(BadFileError, match=r"bomb\.csv\.gz unpacks to more than"), unpacked(bomb):
        pass


def test_names_say_what_they_hold() -> None:
    assert [inner_name(n) for n in ("ged.csv.gz", "GED.CSV.GZ", "ged.zip", "ged.csv")] == [
        "ged.csv",
        "GED.CSV",
        "ged.zip",
        "ged.csv",
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".csv.gz", ".zip"]))
def test_any_bytes_under_an_archive_name_unpack_or_are_refused_in_a_sentence(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    packed = tmp_path / f"download{suffix}"
    packed.write_bytes(content)
    try:
        with unpacked(packed) as inside:
            inside.read_bytes()
    except BadFileError as error:
        assert "download" in str(error)
