"""`marsad serve`: the web application and its JSON API, with Uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from marsad.cli.context import console, database
from marsad.web.app import create_app


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the public API (and, as it lands, the site) on the configured database."""
    with database() as (settings, engine):
        console.print(f"Marsad on http://{host}:{port}/api/docs — data: {settings.display_url()}")
        uvicorn.run(create_app(engine), host=host, port=port, log_level="info")
