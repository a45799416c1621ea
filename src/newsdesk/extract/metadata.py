"""Article metadata read from a page's own markup.

Metadata is read in order of how deliberate it is: JSON-LD (what the
publisher tells search engines), then OpenGraph/meta tags, then visible
markup (``<h1>``, ``<time>``, ``rel=author``); a visible byline fills in
an author or date the markup lacks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from lxml import etree
from lxml import html as lxml_html

from newsdesk.extract.fields import parse_datetime

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage"}

_SITE_SEPARATORS = (" | ", " :: ", " - ", " – ", " — ", " · ", " « ", " » ")


def split_site_name(title: str) -> tuple[str, str | None]:
    """``"Outlet :: Headline"`` or ``"Headline | Outlet"`` -> (headline, outlet).

    The site name is the short side (at most five words) of a separator; the headline
    the longer one. A title without such a separator comes back whole.
    """
    title = " ".join(title.split())
    for sep in _SITE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.partition(sep)
        if len(tail.split()) <= 5 and len(head) > len(tail):
            head, tail = title.rpartition(sep)[0], title.rpartition(sep)[2]
            return head.strip(), tail.strip() or None
        if len(head.split()) <= 5 and len(tail) > len(head):
            return tail.strip(), head.strip() or None
    return title, None


_BYLINE_CLASS = re.compile(r"byline|author|dateline|posted|date", re.I)
_BYLINE_NODES = etree.XPath(
    "//body//*[contains(@class, 'byline') or contains(@class, 'author') or "
    "contains(@class, 'dateline')]"
)


_BY_TEXTS = etree.XPath("//body//text()[contains(., 'By ')][string-length(.) < 200]")


def _after(element: lxml_html.HtmlElement, limit: int = 40) -> Iterator[lxml_html.HtmlElement]:
    """Up to ``limit`` elements that follow ``element`` in document order."""
    count = 0
    node = element
    for _ in range(3):
        for sibling in node.itersiblings():
            for el in sibling.iter():
                if not isinstance(el.tag, str):
                    continue
                yield el
                count += 1
                if count >= limit:
                    return
        node = node.getparent()
        if node is None:
            return


def _byline_candidates(
    tree: lxml_html.HtmlElement, h1: lxml_html.HtmlElement | None
) -> Iterator[str]:
    """Short texts that may be bylines: just below the headline, else marked by class."""
    if h1 is not None:
        for el in _after(h1):
            text = (el.text or "").strip()
            if text.lower().startswith("by ") or _BYLINE_CLASS.search(el.get("class") or ""):
                yield el.text_content()
    for el in _BYLINE_NODES(tree)[:8]:
        yield el.text_content()
    # Last resort: a short text starting "By " anywhere in the body.
    for text in _BY_TEXTS(tree)[:20]:
        if text.strip().startswith("By "):
            parent = text.getparent()
            yield parent.text_content() if parent is not None else str(text)


_BYLINE_SPLIT = re.compile(r"\s+(?:[|·•–—]|-{1,2})\s+|\s{2,}|\n")


def read_byline(
    tree: lxml_html.HtmlElement, h1: lxml_html.HtmlElement | None = None
) -> tuple[str | None, datetime | None]:
    """Author and date from a visible byline (``By A, Agency · Tuesday, Nov 17 · 5:30 PM``)."""
    author: str | None = None
    when: datetime | None = None
    for line in _byline_candidates(tree, h1):
        line = line.replace("\xa0", " ").strip()
        if not line or len(line) > 200:
            continue
        parts = [p.strip(" ,") for p in _BYLINE_SPLIT.split(line) if p.strip(" ,")]
        rest = []
        for part in parts:
            if author is None and re.match(r"(?i)by\s+\S", part):
                names = [n.strip() for n in part[3:].split(",") if n.strip()]
                author = ", ".join(dict.fromkeys(names)) or None
            elif re.search(r"\d", part):
                rest.append(part)
        if when is None and rest:
            when = parse_datetime(" ".join(rest)) or parse_datetime(rest[0])
        if author and when:
            break
    return author, when


def at_midnight(moment: datetime) -> bool:
    """True for a time of 00:00:00: a date given without its time of day."""
    return (moment.hour, moment.minute, moment.second) == (0, 0, 0)


_MARKUP_TAGS = ("meta", "script", "title", "h1", "time", "link")
_ITEMPROPS = etree.XPath(
    "//*[@itemprop='headline' or @itemprop='author' or @itemprop='articleBody']"
)
_REL_AUTHOR = etree.XPath("//*[@rel='author']")


def page_metadata(tree: lxml_html.HtmlElement, source: str = "") -> dict[str, Any]:
    """Title, author, date, outlet, section, language and canonical URL from markup.

    ``source`` is the page's HTML text: a substring test there saves walking the tree
    for markup the page does not use.
    """
    found: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, str) and value.strip() and key not in found:
            found[key] = " ".join(value.split())

    # One pass over the tree for the tags that carry metadata.
    metas: dict[str, str] = {}
    scripts, firsts = [], {}
    for node in tree.iter(*_MARKUP_TAGS):
        tag = node.tag
        if tag == "meta":
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
            content = node.get("content")
            if key and content and key not in metas:
                metas[key] = content
        elif tag == "script":
            if (node.get("type") or "").lower() == "application/ld+json":
                scripts.append(node)
        elif tag == "link":
            if "canonical" in (node.get("rel") or "").lower().split():
                firsts.setdefault("canonical", node)
        elif tag != "time" or node.get("datetime"):
            firsts.setdefault(tag, node)

    for item in _json_ld_articles(scripts):
        put("title", item.get("headline") or item.get("name"))
        put("author", _names(item.get("author")))
        put("published", item.get("datePublished") or item.get("dateCreated"))
        put("outlet", _names(item.get("publisher")))
        put("section", _first(item.get("articleSection")))
        put("language", item.get("inLanguage"))
        put("subtitle", item.get("alternativeHeadline"))
        put("alt_headline", item.get("alternativeHeadline"))
        put("rights", item.get("copyrightNotice"))

    put("title", metas.get("og:title") or metas.get("twitter:title"))
    put("author", metas.get("author") or metas.get("article:author") or metas.get("dc.creator"))
    for key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate"):
        put("published", metas.get(key))
    put("outlet", metas.get("og:site_name") or metas.get("application-name"))
    put("section", metas.get("article:section"))
    put("subtitle", metas.get("og:description") or metas.get("description"))
    put("description", metas.get("og:description") or metas.get("description"))
    put("description", metas.get("twitter:description"))

    if not source or "itemprop" in source:
        for node in _ITEMPROPS(tree):
            prop = node.get("itemprop")
            if prop == "articleBody":
                found["_containers"] = str(int(found.get("_containers", "0")) + 1)
            firsts.setdefault(f"itemprop:{prop}", node)
    if not source or "author" in source:
        for node in _REL_AUTHOR(tree)[:1]:
            firsts.setdefault("rel:author", node)
    for kind, key in (("itemprop:headline", "title"), ("h1", "title"), ("h1", "h1"),
                      ("itemprop:author", "author"), ("rel:author", "author")):  # fmt: skip
        if kind in firsts:
            put(key, firsts[kind].text_content())
    if "title" in firsts:
        put("html_title", firsts["title"].text_content())
    if "time" in firsts:
        put("published", firsts["time"].get("datetime"))
    canonical = firsts.get("canonical")
    put("canonical_url", canonical.get("href") if canonical is not None else metas.get("og:url"))
    if "h1" in firsts:
        found["_h1_node"] = firsts["h1"]
    put("language", (tree.get("lang") or "").split("-")[0].lower())
    if "author" in found and found["author"].lower().startswith("by "):
        found["author"] = found["author"][3:].strip()
    return found


def _json_ld_articles(scripts: list[lxml_html.HtmlElement]) -> Iterator[dict]:
    """The article-like items (NewsArticle, BlogPosting, ...) in JSON-LD script elements."""
    for script in scripts:
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                kinds = item.get("@type", [])
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                    yield item


def _names(value: Any) -> str | None:
    """``"A"``, ``{"name": "A"}`` or a list of those -> ``"A, B"``."""
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return ", ".join(names) or None


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def outlet_from_url(url: str) -> str | None:
    """The page's host name without ``www.``: the outlet when the page names none."""
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
