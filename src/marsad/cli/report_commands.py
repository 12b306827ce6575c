"""`marsad report YYYY-MM`: the monthly report, generated from the dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.cli.context import console, database, errors, fail
from marsad.domain.access import Access
from marsad.domain.vocabulary import UnknownTermError, load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.report.assemble import build_monthly_report
from marsad.report.contract import report_json
from marsad.report.html import render_html, render_pdf
from marsad.report.markdown import render_markdown
from marsad.services.exporting import columns_for
from marsad.storage.engine import unit_of_work

REPORT_FORMATS = ("md", "json", "html", "pdf")


def report_command(
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
) -> None:
    """Generate the monthly report: key points, breakdowns, casualties, raids and the month's incidents."""
    vocab = load_vocabularies()
    try:
        chosen = Month.parse(month)
        actors = tuple(vocab.actors.resolve(a) for a in perpetrator or ())
    except (ValueError, UnknownTermError) as error:
        raise fail(str(error), 2) from None
    if fmt not in REPORT_FORMATS:
        raise fail(f"'{fmt}' is not a report format; use one of {', '.join(REPORT_FORMATS)}", 2)
    access = Access.INTERNAL if internal else Access.PUBLIC
    with database() as (_, engine), unit_of_work(engine) as session:
        report = build_monthly_report(session, chosen, Scope(actors, noun, area), vocab, access)
    if fmt == "json":
        content: str | bytes = json.dumps(report_json(report, columns_for(access)), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        content = render_markdown(report, vocab)
    else:
        content = render_html(report, vocab, load_gazetteer(), preview=internal)
        if fmt == "pdf":
            content = render_pdf(content)
    if out is None and isinstance(content, bytes):
        raise fail("a PDF goes to a file: add --out report.pdf", 2)
    if out is None:
        console.file.write(str(content))
    else:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
        errors.print(f"Wrote the {chosen.label} report ({fmt}) to {out}.")
