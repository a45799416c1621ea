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
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlparse

from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html

from newsdesk.extract.fields import find_printed_date, parse_datetime, possible_date

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
) -> Iterator[lxml_html.HtmlElement]:
    """Elements that may be bylines: just below the headline, else marked by class."""
    if h1 is not None:
        yield from _near_headline(h1)
    yield from _BYLINE_NODES(tree)[:8]
    # Last resort: a short text starting "By " anywhere in the body.
    for text in _BY_TEXTS(tree)[:20]:
        parent = text.getparent()
        if text.strip().startswith("By ") and parent is not None:
            yield parent


def _near_headline(h1: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """The byline-like elements just below the headline ("By ...", a byline or date class)."""
    for el in _after(h1):
        text = (el.text or "").strip()
        if text.lower().startswith("by ") or _BYLINE_CLASS.search(el.get("class") or ""):
            yield el


def _day_first(tree: lxml_html.HtmlElement) -> bool:
    """Read 03/10/2023 as day/month: the page's language is not US English (or plain en)."""
    lang = (tree.get("lang") or "").lower().replace("_", "-")
    return bool(lang) and lang not in ("en", "en-us")


def headline_date(tree: lxml_html.HtmlElement, h1: lxml_html.HtmlElement | None) -> datetime | None:
    """The date printed with the headline: in a byline just below it, else on its own there."""
    if h1 is None:
        return None
    dayfirst = _day_first(tree)
    for element in _near_headline(h1):
        text = _labelled_text(element)
        if len(text) <= 300 and (when := find_printed_date(text, dayfirst)):
            return when
    return _date_under_headline(h1, dayfirst)


def _spaced_text(element: lxml_html.HtmlElement) -> str:
    """The element's text with a space between the texts of its children (a byline's
    parts sit in separate spans: "Mental Health</a><span>DECEMBER 22, 2022")."""
    return " ".join(t.strip() for t in element.itertext() if t.strip())


_BYLINE_SPLIT = re.compile(r"\s+(?:[|·•–—]|-{1,2})\s+|\s{2,}|\n")


def read_byline(
    tree: lxml_html.HtmlElement, h1: lxml_html.HtmlElement | None = None
) -> tuple[str | None, datetime | None]:
    """Author and date from a visible byline (``By A, Agency · Tuesday, Nov 17 · 5:30 PM``).

    The date is the first one printed that is not labelled as an update; an all-number
    date is read day first unless the page's language is US English (or plain ``en``).
    """
    dayfirst = _day_first(tree)
    author: str | None = None
    when: datetime | None = None
    for element in _byline_candidates(tree, h1):
        line = element.text_content().replace("\xa0", " ").strip()
        if not line or len(line) > 200:
            continue
        if author is None:
            for part in _BYLINE_SPLIT.split(line):
                part = part.strip(" ,")
                if re.match(r"(?i)by\s+\S", part):
                    names = [n.strip() for n in part[3:].split(",") if n.strip()]
                    if all(_looks_like_name(n, printed=True) for n in names):
                        author = ", ".join(dict.fromkeys(names)) or None
                    break
        if when is None:
            when = find_printed_date(_labelled_text(element), dayfirst)
        if author and when:
            break
    if when is None and h1 is not None:
        when = _date_under_headline(h1, dayfirst) or _date_over_headline(h1, dayfirst)
    return author, when


def _labelled_text(element: lxml_html.HtmlElement) -> str:
    """The element's text, with its parent's when that is short: a date in its own span
    is read with the label before it ("Updated on <span>February 16, 2026</span>")."""
    parent = element.getparent()
    if parent is not None and parent.tag != "body":
        around = _spaced_text(parent)
        if len(around) <= 300:
            return around
    return _spaced_text(element)


def _date_under_headline(h1: lxml_html.HtmlElement, dayfirst: bool) -> datetime | None:
    """A date printed on its own just below the headline (``<h1>…</h1> 20 December 2025``)."""
    for el in _after(h1, limit=15):
        own, tail = (" ".join((t or "").split()) for t in (el.text, el.tail))
        # each read again with the label before it: "Last Updated: <span>date</span>",
        # "<b>Updated:</b> date" is an update, no publication date
        if 6 <= len(own) <= 60 and find_printed_date(own, dayfirst):
            return find_printed_date(_labelled_text(el), dayfirst)
        if 6 <= len(tail) <= 60 and find_printed_date(tail, dayfirst):
            return find_printed_date(f"{_spaced_text(el)[-40:]} {tail}", dayfirst)
    return None


def _date_over_headline(h1: lxml_html.HtmlElement, dayfirst: bool) -> datetime | None:
    """A date printed on its own just above the headline, as a kicker (``<h5>January 23,
    2025</h5><h1>…</h1>``): the nearest element before it, in its block or the block
    around it, whose whole text is a short date."""
    node = h1
    for _ in range(2):
        before = next(
            (el for el in node.itersiblings(preceding=True) if isinstance(el.tag, str)), None
        )
        if before is not None:
            own = " ".join(before.text_content().split())
            if 6 <= len(own) <= 40 and find_printed_date(own, dayfirst):
                return find_printed_date(_labelled_text(before), dayfirst)
            return None
        node = node.getparent()
        if node is None or node.tag == "body":
            return None
    return None


def at_midnight(moment: datetime) -> bool:
    """True for a time of 00:00:00: a date given without its time of day."""
    return (moment.hour, moment.minute, moment.second) == (0, 0, 0)


_MARKUP_TAGS = ("meta", "script", "title", "h1", "time", "link")
# Meta tags that carry the publication date, most deliberate first.
_PUBLISHED_META = (
    "article:published_time", "datepublished", "og:published_time", "article:published",
    "publishdate", "publish-date", "publish_date", "pubdate", "parsely-pub-date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "citation_publication_date", "citation_date", "sailthru.date", "date", "datecreated",
)  # fmt: skip
_AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "citation_author", "byl",
)  # fmt: skip
_PUBLISHED_MARK = re.compile(r"datepublished|publish|posted|pubdate", re.I)
_UPDATED_MARK = re.compile(r"datemodified|modified|updated|update", re.I)


