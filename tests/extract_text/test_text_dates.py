"""Dates and the published date (newsdesk.extract.text.dates)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Published on 03 January 2026", datetime(2026, 1, 3, tzinfo=UTC)),
        ("November 17, 2026", datetime(2026, 11, 17, tzinfo=UTC)),
        ("Updated Nov. 17, 2026 at 4:05 p.m. ET", datetime(2026, 11, 17, 21, 5, tzinfo=UTC)),
        ("2026-01-03T10:30:00+01:00", datetime(2026, 1, 3, 9, 30, tzinfo=UTC)),
        ("Posted: 2026-01-03", datetime(2026, 1, 3, tzinfo=UTC)),
        ("Sat Jan 03 04:36:54 UTC 2026", datetime(2026, 1, 3, 4, 36, 54, tzinfo=UTC)),
        ("Veröffentlicht am 3. März 2026", datetime(2026, 3, 3, tzinfo=UTC)),
        ("By Dana Whitfield | 12/03/2026", datetime(2026, 12, 3, tzinfo=UTC)),
    ],
)
def test_date_formats(line: str, when: datetime) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", line, "", BODY)
    article = extract_text_string(text)
    assert article.published == when
    assert article.paragraphs == BODY


def test_published_preferred_over_updated_and_teaser_dates_ignored() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "Updated March 14, 2026",
        "Published March 12, 2026",
        "",
        BODY,
        "",
        "More stories",
        "Ferry fares to rise next month",
        "March 20, 2026",
    )
    assert extract_text_string(text).published == datetime(2026, 3, 12, tzinfo=UTC)


def test_no_date_warns() -> None:
    article = extract_text_string(page("Council Votes to Rebuild the Harbour Bridge", "", BODY))
    assert article.published is None
    assert "no date found" in article.warnings


def test_relative_date_uses_fetch_time() -> None:
    fetched = datetime(2026, 3, 12, 18, 0, tzinfo=UTC)
    text = page("Council Votes to Rebuild the Harbour Bridge", "Published 3 hours ago", "", BODY)
    article = extract_text_string(text, fetched_at=fetched)
    assert article.published == datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
    assert article.fetched_at == fetched
