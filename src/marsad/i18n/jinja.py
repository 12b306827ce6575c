"""Jinja2's i18n extension over Marsad's catalogues, in the language a template's context names.

Used by the site's pages (the request's language) and by the report (the language it is written in), so a
message is extracted once and translated once for both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from marsad.i18n import catalogues, formats
from marsad.i18n.phrases import translated


def _code(context: Context) -> str:
    return str(context.get("language") or "en")


@pass_context
def _gettext(context: Context, message: str) -> str:
    return catalogues.gettext(_code(context), message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return catalogues.ngettext(_code(context), singular, plural, count)


@pass_context
def _translated(context: Context, text: object) -> str:
    """A phrase or a marked message the code made (an error, a notice), in the page's language."""
    return translated(text, _code(context))


@pass_context
def _number(context: Context, value: int | float) -> str:
    return formats.number(value, _code(context))


@pass_context
def _month_label(context: Context, month: Any) -> str:
    """A Month (or a date) as "November 2023", "تشرين الثاني 2023", "Mijdar 2023"."""
    return formats.month_label(month.year, month.month, _code(context))


@pass_context
def _day_label(context: Context, day: dt.date) -> str:
    return formats.day_label(day, _code(context))


def install_translations(environment: Environment) -> None:
    """``{% trans %}``, ``_()``, and the translated, number, month and day filters, in the context's ``language``."""
    environment.add_extension("jinja2.ext.i18n")
    environment.policies["ext.i18n.trimmed"] = True  # as the messages are extracted: whitespace folded
    environment.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    environment.filters |= {
        "translated": _translated,
        "number": _number,
        "month_label": _month_label,
        "day_label": _day_label,
    }
