"""The report's charts and map with matplotlib, as SVG (web and PDF alike), in the vocabulary's colours.

The same region or actor has the same colour in every chart and on the web map, because all of them read
the colour from the vocabulary file. Output is deterministic (fixed SVG ids, no timestamps).

Each chart is drawn in its report's language. Arabic and Sorani words are drawn as glyph outlines, already
joined and ordered right to left by matplotlib (libraqm shapes its text): WeasyPrint lays out the text of an
SVG image left to right, so words left as text came out reversed ('داعش' as 'شعاد') in the PDF.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from marsad.analysis.months import Month
from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.boundaries import CREDITS
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import month_name
from marsad.i18n.languages import language as language_named
from marsad.report.base_map import Rings, base_map
from marsad.report.sections import Row
from marsad.report.series_text import SeriesLine

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


# Naskh first in Arabic script: it has every Sorani letter (ە ێ ۆ ڕ ڵ); DejaVu for what it lacks.
RIGHT_TO_LEFT_STYLE: dict[str, Any] = {"svg.fonttype": "path", "font.family": ["Noto Naskh Arabic", "DejaVu Sans"]}


def _lettering(code: str) -> Any:
    """The text style of a chart in language ``code``, for the time it is drawn and saved."""
    rtl = language_named(code).rtl
    return _pyplot().rc_context(RIGHT_TO_LEFT_STYLE | {"text.language": code} if rtl else {})


def _title_side(code: str) -> str:
    return "right" if language_named(code).rtl else "left"


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


SVG_DPI = 72  # the SVG backend lays out text in points
MUTED = "#c8ccd0"
LABELLED_POPULATION = 40_000  # towns named on the map; smaller ones would crowd it
DENSE_MAP_POINTS = 1500
INK = "#2c3e50"
MUTED_INK = "#7f8c8d"
SYRIA_LAND = "#fbfaf6"
NEIGHBOUR_LAND = "#eceee9"
DISTRICT_LINE = "#c3c8cc"
GOVERNORATE_LINE = "#8c9a9e"
WATER = "#4a90c2"
MAP_SIZE = (6.2, 5.2)  # inches: a page's width inside its margins
# The named rivers of the shipped basemap (gazetteer/data/rivers.geojson), for the catalogues
RIVER_NAMES = (N_("Euphrates"), N_("Khabur"), N_("Tigris"), N_("Balikh"))
MOST_TOWNS = 24  # names beyond these crowd a page-wide map
TOWN_OFFSETS = ((3, 2), (3, -2), (-3, 2), (-3, -2))  # right above, right below, left above, left below


def to_svg(canvas: Canvas) -> str:
    """The figure cropped to what it draws, as ``bbox_inches="tight"`` crops it, but drawn once instead of twice:
    savefig's "tight" draws the whole figure (the map's thousands of points too) only to measure it; its
    extent is measured here without drawing, with the SVG backend's own text metrics (points, at 72 dpi)."""
    buffer = io.StringIO()
    renderer_svg = import_module("matplotlib.backends.backend_svg").RendererSVG
    dpi = canvas.dpi
    canvas.dpi = SVG_DPI
    width, height = canvas.get_size_inches() * SVG_DPI
    extent = canvas.get_tightbbox(renderer_svg(width, height, io.StringIO()))
    canvas.dpi = dpi
    crop = extent.padded(_pyplot().rcParams["savefig.pad_inches"])
    canvas.savefig(buffer, format="svg", bbox_inches=crop, metadata={"Date": None, "Creator": "Marsad"})
    _pyplot().close(canvas)
    return buffer.getvalue()


# Charts are drawn at the width they are read at (a phone's, or a column of the printed page), so their
# text is never shrunk below legibility: 4.2 in is 403 px, about a phone's width.
CHART_WIDTH = 4.2
TREND_SIZE = (3.6, 2.7)  # beside the map on page 1
SERIES_CHART_WIDTH = 5.2  # its bars name a group, an indicator and a place
LABEL_WRAP = 16  # characters per line of a bar's name
READ_PT = 10  # a breakdown chart's text: still 10 px when a phone shrinks the chart to its width


def breakdown_chart(rows: Sequence[Row], month: str, previous: str, code: str = "en") -> str:
    """Horizontal bars for this month, with last month as a thin grey mark for comparison (the page's heading
    names the chart), in language ``code``."""
    with _lettering(code):
        return _breakdown_chart(rows, month, previous)


def _breakdown_chart(rows: Sequence[Row], month: str, previous: str) -> str:
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