def _marks(node: lxml_html.HtmlElement) -> str:
    """The attributes and text that say what a ``<time>`` element dates."""
    parent = node.getparent()
    around = parent.get("class") or "" if parent is not None else ""
    return " ".join((node.get("itemprop") or "", node.get("class") or "", around,
                     (node.text or "")[:40]))  # fmt: skip


_ITEMPROPS = etree.XPath(
    "//*[@itemprop='headline' or @itemprop='author' or @itemprop='articleBody']"
)
_REL_AUTHOR = etree.XPath("//*[@rel='author']")


def page_metadata(tree: lxml_html.HtmlElement, source: str = "") -> dict[str, Any]:
    """Title, author and date candidates, outlet names, section, language, canonical URL,
    picture URLs from markup (what ``page_outlet``, ``page_author`` and ``page_date`` read).

    ``source`` is the page's HTML text: a substring test there saves walking the tree
    for markup the page does not use.
    """
    found: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, str) and value.strip() and key not in found:
            found[key] = " ".join(value.split())

    # One pass over the tree for the tags that carry metadata.
    metas: dict[str, str] = {}
    scripts, times, firsts = [], [], {}
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
            rel = (node.get("rel") or "").lower().split()
            if "canonical" in rel:
                firsts.setdefault("canonical", node)
            for kind in ("apple-touch-icon", "icon"):  # the bigger, PNG one first
                if kind in rel and node.get("href"):
                    firsts.setdefault(kind, node)
        elif tag == "time":
            if node.get("datetime") and len(times) < 20:
                times.append(node)
        else:
            firsts.setdefault(tag, node)

    dates: list[str] = []
    stamps: list[Any] = []  # every timestamp, updates too: they tell the page's zone
    modified: list[Any] = []  # the dates the page marks as its update
    authors: list[tuple[str | None, bool]] = []  # (names, typed as a Person)
    items, by_id = _json_ld_items(scripts)
    for item in items:
        put("title", item.get("headline") or item.get("name"))
        authors.append((_names(item.get("author"), by_id), _is_person(item.get("author"), by_id)))
        dates += [d for d in (item.get("datePublished"), item.get("dateCreated")) if d]
        stamps.append(item.get("dateModified"))
        modified.append(item.get("dateModified"))
        put("publisher", _names(item.get("publisher"), by_id))
        put("section", _first(item.get("articleSection")))
        put("language", item.get("inLanguage"))
        put("subtitle", item.get("alternativeHeadline"))
        put("alt_headline", item.get("alternativeHeadline"))
        put("rights", item.get("copyrightNotice"))
        put("image_url", _image(item.get("image")))

    put("title", metas.get("og:title") or metas.get("twitter:title"))
    authors += [(metas.get(key), False) for key in _AUTHOR_META]
    if (metas.get("twitter:label1") or "").lower() == "written by":
        authors.append((metas.get("twitter:data1"), False))
    dates += [metas[key] for key in _PUBLISHED_META if key in metas]
    put("site_name", metas.get("og:site_name"))
    for key in ("og:image:secure_url", "og:image", "og:image:url", "twitter:image"):
        put("image_url", metas.get(key))
    for kind in ("apple-touch-icon", "icon"):
        put("icon_url", firsts[kind].get("href") if kind in firsts else None)
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
    for kind, key in (("itemprop:headline", "title"), ("h1", "title"), ("h1", "h1")):
        if kind in firsts:
            put(key, firsts[kind].text_content())
    for kind in ("itemprop:author", "rel:author"):  # a visible author element
        if kind in firsts:
            put("printed_author", firsts[kind].text_content())
            authors.append((found.get("printed_author"), False))
    found["authors"] = [(name, person) for name, person in authors if isinstance(name, str)]
    if "title" in firsts:
        put("html_title", firsts["title"].text_content())
    # <time datetime>: one marked as the publication first, never one marked as an update.
    times.sort(key=lambda node: not _PUBLISHED_MARK.search(_marks(node)))
    dates += [node.get("datetime") for node in times if not _UPDATED_MARK.search(_marks(node))]
    found["dates"] = [d for d in dates if isinstance(d, str)]
    stamps += [metas.get("article:modified_time"), *(node.get("datetime") for node in times)]
    modified += [metas.get(k) for k in ("article:modified_time", "og:updated_time", "datemodified")]
    modified += [n.get("datetime") for n in times if _UPDATED_MARK.search(_marks(n))]
    found["stamps"] = [d for d in stamps if isinstance(d, str)]
    canonical = firsts.get("canonical")
    put("canonical_url", canonical.get("href") if canonical is not None else metas.get("og:url"))
    if "h1" in firsts:
        found["_h1_node"] = firsts["h1"]
    found["headline_date"] = headline_date(tree, found.get("_h1_node"))
    found["modified"] = [d for d in modified if isinstance(d, str)]
    put("language", (tree.get("lang") or "").split("-")[0].lower())
    return found


