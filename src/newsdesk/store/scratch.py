"""A throwaway PostgreSQL database: for tests and benchmarks that need a fresh store."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_database(server_url: str, prefix: str = "newsdesk_scratch") -> Iterator[str]:
    """Create a database with a unique name on the PostgreSQL server at ``server_url``
    (an SQLAlchemy URL whose user may create databases), yield its URL, and drop it after,
    even while connections to it are still open."""
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
