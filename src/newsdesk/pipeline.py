"""Composes the stages and runs them in this process.

    RawDocument -> extract -> Article -> dedup -> cluster -> store
                                  dirty stories -> summarize, headline, classify -> store

Documents are extracted in batches, then fed to dedup and clustering in
order of publication, so that an online decision sees the stream the way it
happened. Each article is stored in its own transaction together with the
document it came from: an interrupted run loses nothing and a re-run skips
what is already stored. Stories that gained articles are marked dirty and
re-summarized at the end of every run (and of the next run, if one died).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from newsdesk.classify import classify
from newsdesk.cluster import StoryClusterer
from newsdesk.dedup import Deduplicator, provenance
from newsdesk.extract import ExtractionError, extract
from newsdesk.model import Article, RawDocument, Story, utcnow
from newsdesk.related import link_related
from newsdesk.scale import Executor, SerialExecutor
from newsdesk.sources import SourceError
from newsdesk.store import Store
from newsdesk.summarize import ExtractiveSummarizer, Summarizer, story_headline

BATCH = 256
Progress = Callable[[str, str], None]


@dataclass
class IngestReport:
    """What a run did: counts by outcome, and every error with the input it names."""

    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    stories_updated: int = 0

    @property
    def new(self) -> int:
        return self.outcomes["new"]

    @property
    def unchanged(self) -> int:
        return self.outcomes["unchanged"]

    def line(self) -> str:
        """One-line summary for the end of a run."""
        return (
            f"{self.outcomes['new']} new articles, {self.outcomes['unchanged']} unchanged, "
            f"{len(self.errors)} errors, {self.stories_updated} stories updated"
        )


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
        for article, story_id, group in store.recent_articles():
            self.deduplicator.restore(article, group)
            self.clusterer.restore(article, story_id)

    def ingest(
        self, documents: Iterable[RawDocument | SourceError], progress: Progress | None = None
    ) -> IngestReport:
        """Extract, de-duplicate, cluster and store documents; then refresh stories.

        Pages go in batches; the next batch is handed to the executor before this one
        is placed, so workers extract while this process stores.
        """
        report = IngestReport()
        notify = progress or (lambda _name, _outcome: None)
        stream = iter(documents)
        pending: tuple[list[RawDocument], Iterable[Article | ExtractionError]] | None = None
        while batch := list(islice(stream, BATCH)):
            todo = self._new_documents(batch, report, notify)
            extracting = (todo, self.executor.map(extract_or_error, todo))
            if pending:
                self._place_batch(*pending, report, notify)
            pending = extracting
        if pending:
            self._place_batch(*pending, report, notify)
        report.stories_updated = self.refresh_stories()
        return report

    def _new_documents(
        self, batch: list[RawDocument | SourceError], report: IngestReport, notify: Progress
    ) -> list[RawDocument]:
        """The batch's pages not stored yet; source errors and unchanged pages are counted."""
        todo: list[RawDocument] = []
        for item in batch:
            if isinstance(item, SourceError):
                report.errors.append(str(item))
                notify(_name(item), "error")
            elif self.store.has_document(item.url, item.sha256):
                report.outcomes["unchanged"] += 1
                notify(item.url, "unchanged")
            else:
                todo.append(item)
        return todo

    def _place_batch(
        self,
        todo: list[RawDocument],
        results: Iterable[Article | ExtractionError],
        report: IngestReport,
        notify: Progress,
    ) -> None:
        """Place a batch's articles in time order; extraction errors are counted."""
        extracted: list[tuple[RawDocument, Article]] = []
        for raw, result in zip(todo, results, strict=True):
            if isinstance(result, ExtractionError):
                report.errors.append(str(result))
                notify(raw.url, "error")
            else:
                extracted.append((raw, result))
        for raw, article in sorted(extracted, key=lambda pair: pair[1].when):
            outcome = self._place(raw, article)
            report.outcomes[outcome] += 1
            notify(raw.url, outcome)

    def _place(self, raw: RawDocument, article: Article) -> str:
        """Dedup, cluster and store one article."""
        if self.store.has_article(article.id):
            self.store.record_document(raw, "unchanged", article.id)
            return "unchanged"
        duplicate = self.deduplicator.add(article)
        original = duplicate.group if duplicate else None
        assignment = self.clusterer.assign(article, duplicate_of=original)
        self.store.add_article(raw, article, assignment, duplicate)
        return "new"

    def refresh_stories(self) -> int:
        """Re-summarize, re-title, re-classify and re-link every story that changed."""
        dirty = self.store.dirty_stories()
        for story_id in dirty:
            self.store.save_story(self.build_story(story_id, self.store.story_articles(story_id)))
        if dirty:
            link_related(self.store, dirty)
        return len(dirty)

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
    """
    try:
        return extract(raw)
    except ExtractionError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - the boundary between one page and the run
        return ExtractionError(f"{raw.url}: extraction failed ({type(exc).__name__}: {exc})")


def _name(item: RawDocument | SourceError) -> str:
    # errors read "NAME: why"; a URL holds ":" too, so split at ": "
    return item.url if isinstance(item, RawDocument) else str(item).split(": ", 1)[0]
