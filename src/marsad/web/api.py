"""/api/v1: incidents (JSON and GeoJSON), vocabularies, statistics and reports — public data only.

Every response goes through the query layer with public access: published incidents, public fields. Bad
parameters are 422 with a message that says what was wrong and what is allowed.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse

from marsad.analysis.groups import STATS_GROUPS, grouped_stats
from marsad.analysis.months import Month
from marsad.analysis.periods import Period, period_stats
from marsad.analysis.statistics import Scope
from marsad.domain.access import Access
from marsad.domain.filters import PARAM_HELP, PARAMS, FilterError, IncidentFilter
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import VOCABULARY_NAMES, Term, Vocabularies
from marsad.gazetteer.boundaries import load_boundaries
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.outlines import basemap_geojson, outlines_geojson
from marsad.io.canonical import incident_to_json
from marsad.io.formats import FORMATS, UnknownFormatError, writable_format
from marsad.io.json_format import to_feature
from marsad.io.public_models import IncidentPublic
from marsad.report.assemble import build_monthly_report
from marsad.report.contract import period_stats_json, public_report_json
from marsad.report.contract_models import PeriodStatsJson, ReportJson
from marsad.services.comparing import GROUPINGS, compare, comparison_json, sniff_layout
from marsad.services.exporting import export_incidents
from marsad.services.review import withdrawn_incidents
from marsad.storage.aggregates import GridCell, grid_cells, selection_totals
from marsad.storage.cubes import cell_degrees
from marsad.storage.queries import SORTABLE, get_incident, merged_into, page_of_incidents, sort_value_type
from marsad.web.api_models import (
    NOT_FOUND,
    REFUSED,
    REFUSED_BESIDE_GEOJSON,
    ApiError,
    ClusterMap,
    Comparison,
    FeatureCollection,
    GroupedStats,
    IncidentFeatureCollection,
    IncidentPage,
    VocabulariesPublic,
    WithdrawnList,
    file_answer,
)
from marsad.web.auth import CanRead
from marsad.web.cursors import CursorError, decode_cursor, encode_cursor
from marsad.web.deps import AppDep, SessionDep, VocabDep, public_selection
from marsad.web.downloads import attachment
from marsad.web.figure_cache import cached, counting, public_count
from marsad.web.localization import reader_vocabularies
from marsad.web.reader_words import reader_words

router = APIRouter(prefix="/api/v1", tags=["api"])
# The filters every selection takes, documented once from the filter's own table (they are read from the query).
FILTERS: dict[str, Any] = {
    "parameters": [
        {"name": name, "in": "query", "required": False, "description": PARAM_HELP[name], "schema": {"type": "string"}}
        for name in PARAMS
    ]
}
PAGE_PARAMS = ("sort", "limit", "cursor", "fields")
SPOOL_IN_MEMORY = 16 * 2**20
UNKNOWN_COLOUR = "#7f8c8d"
WRITABLE = tuple(f.name for f in FORMATS.values() if f.write)
Answer = TypeVar("Answer")


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


class ParameterError(ValueError):
    """A request parameter that cannot be used: becomes a 422 naming the parameter."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(
            message if message.startswith(param) else Phrase("{param}: {message}", param=param, message=message)
        )


def selection_from(request: Request, vocab: VocabDep, allowed_extra: tuple[str, ...] = ()) -> IncidentFilter:
    """The request's filters; counted as the reports count unless ``counted=all`` (the rule is in one place)."""
    params = {k: request.query_params.getlist(k) for k in request.query_params if k not in allowed_extra}
    try:
        return public_selection(request, params, vocab)
    except FilterError as error:
        raise ParameterError(error.param, str(error)) from None


def _counting(request: Request, session: SessionDep, selection: IncidentFilter, vocab: Vocabularies) -> dict[str, Any]:
    """The counting rule in words (and the grades it counts), how many it leaves out, and the same request with
    them included."""
    words = counting(request, session, selection, vocab)
    reader = reader_words(request)  # the sentences in the reader's language (the map shows them as they come)
    url = request.url.remove_query_params("cursor").include_query_params(counted="all")
    return words | {
        "rule": reader.counting(selection),
        "grades_rule": reader.counted_grades,
        "include_not_counted": str(url) if selection.counted else None,
    }


