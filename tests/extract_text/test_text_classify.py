"""Line kinds read from their neighbours (newsdesk.extract.text.classify)."""

from __future__ import annotations

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_comments_button_in_a_share_bar_does_not_end_the_article() -> None:
    """``Comments`` among share buttons is a button, not the start of the comments (whose
    prose counts for less than a site notice above the article)."""
    notice = (
        "Quotes delayed at least 15 minutes. Market data provided by an outside vendor and "
        "used under licence. Company fundamentals, earnings estimates, fund data and economic "
        "data are provided by third parties and may not be republished without permission."
    )
    text = page(
        [notice, "Council Votes to Rebuild the Harbour Bridge"],
        "",
        ["Facebook\nTwitter\nComments\nPrint\nEmail", *BODY],
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_comments_start_at_a_responses_header_or_a_says_line() -> None:
    """Long comment threads outweigh the article unless ``34 responses to “…”`` or
    ``jdoe says:`` starts the comments."""
    comment = (
        "I have read every word of this and I still think the council got it wrong, because "
        "the ferry will never carry enough commuters and the old bridge could have been fixed "
        "for a fraction of the price if anyone had listened to the engineers at the meetings."
    )
    thread = []
    for n in range(4):
        thread += [f"reader{n} says:", "November 19, 2026 at 6:34 am", comment]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        ["4 responses to “Council Votes to Rebuild the Harbour Bridge”", *thread],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_teaser_cards_with_a_date_above_each_lede_are_not_body() -> None:
    """``More from the site``: cards of headline, author, date and lede after the article;
    the ledes read as prose but sit right under a date line, card after card."""
    cards = []
    for n in range(3):
        cards += [
            "",
            f"Ferry Operators Bid for Crossing Contract Number {n}",
            "Dana Whitfield",
            "Wednesday November 20, 2026",
            "Three companies have submitted bids to run the temporary ferry while the bridge is "
            "rebuilt, and the council expects to choose one of them before the end of the year.",
        ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "", "Topics", *cards)
    assert extract_text_string(text).paragraphs == BODY


def test_comments_link_by_the_byline_does_not_start_the_comments() -> None:
    """``Leave a comment`` beside the byline is a link; the article below still counts in
    full against a site blurb."""
    blurb = (
        "The Harbour Herald is an independent newsroom covering the council, the port and the "
        "schools of the bay since 1921, funded by its readers and by no one else at all."
    )
    text = page(
        [blurb, "Council Votes to Rebuild the Harbour Bridge"],
        "",
        ["Posted by Dana Whitfield", "Leave a comment", BODY[0], BODY[1]],
    )
    assert extract_text_string(text).paragraphs == BODY[:2]


CAPTION = (
    "The old harbour bridge seen from the ferry terminal on a winter morning, with the new "
    "cycle path under construction on its eastern side and the town hall behind it."
)


@pytest.mark.parametrize("second", [CAPTION, CAPTION[:-1] + ", seen in March."])
def test_caption_printed_twice_is_not_body(second: str) -> None:
    """A gallery prints each caption twice (the second copy sometimes cut or credited), one
    under the other: not body, however long."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], CAPTION, second, BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


@pytest.mark.parametrize(
    "credit", ["Photo: Dana Whitfield, AP", "Lena Hartvig | Bloomberg | Getty Images"]
)
def test_caption_right_above_its_photo_credit_is_not_body(credit: str) -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], f"{CAPTION}\n{credit}", BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_embedded_post_quoted_in_the_article_is_body() -> None:
    """A post embedded in the article: its lines and the ``— Name (@handle) date`` line
    that signs it are body, short as they are."""
    post = [
        "Yes this is real and the council spent $40 million on it: https://t.co/abc123",
        "— Harbour Watcher (@harbourwatch) November 18, 2026",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "\n".join(post), BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == [*BODY[:2], *post, *BODY[2:]]


def test_comments_item_of_a_menu_does_not_start_the_comments() -> None:
    """``Comment`` in the site's menu is a section link: the article below still counts in
    full and runs on across a ``Don't Miss`` box."""
    menu = ["  • News", "  • Comment", "  • Sport", "  • Travel"]
    text = page(
        *menu,
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "Don't Miss"],
        "Ferry operator bids for the crossing contract",
        "Mayor names a new harbour master",
        "",
        [BODY[2], BODY[3]],
        "",
        *menu,
    )
    assert extract_text_string(text).paragraphs == BODY


def test_long_list_of_long_items_inside_the_article_is_body() -> None:
    """A list of a dozen items of eight words or more (steps, tips) between paragraphs is a
    list of the text, not a menu: the body runs across it and keeps it."""
    items = [
        f"Step {n}: check the deck, the cables and the piers before the works" for n in range(12)
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "The engineers' checklist:"],
        *(f"  • {item}" for item in items),
        "",
        [BODY[2], BODY[3]],
        "",
        "  • Home",
        "  • Local news",
    )
    assert extract_text_string(text).paragraphs == [
        BODY[0], BODY[1], "The engineers' checklist:", *(f"• {x}" for x in items), *BODY[2:]
    ]  # fmt: skip
