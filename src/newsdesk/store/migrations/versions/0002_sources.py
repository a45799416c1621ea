"""Live sources: the sources to poll and the per-URL fetch state (ETag, Last-Modified, ...).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("interval_s", sa.Float),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("added_at", TZ, nullable=False),
        sa.Column("last_polled", TZ),
        sa.Column("next_poll", TZ, index=True),
        sa.Column("idle_polls", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
    )
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("final_url", sa.Text),
        sa.Column("status", sa.Integer),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("headers", sa.JSON, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("fetched_at", TZ, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_fetch", TZ),
    )


def downgrade() -> None:
    op.drop_table("fetch_state")
    op.drop_table("sources")
