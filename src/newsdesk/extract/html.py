"""HTML page -> Article: main text by trafilatura, metadata from the page's own markup.

The metadata is read in ``extract.metadata``; what the markup lacks is filled in
from htmldate's guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import HTML_PARSER as TRAFILATURA_PARSER
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsdesk.extract.asides import outermost, without_asides
from newsdesk.extract.boilerplate import clean_body
from newsdesk.extract.decode import decode
from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import (
    clean_title,
    find_agency,
    find_dateline,
    split_rights,
)
from newsdesk.extract.landmark import landmark_paragraphs
from newsdesk.extract.language import guess_language
from newsdesk.extract.metadata import (
    page_author,
    page_date,
    page_metadata,
    page_outlet,
    page_pictures,
    read_byline,
    split_site_name,
)
from newsdesk.extract.pagetype import ARTICLE
from newsdesk.model import Article, RawDocument

MAX_HTML_CHARS = 5_000_000
MIN_WORDS = 5
"""A page whose main text has fewer words than this holds no article."""


PageTypeGate = Callable[[RawDocument, Article], tuple[str, float]]
_WORDS = re.compile(r"\w+")
RECALL_KEEPS = 0.9
"""The recall pass, or the main landmark, replaces the balanced pass's text only when it
keeps at least this share of its words: it may add what the balanced pass left out, not
trade one block of the page for another."""
LANDMARK_TYPES = frozenset({"listing", "collection", "service", "documentation"})
"""The page types whose main content is the page's main landmark (``landmark``)."""


def extract_html(raw: RawDocument, page_type: PageTypeGate | None = None) -> Article:
    """Extract the article of one HTML page; raises ExtractionError if there is none.

    With a ``page_type`` gate (``pagetype.html_page_type``) the article says what the page
    is, and a page the gate calls an article gets trafilatura's recall focus as well: the
    lists, tables and subheadings of list articles, guides and reports, which its balanced
    focus drops as boilerplate. A listing, collection, service or documentation page
    gets the text of its main landmark instead (``landmark``: the items it lists, which
    an article extractor drops as links), when that holds what the balanced focus found.
    Other pages keep the balanced text: on a forum thread or a product page the landmark
    and the recall focus keep too much furniture. A product page's text leaves out the
    customer reviews the page marks as such, an article's the teaser cards of other
    posts (``asides``).
    """
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
    meta = page_metadata(tree, text)
    prune_widgets(tree, text)
    url = raw.final_url or raw.url
    main_url = meta.get("canonical_url") or url
    # Where the balanced focus finds nothing at all (an article that broken markup nests in
    # a popup's <aside> or the <header>, which it drops whole), the recall focus may not.
    paragraphs = _main_text(tree, meta, main_url) or _main_text(tree, meta, main_url, recall=True)
    article = _article(raw, tree, meta, text, paragraphs, warnings)
    if page_type is None:
        return article
    kind, confidence = page_type(raw, article)
    if kind == ARTICLE:
        wider = _within(_main_text(tree, meta, main_url, recall=True), article.paragraphs)
    elif kind in LANDMARK_TYPES:
        wider = landmark_paragraphs(tree)
    else:
        wider = []
    if _extends(wider, article.text):
        article = _with_text(article, raw, meta, wider)
    if own := without_asides(kind, article.paragraphs, tree):
        article = _with_text(article, raw, meta, own)
    return replace(article, page_type=kind, page_type_confidence=confidence)


def _within(paragraphs: list[str], kept: list[str]) -> list[str]:
    """``paragraphs`` from the first to the last that ``kept`` holds too: the recall
    focus also keeps the furniture around an article (gallery captions, date lines,
    comment prompts); what it adds between the balanced pass's paragraphs is the
    article's own (the items of a list, the subheadings of a guide)."""
    known = set(kept)
    inside = [i for i, p in enumerate(paragraphs) if p in known]
    return paragraphs[inside[0] : inside[-1] + 1] if inside else []


def _extends(paragraphs: list[str], text: str) -> bool:
    """Do ``paragraphs`` hold more words than ``text`` and at least ``RECALL_KEEPS`` of
    its words (counted with repeats)?"""
    found = Counter(_WORDS.findall(" ".join(paragraphs).lower()))
    before = Counter(_WORDS.findall(text.lower()))
    if found.total() <= before.total():
        return False
    return (found & before).total() >= RECALL_KEEPS * before.total()


