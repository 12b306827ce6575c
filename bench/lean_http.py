"""A minimal HTTP/1.1 GET client over one kept-alive connection, for the load benchmark.

The load generator shares the server's two cores. httpx spent about 3.7 ms of CPU per request there (a fifth
of the machine at 165 requests/s), which the server then lacked; a load generator should cost as little as a
proxy in front of the server would. This one reads the status line, the headers and the body (by
Content-Length or chunked) and nothing more: it is only for talking to our own benchmark servers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass


class HTTPFailure(Exception):
    """The connection broke or the answer was not HTTP/1.1 as this client reads it."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class Connection:
    """One keep-alive connection to ``host:port``, opened on first use and again after the server closes it."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> Answer:
        try:
            return await asyncio.wait_for(self._exchange(target), self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            await self.close()
            raise HTTPFailure(f"{type(error).__name__} {target}") from error

    async def _exchange(self, target: str) -> Answer:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        self._writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.split(":", 1) for line in header_lines if line)
        fields = {name.strip().lower(): value.strip() for name, value in headers.items()}
        if "content-length" in fields:
            body = await self._reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            raise ValueError("an answer with neither Content-Length nor chunked encoding")
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return Answer(int(status_line.split(" ", 2)[1]), body)

    async def _chunked(self) -> bytes:
        assert self._reader is not None
        parts = []
        while size := int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)
        await self._reader.readuntil(b"\r\n")  # no trailers from our servers: the empty line
        return b"".join(parts)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._reader = self._writer = None
