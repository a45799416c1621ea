"""RawDocument -> Article. ``extract`` picks the extractor by content type."""

from __future__ import annotations

from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.html import extract_html
from newsdesk.extract.text import extract_text
from newsdesk.model import Article, RawDocument

__all__ = ["ExtractionError", "extract", "is_text_render"]


def is_text_render(raw: RawDocument) -> bool:
    """True for text renders of pages; False for HTML."""
    if raw.content_type.startswith("text/html") or raw.content_type.endswith("xml"):
        return False
    if raw.content_type.startswith("text/plain"):
        return True
    head = raw.content[:2048].lstrip().lower()
    return not (head.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<body" in head)


def extract(raw: RawDocument) -> Article:
    """Extract the article from one page, HTML or text render.

    Raises ExtractionError, naming ``raw.url``, when the page holds no article.
    """
    if not raw.content.strip():
        raise ExtractionError(f"{raw.url}: empty document")
    return extract_text(raw) if is_text_render(raw) else extract_html(raw)
