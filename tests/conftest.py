"""Shared fixtures: a fresh store per test, the samples and the demo corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.store import Store
from newsdesk.store.scratch import scratch_database

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "samples"
SAMPLE_PAGE = SAMPLES / "004_581a4c5e22a6216a.txt"
SAMPLE_DIGEST = SAMPLES / "000_e8cf59d65981fe4b.txt"


@pytest.fixture
def samples() -> Path:
    """The two sample documents from ../shared/samples."""
    if not SAMPLE_PAGE.exists() or not SAMPLE_DIGEST.exists():
        pytest.skip(
            f"../shared/samples not found at {SAMPLES}: sample tests need it beside the repo"
        )
    return SAMPLES


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsdesk.db'}"


@pytest.fixture
def store(db_url: str):
    with Store(db_url) as s:
        yield s


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL server named by NEWSDESK_TEST_PG, dropped after."""
    base = os.environ.get("NEWSDESK_TEST_PG")
    if not base:
        pytest.skip(
            "NEWSDESK_TEST_PG is not set: PostgreSQL tests need a server (.ci/run starts one)"
        )
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    with scratch_database(base, "newsdesk_test") as url:
        yield url
