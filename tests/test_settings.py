from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.settings import Publisher, SettingsError, load_settings


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


def test_the_publisher_of_reports(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8")
    settings = load_settings(
        {"MARSAD_TEAM_NAME": " NES Monitor ", "MARSAD_TEAM_LOGO": str(logo), "MARSAD_SITE_URL": "https://m.example/"}
    )
    assert settings.publisher == Publisher("NES Monitor", logo, "https://m.example")
    assert load_settings({}).publisher == Publisher()


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MARSAD_TEAM_LOGO": "/nowhere/logo.png"}, "MARSAD_TEAM_LOGO: there is no file at '/nowhere/logo.png'"),
        ({"MARSAD_TEAM_LOGO": "/etc/hostname"}, "MARSAD_TEAM_LOGO: '/etc/hostname' is not an image; use a .png"),
        ({"MARSAD_SITE_URL": "monitor.example.org"}, "write it as https://monitor.example.org"),
        (
            {"MARSAD_SITE_URL": "https://m.example/?page=1"},
            "MARSAD_SITE_URL: 'https://m.example/?page=1' is not a site",
        ),
    ],
)
def test_a_logo_or_site_address_that_cannot_work_is_refused(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings(environ)


def test_a_large_logo_is_refused(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG" + bytes(1_000_001))
    with pytest.raises(SettingsError, match="is over 1 MB"):
        load_settings({"MARSAD_TEAM_LOGO": str(logo)})


def test_the_site_title_and_scope_are_the_teams_and_stay_short() -> None:
    settings = load_settings({"MARSAD_SITE_TITLE": "  Rojava   Monitor ", "MARSAD_SCOPE": "ISIS attacks in NE Syria"})
    assert (settings.publisher.site_title, settings.publisher.scope) == ("Rojava Monitor", "ISIS attacks in NE Syria")
    assert load_settings({}).publisher.site_title == "Marsad" and load_settings({}).publisher.scope is None
    with pytest.raises(SettingsError, match="MARSAD_SCOPE: 301 characters; keep it to 300"):
        load_settings({"MARSAD_SCOPE": "x" * 301})
