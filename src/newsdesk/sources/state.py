"""What newsdesk remembers about live sources: the sources and per-URL fetch state.

Sources come from the command line (``origin='cli'``) or from newsdesk.toml
(``origin='config'``, re-synced on every run). Fetch state per URL holds the
validators for conditional GET and what the last fetch returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, or_, select, update

from newsdesk.config import KINDS, SourceConfig
from newsdesk.model import as_utc, utcnow
from newsdesk.sources.errors import SourceError
from newsdesk.sources.safety import door_problem
from newsdesk.store import Store
from newsdesk.store.schema import fetch_state, sources

MAX_IDLE_DOUBLINGS = 8


@dataclass
class Source:
    """A feed, sitemap, page or WARC to poll."""

    url: str
    kind: str = "auto"
    name: str | None = None
    interval: float | None = None
    origin: str = "cli"
    id: int | None = None
    last_polled: datetime | None = None
    next_poll: datetime | None = None
    idle_polls: int = 0
    last_error: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass
class FetchState:
    """The last fetch of one URL: validators for the next conditional GET, outcome."""

    url: str
    fetched_at: datetime
    final_url: str | None = None
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None
    error: str | None = None
    failures: int = 0
    next_fetch: datetime | None = None
    resume_at: int | None = None  # an archive read part-way: its records already stored

    @property
    def has_content(self) -> bool:
        """True once a body was fetched from this URL (so it need not be fetched blind)."""
        return self.sha256 is not None


def source_target(target: str, kind: str = "auto") -> tuple[str, str]:
    """A source's URL and kind from what a user typed: an http(s) URL or a local WARC path."""
    if kind not in KINDS:
        raise SourceError(f"{target}: kind {kind!r} is not one of {', '.join(KINDS)}", "blocked")
    if target.startswith("file://") or Path(target).exists():
        path = Path(target.removeprefix("file://")).resolve()
        if not path.is_file():
            raise SourceError(f"{target}: no such file")
        if kind not in ("auto", "warc"):
            raise SourceError(f"{target}: a local file can only be a WARC source", "blocked")
        return path.as_uri(), "warc"
    problem = door_problem(target)  # never-fetched addresses are refused here already
    if problem:
        raise SourceError(problem, "blocked")
    if kind == "auto" and target.lower().split("?")[0].endswith((".warc", ".warc.gz")):
        kind = "warc"
    return target, kind


def next_poll(now: datetime, interval: float, idle_polls: int, max_interval: float) -> datetime:
    """When to poll again: the interval, doubled for every poll in a row with nothing new."""
    wait = min(interval * 2 ** min(idle_polls, MAX_IDLE_DOUBLINGS), max(max_interval, interval))
    return now + timedelta(seconds=wait)