def _image(value: Any) -> str | None:
    """The URL of a JSON-LD ``image``: a URL, an ImageObject, or a list of either."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def page_pictures(meta: dict[str, Any], base: str) -> tuple[str | None, str | None]:
    """The lead image and outlet icon URLs, made absolute against ``base`` (the page's
    canonical URL or its own); only http(s) URLs are kept, and a page served over
    http(s) without an icon link gets its site's ``/favicon.ico``."""
    out = []
    for key in ("image_url", "icon_url"):
        url = urljoin(base, meta[key]) if meta.get(key) else None
        if url is None and key == "icon_url" and urlparse(base).scheme in ("http", "https"):
            url = urljoin(base, "/favicon.ico")
        out.append(url if url and urlparse(url).scheme in ("http", "https") else None)
    return out[0], out[1]


def _json_ld_items(scripts: list[lxml_html.HtmlElement]) -> tuple[list[dict], dict[str, dict]]:
    """The article-like items (NewsArticle, BlogPosting, ...) in JSON-LD script elements,
    and every item with an ``@id`` by that id (a publisher or author is often a reference)."""
    articles: list[dict] = []
    by_id: dict[str, dict] = {}
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
                if isinstance(item.get("@id"), str):
                    by_id.setdefault(item["@id"], item)
                kinds = item.get("@type", [])
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                    articles.append(item)
    # A NewsArticle speaks for the page before a WebPage that wraps it does.
    articles.sort(key=lambda item: _kinds(item) <= {"webpage"})
    return articles, by_id


def _kinds(item: dict) -> set[str]:
    kinds = item.get("@type", [])
    return {str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])}


