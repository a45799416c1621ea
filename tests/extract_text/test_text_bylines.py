"""Bylines and author names (newsdesk.extract.text.bylines)."""

from __future__ import annotations

import pytest
from textsupport import BODY, page

from newsdesk.extract.text import extract_text_string


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        (["By Dana Whitfield"], "Dana Whitfield"),
        (["By DANA WHITFIELD | March 12, 2026"], "Dana Whitfield"),
        (["By Dana Whitfield, Staff Writer"], "Dana Whitfield"),
        (["By Dana Whitfield and Lee Ortiz"], "Dana Whitfield and Lee Ortiz"),
        (["Author", "Dana Whitfield"], "Dana Whitfield"),
        (["Author: Dana Whitfield"], "Dana Whitfield"),
        (["Written by Dana Whitfield"], "Dana Whitfield"),
        ([], None),
    ],
)
def test_byline_variants(lines: list[str], author: str | None) -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", *lines, "", BODY)
    article = extract_text_string(text)
    assert article.author == author
    assert article.paragraphs == BODY
    if author is None:
        assert "no author found" in article.warnings