def _actors(vocab: Vocabularies, written: list[str] | None) -> tuple[str, ...]:
    try:
        return tuple(vocab.actors.resolve(a) for a in written or ())
    except ValueError as error:
        raise ParameterError("perpetrator", str(error)) from None


def _fields(fields: str | None) -> tuple[str, ...]:
    if not fields:
        return PUBLIC_COLUMNS
    chosen = tuple(f.strip() for f in fields.split(",") if f.strip())
    unknown = [f for f in chosen if f not in PUBLIC_COLUMNS]
    if unknown:
        raise ParameterError(
            "fields",
            Phrase(
                "{fields} not public fields; choose from {columns}",
                fields=", ".join(unknown),
                columns=", ".join(PUBLIC_COLUMNS),
            ),
        )
    return chosen if "id" in chosen else ("id", *chosen)


@router.get(
    "/incidents",
    summary="Published incidents, filtered, sorted and paged",
    openapi_extra=FILTERS,
    response_model=IncidentPage,
    response_model_exclude_unset=True,  # a page of `fields=` holds those fields only
    responses=REFUSED,
)
def list_incidents(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    sort: Annotated[str, Query(description="A column, '-column' for descending; ties break on id.")] = "date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Incidents per page.")] = 100,
    cursor: Annotated[str | None, Query(description="From the previous page's `next`.")] = None,
    fields: Annotated[str | None, Query(description="Comma-separated public fields to return.")] = None,
) -> dict[str, Any]:
    selection = selection_from(request, vocab, PAGE_PARAMS)
    column, descending = sort.lstrip("-"), sort.startswith("-")
    if column not in SORTABLE:
        raise ParameterError(
            "sort",
            Phrase("cannot sort by '{column}'; choose from {columns}", column=column, columns=", ".join(SORTABLE)),
        )
    try:
        after = decode_cursor(cursor, sort_value_type(column)).key if cursor else None
    except CursorError as error:
        raise ParameterError("cursor", str(error)) from None
    columns = _fields(fields)
    page = page_of_incidents(session, selection, Access.PUBLIC, column, descending, limit, after)
    incidents, next_url = page.incidents, None
    if page.next_key is not None:
        next_url = str(request.url.include_query_params(cursor=encode_cursor(page.next_key)))
    return {
        "selection": selection.describe(vocab),
        "total": public_count(request, session, selection),
        "counting": _counting(request, session, selection, vocab),
        "incidents": [incident_to_json(i, columns) for i in incidents],
        "next": next_url,
    }


@router.get(
    "/incidents.geojson",
    summary="Published incidents as a GeoJSON FeatureCollection",
    openapi_extra=FILTERS,
    response_model=IncidentFeatureCollection,  # documents the answer; a test checks it (thousands of features)
    response_class=GeoJSONResponse,
    responses=REFUSED_BESIDE_GEOJSON,
)
def incidents_geojson(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    limit: Annotated[int, Query(ge=1, le=10000, description="At most this many features.")] = 5000,
) -> JSONResponse:
    selection = selection_from(request, vocab, ("limit",))
    page = page_of_incidents(session, selection, Access.PUBLIC, "date", False, limit)
    body = {
        "type": "FeatureCollection",
        "features": [to_feature(i, PUBLIC_COLUMNS) for i in page.incidents],
        "truncated": page.next_key is not None,
        "counting": _counting(request, session, selection, vocab),
    }
    return GeoJSONResponse(body)


