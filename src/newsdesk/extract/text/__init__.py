"""Text render of a page -> Article.

A text render is what a text browser (lynx, w3m), a copy-paste of a page or a
plain-text export gives: the words of the page in reading order, with menus,
share buttons, teaser lists and footers around the article, and no markup to
tell them apart. No library handles these, so this package reads them with
small, general heuristics, one module per kind of thing it finds:

- ``artefacts``: lynx/w3m artefacts (``[12]Home`` link references, a trailing
  ``References`` list, ``[IMG]``, image file names, alt text printed twice,
  ``Skip to content``) and markdown links are cleaned first;
- ``layout``: data tables are kept a row per line, layout tables are unfolded
  column by column;
- ``unwrap``: hard-wrapped paragraphs (lynx wraps at ~78 columns) are joined again;
  ``prepare`` runs these steps and gives the logical lines (``line.Line``);
- ``furniture`` and ``classify``: every line is scored: prose (long, ends like a
  sentence) scores up, menus (short lines, bullet items, lines repeated elsewhere),
  share buttons, teasers (``Up next``, ``You May Also Like`` and the lines under
  them, ``…`` snippets), captions and photo credits, calls to action, footers and
  copyright lines score down;
- ``run``: the body is the best-scoring contiguous run of lines (maximum subarray),
  i.e. the longest coherent run of prose paragraphs, carried across inset boxes on
  either side; ``body`` keeps the lists, table rows and embedded posts inside it
  and an enumeration that closes it;
- ``title``, ``bylines``, ``dates``, ``outlet``: title, subtitle, byline, date,
  section and outlet are read from the lines above the body; rights from the line
  right after it (``page`` puts it together).

newsdesk's own digest format (``<date>: Summary:`` ... ``News Article:``
headline, body, ``Read More``) is recognised and read directly (``digest``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.extract.decode import decode
from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.text.digest import extract_digest
from newsdesk.extract.text.page import extract_page
from newsdesk.extract.text.prepare import MAX_LINES, prepare_lines
from newsdesk.model import Article, RawDocument

__all__ = ["MAX_TEXT_BYTES", "MAX_LINES", "extract_text", "extract_text_string"]

MAX_TEXT_BYTES = 2_000_000
"""Only this much of a document is read; the rest is dropped with a warning."""


def extract_text(raw: RawDocument) -> Article:
    """Extract the article from a text render (raw.content bytes, decoded with charset detection;
    UTF-8 first).

    Raises ExtractionError naming the URL for empty, binary or prose-less input.
    """
    url = raw.final_url or raw.url
    content = raw.content
    warnings: list[str] = []
    if len(content) > MAX_TEXT_BYTES:
        content = _cut_utf8(content[:MAX_TEXT_BYTES])
        warnings.append(
            f"input of {len(raw.content)} bytes truncated to the first {len(content)} bytes"
        )
    if not content.strip():
        raise ExtractionError(f"{url}: empty document")
    if _looks_binary(content):
        raise ExtractionError(f"{url}: binary content, not a text render")
    text = _decode(content, raw.headers.get("content-type") or raw.content_type, warnings)
    article = _extract(text, url, warnings, raw.fetched_at)
    if article.section is None and raw.feed_category:
        article.section = raw.feed_category
    return article


def extract_text_string(text: str, url: str = "", fetched_at: datetime | None = None) -> Article:
    """Extract the article from an already decoded text render."""
    warnings: list[str] = []
    if len(text) > MAX_TEXT_BYTES:
        text = text[:MAX_TEXT_BYTES]
        warnings.append(f"input truncated to the first {MAX_TEXT_BYTES} characters")
    return _extract(text, url, warnings, fetched_at or datetime.now(UTC))


def _cut_utf8(data: bytes) -> bytes:
    """Drop a UTF-8 sequence cut in half at the end of ``data``."""
    for back in range(1, 4):
        if len(data) < back:
            break
        byte = data[-back]
        if byte < 0x80:
            return data
        if byte >= 0xC0:  # lead byte: is its sequence complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if back >= need else data[:-back]
    return data


def _decode(content: bytes, content_type: str | None, warnings: list[str]) -> str:
    text, _encoding, problems = decode(content, content_type)
    warnings.extend(problems)
    return text


def _looks_binary(content: bytes) -> bool:
    """NUL bytes (outside UTF-16/32 with a BOM) or many control characters."""
    head = content[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in content:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def _extract(text: str, url: str, warnings: list[str], fetched_at: datetime) -> Article:
    if "\x00" in text:
        raise ExtractionError(f"{url or '<text>'}: binary content, not a text render")
    if not text.strip():
        raise ExtractionError(f"{url or '<text>'}: empty document")
    lines = prepare_lines(text, warnings)
    article = extract_digest(lines, url, warnings) or extract_page(lines, url, warnings, fetched_at)
    article.fetched_at = fetched_at
    return article
