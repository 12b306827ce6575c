"""The FastAPI application: `marsad serve` runs it with Uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.application import Application
from marsad.i18n import formats
from marsad.i18n.catalogues import N_
from marsad.i18n.languages import LANGUAGES
from marsad.services.jobs import Jobs
from marsad.settings import Settings, load_settings
from marsad.storage.counting import follow_counting_setting
from marsad.storage.engine import connection_limit, is_busy, make_engine
from marsad.web import (
    archive_pages,
    dataset_page,
    desk_account,
    desk_feeds,
    desk_import,
    desk_inbox,
    desk_incidents,
    desk_reports,
    desk_review,
    desk_series,
    desk_users,
    pages,
    report_pages,
    series_api,
    site_pages,
)
from marsad.web.admission import Admission
from marsad.web.api import ParameterError, router
from marsad.web.api_errors import invalid_value
from marsad.web.auth import SignInRequired
from marsad.web.figure_cache import FigureCache
from marsad.web.head_requests import HeadAsGet
from marsad.web.localization import LanguageMiddleware, in_reader_language
from marsad.web.pages import templates
from marsad.web.security import SecurityHeaders

HERE = Path(__file__).parent
# Routes run in threads, at most this many at once in a worker; as many requests are at work at once (web.admission),
# each holding a database connection, so that none waits for a connection while holding a thread. More threads
# than this only take turns at the interpreter: CPU per request was 10-12 ms with 4, 13-14 ms with 40
# (bench/load.py).
ROUTE_THREADS = 16


@asynccontextmanager
async def _starting(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = ROUTE_THREADS
    await anyio.to_thread.run_sync(_warm, app)
    yield


def _warm(app: FastAPI) -> None:
    """What every worker would otherwise do for its first readers, done before it takes any: the gazetteer, the
    templates compiled, each language's number formats (30 readers on a fresh worker waited 2.5 s for them)."""
    application: Application = app.state.application
    application.gazetteer.places_named("Raqqa")  # loads it, and its index of spellings
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    for code in LANGUAGES:
        formats.number(1, code)


# Starlette's own details, for an address no route answers and a method a route does not take: shown translated
STARLETTE_DETAILS = (N_("Not Found"), N_("Method Not Allowed"))


def create_app(engine: Engine | None = None, settings: Settings | None = None) -> FastAPI:
    """The site on ``engine`` (default: the configured database) with ``settings`` (default: the environment's).

    The factory is one of the application's edges: it builds the application once and keeps it in
    ``app.state.application``, where every route's dependencies find it (web.deps).
    """
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url, pool_size=ROUTE_THREADS, max_overflow=4)
    application = Application(settings, engine)
    app = FastAPI(
        lifespan=_starting,
        title="Marsad API",
        version=__version__,
        description="Published incidents, statistics and monthly reports. Public data only.",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN: ours (site_pages) serves it itself
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.application = application
    follow_counting_setting(application.engine, application.vocabularies.counted_grades)
    app.state.figures = FigureCache()
    app.state.jobs = Jobs(settings.jobs_dir)
    # innermost: a request waits its turn before any work, and no more are at work than can hold a connection
    app.add_middleware(Admission, limit=min(ROUTE_THREADS, connection_limit(application.engine) or ROUTE_THREADS))
    app.add_middleware(SecurityHeaders, tile_origin=settings.tile_origin)
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(HeadAsGet)  # outermost: HEAD is GET without the body, headers included
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)
    app.include_router(series_api.router)
    app.include_router(pages.router)
    app.include_router(dataset_page.router)
    app.include_router(site_pages.router)
    app.include_router(report_pages.router)
    app.include_router(archive_pages.router)
    app.include_router(desk_account.sign_in)
    app.include_router(desk_account.router)
    app.include_router(desk_review.router)
    app.include_router(desk_import.router)
    app.include_router(desk_reports.router)
    app.include_router(desk_users.router)
    app.include_router(desk_series.router)
    app.include_router(desk_incidents.router)
    app.include_router(desk_feeds.router)  # before the inbox: /desk/inbox/add is not an item
    app.include_router(desk_inbox.router)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """JSON for the API, a page in the site's frame for people."""
        detail = in_reader_language(request, error.detail)
        if request.url.path.startswith("/api/"):
            body = {"error": detail, "parameter": None}
            return JSONResponse(body, status_code=error.status_code, headers=error.headers)
        title = N_("Not found") if error.status_code == 404 else N_("Something is wrong with this request")
        context = {"title": title, "message": detail}
        return pages.templates.TemplateResponse(
            request, "error.html", context, status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(OperationalError)
    def database_busy(request: Request, error: OperationalError) -> Response:
        """Another writer (a long import) kept the database past the wait: say so and when to retry, never a 500."""
        if not is_busy(error):
            raise error
        message = N_(
            "The database is busy writing a large import, so nothing was saved. Try again in a minute "
            "(go back: what you typed is still in the form)."
        )
        return http_error(request, StarletteHTTPException(503, message, headers={"Retry-After": "30"}))

    @app.exception_handler(SignInRequired)
    def sign_in_first(_request: Request, error: SignInRequired) -> Response:
        return RedirectResponse(f"/login?{urlencode({'next': error.next_path})}", status_code=303)

    @app.exception_handler(ParameterError)
    def bad_parameter(request: Request, error: ParameterError) -> JSONResponse:
        body = {"error": in_reader_language(request, error.args[0]), "parameter": error.param}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [in_reader_language(request, invalid_value(e)) for e in error.errors()]
        names = {str(e["loc"][1]) for e in error.errors() if len(e["loc"]) > 1}
        parameter = names.pop() if len(names) == 1 else None  # a 422 names the parameter, as ParameterError's do
        return JSONResponse({"error": "; ".join(problems), "parameter": parameter}, status_code=422)

    return app