@router.get(
    "/map/clusters",
    summary="Incidents counted per map grid square, for any zoom (server-side clustering)",
    openapi_extra=FILTERS,
    response_model=ClusterMap,
    response_model_exclude_unset=True,  # a square of one incident says more
    responses=REFUSED,
)
def map_clusters(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    zoom: Annotated[int, Query(ge=0, le=18, description="Map zoom level; squares are about 64 screen pixels.")] = 6,
    bbox: Annotated[
        str | None, Query(description="west,south,east,north in degrees: the squares it meets, each whole.")
    ] = None,
) -> dict[str, Any]:
    selection = selection_from(request, vocab, ("zoom", "bbox"))
    box = _bbox(bbox) if bbox else None
    cells = grid_cells(session, selection, Access.PUBLIC, zoom, box)
    return {
        "zoom": zoom,
        "cell_degrees": cell_degrees(zoom),
        "selection": selection.describe(vocab),
        "in_selection": cached(request, session, ("map-selection", selection), lambda: _whole(session, selection)),
        "total": sum(c.count for c in cells),
        "killed": sum(c.killed for c in cells),
        "counting": _counting(request, session, selection, vocab),
        "clusters": [_cluster(c, vocab) for c in cells],
    }


def _whole(session: SessionDep, selection: IncidentFilter) -> dict[str, int]:
    """The selection whatever the view: how many, how many killed, how many have coordinates (are on the map)."""
    count, killed, located = selection_totals(session, selection, Access.PUBLIC)
    return {"count": count, "killed": killed, "located": located}


def _cluster(cell: GridCell, vocab: Vocabularies) -> dict[str, Any]:
    """A grid square for the map; a square holding one incident also says its type's marker and precision."""
    cluster: dict[str, Any] = {
        "latitude": cell.latitude,
        "longitude": cell.longitude,
        "count": cell.count,
        "id": cell.incident_id,
        "perpetrator": cell.perpetrator,
        "colour": _actor_colour(cell.perpetrator, vocab),
        "perpetrators": [
            {"perpetrator": actor, "count": count, "colour": _actor_colour(actor, vocab)}
            for actor, count in cell.perpetrators
        ],
        "killed": cell.killed,
    }
    if cell.incident_id is not None:
        precision = cell.geo_precision if cell.geo_precision in vocab.geo_precisions else None
        cluster |= {
            "type": cell.type,
            "marker": vocab.types.term(cell.type).marker if cell.type and cell.type in vocab.types else "circle",
            "precision": precision,
            "radius_km": vocab.geo_precisions.term(precision).radius_km if precision else 0.0,
        }
    return cluster


def _actor_colour(actor: str, vocab: Vocabularies) -> str:
    return vocab.actors.colour(actor) if actor in vocab.actors else UNKNOWN_COLOUR


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise ParameterError("bbox", Phrase("'{text}' is not west,south,east,north in degrees", text=text)) from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ParameterError(
            "bbox", Phrase("'{text}' is not a box: west ≤ east within ±180, south ≤ north within ±90", text=text)
        )
    return west, south, east, north


@router.get(
    "/incidents/withdrawn",
    summary="Ids of withdrawn incidents, with when and why: drop them from copies",
    response_model=WithdrawnList,
)
def withdrawn(session: SessionDep) -> dict[str, Any]:
    return {
        "withdrawn": [
            {"id": w.id, "withdrawn_at": w.withdrawn_at.isoformat() if w.withdrawn_at else None, "reason": w.reason}
            for w in withdrawn_incidents(session)
        ]
    }


@router.get(
    "/incidents/{incident_id}",
    summary="One published incident with its sources (a merged duplicate's id redirects to the incident kept)",
    response_model=IncidentPublic,
    response_model_exclude_unset=True,  # a source's empty fields stay out
    responses={**NOT_FOUND, **REFUSED, 301: {"description": "A merged duplicate: `Location` is the incident kept"}},
)
def one_incident(incident_id: str, session: SessionDep) -> dict[str, Any] | RedirectResponse:
    incident = get_incident(session, incident_id, Access.PUBLIC)
    if incident is None:
        target = merged_into(session, incident_id)
        if target:
            return RedirectResponse(f"/api/v1/incidents/{target}", status_code=301)
        raise HTTPException(404, Phrase("no published incident has the id '{id}'", id=incident_id))
    return incident_to_json(incident, PUBLIC_COLUMNS)


