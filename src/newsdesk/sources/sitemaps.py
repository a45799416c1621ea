"""Sitemaps: ``<urlset>`` (with ``<news:news>`` and ``lastmod``) and ``<sitemapindex>``."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.extract.fields import parse_datetime
from newsdesk.sources.errors import SourceError
from newsdesk.sources.feeds import Entry, entry_url, newest_first
from newsdesk.sources.xmlsafe import local_name, parse_xml


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap file lists: pages (``entries``) or further sitemaps (``children``)."""

    entries: list[Entry] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)


def parse_sitemap(content: bytes, url: str) -> Sitemap:
    """Read a sitemap or sitemap index; SourceError names ``url`` when it is neither."""
    root = parse_xml(content, url)
    kind = local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise SourceError(f"{url}: not a sitemap (root element <{kind}>)", "malformed")
    found = []
    for node in root:
        fields: dict[str, str] = {}
        for child in node.iter():
            name = local_name(child)
            if child.text and child.text.strip() and name not in fields:
                fields[name] = child.text.strip()
        link = entry_url(fields.get("loc"), url)
        if link is None:
            continue
        # news:publication_date is when the article appeared; lastmod when it last changed.
        stamp = fields.get("lastmod") or fields.get("publication_date")
        found.append(Entry(url=link, updated=parse_datetime(stamp), title=fields.get("title")))
    found = newest_first(found)
    return Sitemap(children=found) if kind == "sitemapindex" else Sitemap(entries=found)
