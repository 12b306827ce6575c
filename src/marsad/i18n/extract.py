"""``make translations``: extract every message of the code and templates, merge them into the catalogues.

New messages arrive empty and changed ones fuzzy, so the catalogue test names what a translator must do.
Run as ``python -m marsad.i18n.extract``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from marsad.domain.fields import FIELD_LABELS, SOURCE_FIELD_LABELS
from marsad.domain.intake import DISMISS_LABELS
from marsad.domain.roles import ROLE_HELP, Role
from marsad.i18n.catalogues import DOMAIN, catalogue_path
from marsad.i18n.languages import DEFAULT, LANGUAGES

SOURCE = Path(__file__).parents[1]  # the marsad package
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2), "Phrase": (1,)}
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# Fixed, so that re-running the extraction changes a catalogue's header only when its messages change.
CREATED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
# The domain's words that the desk shows: pure data there (the domain imports nothing of ours), messages here.
DOMAIN_WORDS = {
    "domain/fields.py": (*FIELD_LABELS.values(), *SOURCE_FIELD_LABELS.values()),
    "domain/intake.py": tuple(DISMISS_LABELS.values()),
    "domain/roles.py": (*(role.value for role in Role), *ROLE_HELP.values()),
}


def extracted() -> Catalog:
    """Every message Marsad shows, with where it is used (the catalogues' template)."""
    catalogue = Catalog(project="Marsad", domain=DOMAIN, charset="utf-8", creation_date=CREATED)
    for filename, line, message, comments, context in extract_from_dir(
        SOURCE, METHODS, keywords=KEYWORDS, options_map=OPTIONS, strip_comment_tags=True
    ):
        if filename.startswith("i18n/"):
            continue  # the mechanism's own keywords, not messages
        catalogue.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    for filename, words in DOMAIN_WORDS.items():
        for word in words:
            catalogue.add(word, None, [(filename, 0)])  # a message the code has too gains a place
    return catalogue


def update_catalogues() -> list[Path]:
    """Merge the messages into every shipped language's catalogue (created if missing)."""
    template = extracted()
    written = []
    for code, language in LANGUAGES.items():
        if code == DEFAULT:
            continue
        path = catalogue_path(code)
        if path.exists():
            with path.open("rb") as handle:
                catalogue = read_po(handle, locale=language.locale)
        else:
            catalogue = Catalog(
                locale=language.locale,
                project="Marsad",
                domain=DOMAIN,
                creation_date=CREATED,
                revision_date=CREATED,
                copyright_holder="the Marsad contributors",
                last_translator="the Marsad contributors",
                language_team=f"{language.name} <{language.code}>",
            )
            path.parent.mkdir(parents=True, exist_ok=True)
        catalogue.update(template, no_fuzzy_matching=False)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=120, ignore_obsolete=True, sort_output=True)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in update_catalogues():
        print(f"updated {path}")
