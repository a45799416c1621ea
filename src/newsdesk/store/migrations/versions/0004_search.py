"""Full-text search over articles: SQLite FTS5 table kept by triggers, PostgreSQL GIN index.

On SQLite, ``articles_fts`` holds each article's id, story id, title and text
(porter stemming, diacritics folded, ranked by BM25 with titles weighted 4:1);
triggers on ``articles`` keep it in step with every insert, update and delete,
so no writer has to know it exists. On
PostgreSQL an expression GIN index over ``to_tsvector`` serves the same query.
Neither is part of ``schema.metadata``: see ``schema.include_name``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "article_id UNINDEXED, story_id UNINDEXED, title, text, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    # rank = BM25 with a title match worth four body matches
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(0.0, 0.0, 4.0, 1.0)')",
    "INSERT INTO articles_fts (article_id, story_id, title, text) "
    "SELECT id, story_id, title, text FROM articles",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts (article_id, story_id, title, text) "
    "VALUES (new.id, new.story_id, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM articles_fts WHERE article_id = old.id; END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, story_id, title, text ON articles "
    "BEGIN DELETE FROM articles_fts WHERE article_id = old.id; "
    "INSERT INTO articles_fts (article_id, story_id, title, text) "
    "VALUES (new.id, new.story_id, new.title, new.text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
]
# Must match newsdesk.store.queries.PG_DOCUMENT for the planner to use the index.
POSTGRES_UP = [
    "CREATE INDEX ix_articles_fts ON articles USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_articles_fts"]


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
