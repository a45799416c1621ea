"""Composes the stages and runs them in this process.

    RawDocument -> extract -> Article -> dedup -> cluster -> store
                                  dirty stories -> summarize, headline, classify -> store

Pages go in batches of ``BATCH``. Before extraction a batch drops the pages
already stored (same URL and bytes) and the copies: pages byte-identical to a
stored page whose article is keyed by the canonical URL the page declares,
so that extracting them again could only find that article again. The rest
is extracted on the executor (the next batch while this one is placed), fed
to dedup and clustering in input order, and the batch is stored in one
transaction.

Input order, not publication order: it is the one order that does not depend
on where the stream was cut. A stream ingested in one run, or stopped and
resumed, or split over N runs places every article at the same point, and a
warm start replays the stored articles in the order they were placed, so
dedup and clustering go on in exactly the state an uninterrupted run had.

A batch is stored whole or not at all: an interrupted run loses at most the
batches in flight, and ``IngestReport.done`` counts the items of the stream
up to the last batch stored. ``stop()`` (safe in a signal handler) ends a run
early: no more items are read, a batch still being extracted is abandoned,
and the stories that gained articles stay marked dirty for the next run to
re-summarize, as after a crash.

Memory: on glibc, a run keeps allocations of 128 KiB or more (pages, their texts)
out of the heap and hands the heap's free pages back to the system after every
batch stored (``tune_heap``, ``release_heap``). Otherwise the freed holes of the
batches' big pages fragment the heap and the process's RSS grows with the corpus.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from newsdesk.classify import classify
from newsdesk.cluster import StoryClusterer
from newsdesk.dedup import Deduplicator, provenance
from newsdesk.extract import ExtractionError, extract
from newsdesk.extract.pagetype import ARTICLE
from newsdesk.model import Article, RawDocument, Story, utcnow
from newsdesk.related import link_related
from newsdesk.scale import Executor, SerialExecutor
from newsdesk.sources import SourceError
from newsdesk.store import Store
from newsdesk.store.repository import Placement
from newsdesk.summarize import ExtractiveSummarizer, Summarizer, story_headline

BATCH = 256
Progress = Callable[[str, str], None]
STAGES = ("read", "skip", "extract", "dedup+cluster", "store", "refresh")


@dataclass
class IngestReport:
    """What a run did: counts by outcome, every error with the input it names, seconds
    per stage (``STAGES``), and how far into the stream it got (``done``)."""

    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    not_articles: Counter[str] = field(default_factory=Counter)
    stories_updated: int = 0
    stories_pending: int = 0  # left dirty by a stopped run, re-summarized by the next
    done: int = 0  # items of the stream handled and stored, from its start
    stopped: bool = False
    seconds: Counter[str] = field(default_factory=Counter)

    @property
    def new(self) -> int:
        return self.outcomes["new"]

    @property
    def unchanged(self) -> int:
        return self.outcomes["unchanged"]

    @property
    def copies(self) -> int:
        """Pages skipped before extraction as byte-identical copies of a stored page."""
        return self.outcomes["copy"]

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Adds the time spent in the block to ``stage``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start

    def line(self) -> str:
        """One-line summary for the end of a run."""
        return (
            f"{self.outcomes['new']} new articles, {self.copies} copies (not extracted), "
            f"{self.outcomes['unchanged']} unchanged, {self.not_articles_text()}"
            f"{len(self.errors)} errors, {self.stories_text()}"
        )

    def not_articles_text(self) -> str:
        """``N not articles (kind n, ...), `` for the summary line, or nothing."""
        if not self.not_articles:
            return ""
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.not_articles.items()))
        return f"{sum(self.not_articles.values())} not articles ({kinds}), "

    def stories_text(self) -> str:
        """The stories part of the summary line: refreshed, or left for the next run."""
        if self.stopped:
            return f"{self.stories_pending} stories left to refresh on the next run"
        return f"{self.stories_updated} stories updated"


@dataclass
class _Step:
    """One item of a batch on its way through: what to do with it, then its result."""

    item: RawDocument | SourceError
    sha256: str = ""
    action: str = "extract"  # error | unchanged | copy | extract | follow
    article_id: str | None = None
    result: Article | ExtractionError | None = None
    leader: _Step | None = None  # follow: an earlier page in flight with the same bytes


@dataclass
class _Batch:
    steps: list[_Step]
    results: Iterator[Article | ExtractionError]


class Pipeline:
    """The newsdesk stages over one store. Warm-starts from what the store holds."""

    def __init__(
        self,
        store: Store,
        summarizer: Summarizer | None = None,
        clusterer: StoryClusterer | None = None,
        deduplicator: Deduplicator | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.store = store
        self.executor = executor or SerialExecutor()
        self.summarizer = summarizer or ExtractiveSummarizer()
        self.clusterer = clusterer or StoryClusterer()
        self.deduplicator = deduplicator or Deduplicator()
        self._stopping = threading.Event()
        for article, story_id, group in store.placed_articles():
            self.deduplicator.restore(article, group)
            self.clusterer.restore(article, story_id)

    def stop(self) -> None:
        """End the run early, keeping what is stored (safe in a signal handler)."""
        self._stopping.set()

    def ingest(
        self, documents: Iterable[RawDocument | SourceError], progress: Progress | None = None
    ) -> IngestReport:
        """Extract, de-duplicate, cluster and store documents; then refresh stories.

        Pages go in batches; the next batch is handed to the executor before this one
        is placed, so workers extract while this process stores.
        """
        report = IngestReport()
        tune_heap()
        notify = progress or (lambda _name, _outcome: None)
        stream = self._until_stopped(documents)
        pending: _Batch | None = None
        while True:
            with report.timed("read"):
                items = list(islice(stream, BATCH))
            if not items or self._stopping.is_set():
                break
            batch = self._start(items, report, pending)
            if pending is not None:
                self._finish(pending, report, notify)
            pending = batch
        if pending is not None:
            self._finish(pending, report, notify)
        if not self._stopping.is_set():
            with report.timed("refresh"):
                report.stories_updated = self.refresh_stories()
        if self._stopping.is_set():
            report.stopped = True
            report.stories_pending = len(self.store.dirty_stories())
        return report

    def _until_stopped(
        self, documents: Iterable[RawDocument | SourceError]
    ) -> Iterator[RawDocument | SourceError]:
        for item in documents:
            if self._stopping.is_set():
                return
            yield item

    def _start(
        self, items: list[RawDocument | SourceError], report: IngestReport, pending: _Batch | None
    ) -> _Batch:
        """Sort out the batch's stored pages and copies; hand the rest to the executor.

        A page with the bytes of one still in flight (this batch or the one before)
        follows it: it waits for that page's article rather than being extracted too."""
        steps = [
            _Step(item, item.sha256) if isinstance(item, RawDocument) else _Step(item, "", "error")
            for item in items
        ]
        pages = [s for s in steps if s.action == "extract"]
        with report.timed("skip"):
            known = self.store.known_documents([(s.item.url, s.sha256) for s in pages])
            fresh = [s for s in pages if (s.item.url, s.sha256) not in known]
            copies = self.store.canonical_copies([s.sha256 for s in fresh])
        flying = {s.sha256: s for s in pending.steps if s.action == "extract"} if pending else {}
        for step in pages:
            if (step.item.url, step.sha256) in known:
                step.action = "unchanged"
            elif step.sha256 in copies and _declares(step.item, copies[step.sha256][1]):
                step.action, step.article_id = "copy", copies[step.sha256][0]
            elif step.sha256 in flying:
                step.action, step.leader = "follow", flying[step.sha256]
            else:
                flying[step.sha256] = step
        todo = [s.item for s in steps if s.action == "extract"]
        return _Batch(steps, iter(self.executor.map(extract_or_error, todo)))

    def _finish(self, batch: _Batch, report: IngestReport, notify: Progress) -> None:
        """Place a batch in input order and store it; abandoned if stopped while extracting.

        A page the page-type gate calls no article (a listing, a shop, a sign-in wall, a
        crawl notice) never reaches dedup or clustering, so it can neither open nor join
        a story nor be quoted; its document is recorded as ``not-article`` with its
        kind, so a re-run skips it as unchanged.
        """
        if report.stopped:
            return  # a batch before it was abandoned: the stored part stays a prefix
        with report.timed("extract"):
            for step in batch.steps:
                if step.action in ("extract", "follow") and self._stopping.is_set():
                    report.stopped = True
                    return
                if step.action == "extract":
                    step.result = next(batch.results)
                elif step.action == "follow":
                    self._follow(step)
        with report.timed("dedup+cluster"):
            placements, outcomes = self._place(batch.steps, report)
        with report.timed("store"):
            stored = self.store.save_batch(placements)
        for step, outcome in outcomes:
            if outcome == "new" and step.result.id not in stored:
                outcome = "unchanged"  # another writer stored it first
            report.outcomes[outcome] += outcome != "error"
            notify(_name(step.item), outcome)
        report.done += len(batch.steps)
        release_heap()

    @staticmethod
    def _follow(step: _Step) -> None:
        """Unchanged when it is its leader's page again, a copy of the leader's article when
        that is keyed by a canonical URL the page spells out; else extracted here."""
        leader = step.leader.result if step.leader else None
        article = isinstance(leader, Article) and leader.page_type == ARTICLE
        if article and step.leader.item.url == step.item.url:
            step.action = "unchanged"  # the same page twice: its document is the leader's
        elif article and leader.canonical_url and _declares(step.item, leader.canonical_url):
            step.action, step.article_id = "copy", leader.id
        else:
            step.action, step.result = "extract", extract_or_error(step.item)
        step.leader = None

    def _place(
        self, steps: list[_Step], report: IngestReport
    ) -> tuple[list[Placement], list[tuple[_Step, str]]]:
        """Dedup and cluster a batch's new articles in input order: what to store, and the
        outcome of every item."""
        articles = [s.result for s in steps if isinstance(s.result, Article)]
        seen = self.store.known_articles([a.id for a in articles])
        placements: list[Placement] = []
        outcomes: list[tuple[_Step, str]] = []
        for step in steps:
            raw, result = step.item, step.result
            if isinstance(raw, SourceError) or isinstance(result, ExtractionError):
                report.errors.append(str(raw if isinstance(raw, SourceError) else result))
                outcomes.append((step, "error"))
                continue
            if step.action in ("unchanged", "copy"):
                outcomes.append((step, step.action))
                if step.action == "copy":
                    placements.append(Placement(raw, "copy", step.article_id, sha256=step.sha256))
                continue
            if result.page_type != ARTICLE:
                reason = f"{result.page_type} ({result.page_type_confidence:.2f})"
                placements.append(Placement(raw, "not-article", error=reason, sha256=step.sha256))
                report.not_articles[result.page_type] += 1
                outcomes.append((step, "not-article"))
            elif result.id in seen:
                placements.append(Placement(raw, "unchanged", result.id, sha256=step.sha256))
                outcomes.append((step, "unchanged"))
            else:
                seen.add(result.id)
                duplicate = self.deduplicator.add(result)
                original = duplicate.group if duplicate else None
                assignment = self.clusterer.assign(result, duplicate_of=original)
                placements.append(
                    Placement(raw, "ok", result.id, result, assignment, duplicate, step.sha256)
                )
                outcomes.append((step, "new"))
        return placements, outcomes

    def refresh_stories(self) -> int:
        """Re-summarize, re-title, re-classify and re-link every story that changed; a
        stop leaves the rest marked dirty, for the next run."""
        done = []
        for story_id in self.store.dirty_stories():
            if self._stopping.is_set():
                break
            self.store.save_story(self.build_story(story_id, self.store.story_articles(story_id)))
            done.append(story_id)
        if done:
            link_related(self.store, done)
        return len(done)

    def build_story(self, story_id: str, articles: list[Article]) -> Story:
        """A story's presentation from its articles (no I/O)."""
        ordered = sorted(articles, key=lambda a: a.when)
        return Story(
            id=story_id,
            headline=story_headline(ordered),
            articles=ordered,
            summary=self.summarizer.summarize(ordered),
            category=classify(ordered),
            origin=provenance(ordered).origin,
            updated_at=utcnow(),
        )


