"""Search and the site's queries on both stores: SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from websupport import add_story

import newsdesk.store.queries as queries_module
from newsdesk.store import Store
from newsdesk.store.queries import MAX_QUERY_TERMS, Queries, search_terms
from newsdesk.web import create_app

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    url = request.getfixturevalue("db_url" if request.param == "sqlite" else "pg_url")
    with Store(url) as s:
        add_story(s, "quake", ["A", "B"], NOW, "Earthquakes shook the island of Valdoria at dawn.")
        add_story(s, "rates", ["C"], NOW - timedelta(hours=1), "The central bank raised rates.")
        add_story(s, "fair", ["A"], NOW - timedelta(hours=2), "The marmalade fair drew crowds.")
        yield s


def ids(found) -> list[str]:
    return [card.id for card in getattr(found, "items", found)]


def test_search_needs_every_word_and_stems_them(store: Store) -> None:
    queries = Queries(store)
    assert ids(queries.search("earthquake valdoria")) == ["quake"]
    assert ids(queries.search("ISLANDS earthquake")) == ["quake"]  # stemmed, any case
    assert ids(queries.search("earthquake marmalade")) == []
    assert set(ids(queries.search("headline"))) == {"fair", "quake", "rates"}
    assert queries.search("headline", per_page=2).total == 3
    assert (
        ids(queries.search("headline", page=5)) == []
        and queries.search("headline", page=5).total == 3
    )


def test_query_syntax_is_only_words(store: Store) -> None:
    queries = Queries(store)
    for hostile in (
        '"',
        "NEAR(",
        "rates OR",
        "*",
        "body:rates",
        "'; DROP TABLE stories; --",
        "&|!",
    ):
        queries.search(hostile)  # no syntax error reaches the reader
    assert ids(queries.search('"central" AND (bank)')) == ["rates"]
    assert len(search_terms("w " * 100)) == MAX_QUERY_TERMS


def test_index_follows_updates_and_deletes(store: Store) -> None:
    queries = Queries(store)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE articles SET text = 'A comet lit the sky.' WHERE story_id = 'fair'")
        )
    assert ids(queries.search("comet")) == ["fair"] and ids(queries.search("marmalade")) == []
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE story_id = 'fair'"))
    assert ids(queries.search("comet")) == []
    client = TestClient(create_app(store))  # a story left with no articles is gone
    assert client.get("/story/fair").status_code == 404
    assert client.get("/api/v1/stories/fair").status_code == 404


def test_listings_and_pages_work_on_this_store(store: Store) -> None:
    queries = Queries(store)
    assert ids(queries.top(2)) == ["quake", "rates"]
    assert queries.latest(outlet="A").total == 2
    assert {o.name: o.n_stories for o in queries.outlets()} == {"A": 2, "B": 1, "C": 1}
    assert {c.name: c.n_stories for c in queries.categories()}["World"] == 3
    client = TestClient(create_app(store))
    for url in (
        "/",
        "/story/quake",
        "/search?q=bank",
        "/outlet/a",
        "/category/world",
        "/feed.atom",
    ):
        assert client.get(url).status_code == 200, url
    found = client.get("/api/v1/search", params={"q": "island"}).json()
    assert [s["id"] for s in found["items"]] == ["quake"]


def test_only_the_best_matching_articles_are_ranked(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries_module, "SEARCH_DEPTH", 1)
    found = Queries(store).search("headline")
    assert found.total == 1 and len(found.items) == 1
