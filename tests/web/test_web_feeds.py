"""Atom and RSS 2.0 feeds: well-formed, with the elements the formats require, linking back,
and a hostile page's markup shown as text by feedparser and by Chromium in both formats."""

from __future__ import annotations

import html
from collections.abc import Iterator

import feedparser
import lxml.html
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from websupport import HOSTILE_TITLE

from newsdesk.model import Article, RawDocument, Story, SummarySentence
from newsdesk.pipeline import Pipeline
from newsdesk.render.feeds import story_feed
from newsdesk.store import Store
from newsdesk.web import create_app

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
        web = set()
        for article in story.articles:  # the canonical URL if it is a web URL, else the URL
            web |= {next((u for u in (article.canonical_url, article.url) if _web(u)), None)}
        web.discard(None)
        assert related == web


def _web(url: str | None) -> bool:
    return bool(url) and url.startswith(("http://", "https://"))


def test_category_and_search_feeds(client: TestClient, store: Store) -> None:
    world = check_atom(fetch(client, "/category/world/feed.atom", "application/atom+xml"))
    assert len(world) == sum(s.category == "World" for s in store.stories())
    check_rss(fetch(client, "/category/world/feed.rss", "application/rss+xml"))
    found = check_rss(fetch(client, "/search/feed.rss?q=quillmoor", "application/rss+xml"))
    assert [i.find("title").text for i in found] == [html.escape(HOSTILE_TITLE, quote=False)]
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


# Markup a page prints as text, in its headline, outlet name and the sentences the summary quotes.
HEADLINE = "<img src=x onerror=alert(1)> Canal fair"
SENTENCES = (
    "The Quillmoor canal fair opened on Tuesday under a banner that read "
    "<script>alert(3)</script> in letters a metre high, organisers said, and 412 narrowboats "
    "moored along the towpath.",
    "A second banner, <img src=x onerror=alert(4)>, hung over the lock gates until the council "
    "took it down before noon, a spokeswoman for the council said.",
    "The fair runs until Sunday. Organisers expect more than 20,000 visitors and have laid on "
    "extra buses from the station.",
)
MARKUP_PAGE = (
    '<!doctype html><html lang="en"><head><title>{h}</title>'
    '<meta property="og:site_name" content="Towpath &lt;script&gt;alert(2)&lt;/script&gt; Post">'
    '<meta property="article:published_time" content="2026-11-17T09:00:00Z"></head>'
    "<body><article><h1>{h}</h1>{p}</article></body></html>"
).format(h=html.escape(HEADLINE), p="".join(f"<p>{html.escape(s)}</p>" for s in SENTENCES))


@pytest.fixture
def markup_feeds(db_url: str) -> Iterator[dict[str, bytes]]:
    """The Atom and RSS feeds of a store holding one page whose text is all markup."""
    page = RawDocument("https://towpath.example/fair", MARKUP_PAGE.encode(), "text/html")
    with Store(db_url) as store:
        assert Pipeline(store).ingest([page]).new == 1
        client = TestClient(create_app(store))
        yield {
            fmt: fetch(client, f"/feed.{fmt}", media)
            for fmt, media in (("atom", "application/atom+xml"), ("rss", "application/rss+xml"))
        }


def shown(detail: feedparser.FeedParserDict) -> str:
    """What a reader shows for a feedparser value: text as is, HTML as its text."""
    if detail.type == "text/plain":
        return detail.value
    return lxml.html.fragment_fromstring(detail.value, create_parent="div").text_content()


def test_feedparser_reads_a_pages_markup_as_text_in_both_feeds(
    markup_feeds: dict[str, bytes],
) -> None:
    for fmt, body in markup_feeds.items():
        (entry,) = feedparser.parse(body).entries
        assert shown(entry.title_detail) == HEADLINE, fmt
        summary = shown(entry.summary_detail)
        assert SENTENCES[0] in summary and SENTENCES[1] in summary, fmt
        content = shown(entry.content[0])
        assert SENTENCES[1] in content and "Towpath <script>alert(2)</script> Post" in content


def _as_a_reader_shows_it(fmt: str, body: bytes) -> str:
    """An HTML page of the feed's fields, each the way its format says to take it: RSS titles
    and descriptions are HTML to readers; Atom says ``type`` (text or html) on each."""
    root = etree.fromstring(body)
    parts = []
    if fmt == "rss":
        item = root.find("channel/item")
        fields = [item.find("title"), item.find("description")]
        fields.append(item.find("{http://purl.org/rss/1.0/modules/content/}encoded"))
        parts = [f"<div>{field.text}</div>" for field in fields]
    else:
        entry = root.find(f"{ATOM}entry")
        for name in ("title", "summary", "content"):
            field = entry.find(f"{ATOM}{name}")
            text = field.text if field.get("type") == "html" else html.escape(field.text)
            parts.append(f"<div>{text}</div>")
    return "<!doctype html><html><body>" + "".join(parts) + "</body></html>"


def test_chromium_runs_no_script_from_either_feed(markup_feeds: dict[str, bytes]) -> None:
    from test_browser import ARGS, CHROMIUM, sync_api  # skips where Chromium is missing

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        fired: list[str] = []
        try:
            for fmt, body in markup_feeds.items():
                page = browser.new_page()
                page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
                page.set_content(_as_a_reader_shows_it(fmt, body), wait_until="load")
                page.wait_for_timeout(200)  # an onerror handler fires after the failed load
                assert fired == [], f"{fmt}: script ran: {fired}"
                assert page.locator("script, img").count() == 0, fmt
                text = page.inner_text("body")
                assert HEADLINE in text and SENTENCES[0] in text, fmt
                page.close()
        finally:
            browser.close()
