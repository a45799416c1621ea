"""The store: migrations match the schema, WAL mode, round trips."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from newsdesk.store import Store
from newsdesk.store.schema import include_name, metadata


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_reopening_an_existing_database_keeps_its_data(db_url: str) -> None:
    with Store(db_url) as first, first.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (url, sha256, fetched_at, status) "
                "VALUES ('file:///x', 'abc', '2026-01-01 00:00:00', 'ok')"
            )
        )
    with Store(db_url) as second:
        assert second.count()["documents"] == 1
        assert second.has_document("file:///x", "abc")
