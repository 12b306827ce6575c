"""Where Marsad keeps its data, read from the environment once and refusing values it cannot use.

| variable | default | meaning |
|---|---|---|
| MARSAD_DATA_DIR | $XDG_DATA_HOME/marsad (~/.local/share/marsad) | folder for the SQLite database and files |
| MARSAD_DATABASE_URL | sqlite:///<data dir>/marsad.db | SQLAlchemy URL: sqlite:///… or postgresql+psycopg://… |
| MARSAD_VOCABULARIES | the shipped vocabularies.yaml | a team's own vocabulary file |
| MARSAD_COUNTED_GRADES | confirmed,fair | the grades headline figures count (reports, map and dataset say so) |
| MARSAD_ARCHIVE_DIR | <data dir>/archive | archived copies of sources (WARC files named by SHA-256) |
| MARSAD_TILE_URL | (none: the offline basemap) | raster tiles under the map, https://…/{z}/{x}/{y}.png |
| MARSAD_TILE_ATTRIBUTION | (required with a tile URL) | the credit the tile provider asks for |
| MARSAD_FETCH_ALLOW | (none: public addresses only) | internal networks, hosts to fetch: 10.0.0.0/8,intranet.example |
| MARSAD_TEAM_NAME | (none) | the team that publishes the reports, on each report's first page |
| MARSAD_TEAM_LOGO | (none) | the team's logo (PNG, JPEG, GIF, WebP or SVG file, at most 1 MB) beside its name |
| MARSAD_SITE_URL | (none) | the public site, https://monitor.example.org: reports link incidents to their pages there |
| MARSAD_SITE_TITLE | Marsad | the site's name, in every page's header and on the home page |
| MARSAD_SCOPE | (a general line) | what the dataset covers, under the title: "ISIS attacks in NE Syria since 2019" |
| MARSAD_ACLED_KEY, MARSAD_ACLED_EMAIL | (none) | ACLED API access for `marsad import acled` |
| MARSAD_ACLED_URL | ACLED's API address | another ACLED API address (a mirror, or a recorded copy in tests) |
| MARSAD_ACLED_MAPPING, MARSAD_GED_MAPPING | the shipped files | how ACLED's and UCDP's values become Marsad's (io/) |

Only this module reads the environment; ``marsad.application`` builds what the settings name (the engine, the
vocabularies, the gazetteer, the mapping files) and hands it down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from marsad.domain.vocabulary import COUNTED_GRADES_SETTING
from marsad.fetching import AllowList, Fetcher

SUPPORTED_SCHEMES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reports and where the public site is (MARSAD_TEAM_NAME, _TEAM_LOGO, _SITE_URL)."""

    team_name: str | None = None
    team_logo: Path | None = None
    site_url: str | None = None  # without a trailing slash
    site_title: str = "Marsad"
    scope: str | None = None  # what the dataset covers, in one line


