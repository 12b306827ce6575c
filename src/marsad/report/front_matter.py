"""What a report says about itself, in every format: who publishes it, whether its data is invented, how it
counts, what it rests on, and where each incident's page is.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from marsad.domain.filters import COUNTING_RULE
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import join_words, plural
from marsad.i18n.catalogues import N_, Nn_, gettext, ngettext
from marsad.report.assemble import MonthlyReport
from marsad.settings import LOGO_TYPES, Publisher


@dataclass(frozen=True)
class Method:
    """The methodology box: what is counted, the counting rule, the sources."""

    counted: str
    rule: str
    sources: str


def synthetic_notice(report: MonthlyReport) -> str | None:
    """Said on the first page (and every PDF page) when any listed incident is invented; None otherwise."""
    invented, listed = report.synthetic, len(report.incidents)
    if not invented:
        return None
    if report.language != "en":
        return _synthetic_notice_in(report.language, invented, listed)
    if invented == listed:
        return (
            f"{'The' if listed == 1 else 'All'} {plural(listed, 'incident')} in this report "
            f"{'is' if listed == 1 else 'are'} synthetic: invented to show what Marsad produces, "
            "they describe no real events."
        )
    return (
        f"{invented} of the {listed} incidents in this report {'is' if invented == 1 else 'are'} synthetic "
        "(invented, marked synthetic): its figures mix real and invented records."
    )


def _synthetic_notice_in(code: str, invented: int, listed: int) -> str:
    if invented == listed:
        return ngettext(
            code,
            *Nn_(
                "The %(n)d incident in this report is synthetic: invented to show what Marsad produces, it describes "
                "no real event.",
                "All %(n)d incidents in this report are synthetic: invented to show what Marsad produces, they "
                "describe no real events.",
            ),
            listed,
        ) % {"n": listed}
    return ngettext(
        code,
        *Nn_(
            "%(invented)d of the %(listed)d incidents in this report is synthetic (invented, marked synthetic): its "
            "figures mix real and invented records.",
            "%(invented)d of the %(listed)d incidents in this report are synthetic (invented, marked synthetic): its "
            "figures mix real and invented records.",
        ),
        invented,
    ) % {"invented": invented, "listed": listed}


def _method_in(report: MonthlyReport, vocab: Vocabularies) -> Method:
    """The methodology box in another language (the English one below keeps the scope's own words)."""
    code, scope = report.language, report.stats.scope
    worded = vocab.in_language(code)
    area = gettext(code, N_("North-East Syria")) if scope.area in ("NES", "North-East Syria") else scope.area
    regions = (
        "، ".join(r.label for r in worded.regions)
        if code in ("ar", "ckb")
        else ", ".join(r.label for r in worded.regions)
    )
    actors = ", ".join(worded.actors.label(a) for a in scope.perpetrators)
    counted = (
        gettext(code, N_("Attacks by %(actors)s and raids on its cells in %(area)s, across its regions: %(regions)s."))
        if actors
        else gettext(code, N_("Attacks and security raids in %(area)s, across its regions: %(regions)s."))
    ) % {"actors": actors, "area": area, "regions": regions}
    rule = gettext(
        code,
        N_(
            "The figures count incidents of a counted grade inside the monitored area, "
            "less any an editor left out with a reason."
        ),
    )
    rule += _grades(report)
    if report.not_counted:
        n = len(report.not_counted)
        rule += " " + ngettext(
            code,
            *Nn_(
                "%(n)d attack reported this month is listed at the end but not counted.",
                "%(n)d attacks reported this month are listed at the end but not counted.",
            ),
            n,
        ) % {"n": n}
    rule += " " + gettext(code, N_("Percentages are given on 10 or more only."))
    kinds = Counter(source.source_type for incident in report.incidents for source in incident.sources)
    total = sum(kinds.values())
    if not total:
        return Method(counted, rule, gettext(code, N_("No sources: the month has no incidents.")))
    unrecorded = gettext(code, N_("type not recorded"))
    by_type = ", ".join(
        f"{worded.source_types.label(kind) if kind and kind in worded.source_types else unrecorded} {count}"
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], str(item[0])))
    )
    sources = ngettext(
        code,
        *Nn_(
            "%(sources)d source for the month's incidents (%(types)s), listed with its incident.",
            "%(sources)d sources for the month's incidents (%(types)s), each listed with its incident.",
        ),
        total,
    ) % {"sources": total, "types": by_type}
    sources += " " + gettext(code, N_("Places: GeoNames (geonames.org), UCDP GED and OpenSyria, CC BY 4.0."))
    return Method(counted, rule, sources)


def method(report: MonthlyReport, vocab: Vocabularies) -> Method:
    if report.language != "en":
        return _method_in(report, vocab)
    scope = report.stats.scope
    regions = join_words([region.label for region in vocab.regions])
    actor = join_words([vocab.actors.label(a) for a in scope.perpetrators], "or")
    raids = f"raids on {actor} cells" if actor else "security raids"
    not_counted = len(report.not_counted)
    left_out = (
        f" {plural(not_counted, 'attack')} reported this month {'is' if not_counted == 1 else 'are'} listed "
        "at the end but not counted."
        if not_counted
        else ""
    )
    return Method(
        counted=f"{scope.noun[0].upper()}{scope.noun[1:]} and {raids} in {scope.area}, across its regions: {regions}.",
        rule=f"The figures count {COUNTING_RULE}.{_grades(report)}{left_out} Percentages are given on 10 or more only.",
        sources=_sources(report, vocab),
    )


def _grades(report: MonthlyReport) -> str:
    """ " Counted: confirmed and fair." (the grades the figures count), or nothing for a report without them."""
    return f" {report.counting_words}" if report.counting_words else ""


def _sources(report: MonthlyReport, vocab: Vocabularies) -> str:
    kinds = Counter(source.source_type for incident in report.incidents for source in incident.sources)
    total = sum(kinds.values())
    if not total:
        return "No sources: the month has no incidents."
    by_type = ", ".join(
        f"{vocab.source_types.label(kind) if kind and kind in vocab.source_types else 'type not recorded'} {count}"
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], str(item[0])))
    )
    return (
        f"{plural(total, 'source')} for {plural(len(report.incidents), 'incident')} ({by_type}), each listed "
        "with its incident. Places: GeoNames (geonames.org), UCDP GED and OpenSyria, CC BY 4.0."
    )


def incident_url(incident_id: str, publisher: Publisher) -> str:
    """The incident's public page: on the site (``/incidents/<id>``), absolute when the site's address is set."""
    return f"{publisher.site_url or ''}/incidents/{quote(incident_id, safe='')}"


def logo_data_uri(publisher: Publisher) -> str | None:
    """The team's logo inside the report itself, so a saved or published report keeps it."""
    if publisher.team_logo is None:
        return None
    mime = LOGO_TYPES[publisher.team_logo.suffix.lower()]
    return f"data:{mime};base64," + base64.b64encode(publisher.team_logo.read_bytes()).decode("ascii")