@router.get(
    "/export.{fmt}",
    summary=f"Download the selection: {', '.join(WRITABLE)} (public fields)",
    openapi_extra=FILTERS,
    response_class=Response,
    responses={
        **file_answer(dict.fromkeys(FORMATS[f].media_type for f in WRITABLE), "The file, as an attachment"),
        **REFUSED,
    },
)
def export(fmt: str, request: Request, session: SessionDep, vocab: VocabDep, application: AppDep) -> StreamingResponse:
    try:
        chosen = writable_format(fmt)
    except UnknownFormatError as error:
        raise ParameterError("format", str(error)) from None
    selection = selection_from(request, vocab)
    # a large export goes to disk, not memory; _chunks closes the file once it is streamed
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    export_incidents(session, selection, chosen, spool, Access.PUBLIC, mappings=application.mappings)  # type: ignore[arg-type]
    spool.seek(0)
    name = "-".join(["marsad-incidents", *(v.replace(",", "+") for v in selection.to_params().values())])
    headers = {"Content-Disposition": attachment(name[:120] + chosen.extensions[0])}
    return StreamingResponse(_chunks(spool), media_type=chosen.media_type, headers=headers)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(1 << 16):
            yield chunk


@router.get(
    "/regions.geojson",
    summary="Region outlines (their districts dissolved) and the places around them",
    response_model=FeatureCollection,  # documents the bytes answered
    response_class=GeoJSONResponse,
)
def regions_geojson(application: AppDep) -> Response:
    return _geojson(_outlines(application.gazetteer, application.vocabularies))