def _names(value: Any, by_id: dict[str, dict] | None = None) -> str | None:
    """``"A"``, ``{"name": "A"}``, ``{"@id": ...}`` (looked up in ``by_id``) or a list of
    those -> ``"A, B"``."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        if isinstance(item, dict) and "name" not in item and by_id:
            item = by_id.get(str(item.get("@id")), item)
        names.append(item.get("name") if isinstance(item, dict) else item)
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return ", ".join(dict.fromkeys(names)) or None


def _is_person(value: Any, by_id: dict[str, dict]) -> bool:
    """True when a JSON-LD author is typed as a Person (a person, even where the site
    carries the same name)."""
    item = value[0] if isinstance(value, list) and value else value
    if isinstance(item, dict) and "name" not in item:
        item = by_id.get(str(item.get("@id")), item)
    return isinstance(item, dict) and "person" in _kinds(item)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def outlet_from_url(url: str) -> str | None:
    """The page's host name without ``www.``: the outlet when the page names none."""
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


# Section names that pages put where the outlet or the author belongs.
_SECTIONS = {
    "news", "opinion", "opinions", "u.s.", "us", "u.s", "world", "politics", "business",
    "sport", "sports", "local", "local news", "tech", "technology", "science", "health",
    "entertainment", "lifestyle", "culture", "arts", "travel", "food", "markets", "money",
    "finance", "economy", "education", "environment", "climate", "media", "style", "life",
    "home", "blog", "blogs", "editorial", "editorials", "analysis", "commentary", "features",
    "national", "international", "nation", "metro", "region", "uk", "europe", "asia",
}  # fmt: skip


def _is_section(name: str, meta: dict[str, Any]) -> bool:
    """True for a name that is a section of the site, not a name of a person or outlet."""
    key = name.casefold().strip(" .")
    section = (meta.get("section") or "").casefold().strip(" .")
    return key in _SECTIONS or key + "." in _SECTIONS or (bool(section) and key == section)


def page_outlet(meta: dict[str, Any], url: str) -> str | None:
    """The outlet: ``og:site_name``, else the JSON-LD publisher, else the host name; a
    section name ("Opinion", "U.S.") in either field is passed over. The host name is
    given as the page's title prints it when a part of the title spells the host
    ("Lakeshore Gazette :: ..." on lakeshoregazette.example); a saved page without a
    host takes the site name its title gives."""
    for name in (meta.get("site_name"), meta.get("publisher")):
        if name and not _is_section(name, meta) and len(name) <= 100:
            return name
    host = outlet_from_url(url)
    site = split_site_name(meta.get("html_title") or "")[1]
    if site and not _is_section(site, meta):
        if not host:  # a saved page: its title is all that names the site
            return site
        label = _letters(host.split(".")[0] if host.count(".") else host)
        spelled = _letters(site.casefold().removeprefix("the "))
        if min(len(label), len(spelled)) >= 3 and (label in spelled or spelled in _letters(host)):
            return site
    return host


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def page_author(
    tree: lxml_html.HtmlElement,
    meta: dict[str, Any],
    url: str,
    outlet: str | None,
    byline: str | None = None,
    agency: str | None = None,
) -> str | None:
    """The author: the first name that reads as one from the markup (JSON-LD, meta tags,
    a visible author element), the printed byline (``byline``), then trafilatura's
    reading of the page.

    Passed over: a section name, a URL, a user name or id, a sentence, and exactly the
    outlet's name (``"Reuters"`` in the markup of reuters.com) unless the page prints it
    as its byline or types it as a Person. A staff byline such as "NewsFinale Journal"
    differs from the outlet's name and stays as printed. ``agency``, the agency the
    dateline credits, is taken off the end of a byline ("By A, Northwind Wire").
    """
    outlets = {_plain_name(n) for n in (outlet, meta.get("site_name"), meta.get("publisher")) if n}
    printed = {_plain_name(n) for n in (byline, meta.get("printed_author")) if n}
    host = outlet_from_url(url) or ""

    def valid(name: str | None, person: bool) -> str | None:
        name = _clean_name(name or "")
        if not name or _is_section(name, meta):
            return None
        names = [n for n in _NAME_SPLIT.split(name) if n]
        if not names or not all(_looks_like_name(n) for n in names):
            return None
        if agency and len(names) > 1 and _plain_name(names[-1]) == _plain_name(agency):
            # "By Dana Whitfield, Northwind Wire": the agency is credited in the dateline
            name = name[: name.rindex(names[-1])].rstrip(" ,;&")
        key = _plain_name(name)
        if key in outlets and key not in printed and not person:
            return None
        if " " not in key and key.replace(".", "") in host.replace(".", "").replace("-", ""):
            return None  # the site's user name ("levinemusic" on levinemusic.org)
        return name

    candidates = [*meta.get("authors", []), (byline, True)]
    for name, person in candidates:
        if (found := valid(name, person)) is not None:
            return found
    from trafilatura.metadata import extract_author

    return valid(extract_author(tree), False)


