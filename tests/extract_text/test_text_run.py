"""The body run and the best guess (newsdesk.extract.text.run)."""

from __future__ import annotations

from textsupport import BODY, page, raw

from newsdesk.extract.text import extract_text, extract_text_string


def test_body_runs_on_across_an_inset_related_box() -> None:
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], BODY[1], "Related", "Ferry Operators Bid for the Crossing Contract",
         "Mayor Names a New Harbour Master", BODY[2], BODY[3]],
        "",
        ["Most Read", "Storm Closes Coastal Road", "Schools Reopen After Flooding"],
    )  # fmt: skip
    article = extract_text_string(text)
    assert article.paragraphs == BODY


def test_body_runs_back_across_an_inset_box_above_its_longest_part() -> None:
    """An inset box (``Trending News`` and its teasers) after the opening paragraph: the
    opening joins the longer rest of the body; the box's teasers do not."""
    text = page(
        "Council Votes to Rebuild the Harbour Bridge",
        "",
        [BODY[0], "Trending News"],
        "  • Ferry operator promises extra sailings while the bridge is rebuilt.",
        "  • Mayor names a new harbour master",
        "",
        BODY[1:],
    )
    assert extract_text_string(text).paragraphs == BODY


def test_page_without_sentence_ends_gives_a_best_guess() -> None:
    """Prose that never ends a sentence (a post in fragments): no error, a warning."""
    fragments = [
        "the council voted on tuesday to rebuild the old harbour bridge after ten years",
        "work is expected to begin next spring and to last two years with a ferry service",
    ]
    text = page("Home", "News", "", fragments, "", "Terms of Use")
    article = extract_text(raw(text))
    assert article.paragraphs == fragments
    assert any("best guess" in w for w in article.warnings)
