"""`marsad extract …`: read incident fields from a text, and measure extraction on a labelled file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.context import application, console, database, fail, settings
from marsad.cli.lazy import defaults_to
from marsad.extraction.evaluation import LabelFileError, evaluate, held_out, read_labelled
from marsad.extraction.labels import predicted_labels
from marsad.extraction.language import LANGUAGES
from marsad.extraction.learning import MIN_EXAMPLES, ModelError
from marsad.extraction.pipeline import default_extractor
from marsad.extraction.scoring import FIELDS, Report
from marsad.services.extraction_learning import extractor_for, model_path, train_model
from marsad.storage.engine import unit_of_work

extract_app = typer.Typer(
    cls=defaults_to("text"),
    help='Text to incident fields: `marsad extract "TEXT"`, `marsad extract eval FILE.jsonl`, `marsad extract train`.',
    no_args_is_help=True,
)


@extract_app.command("text")
def text_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A statement or news item, in English, Arabic or Kurdish.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD): the year of a day and month in the text.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the suggestions as JSON.")] = False,
) -> None:
    """Print what the text says about an incident, why (the words), and how sure (values to check are marked)."""
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise fail(f"--published {published!r} is not a date like 2023-11-05") from None
    try:
        extractor = extractor_for(settings(ctx).data_dir, application(ctx).gazetteer)
    except ModelError as error:
        raise fail(str(error)) from None
    extraction = extractor.extract(text, published=day)
    if as_json:
        console.print_json(
            json.dumps({**extraction.as_json(), "labels": predicted_labels(extraction, extractor.gazetteer)})
        )
        return
    console.print(f"language: {LANGUAGES.get(extraction.language, extraction.language)}")
    table = Table("field", "value", "confidence", "because")
    for suggestion in extraction.suggestions.values():
        value = suggestion.value if suggestion.detail is None else f"{suggestion.value} ({suggestion.detail})"
        mark = "" if suggestion.confident else " [yellow]to check[/]"
        table.add_row(suggestion.field, str(value), f"{suggestion.confidence:.2f}{mark}", suggestion.reason)
    if not extraction.suggestions:
        console.print("Nothing recognised: no place, date, type, actor or count was found.")
        return
    console.print(table)


@extract_app.command("eval")
def eval_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Labelled JSON lines in the format of dev.jsonl.", exists=True, dir_okay=False)
    ],
    predictions: Annotated[
        Path | None, typer.Option(help='Write one line per input line: {"id": …, "predicted": {…}}.')
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every wrong field (for tuning, not on held-out data).")
    ] = False,
    split: Annotated[
        str, typer.Option(help="all, tune (two thirds) or held-out (the third never looked at while tuning).")
    ] = "all",
) -> None:
    """Precision, recall and correct abstentions per field and language on a labelled file."""
    if split not in {"all", "tune", "held-out"}:
        raise fail(f"--split {split!r}: give all, tune or held-out")
    if errors and split == "held-out":
        raise fail("--errors lists mistakes to tune on: not on the held-out split")
    try:
        items = [i for i in read_labelled(file) if split == "all" or held_out(i) == (split == "held-out")]
        report, lines = evaluate(items, default_extractor(application(ctx).gazetteer))
    except LabelFileError as error:
        raise fail(str(error)) from None
    if predictions:
        with predictions.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        console.print(f"wrote {len(lines)} predictions to {predictions}")
    if report.items:
        console.print(score_table(report))
    if errors:
        for item_id, name, expected, predicted in report.errors:
            console.print(f"{item_id} {name}: expected {expected!r}, predicted {predicted!r}", highlight=False)


@extract_app.command("train")
def train_command(
    ctx: typer.Context,
    min_examples: Annotated[
        int, typer.Option(help="Refuse to learn from fewer texts than this (a few hundred teach the channels).")
    ] = MIN_EXAMPLES,
) -> None:
    """Learn attack types and relevance from the team's own texts: confirmed incidents' source excerpts, quick
    entries saved (with the editors' corrections) and inbox items handled or dismissed. The desk's quick entry
    and `marsad extract` use the model from then on; eval measures the rules alone."""
    with database(ctx) as (chosen, engine), unit_of_work(engine) as session:
        path = model_path(chosen.data_dir)
        try:
            model = train_model(session, path, min_examples)
        except ModelError as error:
            raise fail(str(error)) from None
    console.print(f"learnt from {model.examples:,} texts; saved {path}")
    if model.type_model is None:
        console.print("attack type: not learnt (fewer than two types with five attacks each)")
    else:
        console.print(
            f"attack type: {len(model.types)} types ({', '.join(f'{t} {n}' for t, n in model.types.items())}), "
            f"{model.accuracy['type']:.0%} right on texts held out in cross-validation"
        )
    if model.relevance_model is None:
        console.print("relevance: not learnt (it needs dismissed inbox items as well as incidents)")
    else:
        console.print(f"relevance: {model.accuracy['relevance']:.0%} right on texts held out in cross-validation")


def score_table(report: Report) -> Table:
    """One row per field: precision / recall / correct abstentions for each language."""
    languages = report.languages()
    table = Table("field", *[f"{lang} P / R / abst." for lang in languages], title="extraction scores")
    for name in FIELDS:
        cells = []
        for lang in languages:
            score = report.scores.get((lang, name))
            if score is None:
                cells.append("–")
                continue
            p = f"{score.precision:.0%}" if score.precision is not None else "–"
            r = f"{score.recall:.0%}" if score.recall is not None else "–"
            a = f"{score.abstained}/{score.null_labels}"
            cells.append(f"{p} / {r} / {a}")
        table.add_row(name, *cells)
    table.add_row(
        "all fields right",
        *[f"{report.all_right[lang] / report.items[lang]:.0%} of {report.items[lang]}" for lang in languages],
    )
    return table