_NAME_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
_NAME_PREFIX = re.compile(
    r"^(?:(?:written|posted|reviewed|words|story|text)\s+)?(?:by|author)\s*:?\s+", re.I
)
_NOT_NAMES = {
    "admin", "administrator", "webmaster", "undefined", "null", "none", "unknown", "guest",
    "category", "author", "editor", "user", "root", "anonymous", "staff", "team",
}  # fmt: skip


def _clean_name(name: str) -> str:
    """A name without markup residue: entities, quotes, a "Written by:" prefix."""
    name = " ".join(unescape(name).split()).strip(" \"'“”‘’,;:|-")
    return _NAME_PREFIX.sub("", name).strip(" \"'“”‘’,;:|-")


def _looks_like_name(name: str, printed: bool = False) -> bool:
    """Could ``name`` be a person's (or a desk's) name? Not a URL, e-mail, id or sentence.

    ``printed``: the name comes from running text ("By ..."), so it must start with a
    capital letter, as a name in a byline does.
    """
    words = name.split()
    if not words or len(words) > 7 or len(name) > 80 or name.casefold() in _NOT_NAMES:
        return False
    if "://" in name or name.startswith("www.") or "@" in name or re.search(r"\d", name):
        return False
    if name.endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", name):
        return False
    return not printed or name[0].isupper()


def _plain_name(name: str) -> str:
    return " ".join(name.casefold().split()).removeprefix("by ").removeprefix("the ")


def page_date(
    meta: dict[str, Any],
    source: str,
    url: str,
    fetched_at: datetime,
    byline_date: datetime | None,
) -> datetime | None:
    """The publication date, in the page's own time zone, or None when the page gives none.

    The first markup date (JSON-LD ``datePublished``, then meta tags, then ``<time>``) that
    parses and is not after ``fetched_at``, unless the page prints another date with its
    headline that the markup does not name as the update; a date without its time takes
    the time of a byline printed for the same day. Without markup: the byline's date,
    then htmldate's reading of the page (the original date, never the update). A date
    after the fetch is impossible and never kept. The date is shown in the page's zone.
    """
    published = None
    for value in meta.get("dates", [])[:20]:
        published = possible_date(parse_datetime(value), fetched_at)
        if published is not None:
            break
    printed = possible_date(meta.get("headline_date"), fetched_at)
    if published is not None and printed is not None and printed.date() != published.date():
        # The page prints another date with its headline than its markup gives: the reader
        # sees that one; unless the markup names it as the update (the publication wins).
        updates = {d.date() for d in map(parse_datetime, meta.get("modified", [])[:10]) if d}
        if printed.date() not in updates:
            published = printed
    byline_date = possible_date(byline_date, fetched_at)
    if byline_date and (
        published is None or (at_midnight(published) and byline_date.date() == published.date())
    ):
        published = byline_date
    if published is None:
        published = _htmldate(source, url, fetched_at)
    return _in_page_zone(published, meta)


def _htmldate(source: str, url: str, fetched_at: datetime) -> datetime | None:
    """htmldate's reading of the page: its markup and URL rules, then its search of the
    text. A 1 January from the text search is its guess from a bare year, no date."""
    for extensive in (False, True):
        found = find_date(
            source,
            url=url,
            original_date=True,
            extensive_search=extensive,
            max_date=fetched_at.strftime("%Y-%m-%d"),
        )
        moment = possible_date(parse_datetime(found), fetched_at)
        if moment is not None and not (extensive and (moment.month, moment.day) == (1, 1)):
            return moment
    return None


def _in_page_zone(moment: datetime | None, meta: dict[str, Any]) -> datetime | None:
    """``moment`` shown in the page's own zone when it is given in UTC and the page's
    other timestamps carry a local offset (a UTC ``published_time`` of 02:41 on a page
    whose times read -05:00 is 21:41 the evening before, where it was published)."""
    if moment is None or moment.utcoffset() or at_midnight(moment):
        return moment
    for value in meta.get("dates", [])[:20] + meta.get("stamps", [])[:20]:
        stamp = parse_datetime(value)
        if stamp is not None and stamp.utcoffset():
            return moment.astimezone(stamp.tzinfo)
    return moment
