"""Security headers on every response: no inline script, no sniffing, framing only where embedding is meant.

And one refusal before any route: an address with a NUL character, which no parameter takes and PostgreSQL
cannot even compare (it would be a 500 deep in a query otherwise).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import unquote_to_bytes

from fastapi import Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

Middleware = Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]


def content_security_policy(tile_origin: str | None = None) -> str:
    """Only this server's own scripts; images and map data from here, and from the tile server if one is set."""
    remote = f" {tile_origin}" if tile_origin else ""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",  # never inline: every script is a file this server ships
            "style-src 'self' 'unsafe-inline'",  # inline style attributes only (Swagger UI, chart swatches)
            f"img-src 'self' data: blob:{remote}",
            "worker-src 'self' blob:",
            f"connect-src 'self'{remote}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def security_headers(tile_origin: str | None = None) -> Middleware:
    """Headers for every response; only the map with ``embed=1`` may be framed by another site."""
    policy = content_security_policy(tile_origin)

    async def add_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = _refusal(request) if _holds_nul(request) else await call_next(request)
        embeddable = request.url.path == "/map" and request.query_params.get("embed") == "1"
        ancestors = "*" if embeddable else "'none'"
        # a route may set a stricter policy of its own (archived pages are sandboxed)
        response.headers.setdefault("Content-Security-Policy", f"{policy}; frame-ancestors {ancestors}")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if not embeddable:
            response.headers["X-Frame-Options"] = "DENY"
        return response

    return add_headers


NUL_REFUSED = "The address holds a NUL character (%00), which no page or parameter takes: remove it and try again."


def _holds_nul(request: Request) -> bool:
    return "\x00" in request.url.path or b"\x00" in unquote_to_bytes(request.scope.get("query_string", b""))


def _refusal(request: Request) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": NUL_REFUSED}, status_code=422)
    return PlainTextResponse(NUL_REFUSED, status_code=422)
