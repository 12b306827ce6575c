"""The fenced fetch, against a local HTTP server: every way to reach an internal address is refused."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from marsad.fetching import AllowList, Fetcher, FetchRefused, forbidden_reason
from marsad.settings import SettingsError, load_settings

SECRET = b"admin console: delete everything"


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 (one list for the module's server)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.hits.append(parts.path)
        if parts.path == "/page":
            self._send(200, f"a public page for {self.headers['Host']}".encode())
        elif parts.path == "/admin":
            self._send(200, SECRET)
        elif parts.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", parse_qs(parts.query)["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parts.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parts.path == "/big":
            self._send(200, b"x" * (2 * 2**20))
        elif parts.path == "/big-undeclared":  # no Content-Length: the body ends when the connection does
            self.close_connection = True
            self.send_response(200)
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"y" * 32768)
        elif parts.path == "/slow":
            time.sleep(3)
            self._send(200, b"late")
        elif parts.path == "/drip":  # headers at once, then a byte every 0.1 s for 10 s
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b".")
                self.wfile.flush()
                time.sleep(0.1)

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that stopped reading (as the fetcher does on purpose) is not news."""


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


class Names:
    """A resolver for test names that all point at this machine, counting look-ups."""

    def __init__(self) -> None:
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> Sequence[str]:
        self.lookups.append(host)
        if host.endswith(".test"):
            return ["127.0.0.1"]
        raise OSError(f"{host} is not a test name")


def fetcher(allow: str = "", **limits: float) -> Fetcher:
    return Fetcher(allow=AllowList.parse(allow), resolve=Names(), **limits)  # type: ignore[arg-type]


def test_loopback_is_refused_directly(port: int) -> None:
    Handler.hits.clear()
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.1 is a loopback address \(this server itself\)"):
        Fetcher()(f"http://127.0.0.1:{port}/admin")
    with pytest.raises(FetchRefused, match="loopback"):
        Fetcher()(f"http://[::1]:{port}/admin")
    with pytest.raises(FetchRefused, match="loopback"):
        Fetcher()(f"http://2130706433:{port}/admin")  # 127.0.0.1 written as one number
    assert Handler.hits == []


def test_a_name_that_resolves_to_loopback_is_refused(port: int) -> None:
    Handler.hits.clear()
    with pytest.raises(FetchRefused, match=r"sneaky\.test \(127\.0\.0\.1\) is a loopback address"):
        fetcher()(f"http://sneaky.test:{port}/admin")
    with pytest.raises(FetchRefused, match=r"localhost \(.*\) is a loopback address"):
        Fetcher()(f"http://localhost:{port}/admin")  # the system's own resolver
    assert Handler.hits == []


def test_a_redirect_to_loopback_is_refused(port: int) -> None:
    """The first hop is an allowed host; the redirect it answers points inside, and is not followed."""
    Handler.hits.clear()
    get = fetcher(allow="allowed.test")
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.1:\d+/admin: 127\.0\.0\.1 is a loopback address"):
        get(f"http://allowed.test:{port}/redirect?to=http://127.0.0.1:{port}/admin")
    with pytest.raises(FetchRefused, match="loopback"):
        get(f"http://allowed.test:{port}/redirect?to=http://sneaky.test:{port}/admin")
    assert Handler.hits == ["/redirect", "/redirect"]  # /admin was never asked for


def test_other_schemes_are_never_followed(port: int) -> None:
    with pytest.raises(FetchRefused, match=r"file:///etc/passwd has 'file:': Marsad fetches only http"):
        Fetcher()("file:///etc/passwd")
    with pytest.raises(FetchRefused, match="has 'gopher:'"):
        Fetcher()("gopher://127.0.0.1:70/")
    Handler.hits.clear()
    with pytest.raises(FetchRefused, match=r"file:///etc/passwd has 'file:'"):
        fetcher(allow="allowed.test")(f"http://allowed.test:{port}/redirect?to=file:///etc/passwd")
    assert Handler.hits == ["/redirect"]


