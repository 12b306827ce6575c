"""The request's language: chosen once per request by middleware, remembered in a cookie, given to templates.

``?lang=ar`` on any address opens it in Arabic and remembers the choice; without it the cookie, then the
browser's ``Accept-Language``, decides. Templates translate with ``{% trans %}`` and ``_()`` in the request's
language, and ``{{ '/map' | localized }}`` keeps an explicit ``?lang=`` in the site's own links.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.domain.vocabulary import Vocabularies
from marsad.i18n.jinja import install_translations as install_catalogues
from marsad.i18n.languages import COOKIE, LANGUAGES, Language, language, negotiate, shipped
from marsad.i18n.phrases import translated
from marsad.io.positions import position
from marsad.web.script_messages import script_messages

SCOPE_KEY = "marsad.language"
COOKIE_AGE = 365 * 24 * 3600


class LanguageMiddleware:
    """Chooses each request's language; ``?lang=`` also sets the cookie that remembers it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        asked = shipped(connection.query_params.get("lang"))
        remembered = connection.cookies.get(COOKIE)
        code = negotiate(asked, remembered, Headers(scope=scope).get("accept-language"))
        scope[SCOPE_KEY] = code

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Language", code)
                headers.add_vary_header("Accept-Language")
                headers.add_vary_header("Cookie")
                if asked and asked != remembered:
                    headers.append("Set-Cookie", f"{COOKIE}={asked}; Max-Age={COOKIE_AGE}; Path=/; SameSite=Lax")
            await send(message)

        await self.app(scope, receive, send_with_language)


def language_of(connection: HTTPConnection) -> Language:
    """The language the middleware chose for this request (English outside it, e.g. in a bare test app)."""
    return language(connection.scope.get(SCOPE_KEY))


def asked_in_url(connection: HTTPConnection) -> str | None:
    """The language the address itself names (``?lang=``), which the page's links then carry on."""
    return shipped(connection.query_params.get("lang"))


def in_reader_language(connection: HTTPConnection, text: object) -> str:
    """A phrase or a marked message the code made (an error, a notice) in the request's language."""
    return translated(text, language_of(connection).code)


def reader_vocabularies(connection: HTTPConnection, vocab: Vocabularies) -> Vocabularies:
    """The vocabularies the desk's pages show, labelled in the request's language (keys unchanged)."""
    return vocab.in_language(language_of(connection).code)


def with_language(url: str, code: str | None) -> str:
    """``url`` with ``lang=code`` in its query (replacing any), or unchanged for None."""
    if not code:
        return url
    path, _, fragment = url.partition("#")
    base, _, query = path.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
    pairs.append(("lang", code))
    return f"{base}?{urlencode(pairs)}" + (f"#{fragment}" if fragment else "")


def language_context(connection: HTTPConnection) -> dict[str, object]:
    """What every template knows of the language: its code and direction, the switcher's links, and the
    messages a page's scripts show (for its ``<script id="messages">``)."""
    chosen = language_of(connection)
    here = connection.url.path + (f"?{connection.url.query}" if connection.url.query else "")
    return {
        "language": chosen.code,
        "direction": chosen.direction,
        "language_links": [(other, with_language(here, other.code)) for other in LANGUAGES.values()],
        "url_language": asked_in_url(connection),
        "script_messages": script_messages(chosen.code),
    }


@pass_context
def _localized(context: Context, url: str) -> str:
    """A link to the site's own page, carrying ``?lang=`` when this page's address named its language."""
    return with_language(url, context.get("url_language"))


@pass_context
def _position(context: Context, where: str) -> str:
    """Where a bad row of a file is ("line 17"), in the page's language."""
    return translated(position(where), str(context.get("language") or "en"))


def install_translations(environment: Environment) -> None:
    """The catalogues' translations (marsad.i18n.jinja), ``localized`` for the site's own links and ``position``
    for where in a file an error is."""
    install_catalogues(environment)
    environment.filters |= {"localized": _localized, "position": _position}
