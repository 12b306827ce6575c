"""At most so many requests at work in a worker at once; the others wait their turn, holding nothing.

A request takes a worker thread for each step of its own (the page's frame, the route, the session's commit)
and keeps its database connection from the first step to the last. Let in more requests than there are
connections and the server can hang: threads of new requests wait for a connection while the requests that
hold every connection wait for a thread (16 threads, 20 connections: 40 readers at once froze a worker until
the pool's 30 s timeout). Admitted no more often than there are connections, every admitted request finds
one, and the rest queue first come, first served, without a thread or a connection.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

UNLIMITED_PREFIXES = ("/static/",)  # files read from disk: no database, no reason to wait behind pages


class Admission:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._turns: anyio.Semaphore | None = None  # made on the server's event loop, at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNLIMITED_PREFIXES):
            await self.app(scope, receive, send)
            return
        if self._turns is None:
            self._turns = anyio.Semaphore(self.limit, fast_acquire=True)
        async with self._turns:
            await self.app(scope, receive, send)
