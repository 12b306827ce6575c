"""The report's charts and map with matplotlib, as SVG (web and PDF alike), in the vocabulary's colours.

The same region or actor has the same colour in every chart and on the web map, because all of them read
the colour from the vocabulary file. Output is deterministic (fixed SVG ids, no timestamps).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from marsad.analysis.months import Month
from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.outlines import region_outlines
from marsad.report.sections import Row

if TYPE_CHECKING:
    from matplotlib.figure import Figure as Canvas

STYLE: dict[str, Any] = {
    "svg.hashsalt": "marsad",
    "svg.fonttype": "none",  # text stays text: selectable, searchable, small
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlesize": 10,
}


@cache
def _pyplot() -> Any:
    """matplotlib, loaded on first use: commands that draw nothing (an import) should not pay 60 MB for it."""
    import_module("matplotlib").use("Agg")  # before pyplot: no display here
    plt = import_module("matplotlib.pyplot")
    plt.rcParams.update(STYLE)
    return plt


def _integer_ticks() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


MUTED = "#c8ccd0"
LABELLED_POPULATION = 40_000  # towns named on the map; smaller ones would crowd it
DENSE_MAP_POINTS = 1500
INK = "#2c3e50"


def to_svg(canvas: Canvas) -> str:
    buffer = io.StringIO()
    canvas.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "Marsad"})
    _pyplot().close(canvas)
    return buffer.getvalue()


# Charts are drawn at the width they are read at (a phone's, or a column of the printed page), so their
# text is never shrunk below legibility: 4.2 in is 403 px, about a phone's width.
CHART_WIDTH = 4.2
TREND_SIZE = (3.6, 2.7)  # beside the map on page 1
LABEL_WRAP = 16  # characters per line of a bar's name
READ_PT = 10  # a breakdown chart's text: still 10 px when a phone shrinks the chart to its width


def breakdown_chart(rows: Sequence[Row], month: str, previous: str) -> str:
    """Horizontal bars for this month, with last month as a thin grey mark for comparison (the page's heading
    names the chart)."""
    shown = list(rows)[:10][::-1]
    canvas, axes = _pyplot().subplots(figsize=(CHART_WIDTH, 0.38 * len(shown) + 0.9))
    labels = [textwrap.fill(r.label, LABEL_WRAP) for r in shown]  # long names would widen, so shrink, the chart
    axes.barh(labels, [r.count for r in shown], color=[r.colour for r in shown], height=0.62, label=month)
    previous_counts = [int(r.previous) if r.previous.isdigit() else 0 for r in shown]
    axes.scatter(previous_counts, labels, marker="|", s=260, color=INK, linewidths=1.6, label=previous, zorder=3)
    for index, row in enumerate(shown):
        axes.annotate(
            str(row.count), (row.count, index), xytext=(4, 0), textcoords="offset points", va="center", fontsize=READ_PT
        )
    axes.tick_params(labelsize=READ_PT)
    axes.xaxis.set_major_locator(_integer_ticks())
    key = axes.legend(
        frameon=False, fontsize=READ_PT, ncol=2, loc="upper left", bbox_to_anchor=(0, -0.12 - 0.6 / len(shown))
    )
    for handle, text in zip(key.legend_handles, key.get_texts(), strict=True):
        if text.get_text() == month and handle is not None:
            handle.set_color(MUTED)  # the bars have many colours: the key says only that bars are this month
    return to_svg(canvas)


def trend_chart(months: Sequence[Month], by_region: dict[str | None, list[int]], vocab: Vocabularies, noun: str) -> str:
    """Twelve months of attacks, stacked by region."""
    canvas, axes = _pyplot().subplots(figsize=TREND_SIZE)
    # every other month is named, counting back from the report's, so names never touch at a phone's width
    named = list(range(len(months) - 1, -1, -2))[::-1]
    labels = [
        f"{months[i].first_day:%b}\n{months[i].year}"
        if months[i].month == 1 or i == named[0]
        else f"{months[i].first_day:%b}"
        for i in named
    ]
    bottom = [0] * len(months)
    order = [r.key for r in vocab.regions if r.key in by_region] + ([None] if None in by_region else [])
    for region in order:
        values = by_region[region]
        colour = vocab.regions.colour(region) if region else MUTED
        label = vocab.regions.label(region) if region else "outside the regions"
        axes.bar(range(len(months)), values, bottom=bottom, color=colour, label=label, width=0.72)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(named, labels)
    axes.set_xticks(range(len(months)), minor=True)
    axes.yaxis.set_major_locator(_integer_ticks())
    axes.set_title(f"{noun[0].upper()}{noun[1:]} per month, by region", loc="left")
    axes.legend(frameon=False, fontsize=9, ncol=3, loc="upper left", bbox_to_anchor=(0, -0.2))
    return to_svg(canvas)


def incident_map(incidents: Sequence[Incident], gazetteer: Gazetteer, vocab: Vocabularies, title: str) -> str:
    """The month's attacks (coloured by perpetrator) and raids (squares) over approximate region outlines."""
    canvas, axes = _pyplot().subplots(figsize=(6.2, 5.0))
    outlines = []
    for key, outline in region_outlines(gazetteer, vocab).items():
        region = vocab.regions.term(key)
        xs, ys = outline.exterior.xy
        axes.fill(xs, ys, color=region.colour, alpha=0.10, linewidth=0.8, edgecolor=region.colour, zorder=1)
        outlines.append((region, outline.representative_point()))
    for place in gazetteer.places:
        if place.curated and place.region and place.population > LABELLED_POPULATION:
            axes.plot(place.longitude, place.latitude, "o", color=INK, markersize=2.5, zorder=2)
            axes.annotate(
                place.name,
                (place.longitude, place.latitude),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=7,
                color=INK,
                zorder=2,
            )
    for region, anchor in outlines:  # last, so no fill or marker hides a region's name
        axes.text(
            anchor.x,
            anchor.y,
            region.label,
            color=region.colour,
            ha="center",
            fontsize=8,
            fontweight="bold",
            zorder=6,
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1},
        )
    layers: dict[str, tuple[str, str, str, list[float], list[float]]] = {}
    for incident in incidents:
        if incident.latitude is None or incident.longitude is None:
            continue
        raid = incident.kind == "raid"
        key = "raid" if raid else incident.perpetrator
        if key not in layers:
            label = "Raid" if raid else vocab.actors.label(key)
            colour = vocab.kinds.colour("raid") if raid else vocab.actors.colour(key)
            layers[key] = (label, colour, "s" if raid else "o", [], [])
        layers[key][3].append(incident.longitude)
        layers[key][4].append(incident.latitude)
    dense = sum(len(layer[3]) for layer in layers.values()) > DENSE_MAP_POINTS
    for label, colour, marker, xs, ys in layers.values():
        # thousands of vector dots make an SVG no browser or PDF wants: a dense layer becomes an image
        axes.scatter(
            xs,
            ys,
            s=22,
            marker=marker,
            color=colour,
            edgecolors="white",
            linewidths=0.5,
            alpha=0.9,
            label=label,
            zorder=4,
            rasterized=dense,
        )
    axes.set_aspect(1.2)
    axes.tick_params(labelsize=7, colors="#7f8c8d")
    axes.set_title(title, loc="left")
    if layers:
        axes.legend(frameon=False, fontsize=7, loc="lower left")
    axes.text(
        1,
        -0.1,
        "Region outlines are approximate (hulls of known places). Places: GeoNames, UCDP GED, OpenSyria, CC BY 4.0.",
        transform=axes.transAxes,
        ha="right",
        fontsize=6,
        color="#7f8c8d",
    )
    return to_svg(canvas)
