"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL) by ``--db``."""

from newsdesk.store.repository import Store, default_db_url

__all__ = ["Store", "default_db_url"]
