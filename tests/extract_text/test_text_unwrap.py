"""Hard-wrapped lines joined again (newsdesk.extract.text.unwrap)."""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable

import pytest
from textsupport import BODY, JAPANESE, page

from newsdesk.extract.text import extract_text_string


def wrap_columns(text: str, columns: int, width: Callable[[str], int]) -> list[str]:
    """Hard-wrap ``text`` (no spaces needed) so that no line is wider than ``columns``."""
    out, line = [], ""
    for char in text:
        if width(line + char) > columns:
            out.append(line)
            line = ""
        line += char
    return [*out, line]


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize(("limit", "width"), [(79, columns), (94, len)], ids=["w3m", "lynx"])
def test_cjk_wrapped_by_columns_or_characters(limit: int, width: Callable[[str], int]) -> None:
    """w3m wraps Japanese at 80 terminal columns, lynx at about 95 characters; both are
    joined again without spaces, and the body is found without Latin sentence ends."""
    blocks = ["\n".join(wrap_columns(p, limit, width)) for p in JAPANESE]
    text = page("ホーム", "ニュース", "", "港の橋、建て替えへ", "", blocks, "", "利用規約")
    article = extract_text_string(text)
    assert article.paragraphs == JAPANESE
    assert article.language == "ja"


def test_wrapping_found_among_many_unwrapped_lines() -> None:
    """A long menu of unwrapped lines does not hide that the article is wrapped."""
    menu = [f"   * Section number {n} with a longer label" for n in range(60)]
    blocks = ["\n".join("   " + x for x in textwrap.wrap(p, 94)) for p in BODY]
    text = page(*menu, "", "   Council Votes to Rebuild the Harbour Bridge", "", blocks)
    assert extract_text_string(text).paragraphs == BODY


def test_line_cut_mid_sentence_runs_on_into_lower_case() -> None:
    """Too few wrapped lines to find the wrap column: a line as long as the render's
    longest, cut mid-sentence, still runs on into a line that opens in lower case."""
    first, rest = BODY[0][:92].rsplit(" ", 1)[0], BODY[0][len(BODY[0][:92].rsplit(" ", 1)[0]) :]
    assert rest.strip()[0].islower()
    text = page("Council Votes to Rebuild the Harbour Bridge", "", first, rest.strip(), "", BODY[1])
    assert extract_text_string(text).paragraphs == BODY[:2]


def test_wrapped_line_starting_like_a_byline_is_joined() -> None:
    para = (
        "Meridian expects to save about $120 million a year by the third year, largely\n"
        "by merging distribution and purchasing. Purchasing, for a dairy, mostly means\n"
        "buying milk from farms."
    )
    import textwrap

    body = "\n\n".join(textwrap.fill(p, 79) for p in BODY)
    text = page("Council Votes to Rebuild the Harbour Bridge", "", body, "", para)
    article = extract_text_string(text)
    assert article.paragraphs[-1] == " ".join(para.split("\n"))
