"""Security headers on every response: no inline script, no sniffing, framing only where embedding is meant."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # never inline: every script is a file this server ships
        "style-src 'self' 'unsafe-inline'",  # inline style attributes only (Swagger UI, chart swatches)
        "img-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ]
)
# Paths a news site may put in an iframe (the embeddable map, when it lands, is served under /embed).
EMBEDDABLE = ("/embed",)


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    embeddable = request.url.path.startswith(EMBEDDABLE) or request.query_params.get("embed") == "1"
    ancestors = "*" if embeddable else "'none'"
    response.headers["Content-Security-Policy"] = f"{CSP}; frame-ancestors {ancestors}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    if not embeddable:
        response.headers["X-Frame-Options"] = "DENY"
    return response
