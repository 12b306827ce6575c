"""The one way Marsad fetches a URL on someone's behalf: archiving, link checks, and the intake's feeds and pages.

A source URL is typed by a contributor, so fetching it must not let them reach what only the server can reach
(its own admin pages, the team's database, a cloud host's metadata service at 169.254.169.254). ``Fetcher``
therefore:

- follows only ``http`` and ``https``, on the first request and on every redirect (at most ``max_redirects``);
- resolves the host name once per hop, refuses the hop if any of its addresses is loopback, private,
  link-local, multicast, reserved, unspecified or otherwise not global, and then connects to the address it
  checked (no second DNS look-up that a rebinding name server could answer differently);
- stops after ``timeout`` seconds in all (DNS, connection, headers and body together, whatever the server's
  pace) and refuses a body over ``max_bytes``;
- sends no cookies and asks for no compression (no decompression bombs), and ignores proxy variables.

A team's own intranet sources are reached through an allow-list (``MARSAD_FETCH_ALLOW``: networks such as
``10.0.0.0/8`` and host names such as ``intranet.example``, which also covers its subdomains).

Reuse it as ``settings.fetcher(url)`` (see ``Settings.fetcher``), or build ``Fetcher(allow=…, max_bytes=…)`` for
tighter limits (a feed needs less than a page). It raises ``FetchRefused`` (a ``ValueError``) with a sentence
saying why, and ``OSError`` when the network fails; an HTTP error status is an answer, not an exception.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from marsad import __version__

USER_AGENT = f"Marsad/{__version__} (source archiving for a research dataset)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolve = Callable[[str, int], Sequence[str]]


class FetchRefused(ValueError):
    """A fetch Marsad will not make or finish; the message says why, naming the URL."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class AllowList:
    """Internal networks and host names a team has chosen to fetch from (``MARSAD_FETCH_ALLOW``)."""

    networks: tuple[IPNetwork, ...] = ()
    hosts: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> AllowList:
        """``10.0.0.0/8,intranet.example``: comma-separated networks (or single addresses) and host names."""
        networks: list[IPNetwork] = []
        hosts: list[str] = []
        for entry in (piece.strip() for piece in text.split(",")):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            name = entry.lower().rstrip(".")
            labels = name.split(".")
            if not all(label and len(label) <= 63 and label.replace("-", "").isalnum() for label in labels):
                raise ValueError(f"'{entry}' is neither a network (10.0.0.0/8), an address nor a host name")
            hosts.append(name)
        return cls(tuple(networks), tuple(hosts))

    def allows_host(self, host: str) -> bool:
        name = host.lower().rstrip(".")
        return any(name == allowed or name.endswith("." + allowed) for allowed in self.hosts)

    def allows_address(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)


