"""lynx/w3m and markdown artefacts (newsdesk.extract.text.artefacts)."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


@pytest.mark.parametrize("field", ["_" * 20, "_" * 21])
def test_search_box_under_the_outlet_is_a_rule(field: str) -> None:
    """lynx prints a search box as ``____ (BUTTON)``: without its button a rule, not a form
    that makes the outlet's name above it part of a sign-up box."""
    text = page(
        "Harbour Herald", f"{field} (BUTTON)", "", "Council Votes to Rebuild the Harbour Bridge",
        "", BODY,
    )  # fmt: skip
    assert extract_text_string(text).outlet == "Harbour Herald"


def test_lynx_artefacts_references_and_wrapping() -> None:
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 76, initial_indent="   ", subsequent_indent="   ")
                          for p in BODY)  # fmt: skip
    text = page(
        "   [1]Skip to content",
        "   [2]The Harbour Herald",
        "     * [3]Home",
        "     * [4]World",
        "     * [5]Local",
        "",
        "   [IMG]",
        "",
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        "   By [6]Dana Whitfield",
        "   March 12, 2026",
        "",
        wrapped,
        "",
        "     * [7]Terms of Use",
        "     * [8]Privacy Policy",
        "",
        "References",
        "",
        "   1. https://example.test/#content",
        "   2. https://example.test/",
        "   3. https://example.test/home",
        "   4. https://example.test/world",
        "   5. https://example.test/local",
        "   6. https://example.test/staff/dana",
        "   7. https://example.test/terms",
        "   8. https://example.test/privacy",
    )
    article = extract_text_string(text)
    assert article.paragraphs == BODY
    assert article.author == "Dana Whitfield"
    assert article.published == datetime(2026, 3, 12, tzinfo=UTC)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert "https://" not in article.text and "[" not in article.text


def test_markdown_render() -> None:
    text = page(
        "[Home](https://example.test/) | [World](https://example.test/world)",
        "",
        "# Council Votes to Rebuild the Harbour Bridge",
        "",
        "![photo](https://example.test/a.jpg)",
        "",
        [BODY[0], "**" + BODY[1] + "**", BODY[2], "[" + BODY[3][:-1] + "](https://x.test/)."],
    )
    article = extract_text_string(text)
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"
    assert article.paragraphs == BODY


def test_lynx_link_header_is_not_body() -> None:
    """lynx opens with the page's ``<link>`` titles (``#alternate … Feed``): a long line
    that would otherwise outweigh a short article."""
    titles = "Harbour Herald Feed Harbour Herald Comments Feed Council Votes to Rebuild the Bridge"
    header = "\n".join(textwrap.wrap("#alternate alternate " + " ".join([titles] * 10), 90))
    short_body = [BODY[0], BODY[1]]
    menu = [f"  * Section {n}" for n in range(12)]
    text = page(
        header, "", *menu, "", "Council Votes to Rebuild the Harbour Bridge", "", short_body
    )
    assert extract_text_string(text).paragraphs == short_body


def test_image_names_and_alt_text_printed_twice_are_dropped() -> None:
    """w3m prints an image as its file name in brackets (``[IMG_2018-bridge]``) and an image
    link's alt text twice; an editor's ``[finally]``, ``[$40m]`` or ``[10:30]`` in a quote
    stays."""
    quote = "“It is [finally] done,” the mayor said after the vote on the harbour bridge plan."
    figures = (
        "“The [$40m] plan passed at [10:30] on a night of [1990s] rates,” "
        "[1x1] [DSC_3255] the clerk said."
    )
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "[harbour_bridge_2026-01]", BODY[1],
         "The old bridge at duskThe old bridge at dusk", BODY[2],
         "[] [INS::INS] [INS: :INS]", quote, figures, BODY[3]],
    )  # fmt: skip
    assert extract_text_string(text).paragraphs == [
        *BODY[:3], quote,
        "“The [$40m] plan passed at [10:30] on a night of [1990s] rates,” the clerk said.",
        BODY[3],
    ]  # fmt: skip


@pytest.mark.parametrize("line", ["Ha ha!Ha ha!Ha ha!Ha ha!", "New York, New York!"])
def test_a_phrase_repeated_in_the_text_is_not_alt_text_printed_twice(line: str) -> None:
    """Only two glued copies of one text are alt text printed twice: a chant repeating a
    shorter phrase, or a phrase said twice, between two paragraphs stays."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge", "", [BODY[0], BODY[1], line, *BODY[2:]]
    )
    assert extract_text_string(text).paragraphs == [BODY[0], BODY[1], line, *BODY[2:]]


def test_w3m_rule_between_sections_is_a_blank_line() -> None:
    """w3m prints ``<hr>`` as a line of ``━``: a rule (as lynx's ``____``), not a short line
    repeated all over the page that cuts a text of short sections into pieces."""
    sections = [
        ("Why the bridge", "The old bridge has carried the town for ninety years now.",
         "It is tired."),
        ("What the council chose", "Seven members voted for a new deck and two voted against it.",
         "The vote was close."),
        ("What comes next", "Work starts in spring and a ferry will carry the commuters.",
         "It will take two years."),
    ]  # fmt: skip
    parts = ["Harbour Herald", "", "Council Votes to Rebuild the Harbour Bridge", ""]
    for head, prose, short in sections:
        parts += ["━" * 80, "", head, "", prose, "", short, ""]
    article = extract_text_string("\n".join([*parts, "━" * 80, "", "© 2026 Harbour Herald"]))
    assert article.paragraphs == [
        sections[0][1], sections[0][2], *sections[1], *sections[2]
    ]  # fmt: skip
    assert "━" not in article.text
