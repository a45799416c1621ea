"""Polling live sources: one pass (``fetch``) and the loop that keeps polling (``watch``).

A ``Harvest`` polls some sources and yields what it fetched as RawDocuments
(and SourceErrors) for ``Pipeline.ingest``; the async fetching runs in a
thread of its own. What it learnt (validators, schedules) is written only
after the pipeline has stored the documents, so an interrupted pass leaves
nothing half-done: the next pass simply fetches those URLs again and the
store's document check keeps every article once.

An archive is read no faster than the pipeline takes its records (at most
``WARC_AHEAD`` wait in memory), and its fetch state remembers how many of its
records the pipeline stored: a pass stopped part-way leaves ``resume_at``, and
the next pass skips that many records and goes on from there.

Each source's poll has a deadline (``poll_timeout``) for its network part: at
the deadline its requests are cut off, what it fetched is kept, and its error
names the hosts it was still waiting on, so one slow server cannot hold a pass.
"""

from __future__ import annotations

import asyncio
import queue
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from newsdesk.config import FetchConfig
from newsdesk.model import RawDocument, utcnow
from newsdesk.pipeline import IngestReport
from newsdesk.sources.compress import decompress
from newsdesk.sources.errors import SourceError
from newsdesk.sources.feeds import Entry, is_json_feed, parse_feed
from newsdesk.sources.fetcher import Fetched, Fetcher
from newsdesk.sources.sitemaps import parse_sitemap
from newsdesk.sources.state import FetchState, Registry, Source
from newsdesk.sources.warc import read_warc