def forbidden_reason(address: IPAddress) -> str | None:
    """Why the server must not connect to ``address`` for a contributor, or None if it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for test, words in (
        ("is_loopback", "a loopback address (this server itself)"),
        ("is_unspecified", "an unspecified address"),
        ("is_link_local", "a link-local address (where cloud metadata services live)"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private network address"),
    ):
        if getattr(address, test):
            return words
    if not address.is_global:
        return "not a public internet address"
    return None


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class Fetcher:
    """GET a URL within the fences described in the module docstring; call it like a function."""

    allow: AllowList = field(default_factory=AllowList)
    max_bytes: int = 20 * 2**20
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    resolve: Resolve = _system_resolve  # tests give names of their own; production asks the system

    def __call__(self, url: str) -> Fetched:
        deadline = time.monotonic() + self.timeout
        current = url
        for _ in range(self.max_redirects + 1):
            answer = self._get(current, deadline)
            location = _header(answer.headers, "Location")
            if answer.status not in REDIRECTS or not location:
                return answer
            current = urljoin(current, location.strip())
        raise FetchRefused(f"{url} redirects more than {self.max_redirects} times; Marsad stops there")

    def _get(self, url: str, deadline: float) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            shown = f"'{parts.scheme}:'" if parts.scheme else "no scheme"
            raise FetchRefused(f"{url} has {shown}: Marsad fetches only http:// and https:// addresses")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchRefused(f"{url} has a port that is not a number from 0 to 65535") from None
        host = parts.hostname
        if not host:
            raise FetchRefused(f"{url} names no host")
        address = self._checked_address(url, host, port, deadline)
        connection = _PinnedConnection.make(parts.scheme, host, port, address, _remaining(url, deadline, self))
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        with _watchdog(connection, deadline) as expired:
            try:
                headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                body = b"" if response.status in REDIRECTS else self._body(url, response)
                if expired.is_set():  # the connection was cut: what arrived is not the whole answer
                    raise TimeoutError
                return Fetched(url, response.status, response.reason, response.getheaders(), body)
            except (OSError, http.client.HTTPException) as error:
                if expired.is_set() or isinstance(error, TimeoutError):
                    raise FetchRefused(f"{url} took longer than {self.timeout:g} s; Marsad stopped waiting") from None
                if isinstance(error, OSError):
                    raise
                raise OSError(f"the answer is not HTTP ({type(error).__name__})") from None
            finally:
                connection.close()

    def _checked_address(self, url: str, host: str, port: int, deadline: float) -> str:
        """The address to connect to, once every address the name resolves to has been checked."""
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in self._resolved(url, host, port, deadline)]
        if not addresses:
            raise OSError(f"{host} has no address")
        if not self.allow.allows_host(host):
            for address in addresses:
                reason = forbidden_reason(address)
                if reason and not self.allow.allows_address(address):
                    named = host if str(address) == host else f"{host} ({address})"
                    raise FetchRefused(
                        f"{url}: {named} is {reason}; Marsad does not fetch internal addresses for contributors "
                        "(an admin can allow a team's own sources with MARSAD_FETCH_ALLOW)"
                    )
        return str(addresses[0])

    def _resolved(self, url: str, host: str, port: int, deadline: float) -> Sequence[str]:
        pool = ThreadPoolExecutor(max_workers=1)  # the system resolver takes no timeout: wait for it here
        try:
            return pool.submit(self.resolve, host, port).result(timeout=_remaining(url, deadline, self))
        except FutureTimeout:
            raise FetchRefused(f"{url}: looking up {host} took longer than {self.timeout:g} s") from None
        except socket.gaierror as error:
            raise OSError(f"{host} cannot be found ({error.strerror})") from None
        finally:
            pool.shutdown(wait=False)

    def _body(self, url: str, response: http.client.HTTPResponse) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchRefused(f"{url} is larger than {_size(self.max_bytes)}: archive it by hand")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchRefused(f"{url} is larger than {_size(self.max_bytes)}: archive it by hand")
            chunks.append(chunk)
        return b"".join(chunks)


def _remaining(url: str, deadline: float, fetcher: Fetcher) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused(f"{url} took longer than {fetcher.timeout:g} s; Marsad stopped waiting")
    return left


def _size(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit:,} bytes"


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name.lower()), None)


class _PinnedConnection(http.client.HTTPSConnection):
    """HTTP(S) to ``host`` (its Host header, TLS name and certificate) at an address already checked."""

    address: str
    secure: bool
    opened: socket.socket | None = None  # kept after http.client lets go of it, for the watchdog

    @classmethod
    def make(cls, scheme: str, host: str, port: int, address: str, timeout: float) -> _PinnedConnection:
        connection = cls(host, port, timeout=timeout, context=ssl.create_default_context())
        connection.address, connection.secure = address, scheme == "https"
        connection.default_port = 443 if connection.secure else 80  # the Host header names other ports
        return connection

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host) if self.secure else sock  # type: ignore[attr-defined]
        self.opened = self.sock


@contextmanager
def _watchdog(connection: _PinnedConnection, deadline: float) -> Iterator[threading.Event]:
    """Cut the connection at the deadline, so a server that answers a byte at a time cannot hold us."""
    expired = threading.Event()

    def cut() -> None:
        expired.set()
        sock = connection.opened
        if sock is not None:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), cut)
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()
