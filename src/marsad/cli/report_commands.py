"""`marsad report …`: generate a month's report, shape it as a draft, publish it, show what was published."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.cli.context import application, console, database, default_actor, errors, fail
from marsad.cli.lazy import defaults_to
from marsad.domain.access import Access
from marsad.domain.vocabulary import UnknownTermError
from marsad.domain.wording import plural
from marsad.i18n.languages import LANGUAGES, shipped
from marsad.report.assemble import Issue, build_monthly_report
from marsad.report.contract import public_report_json, report_json
from marsad.report.draft import DraftFileError, ReportDraft
from marsad.report.html import render_html, render_pdf
from marsad.report.markdown import render_markdown
from marsad.services.exporting import columns_for
from marsad.services.reports import (
    ReportStateError,
    publish,
    save_draft,
    show_published,
)
from marsad.storage.engine import unit_of_work

REPORT_FORMATS = ("md", "json", "html", "pdf")


def report_command(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(help="The month, YYYY-MM.")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(REPORT_FORMATS)}.")] = "md",
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
    perpetrator: Annotated[
        list[str] | None, typer.Option(help="Report on these actors only, e.g. isis (repeat for more).")
    ] = None,
    noun: Annotated[str, typer.Option(help="What the report counts, as sentences name it.")] = "attacks",
    area: Annotated[str, typer.Option(help="The monitored area, as sentences name it.")] = "NES",
    internal: Annotated[
        bool, typer.Option("--internal", help="Preview with drafts and internal notes (never publish this).")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help=f"The report's language: {', '.join(LANGUAGES)}.")] = "en",
) -> None:
    """Generate the monthly report: key points, breakdowns, casualties, raids and the month's incidents."""
    vocab = application(ctx).vocabularies
    try:
        chosen = Month.parse(month)
        actors = tuple(vocab.actors.resolve(a) for a in perpetrator or ())
    except (ValueError, UnknownTermError) as error:
        raise fail(str(error), 2) from None
    if fmt not in REPORT_FORMATS:
        raise fail(f"'{fmt}' is not a report format; use one of {', '.join(REPORT_FORMATS)}", 2)
    code = _language(lang)
    access = Access.INTERNAL if internal else Access.PUBLIC
    with database(ctx) as (settings, engine), unit_of_work(engine) as session:
        built = build_monthly_report(session, chosen, Scope(actors, noun, area), vocab, access, code)
    report = replace(built, issue=Issue(dt.date.today(), published=False))
    publisher = settings.publisher
    if fmt == "json":
        data = report_json(report, columns_for(access)) if internal else public_report_json(report)
        content: str | bytes = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        content = render_markdown(report, vocab, publisher, application(ctx).gazetteer)
    else:
        content = render_html(report, vocab, application(ctx).gazetteer, preview=internal, publisher=publisher)
        if fmt == "pdf":
            content = render_pdf(content)
    _write(content, out, f"the {chosen.label} report ({fmt})")


def _language(text: str) -> str:
    code = shipped(text)
    if code is None:
        raise fail(f"'{text}' is not a language Marsad writes reports in; use one of {', '.join(LANGUAGES)}", 2)
    return code


def _write(content: str | bytes, out: Path | None, what: str) -> None:
    if out is None and isinstance(content, bytes):
        raise fail("a PDF goes to a file: add --out report.pdf", 2)
    if out is None:
        console.file.write(str(content))
    else:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
        errors.print(f"Wrote {what} to {out}.")


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise fail(str(error), 2) from None


def draft_command(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(help="The month, YYYY-MM.")],
    update: Annotated[
        Path | None, typer.Option(help="Store this edited draft file (title, key points, narrative sections).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write the draft file here to edit it (default: print it).")] = None,
    perpetrator: Annotated[list[str] | None, typer.Option(help="For a new draft: report on these actors only.")] = None,
    noun: Annotated[str, typer.Option(help="For a new draft: what the report counts.")] = "attacks",
    area: Annotated[str, typer.Option(help="For a new draft: the monitored area's name.")] = "NES",
    actor: Annotated[str | None, typer.Option(help="Who is editing, for the record.")] = None,
) -> None:
    """Start or edit the month's draft: generated key points to edit, reorder, hide or remove, and your own sections.

    Write the draft to a file with --out, edit it in any text editor, store it back with --update.
    """
    vocab = application(ctx).vocabularies
    chosen = _month(month)
    try:
        actors = tuple(vocab.actors.resolve(a) for a in perpetrator or ())
        edited = ReportDraft.from_file(update.read_text(encoding="utf-8")) if update else None
    except (UnknownTermError, DraftFileError) as error:
        raise fail(f"{update.name if update else 'draft'}: {error}", 2) from None
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        stored = save_draft(session, chosen, vocab, actor or default_actor(), Scope(actors, noun, area), edited)
    if update:
        points, sections = (
            plural(len(stored.draft.key_points), "key point"),
            plural(len(stored.draft.sections), "section"),
        )
        errors.print(f"Stored the draft for {chosen.label}: {points}, {sections}.")
    if out or not update:
        _write(stored.draft.to_file(), out, f"the {chosen.label} draft")


def publish_command(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(help="The month, YYYY-MM.")],
    actor: Annotated[str | None, typer.Option(help="Who is publishing, for the record.")] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", help=f"Also publish it in this language ({', '.join(LANGUAGES)}; repeat for more)."),
    ] = None,
) -> None:
    """Publish the month's draft: figures, key points, text and charts are frozen as they are now, in English and
    in each --lang."""
    chosen = _month(month)
    languages = ["en", *(_language(code) for code in lang or ())]
    with database(ctx) as (settings, engine), unit_of_work(engine) as session:
        try:
            stored = publish(
                session,
                chosen,
                application(ctx).vocabularies,
                application(ctx).gazetteer,
                actor or default_actor(),
                settings.publisher,
                languages,
            )
        except ReportStateError as error:
            raise fail(str(error)) from None
    names = ", ".join(LANGUAGES[code].name for code in stored.published_languages)
    console.print(f"Published the {chosen.label} report ({stored.published_at:%Y-%m-%d %H:%M} UTC) in {names}.")


def show_command(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(help="The month, YYYY-MM.")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(REPORT_FORMATS)}.")] = "md",
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="The language it was published in (default English).")] = "en",
) -> None:
    """Show the published report as it was published, with any figures revised since."""
    chosen = _month(month)
    if fmt not in REPORT_FORMATS:
        raise fail(f"'{fmt}' is not a report format; use one of {', '.join(REPORT_FORMATS)}", 2)
    code = _language(lang)
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        try:
            shown = show_published(session, chosen, application(ctx).vocabularies, fmt, code)
            if code not in shown.stored.published_languages:
                raise fail(
                    f"the {chosen.label} report was published in {', '.join(shown.stored.published_languages)}, "
                    f"not {code}: publish it again with --lang {code}"
                )
        except ReportStateError as error:
            raise fail(f"{error}; see `marsad report draft {chosen.key}`") from None
    if shown.revisions:
        errors.print("Figures revised since publication: " + "; ".join(str(r) for r in shown.revisions))
    _write(shown.content, out, f"the published {chosen.label} report ({fmt})")


report_app = typer.Typer(
    cls=defaults_to("generate"),
    help="Monthly reports: `marsad report 2023-11` generates one; draft, publish and show manage the published one.",
    no_args_is_help=True,
)
report_app.command("generate")(report_command)
report_app.command("draft")(draft_command)
report_app.command("publish")(publish_command)
report_app.command("show")(show_command)
