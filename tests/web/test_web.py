"""The site's pages over the demo corpus: what a reader gets, and what an attacker does not."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import lxml.html
from fastapi.testclient import TestClient
from websupport import HOSTILE_TITLE, HOSTILE_URL, add_story, demo_site_db, hostile_document

import newsdesk.web
from newsdesk.classify import CATEGORIES
from newsdesk.model import Story
from newsdesk.render.common import sources
from newsdesk.store import Store
from newsdesk.store.queries import Queries, slugify
from newsdesk.web import create_app
from newsdesk.web.app import NAV
from newsdesk.web.pages import read_more


def page(client: TestClient, url: str, status: int = 200) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def hostile_story(store: Store) -> Story:
    return next(s for s in store.stories() if any(a.url == HOSTILE_URL for a in s.articles))


def test_front_page_lists_top_stories_with_every_category_in_the_menu(
    client: TestClient, store: Store
) -> None:
    doc = page(client, "/")
    menu = [a.text_content().strip() for a in doc.cssselect("nav.sections a")]
    assert menu == ["Top Stories", *NAV, "Outlets"]
    assert set(NAV) == set(CATEGORIES)
    linked = {a.get("href") for a in doc.cssselect("article.card h3 a")}
    assert linked == {f"/story/{s.id}" for s in store.stories()}
    assert doc.cssselect("main#main") and doc.cssselect("header") and doc.cssselect("footer")


def test_front_page_ranks_by_independent_outlets_and_freshness(db_url: str) -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    with Store(db_url) as store:
        add_story(store, "fresh-single", ["A"], now)
        add_story(store, "wide", ["A", "B", "C"], now - timedelta(hours=2))
        add_story(store, "stale-wide", ["A", "B", "C"], now - timedelta(days=20))
        add_story(store, "older-single", ["B"], now - timedelta(hours=3))
        assert [c.id for c in Queries(store).top(10)] == [
            "wide",
            "fresh-single",
            "older-single",
            "stale-wide",
        ]
        doc = page(TestClient(create_app(store)), "/")
        top = [a.get("href") for a in doc.cssselect("#top-heading ~ .grid h3 a")]
        assert top[0] == "/story/wide"


def test_category_page_shows_only_its_stories(client: TestClient, store: Store) -> None:
    for category in {s.category for s in store.stories()}:
        doc = page(client, f"/category/{slugify(category)}")
        shown = {a.get("href") for a in doc.cssselect("article.card h3 a")}
        expected = {f"/story/{s.id}" for s in store.stories() if s.category == category}
        assert shown == expected
        assert doc.cssselect('nav.sections a[aria-current="page"]')[0].text_content() == category


def test_story_page_has_summary_citations_sources_timeline(
    client: TestClient, store: Store
) -> None:
    for story in store.stories():
        doc = page(client, f"/story/{story.id}")
        assert doc.cssselect("h1")[0].text_content().strip() == story.headline
        _entries, numbers = read_more(story, sources(story))
        anchors = [li.get("id") for li in doc.cssselect(".sources > li")]
        # Read More is numbered 1, 2, 3... with no gaps; folded copies come after
        assert anchors == [f"source-{n}" for n in range(1, len(anchors) + 1)]
        every = {li.get("id") for li in doc.cssselect(".sources li")}
        assert every == {f"source-{n}" for n in range(1, len(story.articles) + 1)}
        cites = [a.get("href") for a in doc.cssselect(".summary a.cite")]
        assert cites == [f"#source-{numbers[s.article_id]}" for s in story.summary]
        for article in story.articles:
            item = doc.cssselect(f"#source-{numbers[article.id]}")[0]
            assert article.title in item.text_content()
            url = article.canonical_url or article.url
            if url.startswith("https://"):
                assert url in [a.get("href") for a in item.cssselect("a")]
        assert len(doc.cssselect(".timeline li")) == len(story.articles)
        provenance = doc.cssselect(".provenance")[0]
        assert provenance.cssselect("time")[0].get("datetime") == story.first_seen.isoformat()
        if story.origin:
            assert f"First reported by {story.origin}" in " ".join(
                provenance.text_content().split()
            )


def test_near_duplicates_are_folded_under_their_original(client: TestClient, store: Store) -> None:
    story = next(s for s in store.stories() if s.duplicates)
    _entries, numbers = read_more(story, sources(story))
    doc = page(client, f"/story/{story.id}")
    for copy_id, original_id in story.duplicates.items():
        if original_id in numbers:
            original = doc.cssselect(f"#source-{numbers[original_id]}")[0]
            assert original.cssselect(f"details.copies #source-{numbers[copy_id]}")


def test_outlet_pages_list_the_outlets_stories(client: TestClient, store: Store) -> None:
    doc = page(client, "/outlets")
    links = [a.get("href") for a in doc.cssselect("table.outlets a")]
    assert "/outlet/northwind-wire" in links
    doc = page(client, "/outlet/northwind-wire")
    shown = {a.get("href") for a in doc.cssselect("article.card h3 a")}
    expected = {
        f"/story/{s.id}"
        for s in store.stories()
        if any(a.outlet == "Northwind Wire" for a in s.articles)
    }
    assert shown == expected


def test_search_finds_stories_by_words_of_their_articles(client: TestClient) -> None:
    doc = page(client, "/search?q=Quillmoor+marmalade")
    assert [h.text_content().strip() for h in doc.cssselect("article.card h3")] == [HOSTILE_TITLE]
    doc = page(client, "/search?q=zzznothingmatches")
    assert not doc.cssselect("article.card")
    assert "No stories match" in doc.cssselect("main")[0].text_content()


def test_hostile_strings_render_as_text(client: TestClient, store: Store) -> None:
    story = hostile_story(store)
    for url in ("/", f"/story/{story.id}", "/search?q=marmalade", "/outlets"):
        response = client.get(url)
        assert "<script>alert(1)</script>" not in response.text
        assert "<img src=x" not in response.text
        doc = lxml.html.fromstring(response.text)
        assert not doc.cssselect("script")
        assert not [a for a in doc.iter("a") if (a.get("href") or "").startswith("javascript:")]
        assert not any(el.get("onerror") for el in doc.iter())
    doc = page(client, f"/story/{story.id}")
    assert doc.cssselect("h1")[0].text_content() == HOSTILE_TITLE


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for url in ("/", "/search?q=x", "/nope", "/api/v1/stories", "/feed.atom"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_unknown_pages_and_bad_parameters_get_error_pages(client: TestClient) -> None:
    assert "no category" in page(client, "/category/nope", 404).text_content()
    page(client, "/story/nope", 404)
    page(client, "/outlet/nope", 404)
    page(client, "/search?q=" + "x" * 201, 422)
    page(client, "/category/world?page=0", 422)
    assert client.get("/feed.json").status_code == 422


def test_pages_work_on_an_empty_store(db_url: str) -> None:
    with Store(db_url) as empty:
        client = TestClient(create_app(empty))
        assert "No stories yet" in page(client, "/").text_content()
        assert client.get("/feed.atom").status_code == 200
        assert client.get("/api/v1/stories").json()["total"] == 0


def test_writes_need_the_configured_token(db_url: str) -> None:
    with Store(db_url) as store:
        disabled = TestClient(create_app(store))
        assert disabled.post("/api/v1/refresh").status_code == 403
        client = TestClient(create_app(store, token="s3cret"))
        document = {"url": HOSTILE_URL, "content": hostile_document().content.decode()}
        assert client.post("/api/v1/documents", json=document).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/api/v1/documents", json=document, headers=wrong).status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        added = client.post("/api/v1/documents", json=document, headers=auth)
        assert added.status_code == 200
        assert added.json()["new"] == 1 and added.json()["stories_updated"] == 1
        again = client.post("/api/v1/documents", json=document, headers=auth).json()
        assert again["new"] == 0 and again["unchanged"] == 1
        assert client.get("/api/v1/search?q=quillmoor").json()["total"] == 1
        assert client.post("/api/v1/refresh", headers=auth).json() == {"stories_updated": 0}


def test_cached_pages_are_dropped_after_a_write(db_url: str) -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    with Store(db_url) as store:
        add_story(store, "first", ["A"], now)
        client = TestClient(create_app(store, token="t", cache_seconds=600))
        assert "first headline" in client.get("/").text
        add_story(store, "second", ["B"], now)
        assert "second headline" not in client.get("/").text  # served from memory
        assert "second headline" in client.get("/?fresh=1").text  # another URL, built anew
        client.post("/api/v1/refresh", headers={"Authorization": "Bearer t"})
        assert "second headline" in client.get("/").text


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_contrast_in_both_themes() -> None:
    css = (Path(newsdesk.web.__file__).parent / "static" / "site.css").read_text()
    themes = re.findall(r":root \{([^}]*)\}", css)
    assert len(themes) == 2  # light, and dark inside prefers-color-scheme
    for theme in themes:
        colour = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", theme))
        for text in ("fg", "muted", "link", "accent"):
            for background in ("bg", "card"):
                ratio = contrast(colour[text], colour[background])
                assert ratio >= 4.5, (text, background, round(ratio, 2))


def test_serve_command_serves_the_site() -> None:
    url = demo_site_db()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    newsdesk_cli = Path(sys.executable).with_name("newsdesk")
    command = [str(newsdesk_cli), "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # a start-up bound, not a timing assertion
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "newsdesk serve did not start"
                time.sleep(0.1)
        assert response.status_code == 200 and "Top stories" in response.text
        assert "default-src 'none'" in response.headers["content-security-policy"]
    finally:
        server.terminate()
        server.wait(10)


def test_adding_a_source_to_poll_needs_the_token_and_a_web_url(db_url: str) -> None:
    with Store(db_url) as store:
        client = TestClient(create_app(store, token="t"))
        auth = {"Authorization": "Bearer t"}
        feed = {"url": "https://news.example/feed.xml", "kind": "feed", "name": "example"}
        assert client.post("/api/v1/sources", json=feed).status_code == 401
        added = client.post("/api/v1/sources", json=feed, headers=auth)
        assert added.status_code == 201 and added.json()["kind"] == "feed"
        assert client.post("/api/v1/sources", json=feed, headers=auth).status_code == 409
        local = {"url": "file:///etc/passwd"}
        assert client.post("/api/v1/sources", json=local, headers=auth).status_code == 422


def test_stories_that_name_the_same_place_or_firm_are_related(
    client: TestClient, store: Store
) -> None:
    by_words = {
        words: next(s for s in store.stories() if all(w in s.headline for w in words))
        for words in (
            ("Measles",),
            ("Meridian",),
            ("Millbrook", "school"),
            ("Millbrook", "paintings"),
            ("earthquake",),
            ("Valdoria", "rate"),
        )
    }
    stories = list(by_words.values())
    for one, other in zip(stories[::2], stories[1::2], strict=True):
        # "Calloway County" / "Calloway Dairy", "Millbrook school" / "Millbrook museum", Valdoria
        assert other.id in one.related and one.id in other.related, (one.headline, other.headline)
    for story in store.stories():
        doc = page(client, f"/story/{story.id}")
        links = [a.get("href") for a in doc.cssselect("aside.related h3 a")]
        assert links == [f"/story/{r}" for r in story.related]
    assert sum(bool(s.related) for s in store.stories()) >= len(store.stories()) - 2
