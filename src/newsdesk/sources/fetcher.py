"""An HTTP fetcher a site operator would not block.

One User-Agent naming newsdesk and a contact URL; robots.txt honoured,
Crawl-delay included; requests to one host spaced by a delay and capped in
number; conditional GET; retries with exponential backoff and jitter on 429
and 5xx, honouring Retry-After; connect/read/total timeouts; a size cap
enforced while the body streams in and while it is decompressed; redirects
followed within a limit, every hop checked against the address policy
(``safety.py``) and robots.txt. HTTP/2 is used where the server offers it.

A slow server cannot hold a URL for long: each try has ``total_timeout``, and
the URL as a whole (every try, backoff and redirect hop, counted from its first
try, not from when it was queued) has ``url_timeout``; archives streamed to a
file have neither, and are bounded by the poll's deadline (``live.py``).

Every failure is a SourceError naming the URL, with a ``kind``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsdesk.config import FetchConfig
from newsdesk.model import RawDocument, utcnow
from newsdesk.sources.compress import CappedDecoder, size_text
from newsdesk.sources.errors import SourceError
from newsdesk.sources.safety import check_url

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
KEPT_HEADERS = (
    "content-type",
    "content-language",
    "content-length",
    "etag",
    "last-modified",
    "date",
    "expires",
    "cache-control",
    "x-robots-tag",
)
ROBOTS_MAX_BYTES = 500 * 1024  # what RFC 9309 asks crawlers to parse at least
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fetched:
    """A response: 200 with its body, or 304 (``not_modified``) without one."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched_at: datetime = field(default_factory=utcnow)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def document(self, feed_category: str | None = None) -> RawDocument:
        """The response as a RawDocument for the pipeline (pages only)."""
        if self.content_type and self.content_type not in PAGE_TYPES:
            raise SourceError(
                f"{self.url}: not a page (content type {self.content_type})", "content-type"
            )
        return RawDocument(
            url=self.url,
            content=self.content,
            content_type=self.content_type or "application/octet-stream",
            fetched_at=self.fetched_at,
            final_url=self.final_url if self.final_url != self.url else None,
            status=self.status,
            headers=self.headers,
            feed_category=feed_category,
        )


class _Retry(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(status)
        self.status = status
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or utcnow())).total_seconds(), 0.0)


class Host:
    """Politeness state for one origin: robots rules, delay, concurrency, pauses."""

    def __init__(self, origin: str, per_host: int, delay: float) -> None:
        self.origin = origin
        self.delay = delay
        self.robots: RobotFileParser | None = None
        self.robots_note = ""
        self.robots_lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(max(per_host, 1))
        self._clock = asyncio.Lock()
        self._next_start = 0.0

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold one of the host's slots, starting no sooner than ``delay`` after the last."""
        async with self._slots:
            async with self._clock:
                wait = self._next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = time.monotonic() + self.delay
            yield

    def pause(self, seconds: float) -> None:
        """Start nothing on this host for ``seconds`` (Retry-After)."""
        self._next_start = max(self._next_start, time.monotonic() + seconds)

    def paused_until(self) -> datetime | None:
        """When the host may be asked again, if it asked for a pause that has not run out."""
        left = self._next_start - time.monotonic()
        return utcnow() + timedelta(seconds=left) if left > self.delay else None


