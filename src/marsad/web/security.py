"""Security headers on every response: no inline script, no sniffing, framing only where embedding is meant.

And one refusal before any route: an address with a NUL character, which no parameter takes and PostgreSQL
cannot even compare (it would be a 500 deep in a query otherwise).
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from fastapi import Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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


class SecurityHeaders:
    """Headers for every response; only the map with ``embed=1`` may be framed by another site.

    A plain ASGI middleware: it adds headers to the response's start and passes the body on untouched (a
    ``@app.middleware`` function would copy every body through a stream, about 1 ms a page).
    """

    def __init__(self, app: ASGIApp, tile_origin: str | None = None) -> None:
        self.app = app
        self.policy = content_security_policy(tile_origin)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        embeddable = request.url.path == "/map" and request.query_params.get("embed") == "1"
        ancestors = "*" if embeddable else "'none'"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                # a route may set a stricter policy of its own (archived pages are sandboxed)
                headers.setdefault("Content-Security-Policy", f"{self.policy}; frame-ancestors {ancestors}")
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
                if not embeddable:
                    headers["X-Frame-Options"] = "DENY"
            await send(message)

        answer = _refusal(request) if _holds_nul(request) else self.app
        await answer(scope, receive, with_headers)


NUL_REFUSED = "The address holds a NUL character (%00), which no page or parameter takes: remove it and try again."


def _holds_nul(request: Request) -> bool:
    return "\x00" in request.url.path or b"\x00" in unquote_to_bytes(request.scope.get("query_string", b""))


def _refusal(request: Request) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": NUL_REFUSED}, status_code=422)
    return PlainTextResponse(NUL_REFUSED, status_code=422)
