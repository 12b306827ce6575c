"""What /api/v1 answers, as pydantic models: OpenAPI documents them and FastAPI checks every answer against them.

The routes still build plain dicts (``io.canonical`` makes each incident's); FastAPI validates and serializes
them once, in pydantic's compiled core, so a field the model does not list never leaves the server. A page of
``fields=`` holds only the chosen fields: models whose fields may be left out are answered with
``response_model_exclude_unset``, which keeps exactly the keys the route gave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, create_model, with_config
from typing_extensions import TypedDict

from marsad.analysis.groups import STATS_GROUPS
from marsad.domain.vocabulary import VOCABULARY_NAMES
from marsad.io.public_models import Contract, IncidentPublic, IncidentSource
from marsad.storage.aggregates import MEASURES


class ApiError(Contract):
    """Every refusal of the API (web.app turns ParameterError, HTTPException and bad types into it)."""

    error: str = Field(description="What was wrong and, for a parameter, what it takes.")
    parameter: str | None = Field(description="The parameter at fault, when one is; null otherwise.")


REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"model": ApiError, "description": "A parameter cannot be used: `parameter` names it, `error` says why"}
}
# A GeoJSON route refuses in JSON too: OpenAPI would otherwise give the error model its media type.
REFUSED_BESIDE_GEOJSON: dict[int | str, dict[str, Any]] = {
    422: {
        "description": REFUSED[422]["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}},
    }
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ApiError, "description": "No such published record"}}


def _derived(name: str, doc: str, leave_out: tuple[str, ...] = ()) -> type[BaseModel]:
    """IncidentPublic with fields left out."""
    fields: dict[str, Any] = {
        field: (info.annotation, info) for field, info in IncidentPublic.model_fields.items() if field not in leave_out
    }
    return create_model(name, __base__=Contract, __doc__=doc, **fields)


def _chosen(name: str, model: type[BaseModel], nested: dict[str, Any]) -> Any:
    """``model``'s fields as a TypedDict whose keys (all but ``id``) may be left out, for a page of ``fields=``:
    pydantic checks a page of them at about half the cost of model instances (9 rather than 17 ms for 1,000)."""
    keys: dict[str, Any] = {
        field: NotRequired[Annotated[nested.get(field, info.annotation), Field(description=info.description)]]
        for field, info in model.model_fields.items()
    }
    if "id" in keys:
        keys["id"] = str
    return with_config(ConfigDict(extra="forbid"))(TypedDict(name, keys))  # type: ignore[operator]


SourceFields = _chosen("SourceFields", IncidentSource, {})
IncidentFields = _chosen("IncidentFields", IncidentPublic, {"sources": list[SourceFields]})  # type: ignore[valid-type]


class Counting(Contract):
    """Which incidents the figures count, in words, and how to see the ones left out."""

    counted: Literal["counted", "all", "not_counted"]
    rule: str = Field(description="The counting rule this selection follows, in words.")
    grades: list[str] = Field(description="The grades the reports count.")
    grades_rule: str
    not_counted: int | None = Field(description="Published incidents the rule leaves out; null with counted=all.")
    include_not_counted: str | None = Field(description="The same request with them included (counted=all).")


class IncidentPage(Contract):
    selection: str = Field(description="The filters in words.")
    total: int = Field(description="Published incidents in the selection, on every page.")
    counting: Counting
    incidents: list[IncidentFields]  # type: ignore[valid-type]
    next: str | None = Field(description="The next page's URL (cursor included); null on the last page.")


class WithdrawnIncident(Contract):
    id: str
    withdrawn_at: str | None = Field(description="When, ISO 8601 date and time.")
    reason: str | None


class WithdrawnList(Contract):
    """Incidents once published and since withdrawn: a copy of the data should drop them."""

    withdrawn: list[WithdrawnIncident]


class SelectionTotals(Contract):
    """The whole selection, whatever the map shows."""

    count: int
    killed: int
    located: int = Field(description="How many have coordinates (are on the map).")


class ActorCount(Contract):
    perpetrator: str
    count: int
    colour: str


class Cluster(Contract):
    """A map grid square; one holding a single incident also gives its type's marker and its precision."""

    latitude: float
    longitude: float
    count: int
    id: str | None = Field(description="The incident, when the square holds one.")
    perpetrator: str = Field(description="The actor with most incidents in the square.")
    colour: str
    perpetrators: list[ActorCount]
    killed: int
    type: str | None = None
    marker: str | None = None
    precision: str | None = None
    radius_km: float | None = Field(None, description="How far the true place may be from the point.")