def _article(
    raw: RawDocument,
    tree: lxml_html.HtmlElement,
    meta: dict[str, Any],
    text: str,
    paragraphs: list[str],
    warnings: list[str],
) -> Article:
    """The Article of a parsed page, given its main text's paragraphs."""
    warnings = list(warnings)
    url = raw.final_url or raw.url
    body = _with_text(Article(url, "", "", fetched_at=raw.fetched_at), raw, meta, paragraphs)
    headline = split_site_name(meta.get("html_title") or "")[0]
    outlet = page_outlet(meta, url)
    title = meta.get("title") or headline or ""
    if not title:
        warnings.append("no title found")
    by_author, by_date = read_byline(tree, meta.get("_h1_node"))
    agency = find_agency(body.paragraphs[0])
    author = page_author(tree, meta, url, outlet, by_author, agency)
    published = page_date(meta, text, url, raw.fetched_at, by_date)
    if published is None:
        warnings.append("no publication date found")
    image_url, icon_url = page_pictures(meta, meta.get("canonical_url") or url)
    return replace(
        body,
        title=clean_title(title, outlet),
        author=author,
        published=published,
        outlet=outlet,
        section=meta.get("section") or raw.feed_category,
        canonical_url=meta.get("canonical_url"),
        warnings=warnings,
        image_url=image_url,
        icon_url=icon_url,
    )


def _with_text(
    article: Article, raw: RawDocument, meta: dict[str, Any], paragraphs: list[str]
) -> Article:
    """``article`` with the main text ``paragraphs`` and what is read from them: the
    rights line, the dateline, the language (when the page does not say) and whether
    the page's subtitle is the text's opening."""
    if not paragraphs:
        raise ExtractionError(f"{raw.url}: no article text found")
    paragraphs, rights = split_rights(paragraphs)
    if len(_WORDS.findall(" ".join(paragraphs))) < MIN_WORDS:
        raise ExtractionError(f"{raw.url}: no article text found")
    subtitle = meta.get("subtitle")
    if subtitle and subtitle.strip() in paragraphs[0]:
        subtitle = None
    return replace(
        article,
        text="\n\n".join(paragraphs),
        subtitle=subtitle,
        dateline=find_dateline(paragraphs[0]),
        language=meta.get("language") or guess_language(" ".join(paragraphs)),
        rights=rights or meta.get("rights"),
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


_INERT = etree.XPath(
    "//script[not(@type='application/ld+json')] | //style | //noscript | //svg | //template"
)
_SIGNUP_FORMS = etree.XPath("//form[.//input[@type='email']]")
_INLINE_CARDS = etree.XPath(
    "//p//span[.//img][count(.//a) > 1][not(.//span[.//img][count(.//a) > 1])]"
)
# A consent manager's dialog, by the id or class its vendor gives it: OneTrust
# ("onetrust-consent-sdk"), "eu-cookie-compliance", "gdpr-overlay", "privacy-cmp-banner",
# "cookiePrefPopup", Didomi, Cookiebot, Usercentrics, Quantcast's "qc-cmp2"; with the words
# such a dialog says (a recipe card named "cookie-recipe" does not ask for consent).
_CONSENT_MARK = re.compile(
    r"cookie|consent|onetrust|gdpr|didomi|usercentrics|truste|(?:^|[-_\s])cmp(?:\d|[-_\s]|$)",
    re.I,
)
_CONSENT_WORDS = re.compile(r"\b(?:cookies?|consent|privacy)\b", re.I)
_MARKED = etree.XPath(
    "//body//*[self::div or self::section or self::aside or self::dialog or self::form]"
    "[@id or @class]"
)
_HOLDS_CONTENT = etree.XPath(".//article | .//main | .//h1 | .//*[@itemprop='articleBody']")


def prune_widgets(tree: lxml_html.HtmlElement, source: str = "") -> None:
    """Remove page widgets that sit inside the article's container, before extraction.

    - scripts, styles and inline SVG (JSON-LD excepted);
    - a sign-up box: the smallest container around an e-mail form, with its pitch
      ("The five stories that matter, every weekday. Free.");
    - an inline card inside a paragraph (a hover card on a name, with a photo and
      links to other stories), keeping the text around it;
    - a cookie-consent dialog (``_consent_dialogs``), which a page carries as markup
      even while it is hidden.
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
    for dialog in _consent_dialogs(tree):
        _drop_keep_tail(dialog)


def _consent_dialogs(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost blocks a consent manager names as its own (``_CONSENT_MARK``) that
    speak of cookies, consent or privacy and hold no article (no ``<article>``,
    ``<main>``, ``<h1>`` or marked article body inside): the cookie banner and its
    settings pages, hundreds of words of vendor lists that no extractor is told about."""

    def consent(el: lxml_html.HtmlElement) -> bool:
        marks = f"{el.get('id') or ''} {el.get('class') or ''}"
        if not _CONSENT_MARK.search(marks) or _HOLDS_CONTENT(el):
            return False
        return bool(_CONSENT_WORDS.search(el.text_content()))

    return outermost(_MARKED(tree), consent)


def _drop_keep_tail(element: lxml_html.HtmlElement) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def _main_text(
    tree: lxml_html.HtmlElement, meta: dict[str, Any], url: str, recall: bool = False
) -> list[str]:
    """The article's paragraphs: trafilatura's main content (``recall``: with its recall
    focus), then the boilerplate rules."""
    container_text = None
    if meta.get("_containers") == "1":
        container_text = tree.xpath('//*[@itemprop="articleBody"]')[0].text_content()
    link_share = _link_share(tree)
    doc = _trafilatura_body(tree, url, fast=True, recall=recall)
    menu = _menu(doc, link_share)
    if menu or _unsure(doc, tree):
        full = _trafilatura_body(tree, url, fast=False, recall=recall)
        kept = (doc.raw_text or "") if doc is not None else ""
        if full is not None and (
            len(full.raw_text or "") > len(kept) or (menu and not _menu(full, link_share))
        ):
            doc = full
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
        link_share,
        meta.get("alt_headline"),
        looks_like_dek,
    )
    text = xmltotxt(doc.body, include_formatting=False)
    return [p.strip() for p in text.split("\n") if p.strip()]


