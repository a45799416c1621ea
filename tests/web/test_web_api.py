"""The JSON API: every operation checked against its own OpenAPI schema, then by hand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from websupport import HOSTILE_TITLE

from newsdesk.store import Store
from newsdesk.web import create_app

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis comes with .[test]")
from hypothesis import HealthCheck, given, settings  # noqa: E402  (installed with schemathesis)

MAX_EXAMPLES = 25


def test_api_conforms_to_its_openapi_schema(store: Store) -> None:
    """Schemathesis generates requests for every operation; each response must match the schema."""
    app = create_app(store, token="not-the-one-schemathesis-sends")
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {f"/api/v1/{p}" for p in ("stories", "search")}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            case.call_and_validate()

        check()


def test_stories_are_paginated(client: TestClient, store: Store) -> None:
    total = store.count()["stories"]
    first = client.get("/api/v1/stories?per_page=5").json()
    assert first["total"] == total and len(first["items"]) == 5 and first["next_page"] == 2
    seen = []
    for number in range(1, first["pages"] + 1):
        seen += [
            s["id"] for s in client.get(f"/api/v1/stories?per_page=5&page={number}").json()["items"]
        ]
    assert sorted(seen) == sorted(s.id for s in store.stories())
    assert client.get("/api/v1/stories?per_page=101").status_code == 422


def test_story_carries_summary_sources_and_its_page(client: TestClient, store: Store) -> None:
    story = max(store.stories(), key=lambda s: len(s.articles))
    body = client.get(f"/api/v1/stories/{story.id}").json()
    assert body["url"] == f"/story/{story.id}"
    assert {s["id"] for s in body["sources"]} == {a.id for a in story.articles}
    assert [s["text"] for s in body["summary"]] == [s.text for s in story.summary]
    articles = client.get(f"/api/v1/articles?story={story.id}").json()
    assert {a["id"] for a in articles["items"]} == {a.id for a in story.articles}
    one = client.get(f"/api/v1/articles/{story.articles[0].id}").json()
    assert one["story_id"] == story.id and one["text"] == story.articles[0].text


def test_filters_by_category_and_outlet(client: TestClient, store: Store) -> None:
    world = client.get("/api/v1/stories?category=world").json()["items"]
    assert {s["id"] for s in world} == {s.id for s in store.stories() if s.category == "World"}
    assert client.get("/api/v1/stories?category=nope").status_code == 404
    wire = client.get("/api/v1/stories?outlet=northwind-wire&per_page=100").json()["items"]
    assert all("Northwind Wire" in s["outlets"] for s in wire) and wire
    outlets = {o["slug"]: o for o in client.get("/api/v1/outlets").json()}
    assert outlets["northwind-wire"]["n_stories"] == len(wire)
    categories = client.get("/api/v1/categories").json()
    assert sum(c["n_stories"] for c in categories) == store.count()["stories"]


def test_search_returns_plain_strings_and_ignores_query_syntax(client: TestClient) -> None:
    found = client.get("/api/v1/search", params={"q": "quillmoor"}).json()
    assert [s["headline"] for s in found["items"]] == [HOSTILE_TITLE]
    for hostile in ('"', "NEAR(", "a OR b AND", "*", "title:x", "'; DROP TABLE stories; --"):
        assert client.get("/api/v1/search", params={"q": hostile}).status_code == 200
    assert client.get("/api/v1/search", params={"q": "x" * 201}).status_code == 422
