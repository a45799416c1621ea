"""The newsdesk web app: HTML pages, the JSON API under ``/api/v1`` and the feeds.

``create_app(store)`` builds a FastAPI app over one Store. Every string shown
comes from untrusted pages: templates escape everything, responses carry a
strict Content-Security-Policy (no script at all), links to sources are only
made for http(s) URLs, and write operations need the configured token.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.classify import CATEGORIES
from newsdesk.config import FetchConfig
from newsdesk.model import as_utc
from newsdesk.pipeline import Pipeline
from newsdesk.render.common import web_url
from newsdesk.store import Store
from newsdesk.store.queries import Queries, slugify
from newsdesk.web.guard import WriteGuard
from newsdesk.web.images import ImageProxy
from newsdesk.web.shed import DEFAULT_MAX_IN_FLIGHT, LoadShedder
from newsdesk.web.timefmt import ago

HERE = Path(__file__).parent
API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_CACHED = 1024
NAV = CATEGORIES  # already in the sample site's menu order
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Site:
    """What the routes share: the store, its queries, the templates and the write token."""

    def __init__(
        self,
        store: Store,
        token: str | None,
        cache_seconds: float = 0.0,
        allow_private: bool = False,
        images: ImageProxy | None = None,
    ) -> None:
        self.store = store
        self.images = images or ImageProxy(config=FetchConfig(allow_private=allow_private))
        self.queries = Queries(store)
        self.token = token or None
        self.allow_private = allow_private  # URLs taken in by the API: as the fetcher's policy
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Response]] = {}
        self.templates = Jinja2Templates(env=_environment())
        self._pipeline: Pipeline | None = None
        self._write_lock = threading.Lock()

    def pipeline(self) -> tuple[Pipeline, threading.Lock]:
        """The pipeline for writes (built on first use) and the lock that serializes them."""
        with self._write_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.store)
        return self._pipeline, self._write_lock

    def cached(self, request: Request, build: Callable[[], Response]) -> Response:
        """A listing or feed, rebuilt at most every ``cache_seconds`` (0: every time)."""
        if self.cache_seconds <= 0:
            return build()
        key, now = str(request.url), time.monotonic()
        hit = self._cache.get(key)
        if hit and now - hit[0] < self.cache_seconds:
            return hit[1]
        response = build()
        if response.status_code == 200:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[key] = (now, response)
        return response

    def forget(self) -> None:
        """Drop cached responses (after a write)."""
        self._cache.clear()

    def page(
        self, request: Request, name: str, context: dict, status_code: int = 200
    ) -> HTMLResponse:
        """Render a template with the navigation every page has."""
        base = {
            "nav": NAV_ITEMS,
            "query": "",
            "current": None,
            "picture_ok": self.images.usable,
        }
        return self.templates.TemplateResponse(
            request, name, {**base, **context}, status_code=status_code
        )


NAV_ITEMS = [{"name": name, "slug": slugify(name)} for name in NAV]


def _when(value: datetime | None) -> str:
    # a published time keeps the page's offset: show it in UTC, as the label says
    return as_utc(value).strftime("%b %d, %Y, %H:%M UTC") if value else ""


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["ago"] = ago
    env.filters["iso"] = lambda value: value.isoformat() if value else ""
    env.filters["href"] = web_url
    env.filters["slug"] = slugify
    return env


class SecurityHeaders:
    """ASGI middleware: security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    store: Store,
    *,
    token: str | None = None,
    cache_seconds: float = 0.0,
    allow_private: bool = False,
    images: ImageProxy | None = None,
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
) -> FastAPI:
    """The web app over ``store``.

    Write operations need ``token`` (none: disabled). Listings and feeds are served
    from memory for up to ``cache_seconds`` (writes through this app clear them).
    URLs posted to the API must pass the fetcher's address policy (``allow_private``
    as ``--allow-private``), and so must the pictures ``images`` (default: an
    ImageProxy caching in ``~/.cache/newsdesk/images``) fetches. Past ``max_in_flight``
    requests at once, more get 503 (``newsdesk.web.shed``) instead of a place in a queue.
    """
    from newsdesk.web import api, pages

    app = FastAPI(
        title="newsdesk",
        version=version("newsdesk"),
        description="Stories from many outlets, with attributed summaries and every source.",
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
    )
    app.state.site = Site(store, token, cache_seconds, allow_private, images)
    app.add_middleware(WriteGuard, token=token or None, prefix=API_PREFIX, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(LoadShedder, max_in_flight=max_in_flight, api=API_PREFIX)
    app.add_middleware(SecurityHeaders)  # outermost: refusals carry the headers too
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        if request.url.path.startswith(API_PREFIX):
            return JSONResponse({"detail": errors}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return _error_page(request, 422, message)

    return app


def _error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    site: Site = request.app.state.site
    return site.page(
        request, "error.html", {"status": status_code, "message": message}, status_code
    )
