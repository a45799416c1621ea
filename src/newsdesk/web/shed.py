"""Load shedding: past a bounded number of requests in flight, answer 503 at once.

One uvicorn worker serves requests on one event loop. Offered more than it can
build, it would queue without end: every request waits behind all the others and
the latency of all of them grows with the queue. ``LoadShedder`` counts the
requests being served; one more than ``max_in_flight`` gets ``503 Service
Unavailable`` with ``Retry-After: 1`` before any work is done, so the requests
it does take keep a latency of about ``max_in_flight`` service times. Unlike
uvicorn's ``--limit-concurrency`` it counts requests, not connections, so idle
keep-alive connections take no slot.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_MAX_IN_FLIGHT = 64
RETRY_AFTER_SECONDS = 1
MESSAGE = "newsdesk is busy: too many requests at once; try again in a second"


class LoadShedder:
    """ASGI middleware: at most ``max_in_flight`` HTTP requests served at once."""

    def __init__(
        self, app: ASGIApp, max_in_flight: int = DEFAULT_MAX_IN_FLIGHT, api: str = ""
    ) -> None:
        if max_in_flight < 1:
            raise ValueError(f"max_in_flight must be at least 1, not {max_in_flight}")
        self.app = app
        self.max_in_flight = max_in_flight
        self.api = api
        self.in_flight = 0
        self.shed = 0  # requests answered 503 so far

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            self.shed += 1
            await self._refusal(scope["path"])(scope, receive, send)
            return
        self.in_flight += 1  # one event loop: no lock needed between the check and this
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    def _refusal(self, path: str) -> Response:
        headers = {"retry-after": str(RETRY_AFTER_SECONDS)}
        if self.api and path.startswith(self.api):
            return JSONResponse({"detail": MESSAGE}, status_code=503, headers=headers)
        return PlainTextResponse(MESSAGE, status_code=503, headers=headers)
