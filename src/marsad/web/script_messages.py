"""The messages the site's scripts show, translated for the page (``static/messages.js`` reads them).

Each is written here once as the script writes it in English (a test checks that every ``t("…")`` and
``tn(…)`` in the scripts is listed), so ``make translations`` extracts them with the templates' messages.
"""

from __future__ import annotations

from functools import cache

from babel.plural import PluralRule

from marsad.i18n.catalogues import N_, Nn_, translations
from marsad.i18n.languages import language

_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

MESSAGES = (
    N_("Legend"),
    N_("a group: count, ring by perpetrator"),
    N_("place approximate (dashed: how far)"),
    N_("Zoom to a region"),
    N_("Zoom to: all regions"),
    N_("place not given"),
    N_("precision not given"),
    N_("Location: {precision}"),
    N_("Location: {precision} (within about {km} km)"),
    N_("Military killed: {n}"),
    N_("Military injured: {n}"),
    N_("Civilians killed: {n}"),
    N_("Civilians injured: {n}"),
    N_("Arrested: {n}"),
    N_("Sources:"),
    N_("source"),
    N_("The incident's page"),
    N_("the period chosen"),
    N_("Nothing in the selection for {period}."),
    N_("The published data covers {months}."),
    N_("{incidents} in the selection, {killed} killed"),
    N_("{n} in view"),
    N_("{n} without coordinates, not on the map"),
    N_("Include the {n} not counted"),
    N_("Count as the reports do"),
    N_("incident {id}"),
    N_("{incidents} ({shares}): zoom in"),
    N_("Embed code copied"),
    N_("Copy the selected code"),
    N_("{title} (Marsad map)"),
    N_("On the map: {parts}."),
    N_("regions"),
    N_("district boundaries"),
    N_("rivers"),
    N_("places"),
    N_("▶ Play"),
    N_("❚❚ Pause"),
    # the desk's scripts: the incident form's place search, the report draft's editor
    N_("Nearest place: {name}, {km} km away."),
    N_("Use “{name}” as the place"),
    N_("No place with that name: click the map to give coordinates."),
    N_("(as “{spelling}”)"),
    N_("{score}% match"),
    N_("Key point {n}"),
    N_("Move key point {n} up"),
    N_("Move key point {n} down"),
    N_("Remove key point {n}"),
    N_("Key point removed (not saved yet)."),
    N_("Section removed (not saved yet)."),
    N_("Moved to position {n} of {total}."),
)
PLURAL_MESSAGES = (
    Nn_("{n} incident", "{n} incidents"),
    Nn_("{n} attack", "{n} attacks"),
    Nn_("{n} raid", "{n} raids"),
    Nn_("{n} selected:", "{n} selected:"),
)


@cache
def script_messages(code: str) -> dict[str, object]:
    """{English: translation} for the scripts, plural messages as {singular: {CLDR category: form}}."""
    catalogue = translations(code)
    table: dict[str, object] = {message: catalogue.gettext(message) for message in MESSAGES}
    rule = PluralRule(language(code).babel.plural_form.rules)
    categories = [tag for tag in _CATEGORIES if tag in rule.tags or tag == "other"]
    for singular, plural in PLURAL_MESSAGES:
        table[singular] = {tag: catalogue.ngettext(singular, plural, _example(rule, tag)) for tag in categories}
    return table


def _example(rule: PluralRule, tag: str) -> int:
    """A count of CLDR category ``tag`` (e.g. 3 for Arabic "few", 11 for "many")."""
    return int(next(n for n in (*range(0, 200), 1000) if rule(n) == tag))