@dataclass(frozen=True)
class AcledAccess:
    """ACLED's API address and this team's access to it (MARSAD_ACLED_URL, _KEY, _EMAIL); None: not given."""

    url: str = "https://api.acleddata.com/acled/read"
    key: str | None = None
    email: str | None = None


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable and what it accepts."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    tile_url: str | None = None
    tile_attribution: str | None = None
    archive_dir_setting: Path | None = None
    fetch_allow: AllowList = field(default_factory=AllowList)
    publisher: Publisher = field(default_factory=lambda: Publisher())
    # a team's own files; None: the shipped ones
    vocabularies_file: Path | None = None
    acled_mapping: Path | None = None
    ged_mapping: Path | None = None
    counted_grades: str | None = None  # as written; the vocabularies say which grades it names
    acled: AcledAccess = field(default_factory=AcledAccess)

    @property
    def fetcher(self) -> Fetcher:
        """The fenced fetch for archiving, link checks and intake, with this team's allow-list."""
        return Fetcher(allow=self.fetch_allow)

    @property
    def archive_dir(self) -> Path:
        """Where archived copies of sources are kept (a plain directory; back it up with the database)."""
        return self.archive_dir_setting or self.data_dir / "archive"

    @property
    def jobs_dir(self) -> Path:
        """Long work's progress and results (imports from the desk, report PDFs), shared by the server's workers."""
        return self.data_dir / "jobs"

    @property
    def tile_origin(self) -> str | None:
        """The tile server's origin, which the page's content security policy must allow."""
        if not self.tile_url:
            return None
        parts = urlsplit(self.tile_url.replace("{", "").replace("}", ""))
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        """The database file of a file-backed SQLite URL."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix) or self.database_url == "sqlite://":
            return None
        return Path(self.database_url[len(prefix) :])

    def display_url(self) -> str:
        """The database URL with any password hidden, for messages."""
        scheme, sep, rest = self.database_url.partition("://")
        credentials, at, host = rest.rpartition("@")
        if at and ":" in credentials:
            credentials = credentials.split(":", 1)[0] + ":***"
        return f"{scheme}{sep}{credentials}{at}{host}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    data_dir = Path(env.get("MARSAD_DATA_DIR") or Path(xdg) / "marsad").expanduser()
    url = env.get("MARSAD_DATABASE_URL") or f"sqlite:///{data_dir / 'marsad.db'}"
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme not in SUPPORTED_SCHEMES:
        raise SettingsError(
            f"MARSAD_DATABASE_URL: '{scheme}' databases are not supported; use sqlite:///path/to/marsad.db "
            "or postgresql+psycopg://user:password@host/database"
        )
    tile_url, attribution = env.get("MARSAD_TILE_URL") or None, env.get("MARSAD_TILE_ATTRIBUTION") or None
    if tile_url:
        if not tile_url.startswith(("https://", "http://")) or not all(f"{{{k}}}" in tile_url for k in "zxy"):
            raise SettingsError(
                f"MARSAD_TILE_URL: '{tile_url}' is not a tile URL; write it as https://tiles.example.org/{{z}}/{{x}}/{{y}}.png"
            )
        if not attribution:
            raise SettingsError("MARSAD_TILE_ATTRIBUTION: tile providers require a credit; set it with MARSAD_TILE_URL")
    archive = env.get("MARSAD_ARCHIVE_DIR")
    try:
        fetch_allow = AllowList.parse(env.get("MARSAD_FETCH_ALLOW") or "")
    except ValueError as error:
        raise SettingsError(f"MARSAD_FETCH_ALLOW: {error}; write e.g. 10.0.0.0/8,intranet.example") from None
    return Settings(
        data_dir=data_dir,
        database_url=url,
        tile_url=tile_url,
        tile_attribution=attribution,
        archive_dir_setting=Path(archive).expanduser() if archive else None,
        fetch_allow=fetch_allow,
        publisher=_publisher(env),
        vocabularies_file=_path(env, "MARSAD_VOCABULARIES"),
        acled_mapping=_path(env, "MARSAD_ACLED_MAPPING"),
        ged_mapping=_path(env, "MARSAD_GED_MAPPING"),
        counted_grades=env.get(COUNTED_GRADES_SETTING) or None,
        acled=AcledAccess(
            env.get("MARSAD_ACLED_URL") or AcledAccess.url,
            env.get("MARSAD_ACLED_KEY") or None,
            env.get("MARSAD_ACLED_EMAIL") or None,
        ),
    )


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = env.get(name)
    return Path(value).expanduser() if value else None


LOGO_TYPES = {  # suffix -> media type
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
LOGO_MAX_BYTES = 1_000_000  # every published report embeds the logo


def _publisher(env: Mapping[str, str]) -> Publisher:
    """Who publishes the reports and where: the team's name and logo, the public site's address."""
    logo_setting = env.get("MARSAD_TEAM_LOGO")
    logo = Path(logo_setting).expanduser() if logo_setting else None
    if logo is not None:
        if logo.suffix.lower() not in LOGO_TYPES:
            raise SettingsError(f"MARSAD_TEAM_LOGO: '{logo}' is not an image; use a {', '.join(LOGO_TYPES)} file")
        if not logo.is_file():
            raise SettingsError(f"MARSAD_TEAM_LOGO: there is no file at '{logo}'")
        if logo.stat().st_size > LOGO_MAX_BYTES:
            raise SettingsError(f"MARSAD_TEAM_LOGO: '{logo}' is over 1 MB; every report embeds it, use a smaller file")
    site = (env.get("MARSAD_SITE_URL") or "").strip().rstrip("/") or None
    if site is not None:
        parts = urlsplit(site)
        if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
            raise SettingsError(
                f"MARSAD_SITE_URL: '{site}' is not a site address; write it as https://monitor.example.org"
            )
    title = " ".join((env.get("MARSAD_SITE_TITLE") or "").split()) or "Marsad"
    scope = " ".join((env.get("MARSAD_SCOPE") or "").split()) or None
    for name, value, most in (("MARSAD_SITE_TITLE", title, 80), ("MARSAD_SCOPE", scope or "", 300)):
        if len(value) > most:
            raise SettingsError(f"{name}: {len(value)} characters; keep it to {most} (it heads every page)")
    return Publisher((env.get("MARSAD_TEAM_NAME") or "").strip() or None, logo, site, title, scope)