Item = RawDocument | SourceError
MAX_CHILD_SITEMAPS = 50
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.8, */*;q=0.5"
WARC_AHEAD = 64  # records read from an archive and not yet taken by the pipeline
_DONE = object()


@dataclass
class _PollWatch:
    """One source's poll: its deadline and the URLs it is waiting on (shared by its tasks)."""

    deadline: asyncio.Timeout | None = None
    waiting: set[str] = field(default_factory=set)

    def hosts(self) -> str:
        return ", ".join(sorted({urlsplit(u).netloc for u in self.waiting})) or "no request"

    def expired(self) -> bool:
        return self.deadline is not None and self.deadline.expired()


def _in_hand() -> None:
    """The poll's network part is over (an archive downloaded): no deadline for the rest,
    which the pipeline paces."""
    deadline = _POLL.get().deadline
    if deadline is not None:
        deadline.reschedule(None)


_POLL: ContextVar[_PollWatch] = ContextVar("newsdesk_poll")


def clean_url(url: str) -> str:
    """``url`` without tracking parameters (utm_*, fbclid, gclid) or fragment."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url  # refused later, under the name it was given
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in ("fbclid", "gclid")
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def sniff_kind(fetched: Fetched) -> str:
    """feed, sitemap or page, from the body of a response to an ``auto`` source."""
    head = fetched.content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if is_json_feed(fetched.content):
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "page"


@dataclass
class Outcome:
    """What polling one source gave."""

    new: int = 0
    error: SourceError | None = None
    retry_after: datetime | None = None


@dataclass
class _Archive:
    """One archive's read in this pass: records skipped (stored by an earlier pass),
    records handed on, and whether the read reached the end."""

    skip: int = 0
    emitted: int = 0
    complete: bool = False


@dataclass
class Harvest:
    """One pass over ``sources``. Iterate ``documents()``, ingest, then ``save()``."""

    sources: list[Source]
    config: FetchConfig
    registry: Registry
    transport: httpx.AsyncBaseTransport | None = None
    warc_backend: str = "fastwarc"
    unchanged: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    states: dict[str, FetchState] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    resume: dict[str, int] = field(default_factory=dict)  # archive -> records stored so far

    def __post_init__(self) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._room = threading.Semaphore(WARC_AHEAD)
        self._archives: dict[str, _Archive] = {}
        self._runs: list[list] = []  # [archive URL or None, items in a row] as yielded
        self._seen: set[str] = set()
        self._listings: dict[str, set[str]] = {}  # source URL -> its feed/sitemap/WARC URLs
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._stopped = threading.Event()
        self._crash: BaseException | None = None

    # the consumer's side ---------------------------------------------------

    def documents(self) -> Iterator[Item]:
        """Everything fetched, as it arrives; ends when the pass is done or stopped.

        Closing it early stops the pass and waits for the fetching thread to end."""
        thread = threading.Thread(target=self._thread, name="newsdesk-fetch", daemon=True)
        thread.start()
        try:
            while (entry := self._queue.get()) is not _DONE:
                archive, item = entry
                if archive is not None:
                    self._room.release()
                if self._runs and self._runs[-1][0] == archive:
                    self._runs[-1][1] += 1
                else:
                    self._runs.append([archive, 1])
                yield item
        finally:
            self.stop()
            thread.join()
        if self._crash is not None:
            raise self._crash

    def stop(self) -> None:
        """Stop fetching (from any thread, a signal handler too); what was fetched still flows."""
        self._stopped.set()
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)

    def save(self, done: int | None = None) -> None:
        """Write fetch states and source schedules; call after the documents are stored.

        ``done`` is how many of the items yielded the pipeline stored (all, if None).
        A source whose poll was stopped part-way keeps its old listing state, so
        the next poll reads its feed or sitemap again rather than getting a 304;
        an archive keeps the number of its records stored, to resume after them."""
        self._resume_archives(done)
        unfinished = {
            url
            for source, urls in self._listings.items()
            if source not in self.outcomes
            for url in urls
            if url not in self._archives  # an archive's state says how far it got
        }
        self.registry.save_states([s for u, s in self.states.items() if u not in unfinished])
        for source in self.sources:
            outcome = self.outcomes.get(source.url)
            if outcome is None:
                continue  # stopped before it was polled: still due
            self.registry.record_poll(
                source,
                had_new=outcome.new > 0,
                error=str(outcome.error) if outcome.error else None,
                default_interval=self.config.poll_interval,
                max_interval=self.config.max_poll_interval,
                not_before=outcome.retry_after,
            )

    def _resume_archives(self, done: int | None) -> None:
        """Set each archive's ``resume_at``: None once every record is stored, else the
        records stored (from its start), which ``resume`` also lists."""
        stored: Counter[str] = Counter()
        left = sum(count for _, count in self._runs) if done is None else done
        for archive, count in self._runs:
            taken = min(count, left)
            if archive is not None:
                stored[archive] += taken
            left -= taken
        for url, read in self._archives.items():
            position = read.skip + stored[url]
            finished = read.complete and stored[url] == read.emitted
            if url in self.states:
                self.states[url] = replace(
                    self.states[url], resume_at=None if finished else position
                )
            if not finished:
                self.resume[url] = position

    @property
    def polled(self) -> int:
        return len(self.outcomes)

    # the fetching side -----------------------------------------------------

    def _thread(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # handed to the consumer, raised there
            self._crash = exc
        finally:
            self._queue.put(_DONE)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        if self._stopped.is_set():
            return
        try:
            async with Fetcher(self.config, self.transport) as fetcher, asyncio.TaskGroup() as tg:
                for source in self.sources:
                    tg.create_task(self._poll(fetcher, source))
        except asyncio.CancelledError:
            if not self._stopped.is_set():
                raise

    def _emit(self, item: Item, outcome: Outcome | None = None, archive: str | None = None) -> None:
        if isinstance(item, SourceError):
            self.errors[item.kind] += 1
        elif outcome is not None:
            outcome.new += 1
        self._queue.put((archive, item))

    async def _poll(self, fetcher: Fetcher, source: Source) -> None:
        """Poll one source within ``poll_timeout``; at the deadline what is in hand is kept
        and the error names the hosts still being waited on."""
        outcome = Outcome()
        self._listings[source.url] = {source.url}
        seconds = self.config.poll_timeout
        watch = _PollWatch()
        _POLL.set(watch)  # the tasks this poll starts share it
        try:
            async with asyncio.timeout(seconds) as watch.deadline:
                if source.kind == "warc":
                    await self._warc(fetcher, source, outcome)
                else:
                    await self._listing(fetcher, source, outcome)
        except TimeoutError:
            if not watch.expired():
                raise
            exc = SourceError(
                f"{source.url}: poll stopped at its {seconds:g}s deadline ([fetch] poll_timeout);"
                f" still waiting on {watch.hosts()}",
                "timeout",
            )
            outcome.error = exc
            self._emit(exc)
        except SourceError as exc:
            outcome.error = exc
            if exc.status in (429, 503) and source.url in self.states:
                outcome.retry_after = self.states[source.url].next_fetch
            self._emit(exc)
        self.outcomes[source.url] = outcome

    async def _get(
        self, fetcher: Fetcher, url: str, accept: str, old: FetchState | None, **kwargs
    ) -> Fetched | None:
        """Conditional GET (given the URL's last state) that records the new state;
        None when not modified."""
        now = utcnow()
        waiting = _POLL.get().waiting
        waiting.add(url)
        try:
            fetched = await fetcher.fetch(
                url,
                etag=old.etag if old and old.has_content else None,
                last_modified=old.last_modified if old and old.has_content else None,
                accept=accept,
                **kwargs,
            )
        except SourceError as exc:
            waiting.discard(url)  # (a request cut off by the poll's deadline stays listed)
            pause = fetcher.host(url).paused_until()
            self.states[url] = replace(
                old or FetchState(url=url, fetched_at=now),
                fetched_at=now,
                status=exc.status,
                error=str(exc),
                failures=(old.failures if old else 0) + 1,
                next_fetch=pause,
            )
            raise
        waiting.discard(url)
        if fetched.not_modified and old is not None:
            self.states[url] = replace(old, fetched_at=now, status=304, error=None, failures=0)
            self.unchanged += 1
            return None
        self.states[url] = FetchState(
            url=url,
            fetched_at=fetched.fetched_at,
            final_url=fetched.final_url,
            status=fetched.status,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
            headers=fetched.headers,
            sha256=RawDocument(url, fetched.content).sha256,
        )
        return fetched

    async def _listing(self, fetcher: Fetcher, source: Source, outcome: Outcome) -> None:
        accept = PAGE_ACCEPT if source.kind == "page" else FEED_ACCEPT
        old = self.registry.states([source.url]).get(source.url)
        fetched = await self._get(fetcher, source.url, accept, old)
        if fetched is None:
            return
        kind = sniff_kind(fetched) if source.kind == "auto" else source.kind
        if kind == "page":
            self._seen.add(clean_url(source.url))
            self._emit(fetched.document(), outcome)
            return
        content = _gunzipped(fetched)
        if kind == "feed":
            entries = parse_feed(content, fetched.final_url, fetched.content_type)
        else:
            entries = await self._sitemap_entries(fetcher, source, content, fetched.final_url)
        await self._articles(fetcher, entries, outcome)

    async def _sitemap_entries(
        self, fetcher: Fetcher, source: Source, content: bytes, url: str
    ) -> list[Entry]:
        sitemap = parse_sitemap(content, url)
        entries = list(sitemap.entries)
        known = self.registry.states([c.url for c in sitemap.children])
        for child in sitemap.children[:MAX_CHILD_SITEMAPS]:
            state = known.get(child.url)
            if state and state.has_content and child.updated and child.updated <= state.fetched_at:
                continue  # the index says this sitemap has not changed since we read it
            self._listings[source.url].add(child.url)
            try:
                fetched = await self._get(fetcher, child.url, FEED_ACCEPT, state)
                if fetched is not None:
                    entries += parse_sitemap(_gunzipped(fetched), fetched.final_url).entries
            except SourceError as exc:
                self._emit(exc)
        return entries

    async def _articles(self, fetcher: Fetcher, entries: list[Entry], outcome: Outcome) -> None:
        """Fetch the entries not seen before (or updated since), newest first, within the cap."""
        fresh: dict[str, Entry] = {}
        for entry in entries:
            url = clean_url(entry.url)
            if url not in self._seen and url not in fresh:
                fresh[url] = entry
        picked = list(fresh.items())[: self.config.max_articles]
        self._seen.update(url for url, _ in picked)
        known = self.registry.states([url for url, _ in picked])
        async with asyncio.TaskGroup() as tg:
            for url, entry in picked:
                state = known.get(url)
                if state and state.has_content and not _updated_since(entry, state):
                    self.unchanged += 1
                    continue
                tg.create_task(self._article(fetcher, url, entry, state, outcome))

    async def _article(
        self,
        fetcher: Fetcher,
        url: str,
        entry: Entry,
        state: FetchState | None,
        outcome: Outcome,
    ) -> None:
        try:
            fetched = await self._get(fetcher, url, PAGE_ACCEPT, state)
            if fetched is not None:
                self._emit(fetched.document(feed_category=entry.category), outcome)
        except SourceError as exc:
            self._emit(exc)

    async def _warc(self, fetcher: Fetcher, source: Source, outcome: Outcome) -> None:
        if source.url.startswith("file://"):
            path = Path(source.url.removeprefix("file://"))
            try:
                stat = path.stat()
            except OSError as exc:
                raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from exc
            version = f"{stat.st_size}-{stat.st_mtime_ns}"
            old = self.registry.states([source.url]).get(source.url)
            if old is not None and old.etag == version and old.resume_at is None:
                self.unchanged += 1
                return
            self.states[source.url] = FetchState(
                url=source.url, fetched_at=utcnow(), status=200, etag=version, sha256=version
            )
            skip = old.resume_at or 0 if old is not None and old.etag == version else 0
            _in_hand()
            await asyncio.to_thread(self._read_warc, path, source.url, outcome, skip)
            return
        old = self.registry.states([source.url]).get(source.url)
        part_read = old is not None and old.resume_at is not None
        with tempfile.NamedTemporaryFile(suffix=".warc.gz") as tmp:
            # an archive read part-way is fetched again in full (a 304 would say nothing)
            fetched = await self._get(
                fetcher,
                source.url,
                "*/*",
                replace(old, etag=None, last_modified=None) if part_read else old,
                max_bytes=self.config.warc_max_bytes,
                sink=tmp,
            )
            if fetched is not None:
                tmp.flush()
                same = part_read and old.etag and self.states[source.url].etag == old.etag
                skip = old.resume_at if same else 0
                _in_hand()
                await asyncio.to_thread(self._read_warc, Path(tmp.name), source.url, outcome, skip)

    def _read_warc(self, path: Path, name: str, outcome: Outcome, skip: int) -> None:
        """Hand on the archive's records after the first ``skip``, no faster than they are
        taken; the read ends early when the pass is stopped."""
        read = self._archives[name] = _Archive(skip)
        records = read_warc(path, self.warc_backend, self.config.max_bytes, name)
        for item in islice(records, skip, None):
            while not self._room.acquire(timeout=0.1):
                if self._stopped.is_set():
                    return
            if self._stopped.is_set():
                return
            self._emit(item, outcome, archive=name)
            read.emitted += 1
        read.complete = True


