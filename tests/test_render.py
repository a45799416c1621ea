"""The digest formats: the text layout of the sample digest, Markdown and JSON."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from newsdesk.cli import run_ingest
from newsdesk.model import Article, Story, SummarySentence
from newsdesk.render import render_digest, story_text

DATE_LINE = re.compile(r"^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}: Summary:$")


def make_story() -> Story:
    wire = Article(
        url="https://wire.example/a",
        title="Bridge closes for repairs",
        text="HARBOR CITY (Wire) — The bridge closed on Monday.\n\nRepairs take a month.",
        outlet="Wire",
        author="Dana Lee",
        published=datetime(2026, 11, 16, 8, tzinfo=UTC),
    )
    copy = Article(
        url="https://post.example/b",
        title="You won't believe this bridge",
        text=wire.text,
        outlet="Post",
        published=datetime(2026, 11, 16, 9, tzinfo=UTC),
    )
    return Story(
        id="st-1",
        headline="Bridge closes for repairs",
        articles=[copy, wire],
        summary=[SummarySentence("The bridge closed on Monday.", wire.id)],
        category="Local News",
        duplicates={copy.id: wire.id},
        updated_at=datetime(2026, 11, 16, 10, 0, 5, tzinfo=UTC),
    )


def test_text_follows_the_sample_digest_layout() -> None:
    lines = story_text(make_story()).splitlines()
    assert lines[0] == "Mon Nov 16 10:00:05 UTC 2026: Summary:"
    assert DATE_LINE.match(lines[0])
    assert lines[1] == "" and lines[2] == "The bridge closed on Monday. [1]" and lines[3] == ""
    assert lines[4:8] == ["News Article:", "", "Bridge closes for repairs", ""]
    assert lines[8].startswith("HARBOR CITY (Wire) —")
    assert "— Wire, by Dana Lee · Nov 16, 2026 08:00 UTC" in lines
    read_more = lines.index("Read More")
    assert lines[read_more + 1] == "[1] Wire – Bridge closes for repairs – https://wire.example/a"
    assert lines[read_more + 2].endswith("https://post.example/b (same text as [1])")


def test_markdown_links_every_citation_and_escapes_page_text() -> None:
    story = make_story()
    story.headline = "Bridge *closes* <script>"
    md = render_digest([story], "markdown")
    assert "[[1]](https://wire.example/a)" in md
    assert "\\*closes\\*" in md and "\\<script\\>" in md


def test_json_carries_sources_and_citations() -> None:
    data = json.loads(render_digest([make_story()], "json"))
    (story,) = data["stories"]
    assert story["summary"][0]["citation"] == 1
    assert [s["outlet"] for s in story["sources"]] == ["Wire", "Post"]
    assert story["sources"][1]["duplicate_of"] == story["sources"][0]["id"]


def test_digest_of_the_two_samples_follows_the_000_layout(samples, store) -> None:
    run_ingest(store, [str(samples)])
    (story,) = store.stories()
    lines = story_text(story).splitlines()
    assert DATE_LINE.match(lines[0])
    assert lines[1] == "" and lines[2] and lines[3] == ""
    assert lines[4:6] == ["News Article:", ""]
    assert lines[6] in {a.title for a in story.articles} and lines[7] == ""
    read_more = lines.index("Read More")
    assert lines[read_more - 1] == "" and lines[read_more - 2].startswith("— ")
    sources = lines[read_more + 1 :]
    assert len(sources) == 2
    assert any("NewsFinale – Amid Strained China Relations" in line for line in sources)
    assert all(line.endswith(".txt") for line in sources)
    for citation in re.findall(r"\[(\d)\]", lines[2]):
        assert 1 <= int(citation) <= 2
