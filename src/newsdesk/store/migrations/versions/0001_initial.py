"""Initial schema: documents, articles, stories.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("fetched_at", TZ, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("article_id", sa.String(32), index=True),
        sa.UniqueConstraint("url", "sha256", name="uq_documents_url_sha256"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text, nullable=False, index=True),
        sa.Column("canonical_url", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("subtitle", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", TZ, index=True),
        sa.Column("fetched_at", TZ, nullable=False),
        sa.Column("dateline", sa.Text),
        sa.Column("outlet", sa.Text, index=True),
        sa.Column("section", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rights", sa.Text),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String(32), nullable=False, index=True),
        sa.Column("story_id", sa.String(32), nullable=False, index=True),
        sa.Column("dup_group", sa.String(32), nullable=False, index=True),
        sa.Column("dup_similarity", sa.Float),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("features", sa.JSON, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("category", sa.String(64), index=True),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False, index=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("dirty", sa.Boolean, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("stories")
    op.drop_table("articles")
    op.drop_table("documents")
