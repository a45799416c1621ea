"""Article metadata a user can trust: one small hand-made page per quirk of real pages."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsdesk.extract import extract
from newsdesk.extract.fields import find_printed_date, parse_datetime
from newsdesk.extract.metadata import read_byline
from newsdesk.model import Article, RawDocument, Story
from newsdesk.pipeline import Pipeline
from newsdesk.render import story_text
from newsdesk.sources.files import read_file

FETCHED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
BODY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The harbour council voted on Tuesday to extend the Ferris Street project by two years, "
        "citing delays in the delivery of steel and a shortage of skilled welders.",
        "Council members said the extension would add about four million to the budget, which "
        "the city expects to cover from its reserve fund rather than from new borrowing.",
        "Residents who spoke at the meeting asked for a clearer timetable and for regular "
        "updates on the closure of the eastern footpath along the waterfront.",
    )
)
EST = timezone(timedelta(hours=-5))


def page(head: str = "", byline: str = "", lang: str = "en") -> bytes:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>Council extends bridge project</title>{head}</head><body>"
        f"<article><h1>Council extends bridge project</h1>{byline}{BODY}</article></body></html>"
    )
    return html.encode()


def json_ld(**item: object) -> str:
    data = json.dumps({"@type": "NewsArticle", **item})
    return f'<script type="application/ld+json">{data}</script>'


def meta(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def run(html: bytes, url: str = "https://news.example/2026/11/17/bridge") -> Article:
    return extract(RawDocument(url=url, content=html, content_type="text/html", fetched_at=FETCHED))


# --- dates ---------------------------------------------------------------------------------


def test_an_evening_date_keeps_its_day_and_the_offset_the_page_gave() -> None:
    art = run(page(json_ld(datePublished="2026-11-17T21:30:00-05:00")))
    assert art.published == datetime(2026, 11, 17, 21, 30, tzinfo=EST)
    assert art.published.date().isoformat() == "2026-11-17"  # not the 18th, as in UTC
    assert art.to_dict()["published"] == "2026-11-17T21:30:00-05:00"


def test_a_utc_stamp_is_shown_in_the_zone_of_the_pages_other_times() -> None:
    head = meta("article:published_time", "2026-11-18T02:41:00+00:00")
    head += meta("article:modified_time", "2026-11-18T09:00:00-05:00")
    art = run(page(head))
    assert art.published == datetime(2026, 11, 17, 21, 41, tzinfo=EST)


def test_the_publication_date_is_preferred_over_the_update() -> None:
    ld = json_ld(dateModified="2026-11-19T08:00:00Z", datePublished="2026-11-02T08:00:00Z")
    assert run(page(ld)).published.date().isoformat() == "2026-11-02"
    byline = "<p class='byline'>Updated Nov 19, 2026 · Published Nov 3, 2026</p>"
    head = meta("article:modified_time", "2026-11-19T08:00:00Z")
    assert run(page(head, byline)).published.date().isoformat() == "2026-11-03"


def test_the_date_printed_with_the_headline_wins_unless_the_markup_calls_it_the_update() -> None:
    shown = "<p class='date'>March 20, 2023</p>"
    stale = json_ld(datePublished="2013-03-11T11:11:07-07:00")
    assert run(page(stale, shown)).published.date().isoformat() == "2023-03-20"
    revised = json_ld(datePublished="2013-03-11T11:11:07-07:00", dateModified="2023-03-20")
    assert run(page(revised, shown)).published.date().isoformat() == "2013-03-11"
    labelled = "<div class='meta'><span>Last Updated:</span> <span>March 20, 2023</span></div>"
    assert run(page(stale, labelled)).published.date().isoformat() == "2013-03-11"


def test_a_date_after_the_fetch_is_never_stored() -> None:
    future = json_ld(datePublished="2026-12-05T10:00:00Z")
    art = run(page(future), url="https://news.example/bridge")
    assert art.published is None
    # the next date the markup gives is used instead
    both = page(future + meta("article:published_time", "2019-11-19T10:00:00Z"))
    assert run(both).published == datetime(2019, 11, 19, 10, tzinfo=UTC)


def test_a_text_without_year_month_or_day_is_no_date() -> None:
    # dateutil fills what is missing from today: "Dec 5" became this year's 5 December
    assert parse_datetime("Dec 5") is None
    assert parse_datetime("5 min read") is None
    assert parse_datetime("November 2019") is None
    assert parse_datetime("November 19, 2019") == datetime(2019, 11, 19, tzinfo=UTC)
    assert parse_datetime("Tuesday, Nov 17, 2026 5:30 PM EST") == datetime(
        2026, 11, 17, 17, 30, tzinfo=EST
    )


def test_a_printed_byline_date_reads_through_its_furniture() -> None:
    byline = (
        "<div class='post-meta'><span>By Dana Lee</span><span>November 19, 2019</span>"
        "•5 min read</div>"
    )
    art = run(page(byline=byline), url="https://news.example/bridge")
    assert art.published == datetime(2019, 11, 19, tzinfo=UTC)
    assert find_printed_date("Mental Health DECEMBER 22, 2022 Updated: JANUARY 02, 2026") == (
        datetime(2022, 12, 22, tzinfo=UTC)
    )
    assert find_printed_date("Updated: JANUARY 02, 2026") is None


def test_a_date_printed_as_a_kicker_above_the_headline_is_the_date() -> None:
    hero = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council extends "
        "bridge project</title></head><body><article><div class='hero'><h5>January 23, 2025"
        f"</h5><h1>Council extends bridge project</h1></div>{BODY}</article></body></html>"
    )
    art = run(hero.encode(), url="https://news.example/bridge")
    assert art.published is not None and art.published.date().isoformat() == "2025-01-23"

    def byline_date(html: str) -> datetime | None:
        tree = lxml_html.fromstring(html)
        return read_byline(tree, tree.find(".//h1"))[1]

    assert byline_date(hero) == datetime(2025, 1, 23, tzinfo=UTC)
    # above the headline only a date on its own counts, not one in a teaser
    teaser = hero.replace("January 23, 2025", "Read our guide of January 23, 2025 to bridges")
    assert byline_date(teaser) is None


def test_an_all_number_date_is_read_day_first_outside_us_english() -> None:
    byline = "<p class='byline'>03/10/2023 by Dana Lee</p>"
    uk = run(page(byline=byline, lang="en-GB"), url="https://news.example/bridge")
    us = run(page(byline=byline, lang="en-US"), url="https://news.example/bridge")
    assert uk.published.date().isoformat() == "2023-10-03"
    assert us.published.date().isoformat() == "2023-03-10"


def test_an_undated_local_file_has_no_date_not_its_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_bytes(page())
    os.utime(path, (1_600_000_000, 1_600_000_000))
    before = datetime.now(UTC)
    art = extract(read_file(path))
    assert art.published is None
    # it sorts by the time newsdesk first saw it, not by the file's 2020 mtime
    assert before <= art.fetched_at <= datetime.now(UTC) and art.when == art.fetched_at
    assert "no publication date found" in art.warnings
    story = Story(id="s", headline=art.title, articles=[art])
    assert "— Unknown outlet · date unknown" in story_text(story).splitlines()


def test_the_offset_survives_the_store(store) -> None:
    Pipeline(store).ingest(
        [
            RawDocument(
                url="https://news.example/2026/11/17/bridge",
                content=page(json_ld(datePublished="2026-11-17T21:30:00-05:00")),
                content_type="text/html",
                fetched_at=FETCHED,
            )
        ]
    )
    (stored,) = [a for s in store.stories() for a in s.articles]
    assert stored.published == datetime(2026, 11, 17, 21, 30, tzinfo=EST)
    assert stored.published.utcoffset() == timedelta(hours=-5)
    # the story's times are stored as instants: 21:30 -05:00 is 02:30 UTC the next day
    assert store.stories(since=datetime(2026, 11, 18, 2, 0, tzinfo=UTC))
    assert not store.stories(since=datetime(2026, 11, 18, 3, 0, tzinfo=UTC))


# --- outlet --------------------------------------------------------------------------------


def test_outlet_is_site_name_then_json_ld_publisher_then_host() -> None:
    publisher = json_ld(publisher={"@type": "Organization", "name": "Harbor City Tribune"})
    site = meta("og:site_name", "The Lakeshore Gazette")
    assert run(page(site + publisher)).outlet == "The Lakeshore Gazette"
    assert run(page(publisher)).outlet == "Harbor City Tribune"
    assert run(page()).outlet == "news.example"


def test_a_section_is_never_the_outlet() -> None:
    head = meta("og:site_name", "Opinion") + json_ld(publisher={"name": "U.S."})
    assert run(page(head)).outlet == "news.example"
    head = meta("og:site_name", "Opinion") + json_ld(publisher={"name": "Harbor City Tribune"})
    assert run(page(head)).outlet == "Harbor City Tribune"
    # a site name behind the headline is not read as the outlet either ("... - U.S.")
    html = page().replace(
        b"<title>Council extends bridge project", b"<title>Council extends - U.S."
    )
    assert run(html).outlet == "news.example"


def test_a_title_part_that_spells_the_host_names_the_outlet() -> None:
    html = page().replace(
        b"<title>Council extends bridge project",
        b"<title>The Harbor Post :: Council extends the bridge project by two years",
    )
    assert run(html, url="https://www.harborpost.example/bridge").outlet == "The Harbor Post"
    assert run(html, url="https://news.example/bridge").outlet == "news.example"
    assert run(html, url="file:///tmp/saved/bridge.html").outlet == "The Harbor Post"


def test_json_ld_references_resolve_to_names() -> None:
    graph = {
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Harbor City Tribune"},
            {"@type": "Person", "@id": "#dana", "name": "Dana Lee"},
            {"@type": "NewsArticle", "publisher": {"@id": "#org"}, "author": {"@id": "#dana"}},
        ]
    }
    art = run(page(f'<script type="application/ld+json">{json.dumps(graph)}</script>'))
    assert (art.outlet, art.author) == ("Harbor City Tribune", "Dana Lee")


# --- author --------------------------------------------------------------------------------


def test_an_author_that_is_a_section_or_the_outlet_is_no_author() -> None:
    site = meta("og:site_name", "Reuters")
    assert run(page(site + '<meta name="author" content="Reuters">')).author is None
    assert run(page(site + '<meta name="author" content="Opinion">')).author is None
    assert run(page(site + '<meta name="author" content="Dana Lee">')).author == "Dana Lee"


def test_a_staff_byline_printed_on_the_page_stays_as_printed() -> None:
    site = meta("og:site_name", "NewsFinale")
    art = run(page(site, "<p class='byline'>By NewsFinale Journal</p>"))
    assert (art.outlet, art.author) == ("NewsFinale", "NewsFinale Journal")
    # a name the page prints as its byline stays even where it is the outlet's name
    art = run(page(site + '<meta name="author" content="NewsFinale">', "<p>By NewsFinale</p>"))
    assert art.author == "NewsFinale"


def test_the_agency_the_dateline_credits_is_not_part_of_the_byline() -> None:
    byline = "<p class='byline'>By Dana Whitfield, Northwind Wire</p>"
    lead = "<p>PORT AVERY (Northwind Wire) — The harbour council voted on Tuesday.</p>"
    html = page(byline=byline).replace(b"</h1>", b"</h1>" + lead.encode(), 1)
    art = run(html, url="https://news.example/bridge")
    assert art.author == "Dana Whitfield"
    assert run(page(byline=byline)).author == "Dana Whitfield, Northwind Wire"


def test_a_person_named_like_the_site_is_still_the_author() -> None:
    head = meta("og:site_name", "Kristian Larsen")
    head += json_ld(author={"@type": "Person", "name": "Kristian Larsen"})
    assert run(page(head)).author == "Kristian Larsen"


def test_urls_ids_and_sentences_are_no_author() -> None:
    head = meta("article:author", "https://www.facebook.com/harborcity")
    head += '<meta name="author" content="Dana Lee &amp; Sam Roe">'
    assert run(page(head)).author == "Dana Lee & Sam Roe"
    sentence = "<p>By checking out, you agree to our Terms of Use and Privacy Policy.</p>"
    assert run(page(byline=sentence)).author is None
    assert run(page('<meta name="author" content="262588213843476">')).author is None
    assert run(page('<meta name="author" content="admin">')).author is None


def test_the_004_sample_keeps_its_staff_byline(samples: Path) -> None:
    raw = read_file(samples / "004_581a4c5e22a6216a.txt")
    art = extract(raw)
    assert art.author == "NewsFinale Journal"
    assert art.outlet == "NewsFinale"
    assert art.published is not None and art.published.date().isoformat() == "2026-01-03"


@pytest.mark.parametrize("when", ["2026-11-17T21:30:00-05:00", "2026-11-17"])
def test_the_digest_shows_the_date_as_the_page_gave_it(when: str) -> None:
    art = run(page(json_ld(datePublished=when)))
    line = next(
        x for x in story_text(Story("s", art.title, [art])).splitlines() if x.startswith("— ")
    )
    assert line.endswith("Nov 17, 2026 21:30 -05:00" if "T" in when else "Nov 17, 2026")


def test_the_site_shows_an_old_evening_date_on_its_own_day() -> None:
    from newsdesk.web.timefmt import ago

    evening = datetime(2026, 9, 17, 21, 30, tzinfo=EST)  # Sep 18 in UTC
    assert ago(evening, now=FETCHED) == "Sep 17, 2026"


def test_a_text_render_keeps_the_offset_it_prints() -> None:
    lines = [
        "Council extends the harbour bridge project by two years",
        "",
        "By Dana Lee",
        "November 17, 2026 9:30 PM EST",
        "",
        *(f"{p}\n" for p in BODY.removeprefix("<p>").removesuffix("</p>").split("</p><p>")),
    ]
    raw = RawDocument(
        url="https://news.example/bridge",
        content="\n".join(lines).encode(),
        content_type="text/plain",
        fetched_at=FETCHED,
    )
    art = extract(raw)
    assert art.published == datetime(2026, 11, 17, 21, 30, tzinfo=EST)
    assert art.published.utcoffset() == timedelta(hours=-5)  # not 02:30 UTC on the 18th