FULL_PASS_SHARE = 0.4
"""When the fast pass keeps less than this share of the page's text, the full pass runs."""


def _trafilatura_body(tree: lxml_html.HtmlElement, url: str, fast: bool, recall: bool) -> Any:
    """trafilatura's main content of the page (its ``Document``, or None): the fast pass,
    or the full one that compares it with its fallback extractors (readability, jusText)
    and takes the better-supported body; ``recall``: with its ``favor_recall`` focus.
    trafilatura copies the tree it is given."""
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_recall=recall,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        output_format="txt",  # the text is made after the boilerplate rules
    )


_ARTICLE_BODIES = etree.XPath('//*[@itemprop="articleBody"]')
MENU_SHARE = 0.6
"""A pass whose text is at least this share of the page's link texts kept a menu."""


def _menu(doc: Any, link_share: Callable[[str], float]) -> bool:
    """Did a pass keep a menu rather than an article? True when most of its text (at
    least ``MENU_SHARE``, line by line) is the page's own link texts: the navigation of
    a site whose article trafilatura's fast pass missed for its long menu."""
    if doc is None or doc.body is None:
        return False
    lines = xmltotxt(doc.body, include_formatting=False).split("\n")
    blocks = [" ".join(line.split()) for line in lines]
    total = sum(map(len, blocks))
    return total > 0 and sum(len(b) * link_share(b) for b in blocks) >= MENU_SHARE * total


def _unsure(doc: Any, tree: lxml_html.HtmlElement) -> bool:
    """Does the fast pass look like a fragment? True when it found nothing, or kept less
    than ``FULL_PASS_SHARE`` of the text in the page's ``<body>`` (a live blog or long
    read cut after its first block, a page whose container it missed), unless it holds
    most of the article body the page marks up itself (``itemprop="articleBody"``): then
    the rest of the page is furniture."""
    if doc is None or doc.body is None:
        return True
    kept = len(" ".join((doc.raw_text or "").split()))
    body = tree.find("body")
    page = len(" ".join((body if body is not None else tree).text_content().split()))
    if kept >= FULL_PASS_SHARE * page:
        return False
    marked = [len(" ".join(el.text_content().split())) for el in _ARTICLE_BODIES(tree)]
    return not (marked and kept >= 0.8 * max(marked))


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
