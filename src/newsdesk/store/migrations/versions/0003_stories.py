"""Stories: the record of story merges (a bridging article showed two stories to be one).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "story_merges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("story_id", sa.String(32), nullable=False, index=True),
        sa.Column("merged_id", sa.String(32), nullable=False, index=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_merges")
