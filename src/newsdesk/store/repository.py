"""The store: documents seen, articles with their story and duplicate group, stories.

Any SQLAlchemy URL works; SQLite (WAL mode) is the default. The schema is
brought up to date by Alembic on open, so an old database keeps working.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.engine import Connection, Row

from newsdesk.model import (
    Article,
    Assignment,
    DuplicateMatch,
    RawDocument,
    Story,
    SummarySentence,
    as_utc,
)
from newsdesk.store.schema import articles, documents, stories, story_merges

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x6E657773  # PostgreSQL advisory lock key held while migrating ("news")


def default_db_url() -> str:
    """``NEWSDESK_DB`` if set, else a SQLite file in the user's data directory."""
    if os.environ.get("NEWSDESK_DB"):
        return os.environ["NEWSDESK_DB"]
    path = Path(user_data_dir("newsdesk")) / "newsdesk.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def upgrade(engine: Engine) -> None:
    """Apply every pending Alembic migration, one process at a time: two commands opening
    a new database at once must not both create its tables."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        elif engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """Repository over the newsdesk tables. One instance per process."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_db_url()
        self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # documents -------------------------------------------------------------

    def has_document(self, url: str, sha256: str) -> bool:
        """True if this exact document (URL and bytes) was ingested before."""
        return (url, sha256) in self.known_documents([(url, sha256)])

    def known_documents(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (URL, body hash) pairs were ingested before: one query for a batch."""
        found: set[tuple[str, str]] = set()
        hashes = sorted({sha for _, sha in keys})
        with self.engine.connect() as conn:
            for chunk in _chunks(hashes):
                query = select(documents.c.url, documents.c.sha256).where(
                    documents.c.sha256.in_(chunk)
                )
                found.update((row.url, row.sha256) for row in conn.execute(query))
        return found & set(keys)

    def canonical_copies(self, hashes: list[str]) -> dict[str, tuple[str, str]]:
        """Per body hash stored before: (article id, canonical URL) of the article it gave,
        for articles keyed by a canonical URL the page declares (not by where it was fetched)."""
        found: dict[str, tuple[str, str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(hashes))):
                query = (
                    select(documents.c.sha256, articles.c.id, articles.c.canonical_url)
                    .join(articles, articles.c.id == documents.c.article_id)
                    .where(documents.c.sha256.in_(chunk), articles.c.canonical_url.is_not(None))
                )
                for row in conn.execute(query):
                    found.setdefault(row.sha256, (row.id, row.canonical_url))
        return found

    def record_document(
        self, raw: RawDocument, status: str, article_id: str | None = None, error: str | None = None
    ) -> None:
        """Remember a document and what became of it (idempotent per URL and bytes)."""
        self.save_batch([Placement(raw, status, article_id, error=error)])

    # articles --------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(self.known_articles([article_id]))

    def known_articles(self, ids: list[str]) -> set[str]:
        """Which of these article ids are stored: one query for a batch."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids))):
                found.update(conn.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    def add_article(
        self,
        raw: RawDocument,
        article: Article,
        assignment: Assignment,
        duplicate: DuplicateMatch | None,
    ) -> None:
        """Store an article with its story and duplicate group, in one transaction."""
        self.save_batch([Placement(raw, "ok", article.id, article, assignment, duplicate)])

    def save_batch(self, batch: list[Placement]) -> set[str]:
        """Store a batch of pages in one transaction: new articles with their stories and
        merges, and every page's document row. Returns the ids of the articles stored.

        A page or article another writer stored first is kept once: its insert is skipped,
        and an article skipped so is not counted as stored (nor its story touched).
        """
        new = [p for p in batch if p.status == "ok" and p.article and p.assignment]
        with self._writing() as conn:
            stored: set[str] = set()
            if new:
                rows = [
                    {
                        **_article_row(p.article),
                        "story_id": p.assignment.story_id,
                        "dup_group": p.duplicate.group if p.duplicate else p.article_id,
                        "dup_similarity": p.duplicate.similarity if p.duplicate else None,
                        "score": p.assignment.score,
                        "features": p.assignment.features,
                    }
                    for p in new
                ]
                insert = _insert_new(conn, articles).returning(articles.c.id)
                stored = set(conn.execute(insert, rows).scalars())
                kept = [p for p in new if p.article_id in stored]
                self._touch_stories(conn, kept)
                for placed in kept:
                    for merged in placed.assignment.merged:
                        self._merge_story(conn, merged, placed.assignment)
            docs = [
                {
                    "url": p.raw.url,
                    "sha256": p.sha256,
                    "fetched_at": p.raw.fetched_at,
                    "status": p.status
                    if p.status != "ok" or p.article_id in stored
                    else "unchanged",
                    "error": p.error,
                    "article_id": p.article_id,
                }
                for p in batch
            ]
            if docs:
                conn.execute(_insert_new(conn, documents), docs)
        return stored

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction. SQLite's takes the write lock at once (BEGIN IMMEDIATE), so
        two writers queue on busy_timeout rather than one failing on a stale read."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def _touch_stories(self, conn: Connection, placed: list[Placement]) -> None:
        """Create the stories that are new, and mark every touched story for re-summarizing."""
        first: dict[str, Article] = {}
        for p in placed:
            first.setdefault(p.assignment.story_id, p.article)
        existing: set[str] = set()
        for chunk in _chunks(sorted(first)):
            existing.update(conn.scalars(select(stories.c.id).where(stories.c.id.in_(chunk))))
            conn.execute(update(stories).where(stories.c.id.in_(chunk)).values(dirty=True))
        now = datetime.now(UTC)
        rows = [
            {
                "id": story_id,
                "headline": article.title,
                "summary": [],
                "related": [],
                "first_seen": as_utc(article.when),
                "last_seen": as_utc(article.when),
                "updated_at": now,
                "n_articles": 0,
                "n_outlets": 0,
                "dirty": True,
            }
            for story_id, article in first.items()
            if story_id not in existing
        ]
        if rows:
            conn.execute(stories.insert(), rows)

    def _merge_story(self, conn: Connection, merged: str, assignment: Assignment) -> None:
        """Move a merged story's articles into the assigned story and record the merge."""
        conn.execute(
            update(articles)
            .where(articles.c.story_id == merged)
            .values(story_id=assignment.story_id)
        )
        conn.execute(stories.delete().where(stories.c.id == merged))
        conn.execute(
            story_merges.insert().values(
                story_id=assignment.story_id,
                merged_id=merged,
                article_id=assignment.article_id,
                score=assignment.score,
                merged_at=datetime.now(UTC),
            )
        )

    def merges(self, story_id: str | None = None) -> list[dict]:
        """Recorded story merges (all, or those into one story), oldest first."""
        query = select(story_merges).order_by(story_merges.c.id)
        if story_id is not None:
            query = query.where(story_merges.c.story_id == story_id)
        with self.engine.connect() as conn:
            return [
                {**row._asdict(), "merged_at": as_utc(row.merged_at)} for row in conn.execute(query)
            ]

    def article_decisions(self, story_id: str) -> dict[str, dict]:
        """Per article of a story: its clustering score, signals and duplicate group."""
        query = select(
            articles.c.id,
            articles.c.score,
            articles.c.features,
            articles.c.dup_group,
            articles.c.dup_similarity,
        ).where(articles.c.story_id == story_id)
        with self.engine.connect() as conn:
            return {row.id: row._asdict() for row in conn.execute(query)}

    def placed_articles(self) -> Iterator[tuple[Article, str, str]]:
        """Every stored article with (story id, duplicate group), in the order the runs
        placed them (the order of the documents that made them), for warm starts.

        Streamed: a warm start holds what dedup and clustering keep, not the corpus.
        """
        query = (
            select(articles)
            .join(documents, documents.c.article_id == articles.c.id)
            .where(documents.c.status == "ok")
            .order_by(documents.c.id)
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=500).execute(query):
                yield article_from_row(row), row.story_id, row.dup_group

    def story_articles(self, story_id: str) -> list[Article]:
        return [a for a, _ in self._articles_where(articles.c.story_id == story_id)]

    def _articles_where(self, *where) -> Iterator[tuple[Article, Row]]:
        query = select(articles).where(*where).order_by(articles.c.published, articles.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield article_from_row(row), row

    def count(self) -> dict[str, int]:
        """How many documents, articles and stories the store holds."""
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("documents", documents),
                    ("articles", articles),
                    ("stories", stories),
                )
            }

    # stories ---------------------------------------------------------------

    def dirty_stories(self) -> list[str]:
        """Stories that gained articles since they were last summarized."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(stories.c.id).where(stories.c.dirty.is_(True))))

    def save_story(self, story: Story) -> None:
        """Write a summarized story and clear its dirty mark."""
        values = {
            "headline": story.headline,
            "summary": [{"text": s.text, "article_id": s.article_id} for s in story.summary],
            "category": story.category,
            "related": story.related,
            "origin": story.origin,
            "first_seen": as_utc(story.first_seen),
            "last_seen": as_utc(story.last_seen),
            "updated_at": story.updated_at,
            "n_articles": len(story.articles),
            "n_outlets": len(story.outlets),
            "dirty": False,
        }
        with self.engine.begin() as conn:
            conn.execute(update(stories).where(stories.c.id == story.id).values(**values))

    def story(self, story_id: str) -> Story | None:
        return next(iter(self.stories(ids=[story_id])), None)

    def stories(
        self,
        since: datetime | None = None,
        limit: int | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Story]:
        """Stories newest first (by their latest article), with their articles."""
        query = select(stories).order_by(stories.c.last_seen.desc(), stories.c.id)
        if since is not None:
            query = query.where(stories.c.last_seen >= since)
        if ids is not None:
            query = query.where(stories.c.id.in_(list(ids)))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        out = []
        for row in rows:
            members = list(self._articles_where(articles.c.story_id == row.id))
            out.append(
                Story(
                    id=row.id,
                    headline=row.headline,
                    articles=[a for a, _ in members],
                    summary=[SummarySentence(s["text"], s["article_id"]) for s in row.summary],
                    category=row.category,
                    related=list(row.related),
                    duplicates={a.id: r.dup_group for a, r in members if r.dup_group != a.id},
                    origin=row.origin,
                    updated_at=as_utc(row.updated_at),
                )
            )
        return out


@dataclass(frozen=True)
class Placement:
    """One page of a batch and what became of it, for ``Store.save_batch``: ``ok`` (a new
    article, with its story and duplicate group), ``unchanged`` (its article is stored
    already), ``copy`` (byte-identical to a stored page keyed by the same canonical URL) or
    ``not-article`` (what the page-type gate found instead, in ``error``)."""

    raw: RawDocument
    status: str
    article_id: str | None = None
    article: Article | None = None
    assignment: Assignment | None = None
    duplicate: DuplicateMatch | None = None
    sha256: str = ""
    error: str | None = None

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", self.raw.sha256)


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Lists of at most ``size``: the bound parameters of one IN clause."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _insert_new(conn: Connection, table):
    """An INSERT that skips rows whose key is taken (another writer stored them first)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        return table.insert()
    return insert(table).on_conflict_do_nothing()


def _article_row(article: Article) -> dict:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "subtitle": article.subtitle,
        "author": article.author,
        "published": as_utc(article.published),
        "published_offset": _offset_minutes(article.published),
        "fetched_at": article.fetched_at,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "section": article.section,
        "language": article.language,
        "text": article.text,
        "rights": article.rights,
        "image_url": article.image_url,
        "icon_url": article.icon_url,
        "warnings": list(article.warnings),
        "content_hash": article.content_hash,
    }


