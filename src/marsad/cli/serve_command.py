"""`marsad serve`: the web application and its JSON API, with Uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn

from marsad.cli.context import console, database


def default_workers() -> int:
    """One process per core, at most four: a newsroom's readers are served in parallel, and SQLite's single
    writer does not wait behind more processes than it can use."""
    return max(1, min(4, os.cpu_count() or 1))


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes (default: one per core, at most 4).", min=1, max=64, show_default=False),
    ] = None,
) -> None:
    """Serve the site, the editorial desk and the JSON API on the configured database."""
    count = workers or default_workers()
    with database(ctx) as (settings, _engine):
        console.print(
            f"Marsad on http://{host}:{port}/ (API at /api/docs) — data: {settings.display_url()} — "
            f"{count} worker{'s' if count > 1 else ''}"
        )
    # Each worker process builds its own app and engine from the same settings (the environment it inherits);
    # sign-ins, jobs and data live in the database and the data folder, so any worker may answer any request.
    uvicorn.run("marsad.web.app:create_app", factory=True, host=host, port=port, workers=count, log_level="info")