def series_chart(
    lines: Sequence[SeriesLine], vocab: Vocabularies, previous_label: str = "previous figure", code: str = "en"
) -> str:
    """The month's indicator figures as bars in each group's colour, the figure before each as a thin mark;
    one block of bars per place and indicator, the total left out where its groups are shown."""
    with _lettering(code):
        return _series_chart(lines, vocab, previous_label)


def _series_chart(lines: Sequence[SeriesLine], vocab: Vocabularies, previous_label: str) -> str:
    bars: list[tuple[str, int, int | None, str]] = []
    for line in lines:
        has_groups = any(p.observation.group != "total" for p in line.points)
        for point in line.points:
            o = point.observation
            if has_groups and o.group == "total":
                continue
            group = vocab.series_groups.label(o.group) if o.group in vocab.series_groups else o.group
            colour = vocab.series_groups.colour(o.group) if o.group in vocab.series_groups else MUTED
            indicator = vocab.indicators.label(o.indicator) if o.indicator in vocab.indicators else o.indicator
            label = textwrap.fill(f"{group} — {indicator}, {o.place}", LABEL_WRAP + 12)
            bars.append((label, o.value, point.previous.value if point.previous else None, colour))
    shown = bars[:14][::-1]
    canvas, axes = _pyplot().subplots(figsize=(SERIES_CHART_WIDTH, 0.42 * len(shown) + 0.9))
    labels = [b[0] for b in shown]
    axes.barh(labels, [b[1] for b in shown], color=[b[3] for b in shown], height=0.62)
    before = [(b[2], i) for i, b in enumerate(shown) if b[2] is not None]
    if before:
        axes.scatter(
            [v for v, _ in before],
            [i for _, i in before],
            marker="|",
            s=260,
            color=INK,
            linewidths=1.6,
            zorder=3,
            label=previous_label,
        )
        axes.legend(frameon=False, fontsize=READ_PT, loc="lower right")
    for index, (_, value, _, _) in enumerate(shown):
        axes.annotate(
            f"{value:,}", (value, index), xytext=(4, 0), textcoords="offset points", va="center", fontsize=READ_PT
        )
    axes.tick_params(labelsize=READ_PT)
    axes.xaxis.set_major_locator(_few_ticks())
    axes.xaxis.set_major_formatter(_thousands())
    axes.margins(x=0.15)
    return to_svg(canvas)


def _few_ticks() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=4, integer=True)  # "24,000" is wide: more ticks would touch


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{int(value):,}")


def trend_chart(
    months: Sequence[Month], by_region: dict[str | None, list[int]], vocab: Vocabularies, title: str, code: str = "en"
) -> str:
    """Twelve months of attacks, stacked by region, in the language ``code`` (``vocab`` in that language)."""
    with _lettering(code):
        return _trend_chart(months, by_region, vocab, title, code)


def _trend_chart(
    months: Sequence[Month], by_region: dict[str | None, list[int]], vocab: Vocabularies, title: str, code: str
) -> str:
    canvas, axes = _pyplot().subplots(figsize=TREND_SIZE)
    # every other month is named, counting back from the report's, so names never touch at a phone's width
    named = list(range(len(months) - 1, -1, -2))[::-1]
    short = [month_name(months[i].month, code, "abbreviated") for i in named]
    labels = [
        f"{name}\n{months[i].year}" if months[i].month == 1 or i == named[0] else name
        for name, i in zip(short, named, strict=True)
    ]
    bottom = [0] * len(months)
    order = [r.key for r in vocab.regions if r.key in by_region] + ([None] if None in by_region else [])
    for region in order:
        values = by_region[region]
        colour = vocab.regions.colour(region) if region else MUTED
        label = vocab.regions.label(region) if region else gettext(code, N_("outside the regions"))
        axes.bar(range(len(months)), values, bottom=bottom, color=colour, label=label, width=0.72)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(named, labels)
    axes.set_xticks(range(len(months)), minor=True)
    axes.yaxis.set_major_locator(_integer_ticks())
    axes.set_title(title, loc=_title_side(code))
    axes.legend(frameon=False, fontsize=9, ncol=3, loc="upper left", bbox_to_anchor=(0, -0.2))
    return to_svg(canvas)


def incident_map(
    incidents: Sequence[Incident], gazetteer: Gazetteer, vocab: Vocabularies, title: str, code: str = "en"
) -> str:
    """The month's attacks (coloured by perpetrator) and raids (squares) on a map of the monitored area:
    governorate and district boundaries, rivers, region outlines with their names, the main towns (named as
    readers of ``code`` write them)."""
    with _lettering(code):
        return _incident_map(incidents, gazetteer, vocab, title, code)