def _updated_since(entry: Entry, state: FetchState) -> bool:
    return entry.updated is not None and entry.updated > state.fetched_at


def _gunzipped(fetched: Fetched) -> bytes:
    """Sitemaps and feeds served as .gz files (not Content-Encoding) are unpacked, capped."""
    if fetched.content[:2] == b"\x1f\x8b":
        return decompress(fetched.content, "gzip", 50 * 2**20, fetched.url)
    return fetched.content


@dataclass
class RoundReport:
    """One pass: the harvest's counts and the pipeline's, for the summary line."""

    harvest: Harvest
    ingest: IngestReport

    @property
    def errors(self) -> Counter[str]:
        """Errors by kind; extraction errors (pages with no article) count as ``extract``."""
        by_kind = Counter(self.harvest.errors)
        extract = len(self.ingest.errors) - sum(self.harvest.errors.values())
        if extract > 0:
            by_kind["extract"] += extract
        return by_kind

    def line(self) -> str:
        errors = self.errors
        detail = ", ".join(f"{kind} {n}" for kind, n in sorted(errors.items()))
        report = self.ingest
        return (
            f"{self.harvest.polled} sources polled: {report.new} new articles, "
            f"{report.copies} copies (not extracted), "
            f"{report.unchanged + self.harvest.unchanged} unchanged, {report.not_articles_text()}"
            f"{sum(errors.values())} errors{f' ({detail})' if detail else ''}, "
            f"{report.stories_text()}"
        )


