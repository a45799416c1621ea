"""The store: documents seen, articles with their story and duplicate group, stories.

Any SQLAlchemy URL works; SQLite (WAL mode) is the default. The schema is
brought up to date by Alembic on open, so an old database keeps working.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
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


def default_db_url() -> str:
    """``NEWSDESK_DB`` if set, else a SQLite file in the user's data directory."""
    if os.environ.get("NEWSDESK_DB"):
        return os.environ["NEWSDESK_DB"]
    path = Path(user_data_dir("newsdesk")) / "newsdesk.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def upgrade(engine: Engine) -> None:
    """Apply every pending Alembic migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
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
        query = select(documents.c.id).where(documents.c.url == url, documents.c.sha256 == sha256)
        with self.engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    def record_document(
        self, raw: RawDocument, status: str, article_id: str | None = None, error: str | None = None
    ) -> None:
        """Remember a document and what became of it (idempotent per URL and bytes)."""
        with self.engine.begin() as conn:
            self._record_document(conn, raw, status, article_id, error)

    def _record_document(
        self,
        conn: Connection,
        raw: RawDocument,
        status: str,
        article_id: str | None,
        error: str | None,
    ) -> None:
        exists = conn.execute(
            select(documents.c.id).where(
                documents.c.url == raw.url, documents.c.sha256 == raw.sha256
            )
        ).first()
        if exists is None:
            conn.execute(
                documents.insert().values(
                    url=raw.url,
                    sha256=raw.sha256,
                    fetched_at=raw.fetched_at,
                    status=status,
                    error=error,
                    article_id=article_id,
                )
            )

    # articles --------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            query = select(articles.c.id).where(articles.c.id == article_id)
            return conn.execute(query).first() is not None

    def add_article(
        self,
        raw: RawDocument,
        article: Article,
        assignment: Assignment,
        duplicate: DuplicateMatch | None,
    ) -> None:
        """Store an article with its story and duplicate group, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(
                articles.insert().values(
                    **_article_row(article),
                    story_id=assignment.story_id,
                    dup_group=duplicate.group if duplicate else article.id,
                    dup_similarity=duplicate.similarity if duplicate else None,
                    score=assignment.score,
                    features=assignment.features,
                )
            )
            self._touch_story(conn, assignment.story_id, article)
            for merged in assignment.merged:
                self._merge_story(conn, merged, assignment)
            self._record_document(conn, raw, "ok", article.id, None)

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

    def _touch_story(self, conn: Connection, story_id: str, article: Article) -> None:
        """Create the story row if new, and mark it for re-summarizing."""
        row = conn.execute(select(stories.c.id).where(stories.c.id == story_id)).first()
        if row is None:
            conn.execute(
                stories.insert().values(
                    id=story_id,
                    headline=article.title,
                    summary=[],
                    related=[],
                    first_seen=article.when,
                    last_seen=article.when,
                    updated_at=datetime.now(UTC),
                    n_articles=0,
                    n_outlets=0,
                    dirty=True,
                )
            )
        else:
            conn.execute(update(stories).where(stories.c.id == story_id).values(dirty=True))

    def recent_articles(self, limit: int = 50_000) -> list[tuple[Article, str, str]]:
        """The newest articles with (story id, duplicate group), oldest first, for warm starts."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = select(articles).order_by(when.desc()).limit(limit)
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        rows.reverse()
        return [(article_from_row(r), r.story_id, r.dup_group) for r in rows]

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
            "first_seen": story.first_seen,
            "last_seen": story.last_seen,
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


def _article_row(article: Article) -> dict:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "subtitle": article.subtitle,
        "author": article.author,
        "published": article.published,
        "fetched_at": article.fetched_at,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "section": article.section,
        "language": article.language,
        "text": article.text,
        "rights": article.rights,
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
        published=as_utc(row.published),
        dateline=row.dateline,
        outlet=row.outlet,
        section=row.section,
        language=row.language,
        canonical_url=row.canonical_url,
        rights=row.rights,
        warnings=list(row.warnings or []),
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
