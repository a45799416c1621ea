"""RawDocument -> Article. ``extract`` picks the extractor by content type."""

from __future__ import annotations

import dataclasses
import re

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import possible_date
from newsdesk.extract.html import extract_html
from newsdesk.extract.pagetype import html_page_type, text_page_type
from newsdesk.extract.text import extract_text
from newsdesk.model import Article, RawDocument

__all__ = ["ExtractionError", "extract", "is_text_render", "text_page_type"]

# Terminal escape sequences, then any other C0/C1 control character but newline.
_CONTROLS = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_text_render(raw: RawDocument) -> bool:
    """True for text renders of pages; False for HTML."""
    if raw.content_type.startswith("text/html") or raw.content_type.endswith("xml"):
        return False
    if raw.content_type.startswith("text/plain"):
        return True
    head = raw.content[:2048].lstrip().lower()
    return not (head.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<body" in head)


def extract(raw: RawDocument) -> Article:
    """Extract the article from one page, HTML or text render, and say what the page is.

    ``page_type`` is the page-type gate's verdict (``newsdesk.extract.pagetype``): on the
    markup for HTML, on the extracted text alone for text renders. Raises
    ExtractionError, naming ``raw.url``, when the page holds no article.
    """
    if not raw.content.strip():
        raise ExtractionError(f"{raw.url}: empty document")
    if is_text_render(raw):
        article = extract_text(raw)
        kind, confidence = text_page_type(article.text)
        article = dataclasses.replace(article, page_type=kind, page_type_confidence=confidence)
    else:
        article = extract_html(raw, html_page_type)
    if article.published is not None and possible_date(article.published, raw.fetched_at) is None:
        # A page cannot come out after it was fetched: a misread date is no date.
        warnings = [*article.warnings, "a date after the fetch time was dropped"]
        article = dataclasses.replace(article, published=None, warnings=warnings)
    return without_controls(article)


def without_controls(article: Article) -> Article:
    """The article with control characters removed from every text field.

    Page text ends up in terminals (the digest), feeds and XML: an escape
    sequence or a stray NUL from a hostile page must not travel with it.
    """
    changes = {}
    for f in dataclasses.fields(article):
        value = getattr(article, f.name)
        if isinstance(value, str):
            cleaned = _CONTROLS.sub("", value.replace("\t", " "))
            if cleaned != value:
                changes[f.name] = cleaned
    return dataclasses.replace(article, **changes) if changes else article
