"""Which lines of the run are the article (newsdesk.extract.text.body)."""

from __future__ import annotations

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_standfirst_before_byline_is_not_body() -> None:
    standfirst = "The vote ends ten years of argument over the crossing. Money is not yet in place."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", standfirst, "By Dana Whitfield",
                "", BODY)  # fmt: skip
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.subtitle == standfirst
    assert article.author == "Dana Whitfield"


def test_pull_quote_is_dropped() -> None:
    quote = "Work is expected to begin next spring and to last two years."
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [*BODY[:2], quote, *BODY[2:]])
    assert extract_text_string(text).paragraphs == BODY


def test_long_paragraph_printed_twice_is_kept_once() -> None:
    """A page's hidden copy of its text (metadata blocks, print versions) prints the whole
    article again as one long paragraph: it is kept once."""
    whole = " ".join(BODY * 2)
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [whole, "Share", whole])
    assert extract_text_string(text).paragraphs == [whole]


PLAN = [
    "a new four-lane deck with a cycle path on each side",
    "a temporary ferry for foot passengers and cyclists",
    "a toll-free crossing for residents of the two halves of the town",
]
LINKS = ["Ferry operator bids for the crossing contract", "Mayor names a new harbour master"]
OPENER = "The plan approved on Tuesday includes:"


def _list_page(items: list[str], *after: str | list[str]) -> str:
    """A story whose first block opens a list of ``items``, then what comes ``after``."""
    bullets = (f"  • {item}" for item in items)
    return page(
        "Council Votes to Rebuild the Harbour Bridge", "", [BODY[0], OPENER], *bullets, "", *after
    )


def _list_body(items: list[str]) -> list[str]:
    return [BODY[0], OPENER, *(f"• {x}" for x in items), *BODY[1:]]


def test_lists_inside_the_article_are_body() -> None:
    """A list in the article (one block of items, after the sentence that opens it) is
    body; links to other stories, one blank-separated item each, are not."""
    text = _list_page(PLAN, [BODY[1], *(f"  • {link}" for link in LINKS), BODY[2], BODY[3]])
    assert extract_text_string(text).paragraphs == _list_body(PLAN)


def test_links_after_a_list_in_the_article_are_not_its_items() -> None:
    """Only bullets printed in one block are items of a list: links to other stories right
    after it, one blank-separated item each, are not body."""
    text = _list_page(PLAN[:2], "\n\n".join(f"  • {link}" for link in LINKS), "", BODY[1:])
    assert extract_text_string(text).paragraphs == _list_body(PLAN[:2])


@pytest.mark.parametrize(
    "opening",
    [
        ["The ferry timetable during the works:"],
        ["Ferry Sailings"],
        ["Expect delays.", "The ferry timetable during the works:"],
    ],
)
def test_list_that_closes_the_article_is_body(opening: list[str]) -> None:
    """An enumeration right after the last paragraph (or a short sentence closing it): tour
    dates, a timetable, results, printed as one block after a line ending with a colon, or
    with figures in most items."""
    items = [
        "June 9 -- Harbour Street pier, first sailing 6:10",
        "June 10 -- Harbour Street pier, first sailing 6:40",
        "June 14 -- Old Town quay, first sailing 7:00",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        BODY,
        "",
        "\n\n".join(opening),
        *items,
        "",
        "Share this article",
    )
    assert extract_text_string(text).paragraphs == [*BODY, *opening, *items]


def test_teaser_headlines_after_the_article_are_not_a_list() -> None:
    headlines = [
        "Ferry operator bids for the crossing contract",
        "Mayor names a new harbour master",
        "Storm closes the coastal road",
    ]
    text = page(
        "Council Votes to Rebuild the Harbour Bridge", "", BODY, "", "Elsewhere", *headlines
    )
    assert extract_text_string(text).paragraphs == BODY


def test_lines_of_one_block_with_the_prose_are_body() -> None:
    """Paragraphs split by ``<br>`` come as lines of one block: a line too short for prose
    between two of them, or a sentence broken before a capitalised word, is body."""
    lines = [
        BODY[0],
        "The mayor called the vote a turning point for the town",
        BODY[1],
        "Engineers from the Harbour Board will oversee the works with the",
        "Port Avery Council. They will report to the council every three months.",
        BODY[2],
    ]
    text = page("Council Votes to Rebuild the Harbour Bridge", "", "\n".join(lines), "", BODY[3])
    assert extract_text_string(text).paragraphs == [*lines, BODY[3]]


def test_short_lines_between_paragraphs_are_body() -> None:
    """Between two paragraphs: a sentence trailing off (``…``) and a line opening a quote
    with a colon are body (a ``…`` teaser outside the body is not)."""
    trailing = "Here is the thing …"
    opening = "The mayor put it this way:"
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], trailing, BODY[1], opening, BODY[2], BODY[3]],
        "",
        "Ferry operator bids for the crossing contract after months of …",
    )
    assert extract_text_string(text).paragraphs == [
        BODY[0], trailing, BODY[1], opening, BODY[2], BODY[3]
    ]  # fmt: skip
