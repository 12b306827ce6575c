from __future__ import annotations

from pathlib import Path

import pytest

from marsad.settings import SettingsError, load_settings


def test_default_is_a_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = load_settings({"MARSAD_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'marsad.db'}"
    assert settings.sqlite_path == tmp_path / "marsad.db"


def test_xdg_data_home_is_honoured(tmp_path: Path) -> None:
    assert load_settings({"XDG_DATA_HOME": str(tmp_path)}).data_dir == tmp_path / "marsad"


def test_postgres_url_is_taken_and_its_password_hidden_in_messages() -> None:
    settings = load_settings({"MARSAD_DATABASE_URL": "postgresql+psycopg://marsad:secret@db/marsad"})
    assert not settings.is_sqlite
    assert settings.display_url() == "postgresql+psycopg://marsad:***@db/marsad"


def test_unsupported_database_is_refused_with_what_to_use() -> None:
    with pytest.raises(SettingsError, match="'mysql' databases are not supported; use sqlite"):
        load_settings({"MARSAD_DATABASE_URL": "mysql://x@y/z"})


def test_a_tile_url_needs_placeholders_and_a_credit() -> None:
    with pytest.raises(SettingsError, match=r"write it as https://tiles.example.org/\{z\}/\{x\}/\{y\}.png"):
        load_settings({"MARSAD_TILE_URL": "https://tiles.example.org/tiles.png", "MARSAD_TILE_ATTRIBUTION": "x"})
    with pytest.raises(SettingsError, match="MARSAD_TILE_ATTRIBUTION: tile providers require a credit"):
        load_settings({"MARSAD_TILE_URL": "https://t.example/{z}/{x}/{y}.png"})
    settings = load_settings(
        {"MARSAD_TILE_URL": "https://t.example:8080/{z}/{x}/{y}.png", "MARSAD_TILE_ATTRIBUTION": "©"}
    )
    assert settings.tile_origin == "https://t.example:8080"
