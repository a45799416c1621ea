"""You May Also Like: related stories by shared words and entities, kept when stories refresh."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import lxml.html
from fastapi.testclient import TestClient
from websupport import demo_site_db

from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline
from newsdesk.related import related_stories
from newsdesk.store import Store
from newsdesk.store.queries import StoryProfile
from newsdesk.web import create_app

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def profile(story_id: str, headline: str, summary: str, category: str = "News") -> StoryProfile:
    return StoryProfile(story_id, headline, summary, category, NOW)


def test_nearest_stories_share_words_and_names() -> None:
    profiles = [
        profile("quake", "Earthquake strikes Valdoria", "A magnitude 6.4 earthquake hit Valdoria."),
        profile(
            "relief",
            "Relief drive for Valdoria quake",
            "Residents collect aid after the earthquake.",
        ),
        profile("rates", "Central bank raises rates", "The Bank of Norland lifted its rate."),
        profile("hoops", "Herons win the title", "The Harbor City Herons won Game 7."),
    ]
    related = related_stories(profiles, ["quake", "rates"])
    assert related["quake"] == ["relief"]
    assert "quake" not in related["rates"] and related["rates"] == []


def test_same_category_is_preferred_and_self_never_listed() -> None:
    profiles = [
        profile(
            "a",
            "Council approves bridge repair",
            "The city council voted on the bridge.",
            "Local News",
        ),
        profile(
            "b", "Council delays school budget", "The city council met on schools.", "Local News"
        ),
        profile("c", "Council of ministers meets", "The city council of ministers met.", "World"),
    ]
    related = related_stories(profiles, ["a"], limit=2, min_similarity=0.0)
    assert related["a"][0] == "b" and "a" not in related["a"]


def test_demo_story_pages_show_related_stories() -> None:
    with Store(demo_site_db()) as store:
        stories = {s.id: s for s in store.stories()}
        # the two central-bank rate decisions (Norland raises, Valdoria holds)
        rates = [s for s in stories.values() if re.search(r"\brate\b", s.headline)]
        assert len(rates) == 2
        assert rates[1].id in rates[0].related and rates[0].id in rates[1].related
        assert all(r in stories and r != s.id for s in stories.values() for r in s.related)
        story = rates[0]
        doc = lxml.html.fromstring(TestClient(create_app(store)).get(f"/story/{story.id}").text)
        links = [a.get("href") for a in doc.cssselect("aside.related h3 a")]
        assert links == [f"/story/{r}" for r in story.related]


def page(url: str, title: str, body: str, when: datetime) -> RawDocument:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    html = (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{when.isoformat()}">'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )
    return RawDocument(url=url, content=html.encode(), content_type="text/html")


def test_an_older_story_gains_a_newer_related_one(store: Store) -> None:
    pipeline = Pipeline(store)
    pipeline.ingest(
        [
            page(
                "https://a.example/quillmoor-fair",
                "Quillmoor marmalade fair opens with record stalls",
                "The Quillmoor marmalade fair opened with 412 stalls along the canal.\n"
                "Judges at the Quillmoor fair tasted bitter-orange marmalade from 90 kitchens.\n"
                "Organisers expect 20,000 visitors at the fair by Sunday.",
                NOW,
            ),
            page(
                "https://b.example/ferry-strike",
                "Ferry crews strike over pay at Port Avery",
                "Ferry crews at Port Avery walked out on Monday over pay.\n"
                "The union said talks with the operator had broken down.\n"
                "Commuters crowded the buses as the ferries stayed in port.",
                NOW,
            ),
        ]
    )
    fair = next(s for s in store.stories() if "Quillmoor" in s.headline)
    assert fair.related == []
    pipeline.ingest(
        [
            page(
                "https://c.example/quillmoor-footbridge",
                "Quillmoor council approves canal footbridge after fair crowds",
                "Quillmoor council approved a footbridge over the canal on Thursday.\n"
                "Councillors said the record crowds at the Quillmoor marmalade fair showed "
                "the towpath could not cope.\n"
                "Building work on the Quillmoor footbridge starts in the spring.",
                NOW + timedelta(days=12),
            )
        ]
    )
    bridge = next(s for s in store.stories() if "footbridge" in s.headline)
    assert bridge.related == [fair.id]
    assert store.story(fair.id).related == [bridge.id]