def article_from_row(row: Row) -> Article:
    return Article(
        url=row.url,
        title=row.title,
        text=row.text,
        fetched_at=as_utc(row.fetched_at),
        subtitle=row.subtitle,
        author=row.author,
        published=_in_offset(as_utc(row.published), row.published_offset),
        dateline=row.dateline,
        outlet=row.outlet,
        section=row.section,
        language=row.language,
        canonical_url=row.canonical_url,
        rights=row.rights,
        image_url=row.image_url,
        icon_url=row.icon_url,
        warnings=list(row.warnings or []),
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    # Switching a new file to WAL takes an exclusive lock, and SQLite answers "database is
    # locked" at once (no busy wait) when another process is switching it at the same time.
    deadline = time.monotonic() + 10
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _offset_minutes(moment: datetime | None) -> int | None:
    """The UTC offset of ``moment`` in minutes (stored beside it: databases keep UTC)."""
    offset = moment.utcoffset() if moment is not None else None
    return None if offset is None else int(offset.total_seconds() // 60)


def _in_offset(moment: datetime | None, minutes: int | None) -> datetime | None:
    """``moment`` back in the offset the page gave (UTC when none was stored)."""
    if moment is None or not minutes:
        return moment
    return moment.astimezone(timezone(timedelta(minutes=minutes)))
