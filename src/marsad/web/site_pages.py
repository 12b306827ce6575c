"""The site's entry points: the API documentation page (Swagger UI, served by Marsad itself)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from marsad.web.pages import templates

router = APIRouter(include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico whatever the page says: the site's icon is an SVG."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI 5 (it reads the OpenAPI 3.1 the app publishes) in the site's frame, from /static/vendor."""
    return templates.TemplateResponse(request, "api-docs.html", {})