def _incident_map(
    incidents: Sequence[Incident], gazetteer: Gazetteer, vocab: Vocabularies, title: str, code: str
) -> str:
    base = base_map(vocab)
    canvas, axes = _pyplot().subplots(figsize=MAP_SIZE)
    axes.set_facecolor(NEIGHBOUR_LAND)  # outside Syria
    _fill(axes, base.governorates, facecolor=SYRIA_LAND, edgecolor="none", zorder=0)
    _fill(axes, base.districts, facecolor="none", edgecolor=DISTRICT_LINE, linewidth=0.35)
    for key, rings in base.regions.items():
        colour = vocab.regions.colour(key)
        _fill(axes, rings, facecolor=colour, alpha=0.09, edgecolor="none", zorder=1)
        _fill(axes, rings, facecolor="none", edgecolor=colour, linewidth=1.1, zorder=2)
    _fill(axes, base.governorates, facecolor="none", edgecolor=GOVERNORATE_LINE, linewidth=0.7, zorder=2)
    lines = import_module("matplotlib.collections").LineCollection
    for waterways in base.rivers:
        ends = {"linestyle": (0, (3, 2))} if waterways.approximate else {"capstyle": "round"}  # as a line's ends
        width = 1.3 if waterways.named else 0.6
        axes.add_collection(lines(waterways.lines, colors=WATER, linewidths=width, zorder=3, **ends), autolim=False)
    _draw_incidents(axes, incidents, vocab)
    _frame(axes, base.bounds)
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(True)
        spine.set_color(MUTED)
    axes.set_title(title, loc=_title_side(code))
    names = map_names(vocab, gazetteer, code)
    for name in names:
        axes.annotate(name.text, (name.x, name.y), xytext=name.offset, textcoords="offset points", **name.style)
    towns = [(name.x, name.y) for name in names if name.town]
    if towns:
        xs, ys = zip(*towns, strict=True)
        axes.plot(xs, ys, "o", color=INK, markersize=2.2, zorder=6)  # one line of dots, not a line per dot
    if axes.get_legend_handles_labels()[0]:
        axes.legend(frameon=True, framealpha=0.85, edgecolor="none", fontsize=7, loc="lower left")
    axes.text(
        0, -0.02, "\n".join(CREDITS), transform=axes.transAxes, ha="left", va="top", fontsize=5.5, color=MUTED_INK
    )
    return to_svg(canvas)


def _frame(axes: Any, bounds: tuple[float, float, float, float]) -> None:
    """The map's extent, and its aspect: a degree of longitude is shorter than one of latitude."""
    west, south, east, north = bounds
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))


@dataclass(frozen=True)
class MapName:
    """A name the map writes: its text, the point it is anchored at, its offset (points) and style, the box it
    keeps clear of other names (pixels) and whether it is a town's (drawn with a dot)."""

    text: str
    x: float
    y: float
    offset: tuple[float, float]
    style: dict[str, Any]
    box: Any
    town: bool


@lru_cache(maxsize=8)  # a process holds one vocabulary and gazetteer, or a few
def map_names(vocab: Vocabularies, gazetteer: Gazetteer, code: str = "en") -> tuple[MapName, ...]:
    """Where the map writes the names of regions, rivers and towns (in language ``code``, measured in its
    lettering). They avoid each other and the map's edges, not the incidents, so they are placed once per
    process and language, on a frame of the map's size and extent, instead of on every map (a fifth of a map's
    time)."""
    with _lettering(code):
        return _map_names(vocab, gazetteer, code)


def _map_names(vocab: Vocabularies, gazetteer: Gazetteer, code: str) -> tuple[MapName, ...]:
    base = base_map(vocab)
    west, south, east, north = base.bounds
    canvas, axes = _pyplot().subplots(figsize=MAP_SIZE)
    _frame(axes, base.bounds)
    labels = _Labels(canvas, axes)
    for key, (x, y) in base.region_anchors.items():  # region names first: they matter most and are never dropped
        region = vocab.regions.term(key)
        labels.place(
            x,
            y,
            region.label,
            [(0, 0)],
            force=True,
            color=region.colour,
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            zorder=7,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1.2},
        )
    for river in base.named_rivers:
        labels.river(river, gettext(code, river.name or ""), WATER)  # named_rivers: each has a name
    towns: set[str] = set()
    for place in sorted(gazetteer.places, key=lambda p: (not p.curated, -p.population)):
        inside = place.country == "SY" and west < place.longitude < east and south < place.latitude < north
        named = place.population >= LABELLED_POPULATION or (place.curated and place.kind in ("city", "town"))
        if not (inside and named) or place.name in towns or len(towns) >= MOST_TOWNS:
            continue
        style: dict[str, Any] = {"fontsize": 7, "color": INK, "zorder": 6}
        name = gazetteer.local_name(place.name, code)
        if labels.place(place.longitude, place.latitude, name, TOWN_OFFSETS, town=True, **style):
            towns.add(place.name)
    _pyplot().close(canvas)
    return tuple(labels.placed)


