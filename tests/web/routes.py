"""The application's own route table, for tests that walk every route."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from marsad.storage.engine import make_engine
from marsad.web.app import create_app


def flattened(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """The application's routes, with those of included routers (FastAPI keeps them inside the router)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        yield from flattened(included.routes) if included is not None else [route]


def api_routes(app: FastAPI | None = None) -> list[APIRoute]:
    """Every FastAPI route of ``app`` (by default a new app on an empty in-memory database)."""
    app = app or create_app(make_engine("sqlite://"))
    return [route for route in flattened(app.routes) if isinstance(route, APIRoute)]
