"""One Marsad process's world, built once at its edge from the settings: the engine, the vocabularies, the
gazetteer and the other datasets' mapping files.

The edges are the command line (``cli.context``), the web app's factory (``web.app.create_app``) and a test's
fixtures; everything below them is handed what it needs, and reads neither the environment nor a process-wide
copy of these. So two applications in one process, with two vocabulary files or two counting rules, never see
each other's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.settings import Settings, SettingsError, load_settings
from marsad.storage.engine import make_engine

if TYPE_CHECKING:
    from marsad.gazetteer.gazetteer import Gazetteer
    from marsad.io.formats import Mappings


class Application:
    """The settings and what they name; the vocabularies are read (and checked) at once, the rest on first use:
    `marsad init` builds no gazetteer, an import of canonical CSV reads no mapping file."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self._given_engine = engine
        try:
            self.vocabularies: Vocabularies = load_vocabularies(settings.vocabularies_file, settings.counted_grades)
        except (ValueError, OSError) as error:  # a vocabulary file or a counting rule that cannot be used
            raise SettingsError(str(error)) from None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Application:
        """The application the environment's settings describe (SettingsError for one that cannot be used)."""
        return cls(load_settings(environ))

    @cached_property
    def engine(self) -> Engine:
        return self._given_engine or make_engine(self.settings.database_url)

    # The gazetteer (shapely) and the formats (openpyxl) are imported when first asked for: `marsad users list`
    # or `marsad init` starts without them.
    @cached_property
    def gazetteer(self) -> Gazetteer:
        from marsad.gazetteer.gazetteer import load_gazetteer

        return load_gazetteer(self.vocabularies)

    @cached_property
    def mappings(self) -> Mappings:
        from marsad.io.formats import Mappings

        return Mappings(self.vocabularies, self.settings.acled_mapping, self.settings.ged_mapping)

    def for_a_job(self) -> Settings:
        """The settings a job's process (spawned: it shares nothing) builds its own application from: these,
        on this application's database."""
        return replace(self.settings, database_url=self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        """Close the connections of an engine this application made (one it was given is its owner's)."""
        if "engine" in self.__dict__ and self._given_engine is None:
            self.engine.dispose()