Ingest = Callable[[Iterable[Item]], IngestReport]


def poll(
    sources: list[Source],
    config: FetchConfig,
    registry: Registry,
    ingest: Ingest,
    on_start: Callable[[Harvest], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RoundReport:
    """Poll ``sources`` once, ingest what is new, then remember what was fetched."""
    harvest = Harvest(sources, config, registry, transport)
    if on_start is not None:
        on_start(harvest)
    documents = harvest.documents()
    try:
        report = ingest(documents)
    finally:
        documents.close()  # a stopped pipeline leaves it part-read: end the fetching first
    harvest.save(report.done)
    return RoundReport(harvest, report)


class Watcher:
    """Polls each source when it is due, until ``stop()`` (SIGINT/SIGTERM in the CLI).

    ``stop`` only sets flags (and calls ``on_stop``, such as the pipeline's own
    ``stop``) and asks the running harvest to stop, so it is safe to call from a
    signal handler.
    """

    def __init__(
        self,
        registry: Registry,
        config: FetchConfig,
        ingest: Ingest,
        on_stop: Callable[[], None] | None = None,
    ) -> None:
        self.registry = registry
        self.config = config
        self.ingest = ingest
        self.on_stop = on_stop
        self._stopping = False
        self._current: Harvest | None = None

    def stop(self) -> None:
        """Stop fetching and reading, store what is in hand, then return from ``run``."""
        self._stopping = True
        if self.on_stop is not None:
            self.on_stop()
        if self._current is not None:
            self._current.stop()

    def run(self, on_round: Callable[[RoundReport], None]) -> int:
        """Poll due sources in rounds until stopped; returns the number of rounds run."""
        rounds = 0
        while not self._stopping:
            due = self.registry.sources(due_by=utcnow())
            if due:
                on_round(self.poll_once(due))
                rounds += 1
            else:
                self._sleep(min(self._seconds_to_next(), 60.0))  # new sources show up too
        return rounds

    def poll_once(self, sources: list[Source]) -> RoundReport:
        """One pass over ``sources`` (what ``newsdesk fetch`` runs); ``stop()`` ends it early."""
        try:
            return poll(sources, self.config, self.registry, self.ingest, self._started)
        finally:
            self._current = None

    def _started(self, harvest: Harvest) -> None:
        self._current = harvest
        if self._stopping:
            harvest.stop()

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stopping and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))

    def _seconds_to_next(self) -> float:
        pending = [s.next_poll for s in self.registry.sources() if s.next_poll is not None]
        if not pending:
            return 60.0
        return max((min(pending) - utcnow()) / timedelta(seconds=1), 0.05)
