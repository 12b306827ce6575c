"""/api/v1/series: the public indicator series (camp populations, repatriations…), public observations only.

The response models list every field that leaves the server: an observation the team has not made public is
never read (the query layer's public access), and a field contact's source is shown by its type alone.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from marsad.domain.access import Access
from marsad.domain.series import Observation, latest_points
from marsad.domain.vocabulary import Term, UnknownTermError, Vocabularies
from marsad.io.public_models import SourcePublic
from marsad.services.series import export_series
from marsad.storage.series_store import SeriesSelection, list_observations
from marsad.web.api import ParameterError
from marsad.web.api_models import NOT_FOUND, REFUSED, file_answer
from marsad.web.deps import SessionDep, VocabDep

router = APIRouter(prefix="/api/v1", tags=["series"])
PLACE = Query(description="Only this place, as the series names it (e.g. al-Hol camp).")
GROUP = Query(description="Only this group (key, label or alias: iraqis, Syrians, total…).")


class ObservationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from the domain's Observation

    id: int
    indicator: str
    place: str
    group: str
    as_of: dt.date = Field(description="The date the figure holds for.")
    value: int
    low: int | None = None
    high: int | None = None
    source: SourcePublic
    note: str | None = None


class IndicatorPublic(BaseModel):
    key: str
    label: str
    definition: str
    measure: str = Field(description="stock: a level on the date; flow: how many in the period up to the date.")


class SeriesPublic(BaseModel):
    """One series (indicator, place, group): its latest observation and the change since the one before."""

    indicator: str
    place: str
    group: str
    latest: ObservationPublic
    previous_as_of: dt.date | None = None
    previous_value: int | None = None
    change: int | None = Field(None, description="latest value minus the previous one; null for a first figure")


class SeriesList(BaseModel):
    indicators: list[IndicatorPublic]
    series: list[SeriesPublic]


class IndicatorSeries(BaseModel):
    indicator: IndicatorPublic
    observations: list[ObservationPublic]


def _observation(observation: Observation) -> ObservationPublic:
    assert observation.id is not None
    return ObservationPublic.model_validate(replace(observation, source=observation.source.public()))


def _indicator(term: Term) -> IndicatorPublic:
    return IndicatorPublic(key=term.key, label=term.label, definition=term.definition, measure=term.measure)


def _key(vocab: Vocabularies, name: str, value: str | None) -> str | None:
    if not value:
        return None
    vocabulary = vocab.indicators if name == "indicator" else vocab.series_groups
    try:
        return vocabulary.resolve(value)
    except UnknownTermError as error:
        if name == "indicator":
            raise HTTPException(404, str(error)) from None
        raise ParameterError(name, str(error)) from None


@router.get(
    "/series",
    summary="Every public indicator series with its latest value and the change since the one before",
    response_model=SeriesList,
    response_model_exclude_none=True,
    responses=REFUSED,
)
def series(
    session: SessionDep,
    vocab: VocabDep,
    place: Annotated[str | None, PLACE] = None,
    group: Annotated[str | None, GROUP] = None,
) -> SeriesList:
    selection = SeriesSelection(place=place or None, group=_key(vocab, "group", group))
    points = latest_points(list_observations(session, selection, Access.PUBLIC))
    return SeriesList(
        indicators=[_indicator(term) for term in vocab.indicators],
        series=[
            SeriesPublic(
                indicator=p.observation.indicator,
                place=p.observation.place,
                group=p.observation.group,
                latest=_observation(p.observation),
                previous_as_of=p.previous.as_of if p.previous else None,
                previous_value=p.previous.value if p.previous else None,
                change=p.change,
            )
            for p in points
        ],
    )


@router.get(
    "/series.csv",
    summary="Every public observation as tidy CSV with an HXL hashtag row",
    response_class=Response,
    responses=file_answer(["text/csv"], "Tidy CSV, its second row HXL hashtags"),
)
def series_csv(session: SessionDep) -> Response:
    out = io.BytesIO()
    export_series(session, out, Access.PUBLIC)
    headers = {"Content-Disposition": 'attachment; filename="series.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/series/{indicator}",
    summary="Every public observation of one indicator, oldest first",
    response_model=IndicatorSeries,
    response_model_exclude_none=True,
    responses={**NOT_FOUND, **REFUSED},
)
def indicator_series(
    indicator: str,
    session: SessionDep,
    vocab: VocabDep,
    place: Annotated[str | None, PLACE] = None,
    group: Annotated[str | None, GROUP] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Last date, YYYY-MM-DD.")] = None,
) -> IndicatorSeries:
    key = _key(vocab, "indicator", indicator)
    assert key is not None
    selection = SeriesSelection(key, place or None, _key(vocab, "group", group), date_from, date_to)
    observations = sorted(list_observations(session, selection, Access.PUBLIC), key=lambda o: (o.as_of, o.series))
    return IndicatorSeries(
        indicator=_indicator(vocab.indicators.term(key)),
        observations=[_observation(o) for o in observations],
    )
