"""Two ``newsdesk ingest`` processes writing one database at once: both finish, and every
page and article is stored once (SQLite, and the PostgreSQL that .ci/run starts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from newsdesk.demo import CORPUS
from newsdesk.sources import expand_paths
from newsdesk.store import Store
from newsdesk.store.schema import articles, documents


def ingest_twice_at_once(db: str) -> None:
    """Both processes get the whole demo corpus, so they race for every page."""
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))
    children = [
        subprocess.Popen(
            [newsdesk, "ingest", str(CORPUS), "--db", db],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:
        _, stderr = child.communicate(timeout=300)
        assert child.returncode == 0, stderr
    pages = list(expand_paths([str(CORPUS)]))
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == len(pages)
        urls = conn.scalars(select(documents.c.url)).all()
        assert sorted(urls) == sorted(p.resolve().as_uri() for p in pages)
        stored = conn.execute(select(func.count()).select_from(articles)).scalar()
        assert stored == len(pages)  # every demo page is an article of its own
        members = [a.id for story in store.stories() for a in story.articles]
        assert len(members) == len(set(members)) == stored  # each in one story, once


def test_two_writers_on_sqlite(tmp_path: Path) -> None:
    ingest_twice_at_once(f"sqlite:///{tmp_path / 'shared.db'}")


def test_two_writers_on_postgresql(pg_url: str) -> None:
    ingest_twice_at_once(pg_url)