class ClusterMap(Contract):
    zoom: int
    cell_degrees: float = Field(description="The grid square's side.")
    selection: str
    in_selection: SelectionTotals
    total: int = Field(description="Incidents in the squares shown.")
    killed: int
    counting: Counting
    clusters: list[Cluster]


# What each group sums (each count, and the low and high of each casualty count), as the tally sums them.
MEASURE_FIELDS: dict[str, Any] = {"incidents": (int, ...), **dict.fromkeys(MEASURES, (int, ...))}
GROUP_KEYS: dict[str, Any] = {name: (bool | None if name == "counted" else str | None, None) for name in STATS_GROUPS}
GroupTotals = create_model("GroupTotals", __base__=Contract, **MEASURE_FIELDS)
GroupRow = create_model(
    "GroupRow",
    __base__=Contract,
    __doc__="One group: its keys (the fields grouped by), how many incidents, and the sums of their counts.",
    **GROUP_KEYS,
    **MEASURE_FIELDS,
)


class GroupedStats(Contract):
    selection: str
    group_by: list[str]
    total: GroupTotals  # type: ignore[valid-type]
    groups: list[GroupRow]  # type: ignore[valid-type]
    counting: Counting


class TermPublic(Contract):
    """A controlled value; a type also has its kind and marker, a location precision its radius."""

    key: str
    label: str
    colour: str
    kind: str | None = None
    marker: str | None = None
    radius_km: float | None = None


VocabulariesPublic = create_model(
    "VocabulariesPublic",
    __base__=Contract,
    __doc__="Every vocabulary (docs/codebook.md), its terms in order.",
    **dict.fromkeys(VOCABULARY_NAMES, (list[TermPublic], ...)),  # type: ignore[call-overload]
)


class GroupComparison(Contract):
    key: str | None
    label: str
    marsad: int
    other: int
    difference: int


class ComparisonTotals(Contract):
    marsad: int
    other: int
    difference: int


class Matched(Contract):
    marsad: str
    other: str


class IncidentBrief(Contract):
    id: str
    date: dt.date
    place: str | None
    type: str


class Comparison(Contract):
    """Marsad's month beside another dataset's, by group, with the incidents matched and those in one only."""

    month: str
    by: str
    other: str = Field(description="The other dataset: ACLED or GED.")
    totals: ComparisonTotals
    groups: list[GroupComparison]
    matched: list[Matched]
    only_in_marsad: list[IncidentBrief]
    only_in_other: list[IncidentBrief]
    other_outside_area: int
    other_unreadable: list[str]


class Point(Contract):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude]")


IncidentProperties = _derived(
    "IncidentProperties",
    "An incident's public fields but its coordinates (they are the geometry).",
    leave_out=("latitude", "longitude"),
)


class IncidentFeature(Contract):
    type: Literal["Feature"]
    id: str
    geometry: Point | None = Field(description="null for an incident without coordinates")
    properties: IncidentProperties  # type: ignore[valid-type]


class IncidentFeatureCollection(Contract):
    type: Literal["FeatureCollection"]
    features: list[IncidentFeature]
    truncated: bool = Field(description="More incidents match than `limit` allowed.")
    counting: Counting


class Feature(Contract):
    type: Literal["Feature"]
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class FeatureCollection(Contract):
    """Map layers: ``properties.layer`` (basemap) or the feature's kind says what each feature is."""

    type: Literal["FeatureCollection"]
    features: list[Feature]
    bbox: list[float] | None = Field(None, description="The monitored area's bounds (basemap).")
    credits: list[str] | None = Field(None, description="What the map must credit (basemap).")


def file_answer(media_types: Iterable[str], description: str) -> dict[int | str, dict[str, Any]]:
    """A 200 answer that is a file rather than a model, for OpenAPI: its media types."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": {t.split(";")[0]: binary for t in media_types}}}
