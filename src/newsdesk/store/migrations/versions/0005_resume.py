"""Resumable archives and copy lookups: fetch_state.resume_at, documents by body hash.

``resume_at`` is the number of records of an archive already stored when a
read of it stopped part-way (NULL once the archive was read to its end): the
next read skips them. The index on ``documents.sha256`` finds a page whose
body is byte-identical to one stored before, under any URL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fetch_state") as batch:
        batch.add_column(sa.Column("resume_at", sa.Integer))
    op.create_index("ix_documents_sha256", "documents", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_documents_sha256", "documents")
    with op.batch_alter_table("fetch_state") as batch:
        batch.drop_column("resume_at")
