"""Entry points of newsdesk.extract.text: decoding, size caps, hostile input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from textsupport import BODY, page, raw

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.text import extract_text


def test_binary_input_raises_naming_url() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(ExtractionError, match="https://example.test/img"):
        extract_text(raw(data, "https://example.test/img"))


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_input_raises(content: bytes) -> None:
    with pytest.raises(ExtractionError, match="https://example.test/empty"):
        extract_text(raw(content, "https://example.test/empty"))


def test_no_prose_raises() -> None:
    text = "\n".join(["Home", "News", "Sports", "  • Weather", "Terms of Use", "Privacy Policy"])
    with pytest.raises(ExtractionError, match="https://example.test/menu"):
        extract_text(raw(text, "https://example.test/menu"))
    assert issubclass(ExtractionError, ValueError)


def test_invalid_utf8_and_legacy_encodings() -> None:
    text = page("Café Owners Win Harbour Award", "", BODY)
    article = extract_text(raw(text.encode("cp1252")))
    assert article.title == "Café Owners Win Harbour Award"
    broken = text.encode() + b"\n\nStray \xff\xfe bytes here in a line of the footer area"
    assert extract_text(raw(broken)).paragraphs == BODY


def test_utf16_with_bom() -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY)
    article = extract_text(raw(text.encode("utf-16")))
    assert article.paragraphs == BODY


def test_huge_input_is_capped_with_a_warning() -> None:
    text = page("Council Votes to Rebuild the Harbour Bridge", "", BODY, "")
    filler = ("Home\n  • News\nlorem ipsum dolor sit amet consectetur\n" * 1_200_000).encode()
    article = extract_text(raw(text.encode() + filler))  # ~55 MB
    assert article.paragraphs == BODY
    assert any("truncated" in w for w in article.warnings)


def test_one_huge_line_is_capped_and_flagged() -> None:
    article = extract_text(raw(("word " * 2_000_000).encode()))  # 10 MB, one line
    assert len(article.text) <= 2_000_000
    assert any("truncated" in w for w in article.warnings)
    assert any("no title" in w for w in article.warnings)


HOSTILE_LINES = {
    # 100k characters each, built to make a pattern backtrack: pieces it can match in many
    # ways, then one that keeps it from matching (within the head of the line that the
    # patterns are tried on, where they are).
    "web address pieces": ("www." + " .." * 190 + " x").ljust(100_000, "x"),
    "image name never closed": "[" + "-" * 100_000,
    "image name of many pieces never closed": "[" + "-a" * 50_000,
    "company name of commas": "," * 100_000 + "x",
    "reference list item of colons": "References\n\n1. " + ":" * 100_000 + " x",
    "line separators in a footer": "© 2019 Harbour Herald" + "\u2028" * 100_000 + "x",
    "line separators in a breadcrumb": (
        "Home" + "\u2028" * 100_000 + "Council Votes to Rebuild the Harbour Bridge"
    ),
    "unit separators in a menu": "Home" + "\x1f" * 100_000 + "x",
}


_EXTRACT_STDIN = """
import json, sys
from newsdesk.extract.text import extract_text_string
print(json.dumps(extract_text_string(sys.stdin.read()).paragraphs))
"""


@pytest.mark.parametrize("line", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
def test_hostile_lines_do_not_hang_the_extraction(line: str) -> None:
    """A page with a 100k-character line built against one of the patterns (above the title,
    in the body, after it) is read in linear time. The extraction runs in a child process:
    were the backtracking back, the test would fail at the timeout, not stall the suite."""
    text = page(
        line, "", "Council Votes to Rebuild the Harbour Bridge", "",
        [BODY[0], line, *BODY[1:], line, "© 2019 Harbour Herald Publishing", line],
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT_STDIN],
        input=text,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert BODY[3] in json.loads(done.stdout)
