"""The same pipeline on a real PostgreSQL server: the store is not SQLite-only."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsdesk.cli import run_ingest
from newsdesk.store import Store
from newsdesk.store.schema import include_name, metadata


def test_migrations_and_pipeline_on_postgresql(pg_url: str, samples: Path) -> None:
    with Store(pg_url) as store:
        assert store.engine.dialect.name == "postgresql"
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, metadata) == []
        report = run_ingest(store, [str(samples)])
        assert report.new == 2 and not report.errors
        (story,) = store.stories()
        assert len(story.articles) == 2 and story.summary
        assert story.first_seen.tzinfo is not None
        again = run_ingest(store, [str(samples)])
        assert again.new == 0 and again.unchanged == 2
