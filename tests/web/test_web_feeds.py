"""Atom and RSS 2.0 feeds: well-formed, with the elements the formats require, linking back."""

from __future__ import annotations

import feedparser
from fastapi.testclient import TestClient
from lxml import etree
from websupport import HOSTILE_TITLE

from newsdesk.model import Article, Story, SummarySentence
from newsdesk.render.feeds import story_feed
from newsdesk.store import Store

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "http://testserver"


def fetch(client: TestClient, url: str, media_type: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    return response.content


def alternate(element: etree._Element) -> str:
    """The href of an Atom element's alternate link (``rel`` absent means alternate)."""
    links = element.findall(f"{ATOM}link")
    return next(link.get("href") for link in links if link.get("rel", "alternate") == "alternate")


def check_atom(body: bytes) -> list[etree._Element]:
    """RFC 4287's required elements, on the feed and on every entry; returns the entries."""
    root = etree.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert alternate(entry).startswith(BASE)
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return entries


def check_rss(body: bytes) -> list[etree._Element]:
    """RSS 2.0's required channel elements and an item title, link and guid each."""
    root = etree.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name).text
    items = channel.findall("item")
    for item in items:
        assert item.find("title").text and item.find("guid").text
        assert item.find("link").text.startswith(f"{BASE}/story/")
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return items


def test_all_stories_feeds(client: TestClient, store: Store) -> None:
    stories = store.stories()
    entries = check_atom(fetch(client, "/feed.atom", "application/atom+xml"))
    links = [alternate(e) for e in entries]
    assert links == [f"{BASE}/story/{s.id}" for s in stories]
    items = check_rss(fetch(client, "/feed.rss", "application/rss+xml"))
    assert [i.find("link").text for i in items] == links


def test_entries_link_to_every_web_source(client: TestClient, store: Store) -> None:
    entries = check_atom(fetch(client, "/feed.atom", "application/atom+xml"))
    for story, entry in zip(store.stories(), entries, strict=True):
        related = {link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")}
        web = {
            a.canonical_url or a.url
            for a in story.articles
            if (a.canonical_url or a.url).startswith("https://")
        }
        assert related == web


def test_category_and_search_feeds(client: TestClient, store: Store) -> None:
    world = check_atom(fetch(client, "/category/world/feed.atom", "application/atom+xml"))
    assert len(world) == sum(s.category == "World" for s in store.stories())
    check_rss(fetch(client, "/category/world/feed.rss", "application/rss+xml"))
    found = check_rss(fetch(client, "/search/feed.rss?q=quillmoor", "application/rss+xml"))
    assert [i.find("title").text for i in found] == [HOSTILE_TITLE]
    check_atom(fetch(client, "/search/feed.atom?q=quillmoor", "application/atom+xml"))
    assert client.get("/category/nope/feed.atom").status_code == 404
    assert client.get("/search/feed.atom").status_code == 422


def test_text_that_xml_cannot_carry_is_dropped() -> None:
    article = Article(
        url="https://x.example/a", title="Bell\x07 and \x00null", text="Body.\x0b", outlet="X"
    )
    story = Story(
        "s1", "Bell\x07 and \x00null", [article], [SummarySentence("Body.\x0b", article.id)]
    )
    for fmt, check in (("atom", check_atom), ("rss", check_rss)):
        body = story_feed(
            [story],
            fmt,
            title="t",
            site_url=f"{BASE}/",
            self_url=f"{BASE}/feed.{fmt}",
            story_url=lambda s: f"{BASE}/story/{s.id}",
        )
        check(body)
        assert b"Bell and null" in body
