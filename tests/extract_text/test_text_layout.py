"""Data tables and layout tables (newsdesk.extract.text.layout)."""

from __future__ import annotations

import textwrap

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


def test_table_layout_columns_are_unfolded() -> None:
    """w3m prints table cells side by side: a left rail of links beside the article."""

    rail = ["Quick Links", "Today's e-Edition", "Letters", "Calendar", "Weather", "Today: 6°"]
    right = [textwrap.wrap(p, 56) for p in BODY]
    body_lines = [line for para in right for line in [*para, ""]]
    rows = []
    for n, line in enumerate(["Council Votes to Rebuild the Harbour Bridge", "", *body_lines]):
        left = rail[n] if n < len(rail) else ""
        rows.append(f"{left:<22}  {line}".rstrip())
    article = extract_text_string("Harbour Herald\n" + "\n".join(rows))
    assert article.paragraphs == BODY
    assert article.title == "Council Votes to Rebuild the Harbour Bridge"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_data_table_in_the_article_is_body(gap: str) -> None:
    """A data table (lynx prints its rows one under the other, w3m with blank lines
    between): each row one line of the body, not unfolded column by column like a layout."""
    rows = [
        ("Pos.", "Crossing", "Cost", "Years", "Votes"),
        ("1", "New bridge", "$40m", "2", "7-2"),
        ("2", "Repair", "$12m", "1", "2-7"),
        ("3", "Tunnel", "$95m", "5", "0-9"),
    ]
    table = gap.join("   " + "".join(f"{cell:<14}" for cell in row).rstrip() for row in rows)
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "The options the council weighed:", table, BODY[2], BODY[3]],
    )
    assert extract_text_string(text).paragraphs == [
        BODY[0], BODY[1], "The options the council weighed:",
        *(" ".join(row) for row in rows), BODY[2], BODY[3],
    ]  # fmt: skip