def extract_or_error(raw: RawDocument) -> Article | ExtractionError:
    """Extract one page; any failure becomes an ExtractionError naming the page.

    Extraction runs third-party parsers on hostile input: an unexpected
    exception there must cost one page, never the run.

    The error comes back detached from the stack that raised it: a traceback holds
    every frame up to the run's loop with their locals (the batches in flight, their
    pages), so an error kept as a result would keep them all alive, as garbage that
    only the collector's rare full pass frees.
    """
    try:
        return extract(raw)
    except ExtractionError as exc:
        return _detached(exc)
    except Exception as exc:  # noqa: BLE001 - the boundary between one page and the run
        return ExtractionError(f"{raw.url}: extraction failed ({type(exc).__name__}: {exc})")


def _detached(exc: ExtractionError) -> ExtractionError:
    """The error without its traceback and the exceptions chained to it (and theirs)."""
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
    return exc


# glibc's mallopt parameter; its default threshold rises to 32 MiB as big blocks are freed,
# so the pages of later batches land in the heap, whose freed holes then stay resident.
# On a 10k-record archive (--workers 2) the main process's peak RSS rose 12.7% from 5k
# to 10k documents by default, 10.5% with malloc_trim after each batch, 6.9% with this.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


def _glibc() -> ctypes.CDLL | None:
    """The C library where it is glibc (it has malloc_trim and mallopt), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


_LIBC = _glibc()


def tune_heap() -> None:
    """Serve allocations of MMAP_THRESHOLD or more from their own mappings, returned to
    the system when freed (glibc; a no-op elsewhere). Process-wide, set once a run."""
    if _LIBC is not None:
        _LIBC.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release_heap() -> None:
    """Hand the heap's free pages back to the system (glibc's malloc_trim; a no-op
    elsewhere): called after every batch stored."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _declares(raw: RawDocument, canonical: str) -> bool:
    """Whether the page names its canonical URL in full, so that it is the canonical of
    the page wherever it was fetched from (a relative one depends on the fetch URL)."""
    return canonical.encode() in raw.content or canonical.replace("&", "&amp;").encode() in (
        raw.content
    )


def _name(item: RawDocument | SourceError) -> str:
    # errors read "NAME: why"; a URL holds ":" too, so split at ": "
    return item.url if isinstance(item, RawDocument) else str(item).split(": ", 1)[0]