class Registry:
    """Sources and fetch state in the store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    # sources ---------------------------------------------------------------

    def sources(self, due_by: datetime | None = None) -> list[Source]:
        """All sources (or those due for a poll by ``due_by``), in the order they were added."""
        query = select(sources).order_by(sources.c.id)
        if due_by is not None:
            query = query.where(or_(sources.c.next_poll.is_(None), sources.c.next_poll <= due_by))
        with self.engine.connect() as conn:
            return [_source(row) for row in conn.execute(query)]

    def add(self, source: Source) -> Source:
        """Add a source; SourceError if its URL is already there."""
        with self.engine.begin() as conn:
            found = conn.execute(select(sources.c.id).where(sources.c.url == source.url)).first()
            if found is not None:
                raise SourceError(f"{source.url}: already a source", "blocked")
            result = conn.execute(
                sources.insert().values(
                    url=source.url,
                    name=source.name,
                    kind=source.kind,
                    interval_s=source.interval,
                    origin=source.origin,
                    added_at=utcnow(),
                    idle_polls=0,
                )
            )
            source.id = result.inserted_primary_key[0]
        return source

    def remove(self, key: str) -> Source:
        """Remove the source with this URL or name (SourceError if none, or the config owns it)."""
        found = [s for s in self.sources() if key in (s.url, s.name)]
        if not found:
            raise SourceError(f"{key}: no source has this URL or name")
        source = found[0]
        if source.origin == "config":
            raise SourceError(f"{key}: defined in newsdesk.toml; remove it there")
        with self.engine.begin() as conn:
            conn.execute(delete(sources).where(sources.c.id == source.id))
        return source

    def sync_config(self, configured: tuple[SourceConfig, ...]) -> None:
        """Make the config-file sources in the store match the file (schedules are kept)."""
        wanted = {}
        for item in configured:
            url, kind = source_target(item.url, item.kind)
            wanted[url] = (item, kind)
        current = {s.url: s for s in self.sources()}
        with self.engine.begin() as conn:
            for source in current.values():
                if source.origin == "config" and source.url not in wanted:
                    conn.execute(delete(sources).where(sources.c.id == source.id))
            for url, (item, kind) in wanted.items():
                values = {"name": item.name, "kind": kind, "interval_s": item.interval}
                if url in current:
                    conn.execute(
                        update(sources)
                        .where(sources.c.url == url)
                        .values(**values, origin="config")
                    )
                else:
                    conn.execute(
                        sources.insert().values(
                            url=url, origin="config", added_at=utcnow(), idle_polls=0, **values
                        )
                    )

    def record_poll(
        self,
        source: Source,
        had_new: bool,
        error: str | None,
        default_interval: float,
        max_interval: float,
        not_before: datetime | None = None,
    ) -> None:
        """Schedule a polled source's next poll: back off while it has nothing new."""
        if source.id is None:
            return
        now = utcnow()
        idle = 0 if had_new else source.idle_polls + 1
        when = next_poll(now, source.interval or default_interval, idle, max_interval)
        if not_before is not None:
            when = max(when, not_before)
        with self.engine.begin() as conn:
            conn.execute(
                update(sources)
                .where(sources.c.id == source.id)
                .values(last_polled=now, next_poll=when, idle_polls=idle, last_error=error)
            )

    # fetch state -----------------------------------------------------------

    def states(self, urls: list[str]) -> dict[str, FetchState]:
        """The fetch state of each of ``urls`` that has one."""
        out: dict[str, FetchState] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(urls), 500):
                query = select(fetch_state).where(fetch_state.c.url.in_(urls[i : i + 500]))
                for row in conn.execute(query):
                    out[row.url] = FetchState(
                        url=row.url,
                        fetched_at=as_utc(row.fetched_at),
                        final_url=row.final_url,
                        status=row.status,
                        etag=row.etag,
                        last_modified=row.last_modified,
                        headers=dict(row.headers or {}),
                        sha256=row.sha256,
                        error=row.error,
                        failures=row.failures,
                        next_fetch=as_utc(row.next_fetch),
                        resume_at=row.resume_at,
                    )
        return out

    def save_states(self, states: list[FetchState]) -> None:
        """Insert or replace fetch states, in one transaction."""
        if not states:
            return
        urls = [s.url for s in states]
        with self.engine.begin() as conn:
            for i in range(0, len(urls), 500):
                conn.execute(delete(fetch_state).where(fetch_state.c.url.in_(urls[i : i + 500])))
            conn.execute(
                fetch_state.insert(),
                [
                    {
                        "url": s.url,
                        "final_url": s.final_url,
                        "status": s.status,
                        "etag": s.etag,
                        "last_modified": s.last_modified,
                        "headers": s.headers,
                        "sha256": s.sha256,
                        "fetched_at": s.fetched_at,
                        "error": s.error,
                        "failures": s.failures,
                        "next_fetch": s.next_fetch,
                        "resume_at": s.resume_at,
                    }
                    for s in states
                ],
            )


def _source(row) -> Source:
    return Source(
        url=row.url,
        kind=row.kind,
        name=row.name,
        interval=row.interval_s,
        origin=row.origin,
        id=row.id,
        last_polled=as_utc(row.last_polled),
        next_poll=as_utc(row.next_poll),
        idle_polls=row.idle_polls,
        last_error=row.last_error,
    )
