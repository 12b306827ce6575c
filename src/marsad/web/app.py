"""The FastAPI application: `marsad serve` runs it with Uvicorn."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from marsad import __version__
from marsad.settings import load_settings
from marsad.storage.engine import make_engine
from marsad.web.api import ParameterError, router


def create_app(engine: Engine | None = None) -> FastAPI:
    """The site on ``engine`` (default: the configured database)."""
    app = FastAPI(
        title="Marsad API",
        version=__version__,
        description="Published incidents, statistics and monthly reports. Public data only.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.engine = engine or make_engine(load_settings().database_url)
    app.include_router(router)

    @app.exception_handler(ParameterError)
    def bad_parameter(_request: Request, error: ParameterError) -> JSONResponse:
        return JSONResponse({"error": str(error), "parameter": error.param}, status_code=422)

    @app.exception_handler(RequestValidationError)
    def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors()]
        return JSONResponse({"error": "; ".join(problems), "parameter": None}, status_code=422)

    return app
