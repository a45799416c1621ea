"""Load shedding: answer 503 at once rather than queue without end.

One uvicorn worker serves requests on one event loop. Offered more than it can
build, it would queue without end: every request waits behind all the others and
the latency of all of them grows with the queue. ``LoadShedder`` refuses a
request with ``503 Service Unavailable`` and ``Retry-After: 1``, before any work
is done, in two cases:

- ``max_in_flight`` requests are being served already (requests that wait on
  I/O: a picture being fetched, a write's body arriving). Unlike uvicorn's
  ``--limit-concurrency`` this counts requests, not connections, so idle
  keep-alive connections take no slot.
- The event loop has been busy without a break for more than ``max_delay``
  seconds. Pages are built on the loop, one after the other, so requests that
  arrive together queue in the loop's ready list, where no counter sees them;
  a heartbeat every HEARTBEAT seconds marks when the loop last came up for air,
  and a request started long after that has waited about as long. Busy means
  CPU time of the loop's thread (``time.thread_time``), so a process that the
  machine leaves waiting, or a page that waits on the disk, sheds nothing. Shedding the
  rest of such a batch (a 503 costs a fraction of a page) bounds the wait of the
  requests that are served near ``max_delay``. And when the last pass of the
  loop took over twice ``max_delay``, the requests read meanwhile have waited
  that long already: they are shed too, so the loop catches up at once instead
  of serving a stale queue. Both count only for a pass that started at least
  MIN_BATCH requests: a queue, not one slow page (a first render compiling its
  templates) followed by the stylesheet and pictures of the page it sent.
"""

from __future__ import annotations

import asyncio
import time

from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_MAX_IN_FLIGHT = 64
DEFAULT_MAX_DELAY = 0.1  # seconds
HEARTBEAT = 0.005
MIN_BATCH = 8  # requests started in one pass of the loop before it counts as a queue
RETRY_AFTER_SECONDS = 1
MESSAGE = "newsdesk is busy: too many requests at once; try again in a second"


class LoadShedder:
    """ASGI middleware: at most ``max_in_flight`` HTTP requests served at once, none
    started after the loop was busy for ``max_delay`` seconds (503 for the others);
    ``api``: the path prefix whose refusals are JSON."""

    def __init__(
        self,
        app: ASGIApp,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        api: str = "",
        max_delay: float = DEFAULT_MAX_DELAY,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError(f"max_in_flight must be at least 1, not {max_in_flight}")
        self.app = app
        self.max_in_flight = max_in_flight
        self.api = api
        self.max_delay = max_delay
        self.in_flight = 0
        self.shed = 0  # requests answered 503 so far
        self._loop: asyncio.AbstractEventLoop | None = None
        self._last_beat = 0.0
        self.lag = 0.0  # CPU seconds between the last two heartbeats: the loop's last pass
        self._started = 0  # requests started in this pass of the loop
        self._last_started = 0  # ... and in the pass before
        self._beating: asyncio.Task | None = None

    def _busy_for(self) -> float:
        """CPU seconds the loop's thread spent since the heartbeat last ran (started on
        first use, and again on a new loop, as a TestClient makes per request)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop, self._last_beat, self.lag = loop, time.thread_time(), 0.0
            self._started = self._last_started = 0
            self._beating = loop.create_task(self._beat())
        return time.thread_time() - self._last_beat

    async def _beat(self) -> None:
        assert self._loop is not None
        while True:
            before = time.thread_time()
            await asyncio.sleep(HEARTBEAT)
            self._last_beat = time.thread_time()
            self.lag = self._last_beat - before
            self._last_started, self._started = self._started, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        busy = self._busy_for()
        self._started += 1
        if self.in_flight >= self.max_in_flight or self._queued(busy):
            self.shed += 1
            await self._refusal(scope["path"])(scope, receive, send)
            return
        self.in_flight += 1  # one event loop: no lock needed between the check and this
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    def _queued(self, busy: float) -> bool:
        """Whether the loop is working through a queue that has waited too long."""
        if self._started >= MIN_BATCH and busy > self.max_delay:
            return True
        return self._last_started >= MIN_BATCH and self.lag > 2 * self.max_delay

    def _refusal(self, path: str) -> Response:
        headers = {"retry-after": str(RETRY_AFTER_SECONDS)}
        if self.api and path.startswith(self.api):
            return JSONResponse({"detail": MESSAGE}, status_code=503, headers=headers)
        return PlainTextResponse(MESSAGE, status_code=503, headers=headers)