class _Clock:
    """A URL's time budget across its tries and redirect hops, running from its first try."""

    def __init__(self, url: str, seconds: float | None) -> None:
        self.url = url
        self.seconds = seconds
        self._ends: float | None = None
        self.tries = 0

    def start_try(self) -> float | None:
        """Count a try (starting the clock on the first); the seconds it may take (None: any)."""
        self.tries += 1
        if self.seconds is None:
            return None
        if self._ends is None:
            self._ends = time.monotonic() + self.seconds
        return self.left()

    def left(self) -> float:
        if self.seconds is None:
            return float("inf")
        return self.seconds if self._ends is None else self._ends - time.monotonic()

    def expired(self, why: str) -> SourceError:
        tries = f"{self.tries} {'try' if self.tries == 1 else 'tries'}"
        return SourceError(
            f"{self.url}: gave up after {self.seconds:g}s over {tries} ([fetch] url_timeout; "
            f"last: {why})",
            "timeout",
        )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Fetcher:
    """Polite async HTTP GETs. Use as ``async with Fetcher(config) as f: await f.fetch(url)``."""

    def __init__(
        self, config: FetchConfig, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config
        self._transport = transport
        self._hosts: dict[str, Host] = {}
        self._client: httpx.AsyncClient | None = None
        self._gate: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Fetcher:
        c = self.config
        self._client = httpx.AsyncClient(
            http2=c.http2,
            transport=self._transport,
            timeout=httpx.Timeout(
                connect=c.connect_timeout, read=c.read_timeout, write=c.read_timeout, pool=None
            ),
            limits=httpx.Limits(max_connections=c.concurrency),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": c.user_agent_header,
                "Accept-Encoding": "gzip, deflate, br",
            },
        )
        self._gate = asyncio.Semaphore(max(c.concurrency, 1))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def host(self, url: str) -> Host:
        """The politeness state of ``url``'s origin."""
        origin = _origin(url)
        if origin not in self._hosts:
            self._hosts[origin] = Host(origin, self.config.per_host, self.config.delay)
        return self._hosts[origin]

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
        sink: BinaryIO | None = None,
        robots: bool = True,
    ) -> Fetched:
        """GET ``url`` politely. With ``sink`` the body is written there instead of kept."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.config.max_bytes
        clock = _Clock(url, None if sink is not None else self.config.url_timeout)
        current = url
        for _hop in range(self.config.max_redirects + 1):
            host = self.host(current)
            try:
                await check_url(current, self.config.allow_private)
                if robots:
                    await self._check_robots(host, current)
            except SourceError as exc:
                if current == url:
                    raise
                raise SourceError(f"{url}: redirected to {exc}", exc.kind) from None
            status, kept, content, location = await self._attempts(
                host, current, headers, limit, sink, clock
            )
            if status in REDIRECT_STATUSES and location:
                current = urljoin(current, location)
                continue
            if status >= 400 or (status >= 300 and status != 304):
                raise SourceError(f"{_named(url, current)}: HTTP {status}", "http", status)
            return Fetched(url, current, status, kept, content)
        raise SourceError(
            f"{url}: more than {self.config.max_redirects} redirects (last {current})", "redirects"
        )

    async def _attempts(
        self,
        host: Host,
        url: str,
        headers: dict[str, str],
        limit: int,
        sink: BinaryIO | None,
        clock: _Clock,
    ) -> tuple[int, dict[str, str], bytes, str | None]:
        """One request with retries on 429/5xx and transport failures, within ``clock``."""
        c = self.config
        assert self._gate is not None
        for attempt in range(c.retries + 1):
            last = attempt == c.retries
            try:
                async with host.turn(), self._gate:
                    budget = clock.start_try()
                    if budget is not None and budget <= 0:
                        raise clock.expired("no time left for another try")
                    per_try = None if sink is not None else c.total_timeout
                    async with asyncio.timeout(_least(per_try, budget)):
                        return await self._once(url, headers, limit, sink)
            except _Retry as retry:
                wait = retry.retry_after
                if wait is not None and wait >= clock.left():
                    host.pause(wait)
                    raise SourceError(
                        f"{url}: HTTP {retry.status}, asked to retry after {wait:.0f}s, past "
                        f"the URL's deadline ([fetch] url_timeout); left for a later poll",
                        "http",
                        retry.status,
                    ) from None
                if wait is not None and wait > c.max_retry_after:
                    host.pause(wait)
                    raise SourceError(
                        f"{url}: HTTP {retry.status}, asked to retry after {wait:.0f}s "
                        f"(more than max_retry_after); left for a later poll",
                        "http",
                        retry.status,
                    ) from None
                if last:
                    raise SourceError(
                        f"{url}: HTTP {retry.status} after {attempt + 1} tries",
                        "http",
                        retry.status,
                    ) from None
                if wait is not None:
                    host.pause(wait)  # the whole host asked for a pause
                else:
                    await self._back_off(attempt, clock, f"HTTP {retry.status}")
            except (TimeoutError, httpx.TimeoutException) as exc:
                why = _why(exc)
                if clock.left() <= 0:
                    raise clock.expired(f"timed out: {why}") from None
                if last:
                    raise SourceError(
                        f"{url}: timed out after {attempt + 1} tries ({why})", "timeout"
                    ) from None
                await self._back_off(attempt, clock, f"timed out: {why}")
            except httpx.HTTPError as exc:
                if last:
                    raise SourceError(f"{url}: {_why(exc)}", "network") from None
                await self._back_off(attempt, clock, _why(exc))
        raise AssertionError("unreachable")

    async def _back_off(self, attempt: int, clock: _Clock, why: str) -> None:
        """Wait before the next try, unless that wait would run past the URL's deadline."""
        wait = self._backoff(attempt)
        if wait >= clock.left():
            raise clock.expired(why)
        await asyncio.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter on top."""
        base = min(self.config.backoff * 2**attempt, self.config.max_backoff)
        return base + random.uniform(0, base)

    async def _once(
        self, url: str, headers: dict[str, str], limit: int, sink: BinaryIO | None
    ) -> tuple[int, dict[str, str], bytes, str | None]:
        assert self._client is not None
        async with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in RETRY_STATUSES:
                raise _Retry(status, retry_after_seconds(response.headers.get("retry-after")))
            kept = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
            if not 200 <= status < 300:
                return status, kept, b"", response.headers.get("location")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise SourceError(
                    f"{url}: {size_text(int(declared))} is over the {size_text(limit)} limit",
                    "too-large",
                )
            decoder = CappedDecoder(response.headers.get("content-encoding"), limit, url)
            if sink is not None:  # a retry starts the file afresh
                sink.seek(0)
                sink.truncate()
            parts = []
            async for chunk in response.aiter_raw():
                out = decoder.feed(chunk)
                if sink is not None:
                    sink.write(out)
                else:
                    parts.append(out)
            decoder.finish()
            kept.pop("content-length", None)
            return status, kept, b"".join(parts), None

    async def _check_robots(self, host: Host, url: str) -> None:
        async with host.robots_lock:
            if host.robots is None:
                await self._load_robots(host)
        assert host.robots is not None
        if not host.robots.can_fetch(self.config.user_agent, url):
            raise SourceError(
                f"{url}: disallowed by {host.origin}/robots.txt{host.robots_note}", "robots"
            )

    async def _load_robots(self, host: Host) -> None:
        """Fetch and parse robots.txt once per origin (RFC 9309 rules for failures)."""
        rules = RobotFileParser(f"{host.origin}/robots.txt")
        try:
            fetched = await self.fetch(
                f"{host.origin}/robots.txt", max_bytes=ROBOTS_MAX_BYTES, robots=False
            )
            rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        except SourceError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                rules.allow_all = True  # no robots.txt: everything is allowed
            else:
                rules.disallow_all = True  # unreachable: assume complete disallow
                host.robots_note = f" (robots.txt unavailable: {exc})"
        delay = rules.crawl_delay(self.config.user_agent)
        if delay:
            host.delay = max(host.delay, float(delay))
        host.robots = rules


def _least(*seconds: float | None) -> float | None:
    """The smallest of the limits given (None: no limit)."""
    given = [s for s in seconds if s is not None]
    return min(given) if given else None


def _named(url: str, current: str) -> str:
    return url if url == current else f"{url} (redirected to {current})"


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
