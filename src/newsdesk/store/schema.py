"""The tables. Changes to them go through an Alembic migration in ``migrations/versions``."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # ok | unchanged | copy | error
    Column("error", Text),
    Column("article_id", String(32), index=True),
    UniqueConstraint("url", "sha256", name="uq_documents_url_sha256"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text, nullable=False, index=True),
    Column("canonical_url", Text),
    Column("title", Text, nullable=False),
    Column("subtitle", Text),
    Column("author", Text),
    Column("published", DateTime(timezone=True), index=True),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("dateline", Text),
    Column("outlet", Text, index=True),
    Column("section", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("rights", Text),
    Column("warnings", JSON, nullable=False, default=list),
    Column("image_url", Text),  # migration 0006: lead image and outlet icon, for /img/
    Column("icon_url", Text),
    Column("published_offset", Integer),  # migration 0007: the page's UTC offset, minutes
    Column("content_hash", String(32), nullable=False, index=True),
    Column("story_id", String(32), nullable=False, index=True),
    Column("dup_group", String(32), nullable=False, index=True),
    Column("dup_similarity", Float),
    Column("score", Float, nullable=False),
    Column("features", JSON, nullable=False, default=dict),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("headline", Text, nullable=False),
    Column("summary", JSON, nullable=False, default=list),
    Column("category", String(64), index=True),
    Column("related", JSON, nullable=False, default=list),
    Column("origin", Text),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False, index=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_outlets", Integer, nullable=False, default=0),
    Column("dirty", Boolean, nullable=False, default=True, index=True),
)

# Live sources (migration 0002): what to poll, and per URL what the last fetch returned.
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("kind", String(16), nullable=False),  # auto | feed | sitemap | page | warc
    Column("interval_s", Float),  # None: [fetch] poll_interval
    Column("origin", String(16), nullable=False),  # cli | config
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("last_polled", DateTime(timezone=True)),
    Column("next_poll", DateTime(timezone=True), index=True),
    Column("idle_polls", Integer, nullable=False, default=0),  # polls in a row with nothing new
    Column("last_error", Text),
)

fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("final_url", Text),
    Column("status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("headers", JSON, nullable=False, default=dict),
    Column("sha256", String(64)),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("error", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_fetch", DateTime(timezone=True)),
    Column("resume_at", Integer),  # records of an archive stored when its read stopped
)

story_merges = Table(
    "story_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(32), nullable=False, index=True),  # the story that remains
    Column("merged_id", String(32), nullable=False, index=True),  # the story folded into it
    Column("article_id", String(32), nullable=False),  # the bridging article
    Column("score", Float, nullable=False),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)

# Objects that migrations create outside this metadata, per dialect: SQLite's FTS5 search
# index (``articles_fts`` and its shadow tables) and PostgreSQL's full-text GIN index
# (``ix_articles_fts``), both from migration 0004.
UNMANAGED = {"table": ("articles_fts",), "index": ("ix_articles_fts",)}


def include_name(name: str | None, type_: str, _parent_names: dict) -> bool:
    """Alembic ``include_name`` hook: compare everything but the unmanaged objects."""
    return not (name is not None and name.startswith(UNMANAGED.get(type_, ())))
