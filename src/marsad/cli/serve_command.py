"""`marsad serve`: the web application and its JSON API, with Uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from marsad.cli.context import console, database


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the site, the editorial desk and the JSON API on the configured database."""
    from marsad.web.app import create_app  # here, not at the top: the other commands need not load the web app

    with database() as (settings, engine):
        console.print(f"Marsad on http://{host}:{port}/ (API at /api/docs) — data: {settings.display_url()}")
        uvicorn.run(create_app(engine), host=host, port=port, log_level="info")
