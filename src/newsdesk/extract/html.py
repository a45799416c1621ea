"""HTML page -> Article: main text by trafilatura, metadata from the page's own markup.

Metadata is read in order of how deliberate it is: JSON-LD (what the
publisher tells search engines), then OpenGraph/meta tags, then visible
markup (``<h1>``, ``<time>``, ``rel=author``), then trafilatura's and
htmldate's guesses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import HTML_PARSER as TRAFILATURA_PARSER
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsdesk.extract.boilerplate import clean_body
from newsdesk.extract.decode import decode
from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import (
    clean_title,
    find_dateline,
    parse_datetime,
    split_rights,
)
from newsdesk.extract.language import guess_language
from newsdesk.model import Article, RawDocument

MAX_HTML_CHARS = 5_000_000
MIN_WORDS = 5
"""A page whose main text has fewer words than this holds no article."""
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage"}


def extract_html(raw: RawDocument) -> Article:
    """Extract the article of one HTML page; raises ExtractionError if there is none."""
    text, encoding, warnings = decode(raw.content, raw.headers.get("content-type"))
    if "\x00" in text[:4096]:
        raise ExtractionError(f"{raw.url}: binary content, not an HTML page")
    utf8 = raw.content if encoding in ("utf-8", "utf-8-sig") else None
    if len(text) > MAX_HTML_CHARS:
        warnings.append(f"page truncated to {MAX_HTML_CHARS} characters")
        text, utf8 = text[:MAX_HTML_CHARS], None
    tree = _parse(text, utf8)
    if tree is None:
        raise ExtractionError(f"{raw.url}: not parseable as HTML")
    meta = _page_metadata(tree, text)
    prune_widgets(tree, text)
    url = raw.final_url or raw.url
    paragraphs = _main_text(tree, meta, meta.get("canonical_url") or url)
    if not paragraphs:
        raise ExtractionError(f"{raw.url}: no article text found")
    paragraphs, rights = split_rights(paragraphs)
    if len(re.findall(r"\w+", " ".join(paragraphs))) < MIN_WORDS:
        raise ExtractionError(f"{raw.url}: no article text found")

    headline, site = split_site_name(meta.get("html_title") or "")
    outlet = meta.get("outlet") or site or _outlet_from_url(url)
    title = meta.get("title") or headline or ""
    if not title:
        warnings.append("no title found")
    author = meta.get("author")
    published = parse_datetime(meta.get("published"))
    if author is None or published is None or _midnight(published):
        by_author, by_date = _byline(tree, meta.get("_h1_node"))
        author = author or by_author
        if by_date and (published is None or by_date.date() == published.date()):
            published = by_date
    if published is None:
        found = find_date(text, url=url, original_date=True, extensive_search=False)
        published = parse_datetime(found)
    if published is None:
        warnings.append("no publication date found")
    subtitle = meta.get("subtitle")
    if subtitle and subtitle.strip() in paragraphs[0]:
        subtitle = None
    return Article(
        url=url,
        title=clean_title(title, outlet),
        text="\n\n".join(paragraphs),
        fetched_at=raw.fetched_at,
        subtitle=subtitle,
        author=author,
        published=published,
        dateline=find_dateline(paragraphs[0]),
        outlet=outlet,
        section=meta.get("section") or raw.feed_category,
        language=meta.get("language") or guess_language(" ".join(paragraphs)),
        canonical_url=meta.get("canonical_url"),
        rights=rights or meta.get("rights"),
        warnings=warnings,
    )


_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>", re.I)


def _parse(text: str, utf8: bytes | None = None) -> lxml_html.HtmlElement | None:
    """Parse a page with trafilatura's HTML parser (no comments, no processing instructions:
    a comment inside a paragraph would otherwise cut its text short).

    This is trafilatura's ``load_html`` made cheaper: lxml gets UTF-8 bytes (the raw page
    when it is UTF-8 already), and the scan for control characters is a byte-table pass.
    Anything unusual goes through ``load_html`` itself.
    """
    head = text[:4096]
    if any("<html" in line and line.endswith("/>") for line in head.splitlines()[:4]):
        return load_html(text, MAX_HTML_CHARS + 1)  # a self-closing <html/>: let it repair
    data = utf8 if utf8 is not None else text.encode("utf-8")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        data = _CONTROL.sub(b"", data)
    if "doctype" in head[:50].lower():
        first, _, rest = data.partition(b"\n")
        data = _DOCTYPE.sub("", first.decode("utf-8", "replace"), count=1).encode() + b"\n" + rest
    try:
        tree = lxml_html.fromstring(data, parser=TRAFILATURA_PARSER)
    except (etree.ParserError, ValueError):
        tree = None
    if tree is None or len(tree) < 1:
        return load_html(text, MAX_HTML_CHARS + 1)
    return tree


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


def _byline(
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


def _midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second) == (0, 0, 0)


_INERT = etree.XPath(
    "//script[not(@type='application/ld+json')] | //style | //noscript | //svg | //template"
)
_SIGNUP_FORMS = etree.XPath("//form[.//input[@type='email']]")
_INLINE_CARDS = etree.XPath(
    "//p//span[.//img][count(.//a) > 1][not(.//span[.//img][count(.//a) > 1])]"
)


def prune_widgets(tree: lxml_html.HtmlElement, source: str = "") -> None:
    """Remove page widgets that sit inside the article's container, before extraction.

    - scripts, styles and inline SVG (JSON-LD excepted);
    - a sign-up box: the smallest container around an e-mail form, with its pitch
      ("The five stories that matter, every weekday. Free.");
    - an inline card inside a paragraph (a hover card on a name, with a photo and
      links to other stories), keeping the text around it.
    """
    for node in _INERT(tree):
        # Code and styles never hold article text; dropping them here makes every later
        # pass (trafilatura's copies and prunes included) cheaper. JSON-LD stays.
        _drop_keep_tail(node)
    if not source or "<form" in source:
        for form in _SIGNUP_FORMS(tree):
            box = form
            while True:
                parent = box.getparent()
                if parent is None or parent.tag in ("body", "html", "article", "main"):
                    break
                if len(" ".join(parent.text_content().split())) > 400:
                    break
                box = parent
            _drop_keep_tail(box)
    for card in _INLINE_CARDS(tree):
        text = " ".join(card.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in card.iter("a"))
        if text and linked >= 0.6 * len(text):
            _drop_keep_tail(card)


def _drop_keep_tail(element: lxml_html.HtmlElement) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def _main_text(tree: lxml_html.HtmlElement, meta: dict[str, Any], url: str) -> list[str]:
    """The article's paragraphs: trafilatura's main content, then the boilerplate rules."""
    container_text = None
    if meta.get("_containers") == "1":
        container_text = tree.xpath('//*[@itemprop="articleBody"]')[0].text_content()
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        output_format="txt",  # the text is made below, after the boilerplate rules
    )
    if doc is None or doc.body is None:
        return []
    titles = [t for t in (meta.get("title"), meta.get("h1"), meta.get("html_title")) if t]
    same_container, looks_like_dek = _container_test(tree)
    clean_body(
        doc.body,
        titles,
        meta.get("description"),
        container_text,
        same_container,
        url,
        _link_share(tree),
        meta.get("alt_headline"),
        looks_like_dek,
    )
    text = xmltotxt(doc.body, include_formatting=False)
    return [p.strip() for p in text.split("\n") if p.strip()]


_SEGMENT = re.compile(r"\s*(?:[:|•·»]|\s[–—-]\s|\[|\]|\bclick to tweet\b)\s*", re.I)


_PLAIN_ANCHORS = etree.XPath("//body//a[not(*)]/text()")
_NESTED_ANCHORS = etree.XPath("//body//a[*]")


def _link_share(tree: lxml_html.HtmlElement) -> Callable[[str], float]:
    """``f(text)``: the share of ``text`` that is anchor text somewhere in the page.

    trafilatura's text-only pass drops links; this puts the link density back for the
    boilerplate rules. A block counts as linked as a whole, or by its segments split at
    separators (``Related: <link>``, ``<link> [VIDEO] | <link>``).
    """
    anchors: set[str] | None = None

    def share(text: str) -> float:
        nonlocal anchors
        if anchors is None:
            anchors = {" ".join(t.split()).lower() for t in _PLAIN_ANCHORS(tree)}
            for a in _NESTED_ANCHORS(tree):
                anchors.add(" ".join(a.text_content().split()).lower())
            anchors.discard("")
        key = " ".join(text.split()).lower()
        if not key:
            return 0.0
        if key in anchors:
            return 1.0
        if len(key) > 300:
            return 0.0
        pieces = [p for p in _SEGMENT.split(key) if len(p) > 2]
        linked = sum(len(p) for p in pieces if p in anchors)
        if linked < 0.5 * len(key) and len(pieces) > 1:
            # "Related: <a title with a colon in it>": try the text after the first separator.
            rest = _SEGMENT.split(key, maxsplit=1)[-1]
            if rest in anchors:
                linked = max(linked, len(rest))
        return min(1.0, linked / len(key))

    return share


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section",
    "header", "article", "figure", "figcaption", "td", "pre", "aside", "main",
}  # fmt: skip


_FIND_TEXT = etree.XPath("//body//text()[contains(., $s)]")


# A class token naming a standfirst: "dek", "article-dek", "c-standfirst", "story_summary".
_DEK_CLASS = re.compile(
    r"^(?:[a-z0-9]+[-_]{1,2})?(dek|deck|standfirst|subtitle|sub-title|subhead|strapline|"
    r"summary|excerpt)$",
    re.I,
)


def _container_test(
    tree: lxml_html.HtmlElement,
) -> tuple[Callable[[str, str], bool], Callable[[str], bool]]:
    """Two structural tests on the page, for blocks found by their text.

    ``same(a, b)``: do the blocks holding texts ``a`` and ``b`` share a container? True
    when they are siblings (or sit in sibling wrappers of the same kind), and when
    either cannot be found (the safe answer: treat the text as body copy).
    ``dek(a)``: is the block holding ``a`` marked up as a standfirst (a subheading, or
    a class such as ``dek`` or ``standfirst``)?
    """

    def block_of(text: str) -> lxml_html.HtmlElement | None:
        words = text.split()
        for snippet in (" ".join(words[:4])[:40], " ".join(words[:2])[:20]):
            if not snippet:
                continue
            for node in _FIND_TEXT(tree, s=snippet):
                el = node.getparent()
                if node.is_tail:
                    el = el.getparent()
                while el is not None and el.tag not in _BLOCK_TAGS:
                    el = el.getparent()
                if el is not None and el.tag != "body":
                    return el
        return None

    def same(a: str, b: str) -> bool:
        ea, eb = block_of(a), block_of(b)
        if ea is None or eb is None or ea is eb:
            return True
        pa, pb = ea.getparent(), eb.getparent()
        if pa is pb:
            return True
        return (
            pa is not None
            and pb is not None
            and pa.getparent() is pb.getparent()
            and (pa.tag, pa.get("class")) == (pb.tag, pb.get("class"))
        )

    def dek(text: str) -> bool:
        el = block_of(text)
        if el is None:
            return False
        if el.tag in ("h2", "h3", "h4"):
            return True
        parent = el.getparent()
        classes = " ".join(x.get("class") or "" for x in (el, parent) if x is not None)
        return bool(_DEK_CLASS.search(classes))

    return same, dek


_MARKUP_TAGS = ("meta", "script", "title", "h1", "time", "link")
_ITEMPROPS = etree.XPath(
    "//*[@itemprop='headline' or @itemprop='author' or @itemprop='articleBody']"
)
_REL_AUTHOR = etree.XPath("//*[@rel='author']")


def _page_metadata(tree: lxml_html.HtmlElement, source: str = "") -> dict[str, Any]:
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


def _outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
