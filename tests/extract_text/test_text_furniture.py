"""Page furniture: menus, share bars, teasers, footers, captions, calls to action
(newsdesk.extract.text.furniture)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_bullet_and_short_word_runs_are_not_body() -> None:
    text = page(
        "Home",
        "News",
        "Politics",
        "Business Tech",
        "  * Weather",
        "  * Traffic Cams",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        "  • Jobs",
        "  • Classifieds",
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"


@pytest.mark.parametrize(
    "share",
    [
        ["Share and Follow", "FacebookXRedditPinterestWhatsApp"],
        ["Share this article", "Facebook Twitter LinkedIn Email"],
        ["Share on Facebook", "Share on X", "Copy link", "Print"],
        ["Facebook | Twitter | WhatsApp | Email"],
    ],
)
def test_share_lines_are_dropped(share: list[str]) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", *share, "", BODY, "", *share)
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_teaser_lists_are_not_title_or_body() -> None:
    text = page(
        "Metro Post",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        "The vote ends ten years of argument over the crossing",
        "Up next",
        "Ferry operator promises extra sailings during works",
        "Published on 12 March 2026",
        "",
        BODY,
        "",
        "You May Also Like",
        "School board delays vote on new term dates",
        "  • Local News",
        "",
        "The school board postponed its decision on the calendar after parents asked for…",
        "  • Metro Post Staff",
        "  • March 11, 2026",
        "Related: Bridge closures planned for the summer",
        "Read more: Ferry fares to rise",
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.subtitle == "The vote ends ten years of argument over the crossing"
    assert article.paragraphs == BODY
    assert article.published == datetime(2026, 3, 12, tzinfo=UTC)


def test_comments_ads_and_appeals_are_not_body() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "ADVERTISEMENT", BODY[2], BODY[3]],
        "",
        "Support local journalism. Subscribe today for full access to every story we publish.",
        "Reader Comments (3)",
        "Jen K.",
        "November 17, 2026 11:07 am",
        "I went to the meeting and I think the council made a sensible decision in the end, "
        "even if it will cost us all more in the short term.",
        "Reply | Report abuse",
    )
    assert extract_text_string(text).paragraphs == BODY


def test_web_address_on_its_own_line_is_not_body() -> None:
    """lynx prints an embed's source address, wrapped into many pieces, as a line."""
    address = "https://video.example.test/embed/?v=" + " ".join(f"%2B{n}x/" for n in range(30))
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], f"IFRAME:\n{address}", BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_wire_caption_opening_in_this_photo_is_not_body() -> None:
    caption = (
        "In this Nov. 17, 2026, file photo, commuters cross the old harbour bridge at dusk in "
        "Port Avery, as engineers inspect the steel beams below the deck for signs of wear "
        "before the council's vote on the crossing, which was approved by seven votes to two."
    )
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [BODY[0], caption, *BODY[1:]])
    assert extract_text_string(text).paragraphs == BODY


def test_calls_to_action_after_the_article_are_not_body() -> None:
    """Several calls to action in a row (follow, send a tip, listen live), each a sentence
    beside another one: not body."""
    calls = [
        "Follow the Harbour Herald on Instagram, Facebook, Twitter and YouTube every day.",
        "Have a tip? Dana Whitfield may be reached at dana@example.test or on the phone.",
        "Listen to Harbour Radio live at 12:45 and 17:45 on weekdays, or listen back here.",
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY, *calls])
    assert extract_text_string(text).paragraphs == BODY


def test_closing_paragraph_about_subscriptions_is_body() -> None:
    """Only the verb calls to action (``Subscribe``): a closing paragraph about subscription
    plans or subscribers is the text."""
    closing = "Commuters with a monthly ferry subscription will pay half the fare during the works."
    call = "Subscribe to the Harbour Herald newsletter for the latest news and events."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY, closing], "", call)
    assert extract_text_string(text).paragraphs == [*BODY, closing]