def _fill(axes: Any, rings: Rings, zorder: float = 1, **style: Any) -> None:
    """Outlines drawn as one collection: a patch each made the axes recompute their limits (which the map sets
    itself) once per district, a third of the map's time."""
    collection = import_module("matplotlib.collections").PolyCollection(rings, zorder=zorder, **style)
    axes.add_collection(collection, autolim=False)


def _draw_incidents(axes: Any, incidents: Sequence[Incident], vocab: Vocabularies) -> None:
    layers: dict[str, tuple[str, str, str, list[float], list[float]]] = {}
    for incident in incidents:
        if incident.latitude is None or incident.longitude is None:
            continue
        raid = incident.kind == Kind.RAID
        key = Kind.RAID if raid else incident.perpetrator
        if key not in layers:
            label = vocab.kinds.label(Kind.RAID) if raid else vocab.actors.label(key)
            colour = vocab.kinds.colour(Kind.RAID) if raid else vocab.actors.colour(key)
            layers[key] = (label, colour, "s" if raid else "o", [], [])
        layers[key][3].append(incident.longitude)
        layers[key][4].append(incident.latitude)
    dense = sum(len(layer[3]) for layer in layers.values()) > DENSE_MAP_POINTS
    array = import_module("numpy").asarray
    for label, colour, marker, xs, ys in layers.values():
        # thousands of vector dots make an SVG no browser or PDF wants: a dense layer becomes an image
        axes.scatter(
            array(xs),  # a list of floats goes through numpy's masked arrays one element at a time
            array(ys),
            s=22,
            marker=marker,
            color=colour,
            edgecolors="white",
            linewidths=0.5,
            alpha=0.9,
            label=label,
            zorder=5,
            rasterized=dense,
        )


class _Labels:
    """Names placed one by one where they overlap no name already placed (nor leave the map), measured on the
    map's frame and kept as ``placed``."""

    def __init__(self, canvas: Any, axes: Any) -> None:
        self.axes = axes
        self.renderer = canvas.canvas.get_renderer()
        self.frame = axes.get_window_extent(self.renderer)
        self.placed: list[MapName] = []

    def place(
        self,
        x: float,
        y: float,
        text: str,
        offsets: Sequence[tuple[float, float]],
        force: bool = False,
        town: bool = False,
        **style: Any,
    ) -> bool:
        """Place ``text`` at the first offset (points) where it fits; False if none does."""
        for dx, dy in offsets:
            aligned = {
                "ha": "left" if dx > 0 else "right" if dx < 0 else "center",
                "va": "bottom" if dy > 0 else "top" if dy < 0 else "center",
            } | style
            label = self.axes.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", **aligned)
            box = label.get_window_extent(self.renderer).expanded(1.08, 1.15)
            label.remove()
            fits = self.frame.contains(box.x0, box.y0) and self.frame.contains(box.x1, box.y1)
            if force or (fits and not any(box.overlaps(other.box) for other in self.placed)):
                self.placed.append(MapName(text, x, y, (dx, dy), aligned, box, town))
                return True
        return False

    def river(self, river: Any, name: str, colour: str) -> None:
        """A river's ``name`` beside the middle of its longest stretch, tilted as the river runs there."""
        line = max(getattr(river.line, "geoms", [river.line]), key=lambda part: part.length)
        for fraction in (0.5, 0.35, 0.65, 0.2, 0.8):
            here, ahead = (
                line.interpolate(fraction, normalized=True),
                line.interpolate(fraction + 0.03, normalized=True),
            )
            start, end = self.axes.transData.transform([(here.x, here.y), (ahead.x, ahead.y)])
            angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            style: dict[str, Any] = {
                "color": colour,
                "fontsize": 7,
                "fontstyle": "italic",
                "rotation": angle,
                "rotation_mode": "anchor",
                "zorder": 4,
            }
            if self.place(here.x, here.y, name, [(0, 3)], ha="center", va="bottom", **style):
                return
