"""Title, subtitle and section (newsdesk.extract.text.title)."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_breadcrumb_section() -> None:
    text = page("Home › World › Europe", "Council Votes to Rebuild the Harbour Bridge", "", BODY)
    assert extract_text_string(text).section == "Europe"


def test_menu_of_capitalised_words_is_not_title() -> None:
    text = page(
        "Harbour Herald Top News World Politics Business Science Health Sports",
        "",
        "Council votes to rebuild the harbour bridge",
        "",
        BODY,
    )
    assert extract_text_string(text).title == "Council votes to rebuild the harbour bridge"


def test_lynx_headings_kicker_and_caption() -> None:

    def wrap(text: str) -> str:
        return textwrap.fill(text, 76, initial_indent="   ", subsequent_indent="   ")

    text = page(
        "   [1]HARBOUR HERALD [2]Top News [3]World [4]Politics [5]Business [6]Science",
        "   [7]Health [8]Sports",
        "",
        "   Local",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        wrap(
            "The vote ends ten years of argument over the crossing, but the money is not "
            "yet in place"
        ),  # fmt: skip
        "   By [9]DANA WHITFIELD Published 1:10 PM UTC, November 17, 2026",
        "",
        "   The old bridge at dusk. Photo: Harbour Herald file",
        "",
        "\n\n".join(wrap(p) for p in BODY),
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.section == "Local"
    assert article.author == "Dana Whitfield"
    assert article.subtitle is not None and article.subtitle.startswith("The vote ends")
    assert article.published == datetime(2026, 11, 17, 13, 10, tzinfo=UTC)
    assert article.paragraphs == BODY
