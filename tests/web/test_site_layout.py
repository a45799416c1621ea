"""What a reader scans: relative times, front-page paging, gapless Read More numbers.

The layout in a real browser (side column, one-line nav) is in test_browser.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import lxml.html
from fastapi.testclient import TestClient
from websupport import add_story

from newsdesk.store import Store
from newsdesk.store.schema import articles
from newsdesk.web import create_app
from newsdesk.web.pages import PER_PAGE, TOP_STORIES
from newsdesk.web.timefmt import ago

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_relative_times_read_like_a_news_site() -> None:
    cases = {
        timedelta(seconds=20): "just now",
        timedelta(minutes=5): "5 min ago",
        timedelta(hours=3, minutes=59): "3 h ago",
        timedelta(days=1, hours=2): "yesterday",
        timedelta(days=4): "4 days ago",
        timedelta(days=45): "Oct 6, 2026",
        -timedelta(hours=2): "just now",  # a page whose clock runs ahead of ours
    }
    for before, expected in cases.items():
        assert ago(NOW - before, now=NOW) == expected, before


def test_times_on_pages_are_time_elements_with_the_exact_time_on_hover(
    client: TestClient, store: Store
) -> None:
    story = max(store.stories(), key=lambda s: len(s.articles))
    for url in ("/", f"/story/{story.id}"):
        doc = lxml.html.fromstring(client.get(url).text)
        times = [t for t in doc.cssselect("time") if t.get("title")]
        assert len(times) >= 3
        for element in times:
            when = datetime.fromisoformat(element.get("datetime"))
            assert element.get("title") == when.astimezone(UTC).strftime("%b %d, %Y, %H:%M UTC")
            assert re.fullmatch(
                r"just now|\d+ min ago|\d+ h ago|yesterday|\d+ days ago|[A-Z][a-z]{2} \d+, \d{4}",
                element.text_content(),
            )


def stories_on(client: TestClient, url: str) -> tuple[list[str], lxml.html.HtmlElement]:
    doc = lxml.html.fromstring(client.get(url).text)
    return [a.get("href") for a in doc.cssselect("article.card h3 a")], doc


def test_front_page_pages_through_every_story_once(db_url: str) -> None:
    n = PER_PAGE * 2 + 5
    with Store(db_url) as store:
        for i in range(n):
            add_story(store, f"s{i:02d}", ["A"] if i % 3 else ["A", "B"], NOW - timedelta(hours=i))
        client = TestClient(create_app(store))
        first, doc = stories_on(client, "/")
        assert len(doc.cssselect("#top-heading ~ .grid article")) == TOP_STORIES
        assert doc.cssselect('.pager a[rel="next"]')[0].get("href") == "/?page=2"
        seen = list(first)
        for number in (2, 3):
            shown, doc = stories_on(client, f"/?page={number}")
            assert not doc.cssselect("#top-heading")  # top stories only on the first page
            assert f"Page {number} of 3" in doc.cssselect(".pager")[0].text_content()
            seen += shown
        assert not doc.cssselect('.pager a[rel="next"]')
        assert sorted(seen) == sorted(f"/story/s{i:02d}" for i in range(n))  # each once
        beyond, doc = stories_on(client, "/?page=9")
        assert beyond == [] and "No stories on page 9" in doc.text_content()


def test_a_source_without_a_date_says_date_unknown(db_url: str) -> None:
    with Store(db_url) as store:
        add_story(store, "undated", ["A"], NOW)
        story = store.story("undated")
        assert story is not None
        undated = articles.c.id == story.articles[0].id
        with store.engine.begin() as conn:  # as stored for a page with no date found
            conn.execute(articles.update().where(undated).values(published=None))
        doc = lxml.html.fromstring(TestClient(create_app(store)).get("/story/undated").text)
    source = doc.cssselect(".sources li")[0].text_content()
    assert "date unknown" in source and "first seen" in source
