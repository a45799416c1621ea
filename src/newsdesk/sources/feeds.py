"""Feeds: RSS 0.9x/1.0/2.0 and Atom (feedparser, after a defusedxml check) and JSON Feed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin

import feedparser

from newsdesk.extract.fields import parse_datetime
from newsdesk.sources.errors import SourceError
from newsdesk.sources.xmlsafe import parse_xml


@dataclass(frozen=True)
class Entry:
    """One item a feed or sitemap points at."""

    url: str
    updated: datetime | None = None
    category: str | None = None
    title: str | None = None


def entry_url(link: object, base: str) -> str | None:
    """An absolute URL without fragment, or None when ``link`` is not a usable string."""
    if not isinstance(link, str) or not link.strip():
        return None
    return urldefrag(urljoin(base, link.strip()))[0]


def is_json_feed(content: bytes) -> bool:
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org" in content[:4096]


def parse_feed(content: bytes, url: str, content_type: str = "") -> list[Entry]:
    """The entries of a feed, newest first. SourceError names ``url`` when it is not one."""
    if is_json_feed(content) or content_type.endswith("json"):
        return _json_feed(content, url)
    try:
        parse_xml(content, url)
    except SourceError as exc:
        if exc.kind != "malformed":
            raise
        # Not well-formed: feedparser's lenient parser may still read it, as readers do.
    parsed = feedparser.parse(
        content, response_headers={"content-location": url, "content-type": content_type}
    )
    entries = []
    for item in parsed.entries:
        link = entry_url(item.get("link"), url)
        if link is None:
            continue
        # dict.get: feedparser's own get() warns when it falls back from updated to published
        when = dict.get(item, "updated_parsed") or dict.get(item, "published_parsed")
        tags = item.get("tags") or []
        entries.append(
            Entry(
                url=link,
                updated=datetime(*when[:6], tzinfo=UTC) if when else None,
                category=(tags[0].get("term") or None) if tags else None,
                title=item.get("title"),
            )
        )
    if not entries and (parsed.bozo or not parsed.version):
        why = parsed.get("bozo_exception") or "no feed items with links"
        raise SourceError(f"{url}: malformed feed ({why})", "malformed")
    return newest_first(entries)


def _json_feed(content: bytes, url: str) -> list[Entry]:
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"{url}: malformed JSON feed ({exc})", "malformed") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError(f"{url}: malformed JSON feed (no items list)", "malformed")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = entry_url(item.get("url") or item.get("external_url"), url)
        if link is None:
            continue
        stamp = item.get("date_modified") or item.get("date_published")
        tags = item.get("tags")
        entries.append(
            Entry(
                url=link,
                updated=parse_datetime(stamp) if isinstance(stamp, str) else None,
                category=tags[0]
                if isinstance(tags, list) and tags and isinstance(tags[0], str)
                else None,
                title=item.get("title") if isinstance(item.get("title"), str) else None,
            )
        )
    return newest_first(entries)


def newest_first(entries: list[Entry]) -> list[Entry]:
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(entries, key=lambda e: e.updated or oldest, reverse=True)