def test_private_link_local_multicast_and_reserved_addresses_are_refused() -> None:
    for address, words in [
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.0.1", "private"),
        ("169.254.169.254", "link-local"),  # the cloud metadata service
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not a public internet address"),  # carrier-grade NAT
        ("fd00::1", "private"),
    ]:
        reason = forbidden_reason(ipaddress.ip_address(address))
        assert reason is not None and words in reason, address
    assert forbidden_reason(ipaddress.ip_address("93.184.216.34")) is None
    assert forbidden_reason(ipaddress.ip_address("2606:4700::1111")) is None
    with pytest.raises(FetchRefused, match="link-local"):
        Fetcher(timeout=2)("http://169.254.169.254/latest/meta-data/")


def test_the_allow_list_opens_a_teams_own_sources_and_connects_to_the_checked_address(port: int) -> None:
    names = Names()
    by_network = Fetcher(allow=AllowList.parse("127.0.0.0/8"), resolve=names)
    assert by_network(f"http://127.0.0.1:{port}/page").body == f"a public page for 127.0.0.1:{port}".encode()
    by_name = Fetcher(allow=AllowList.parse("allowed.test"), resolve=names)
    # intranet.allowed.test exists only in this resolver: the connection went to the address it gave
    page = by_name(f"http://intranet.allowed.test:{port}/page")
    assert page.status == 200 and page.body == f"a public page for intranet.allowed.test:{port}".encode()
    assert names.lookups == ["intranet.allowed.test"]  # looked up once, then connected to what was checked
    followed = by_name(f"http://allowed.test:{port}/redirect?to=/page")
    assert followed.url == f"http://allowed.test:{port}/page" and followed.status == 200
    with pytest.raises(FetchRefused, match="loopback"):
        by_name(f"http://notallowed.test:{port}/page")  # a sibling name is not a subdomain


def test_size_is_limited_declared_or_not(port: int) -> None:
    get = fetcher(allow="127.0.0.1", max_bytes=2**20)
    with pytest.raises(FetchRefused, match=r"/big is larger than 1 MB: archive it by hand"):
        get(f"http://127.0.0.1:{port}/big")
    with pytest.raises(FetchRefused, match=r"/big-undeclared is larger than 1 MB"):
        get(f"http://127.0.0.1:{port}/big-undeclared")


def test_time_is_limited_however_the_server_paces_its_answer(port: int) -> None:
    get = fetcher(allow="127.0.0.1", timeout=1)
    for path in ("/slow", "/drip"):
        started = time.monotonic()
        with pytest.raises(FetchRefused, match=rf"{path} took longer than 1 s; Marsad stopped waiting"):
            get(f"http://127.0.0.1:{port}{path}")
        assert time.monotonic() - started < 1.5


def test_redirects_are_limited(port: int) -> None:
    with pytest.raises(FetchRefused, match=r"/loop redirects more than 5 times"):
        fetcher(allow="127.0.0.1")(f"http://127.0.0.1:{port}/loop")


def test_the_allow_list_setting_is_checked_and_reaches_the_fetcher() -> None:
    settings = load_settings({"MARSAD_FETCH_ALLOW": "10.0.0.0/8, intranet.example,192.168.1.7"})
    allow = settings.fetcher.allow
    assert allow.allows_address(ipaddress.ip_address("10.20.30.40"))
    assert allow.allows_address(ipaddress.ip_address("192.168.1.7"))
    assert not allow.allows_address(ipaddress.ip_address("192.168.1.8"))
    assert allow.allows_host("intranet.example") and allow.allows_host("news.intranet.example")
    assert not load_settings({}).fetcher.allow.allows_host("intranet.example")
    with pytest.raises(SettingsError, match="MARSAD_FETCH_ALLOW: 'http://x' is neither a network"):
        load_settings({"MARSAD_FETCH_ALLOW": "http://x"})