@router.get(
    "/basemap.geojson",
    summary="The offline basemap: governorates, districts, regions, rivers and places (with the zoom they show from)",
    response_model=FeatureCollection,
    response_class=GeoJSONResponse,
)
def basemap(request: Request, application: AppDep) -> Response:
    if "gzip" in request.headers.get("accept-encoding", ""):
        return _geojson(
            _basemap_gzipped(application.gazetteer, application.vocabularies),
            {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return _geojson(
        gzip.decompress(_basemap_gzipped(application.gazetteer, application.vocabularies)), {"Vary": "Accept-Encoding"}
    )


def _geojson(body: bytes, headers: dict[str, str] | None = None) -> Response:
    cache_headers = {"Cache-Control": "public, max-age=3600"} | (headers or {})
    return Response(body, media_type="application/geo+json", headers=cache_headers)


# Keyed on what the outlines are drawn from, not on the application: applications that share a gazetteer and
# vocabularies (gazetteer._shared) share the bytes, and none is kept alive by the cache.
@cache  # outlines are dissolved once
def _outlines(gazetteer: Gazetteer, vocab: Vocabularies) -> bytes:
    return _json_bytes(outlines_geojson(load_boundaries(), gazetteer, vocab))


@cache
def _basemap_gzipped(gazetteer: Gazetteer, vocab: Vocabularies) -> bytes:
    layers = basemap_geojson(load_boundaries(), gazetteer, vocab)
    return gzip.compress(_json_bytes(layers), compresslevel=6, mtime=0)


def _json_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get(
    "/vocabularies",
    summary="Every controlled value with its label and colour",
    response_model=VocabulariesPublic,
    response_model_exclude_unset=True,
)
def vocabularies(request: Request, vocab: VocabDep) -> dict[str, Any]:
    """Labels in the request's language (``?lang=`` or Accept-Language), as the map's legend shows them."""
    labelled = reader_vocabularies(request, vocab)
    return {
        name: [
            {"key": t.key, "label": t.label, "colour": t.colour, **_extras(name, t)} for t in getattr(labelled, name)
        ]
        for name in VOCABULARY_NAMES
    }


def _extras(vocabulary: str, term: Term) -> dict[str, Any]:
    """What a vocabulary's terms carry besides key, label and colour: a type's kind and marker, a radius."""
    if vocabulary == "types":
        return {"kind": term.kind, "marker": term.marker}
    if vocabulary == "geo_precisions":
        return {"radius_km": term.radius_km}
    return {}


@router.get(
    "/stats",
    summary="Figures for a period compared with earlier ones, or counts grouped by any fields",
    openapi_extra={"parameters": [p for p in FILTERS["parameters"] if p["name"] != "perpetrator"]},
    response_model=PeriodStatsJson | GroupedStats,
    response_model_exclude_unset=True,  # a group holds the fields grouped by
    responses=REFUSED,
)
def stats(
    request: Request,
    session: SessionDep,
    vocab: VocabDep,
    perpetrator: Annotated[list[str] | None, Query(description="Only these actors (keys or aliases).")] = None,
    group_by: Annotated[
        str | None,
        Query(description=f"Comma-separated, any of {', '.join(STATS_GROUPS)}: counts and casualties per group."),
    ] = None,
) -> dict[str, Any]:
    """Without ``group_by``: the period's figures (analysis module). With it: tallies of the filtered incidents."""
    if group_by is not None:
        selection = selection_from(request, vocab, ("group_by",))
        groups = _groups(group_by)
        figures = _cached(request, session, lambda: grouped_stats(session, selection, groups, vocab))
        return figures | {"counting": _counting(request, session, selection, vocab)}
    selection = selection_from(request, vocab, ("perpetrator",))
    if not (selection.date_from and selection.date_to):
        raise ParameterError("from", Phrase("give a period: month=YYYY-MM, or from=YYYY-MM-DD and to=YYYY-MM-DD"))
    extra = set(selection.to_params()) - {"from", "to"}
    if extra:
        raise ParameterError(
            sorted(extra)[0], Phrase("period figures take a period and perpetrator only; or use group_by")
        )
    period, scope = Period(selection.date_from, selection.date_to), Scope(_actors(vocab, perpetrator))
    return _cached(request, session, lambda: period_stats_json(period_stats(session, period, scope, Access.PUBLIC)))


def _groups(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(g.strip() for g in text.split(",") if g.strip()))
    unknown = [g for g in chosen if g not in STATS_GROUPS]
    if unknown or not chosen:
        raise ParameterError(
            "group_by", Phrase("'{text}': group by any of {groups}", text=text, groups=", ".join(STATS_GROUPS))
        )
    return chosen


def _cached(request: Request, session: SessionDep, compute: Callable[[], Answer]) -> Answer:
    """The same request on the same data gets the same figures: computed once until an incident changes."""
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
    result: Answer = cached(request, session, key, compute)
    return result


@router.get(
    "/reports/{month}",
    summary="The monthly report's figures and key points (the JSON contract)",
    response_model=ReportJson,  # checked by public_report_json, once per data version (cached)
    responses=REFUSED,
)
def monthly_report(
    request: Request,
    month: str,
    session: SessionDep,
    vocab: VocabDep,
    perpetrator: Annotated[list[str] | None, Query(description="Only these actors.")] = None,
) -> Response:
    try:
        chosen = Month.parse(month)
    except ValueError as error:
        raise ParameterError("month", str(error)) from None
    scope = Scope(_actors(vocab, perpetrator))

    def checked_report() -> bytes:
        report = build_monthly_report(session, chosen, scope, vocab, Access.PUBLIC)
        return json.dumps(public_report_json(report), ensure_ascii=False, separators=(",", ":")).encode()

    return Response(_cached(request, session, checked_report), media_type="application/json")


@router.post(
    "/compare",
    summary="Marsad's month beside an uploaded ACLED or UCDP GED file (signed in or a token)",
    response_model=Comparison,
    responses={**REFUSED, 401: {"model": ApiError, "description": "Sign in or send a token"}},
)
def compare_upload(
    session: SessionDep,
    vocab: VocabDep,
    application: AppDep,
    viewer: CanRead,
    file: Annotated[UploadFile, File(description="An ACLED or UCDP GED CSV file.")],
    month: Annotated[str, Form(description="YYYY-MM")],
    by: Annotated[str, Form(description="region, type or perpetrator")] = "region",
) -> dict[str, Any]:
    try:
        chosen = Month.parse(month)
    except ValueError as error:
        raise ParameterError("month", str(error)) from None
    if by not in GROUPINGS:
        raise ParameterError("by", Phrase("'{text}': compare by one of {groups}", text=by, groups=", ".join(GROUPINGS)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other.csv"
        path.write_bytes(file.file.read())
        try:
            layout = sniff_layout(path)
            reader = layout.reader(mappings=application.mappings)
            result = compare(session, reader(path), chosen, by, vocab, application.gazetteer, layout.name.upper())
        except ValueError as error:
            raise ParameterError("file", str(error)) from None
    return comparison_json(result)
