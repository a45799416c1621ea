"""What kind of page this is: an article, or one of the kinds that are not news.

A news pipeline must not store a shop's product page, a forum thread, a sign-in wall or
a crawl notice as an article: each one would open a story of its own, or split a real
one, and get quoted in its summary. Two gates, both general (no per-site rules):

- ``html_page_type(raw, article)`` reads the page's markup: schema.org types, link
  density, repeated teaser blocks, prices and carts, post markup, code and navigation,
  password fields, calls to action, how much of the text is prose, dates and bylines,
  the shape of the headline and of the URL. A logistic regression over those features
  says article or not, and a multinomial one which kind of non-article (their weights
  in ``pagetype_weights.json``, fitted offline by ``bench/extraction_pagetype.py --train``
  on the tune half of the WCXB-dev domains).
- ``text_page_type(text)`` reads plain text alone (text renders, Multi-News documents):
  crawl and archive notices, social-media furniture ("Tweet with a location"), sign-in,
  cookie and JavaScript walls, error pages, and text that is not prose at all.

Both return ``(page_type, confidence)`` with ``page_type`` in ``PAGE_TYPES``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from lxml import etree

from newsdesk.extract.decode import decode
from newsdesk.model import Article, RawDocument

ARTICLE = "article"
ERROR = "error"
PAGE_TYPES = (
    ARTICLE,
    "listing",
    "product",
    "service",
    "forum",
    "documentation",
    "collection",
    ERROR,
)
"""``error`` covers error, sign-in, crawl-notice and social-furniture pages."""

# --- text gate -------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"""
    \b(?:internet\ archive|wayback\ machine|archive-it|warc\ files?|web\ (?:captures|crawls?)
      |(?:this|the)\ crawl\b|crawl\ (?:data|of)\b|seed\ (?:for|list)\b|\bcrawls?\ (?:are|was|were)\b
      |tweet\ with\ a\ location|location\ (?:information\ )?to\ your\ tweets
      |tweet\ location\ history|(?:sign|log)\ (?:in|up)\ (?:to|for|with)
      |create\ an?\ (?:free\ )?account|forgot\ (?:your\ )?password
      |(?:enable|turn\ on|requires?)\ javascript|javascript\ (?:is\ )?(?:disabled|required)
      |(?:we\ )?use\ cookies|cookie\ (?:policy|settings|preferences)|accept\ (?:all\ )?cookies
      |page\ (?:was\ )?not\ (?:be\ )?found|\b404\b|access\ denied|an\ error\ (?:has\ )?occurred
      |(?:is|are)\ (?:no\ longer|not)\ available|has\ been\ (?:removed|deleted)
      |you\ are\ being\ redirected
      |(?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the)\ [\w\ ]{0,30}(?:newsletter|emails?|alerts)
      |join\ our\ mailing\ list|breaking\ news\ (?:emails|alerts)|get\ breaking\ news\ alerts
      |join\ us\ on\ (?:facebook|twitter)|like\ us\ on\ facebook|follow\ us\ on
      |verify\ (?:you\ are|that\ you\ are)\ (?:a\ )?human|are\ you\ a\ robot|captcha
      |your\ browser\ (?:is\ )?(?:out\ of\ date|not\ supported)|learn\ more$)
    """,
    re.I | re.X | re.M,
)
_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_WORD = re.compile(r"\w+")


def _prose_share(text: str) -> float:
    """The share of words in sentence-like runs: 6+ words ending in sentence punctuation."""
    total = prose = 0
    for sentence in _SENTENCES.findall(text):
        words = len(_WORD.findall(sentence))
        total += words
        if words >= 6 and sentence.rstrip()[-1:] in ".!?\"'”’)":
            prose += words
    return prose / total if total else 0.0


def furniture_share(text: str) -> float:
    """The share of the text's words in sentences that are site furniture, not news.

    Furniture: crawl and archive notices, social-media and sign-in prompts, cookie and
    JavaScript walls, error messages, newsletter pitches.
    """
    total = furniture = 0
    for sentence in _SENTENCES.findall(text):
        words = len(_WORD.findall(sentence))
        total += words
        if 0 < words <= 80 and _FURNITURE.search(sentence):
            furniture += words
    return furniture / total if total else 0.0


def text_page_type(text: str) -> tuple[str, float]:
    """``(page_type, confidence)`` for plain text: ``article`` or ``error`` or ``listing``.

    ``error`` when most of the text is furniture (a crawl notice, "Tweet with a
    location", a sign-in or cookie wall, an error message); ``listing`` when the text
    is long enough to judge and almost none of it is prose (a menu or a list of links
    printed as text). Anything else is taken as an article: plain text carries too
    little to tell a forum or a product page from news.
    """
    words = len(_WORD.findall(text))
    if not words:
        return ERROR, 1.0
    furniture = furniture_share(text)
    if furniture >= 0.5 or (furniture >= 0.3 and words < 120):
        return ERROR, round(min(1.0, 0.5 + furniture / 2), 3)
    prose = _prose_share(text)
    if words >= 150 and prose < 0.1:
        return "listing", round(0.6 + (0.1 - prose) * 3, 3)
    return ARTICLE, round(max(0.5, 1.0 - furniture), 3)


# --- HTML features -----------------------------------------------------------------------

_INERT = {"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,]*(?:\.\d\d)?|\d[\d,.]*\s?(?:€|EUR|USD|GBP)\b)")
_CART = re.compile(
    r"""\b(?:add\ to\ (?:cart|bag|basket|wishlist)|buy\ (?:it\ )?now|in\ stock|out\ of\ stock
    |sold\ out|free\ shipping|checkout|quantity|size\ guide|select\ (?:a\ )?size)\b""",
    re.I | re.X,
)
_FORUM_TEXT = re.compile(
    r"\b(?:reply|replies|quote|joined|posts:|upvote|votes?|answered|asked|views|"
    r"likes?|solved|thread|members?|moderator|original\ poster|op)\b",
    re.I | re.X,
)
_SERVICE_TEXT = re.compile(
    r"\b(?:contact\ us|get\ (?:a|your)\ (?:free\ )?(?:quote|estimate)|book\ (?:now|a|an|your)|"
    r"schedule\ (?:a|an|your)|free\ consultation|request\ (?:a|an)\ |call\ (?:us|now|today)|"
    r"enroll|apply\ now|our\ (?:services|team|clients)|pricing|get\ started|sign\ up"
    r"|testimonials?)\b",
    re.I | re.X,
)
_PHONE = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\+\d{1,3}[ \d]{8,14}\b")
_CLASS_TOKEN = re.compile(r"[a-z]+")
_FORUM_CLASS = frozenset(
    "post posts thread topic reply replies forum message answer answers question comment "
    "comments discussion vote votes avatar username poster signature quote".split()
)
_DOC_CLASS = frozenset(
    "docs doc documentation toc toctree api reference manual sphinx gitbook mkdocs "
    "docusaurus sidebar highlight admonition chapter breadcrumb breadcrumbs headerlink "
    "sourcecode wiki".split()
)
_PRODUCT_CLASS = frozenset(
    "product price cart sku variant swatch quantity qty checkout buy shop rating reviews "
    "stock add".split()
)
_LISTING_CLASS = frozenset(
    "card cards teaser tile tiles grid item items list listing results result feed archive "
    "pagination pager collection category filter filters facet sort".split()
)
_ARTICLE_CLASS = frozenset(
    "article byline author entry story published dateline blog share related tags headline "
    "kicker lede".split()
)

_JSONLD_ARTICLE = frozenset(
    "article newsarticle blogposting reportagenewsarticle report analysisnewsarticle "
    "opinionnewsarticle socialmediaposting liveblogposting scholarlyarticle posting "
    "backgroundnewsarticle".split()
)
_JSONLD = {
    "product": {"product", "offer", "aggregateoffer", "productgroup", "individualproduct"},
    "forum": {"discussionforumposting", "qapage", "question", "answer", "comment"},
    "documentation": {"techarticle", "apireference", "softwaresourcecode", "howto"},
    "listing": {"itemlist", "collectionpage", "searchresultspage", "offercatalog"},
    "service": {
        "service",
        "localbusiness",
        "organization",
        "course",
        "event",
        "faqpage",
        "educationalorganization",
        "professionalservice",
        "aboutpage",
        "contactpage",
    },
}
_URL_SHAPES = {
    "forum": re.compile(
        r"(?:^|[/.])(?:t|threads?|topics?|forums?|questions|community|discuss"
        r"|discussions?|boards?|viewtopic|showthread)(?:[/.]|$)"
    ),
    "documentation": re.compile(
        r"(?:^|[/.])(?:docs?|api|reference|manual|guide|guides|wiki"
        r"|tutorials?|latest|stable|readthedocs|help|kb|handbook)(?:[/.]|$)"
    ),
    "product": re.compile(r"(?:^|/)(?:products?|p|dp|item|items|shop|store)(?:/|$)"),
    "listing": re.compile(
        r"(?:^|/)(?:collections?|category|categories|tags?|topics|news|blog"
        r"|search|page|archives?|all|index)(?:/|\.|$)"
    ),
    "service": re.compile(
        r"(?:^|/)(?:services?|pricing|plans|about|contact|programs?|courses?"
        r"|solutions|careers|admissions|tuition|features)(?:/|$)"
    ),
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_TEXT = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d)\b",
    re.I,
)
_READ_TIME = re.compile(
    r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b|\bupdated\b|\bpublished\b", re.I
)
_TITLE_ARTICLE = re.compile(
    r"^(?:how|what|why|when|where|who|which|is|are|can|should|do|does|\d+|top\ \d+|the\ best"
    r"|best)\b"
    r"|\b(?:guide|tips|ways|ideas|trends|explained|lessons|reasons|steps|vs\.?|says?|said)\b|[?:]",
    re.I | re.X,
)
_TITLE_SERVICE = re.compile(
    r"\b(?:services?|solutions|consult(?:ing|ants?)|company|agency|software|pricing|plans|courses?"
    r"|programs?|tutors?|tutoring|lawyers?|attorneys?|contractors?|near\ me|hire|rentals?|classes"
    r"|training|certificat(?:e|ion)s?|degrees?|shop|store|official\ site|home\ page|homepage)\b",
    re.I | re.X,
)
_CTA = re.compile(
    r"\s*(?:get\ (?:started|a\ quote|in\ touch)|book|schedule|contact|request|sign\ up|buy|apply"
    r"|enroll|register|start\ (?:your|a|free)|try\ (?:it\ )?(?:free|now)|free\ trial|call|shop"
    r"|order"
    r"|subscribe|join|download|learn\ more|get\ (?:your|a|the))\b",
    re.I | re.X,
)
SAMPLE_CHARS = 100_000
MAX_PAGE_BYTES = 3_000_000
"""The gate reads at most this much of a page: the signals it weighs sit in the first MBs."""

_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?|[-/](?:19|20)\d\d[01]\d[0-3]\d")

FEATURES = tuple(
    "ld_article ld_product ld_forum ld_documentation ld_listing ld_service og_article "
    "og_product meta_published time_tags byline_markup link_density teaser_run teaser_items "
    "linked_headings headings price_count cart_words forum_class doc_class product_class "
    "listing_class article_class forum_words service_words phones pre_code nav_links forms "
    "inputs password buttons article_tags page_words p_share body_words body_share "
    "body_prose body_paragraphs body_sentence_len has_author has_date url_depth "
    "url_slug_words url_date url_root url_forum url_documentation url_product url_listing "
    "url_service furniture h1_count long_paragraphs p_run body_teasers title_in_url "
    "date_text body_short_lines read_time title_article title_service cta_links "
    "headline_links".split()
)


def _log(value: float) -> float:
    return math.log1p(max(0.0, value))


def _jsonld_types(tree: etree._Element) -> set[str]:
    """Every schema.org @type named in the page's JSON-LD, lower case."""
    found: set[str] = set()
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # malformed, or nested past the parser's depth
            continue
        stack, seen = [data], 0
        while stack and seen < 2000:
            item, seen = stack.pop(), seen + 1
            if isinstance(item, dict):
                kind = item.get("@type")
                for name in kind if isinstance(kind, list) else [kind]:
                    if isinstance(name, str):
                        found.add(name.rsplit("/", 1)[-1].lower())
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _teasers(tree: etree._Element) -> tuple[int, int]:
    """(longest run, all items) of sibling blocks alike in tag and class that each hold
    a link and a heading or an image: the cards of a listing or a shop's grid."""
    longest = total = 0
    for parent in tree.iter():
        if not isinstance(parent.tag, str) or len(parent) < 3:
            continue
        groups: Counter[tuple[str, str]] = Counter()
        for child in parent:
            if not isinstance(child.tag, str) or child.tag in _INERT:
                continue
            if child.find(".//a") is None and child.tag != "a":
                continue
            if not any(True for _ in child.iter("img", "h2", "h3", "h4", "h5", "picture")):
                continue
            groups[(child.tag, child.get("class") or "")] += 1
        for count in groups.values():
            if count >= 3:
                longest = max(longest, count)
                total += count
    return longest, total


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _paragraph_run(tree: etree._Element, words: dict[etree._Element, int]) -> int:
    """The longest run of sibling paragraphs of 20+ words (``words`` per paragraph): an
    article's body."""
    longest = 0
    for parent in tree.iter():
        run = 0
        for child in parent:
            if child.tag == "p" and words[child] >= 20:
                run += 1
                longest = max(longest, run)
            elif child.tag not in ("figure", "blockquote", "h2", "h3", "ul", "ol", "img", "div"):
                run = 0
    return longest


def page_features(
    tree: etree._Element,
    body: str,
    url: str,
    title: str = "",
    author: bool = False,
    date: bool = False,
) -> dict[str, float]:
    """The features the HTML gate weighs, from the parsed page, its extracted body text,
    its URL and title, and whether an author and a date were found."""
    types = _jsonld_types(tree)
    metas = {
        (m.get("property") or m.get("name") or "").lower(): (m.get("content") or "").lower()
        for m in tree.iter("meta")
    }
    etree.strip_elements(tree, "script", "style", "noscript", "template", "svg", with_tail=False)
    body_node = tree.find(".//body")
    tree = body_node if body_node is not None else tree
    page_text = _text(tree)
    page_chars = max(1, len(page_text))
    page_words = page_text.count(" ") + 1 if page_text else 0
    sample = page_text[:SAMPLE_CHARS]  # the phrase counts read the first part of a huge page
    sample_words = max(1, sample.count(" ") + 1)
    linked = headline_links = cta = 0
    anchors: set[str] = set()
    p_words: dict[etree._Element, int] = {}
    classes: Counter[str] = Counter()
    # an element counts once per token; the same class string recurs on many elements
    for value, count in Counter(tree.xpath("//@class | //@id")).items():
        for token in set(_CLASS_TOKEN.findall(value.lower())):
            classes[token] += count
    tags: Counter[str] = Counter()
    headings = linked_headings = inputs = password = 0
    p_chars = 0
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag
        tags[tag] += 1
        if tag in ("a", "button"):
            text = _text(node)
            linked += len(text) if tag == "a" else 0
            if text.count(" ") >= 2:
                anchors.add(_norm(text))
            headline_links += tag == "a" and text.count(" ") >= 4
            cta += len(text) < 40 and bool(_CTA.match(text))
        elif tag in _HEADINGS:
            headings += 1
            if node.find(".//a") is not None or any(a.tag == "a" for a in node.iterancestors()):
                linked_headings += 1
        elif tag == "p":
            text = _text(node)
            p_chars += len(text)
            p_words[node] = text.count(" ") + 1 if text else 0
        elif tag in ("input", "select", "textarea"):
            kind = (node.get("type") or "text").lower()
            password += kind == "password"
            inputs += kind not in ("hidden", "submit", "button")
    elements = max(1, sum(tags.values()))

    def share(vocab: set[str]) -> float:
        return _log(1000 * sum(classes[t] for t in vocab) / elements)

    longest, items = _teasers(tree)
    body_words = len(_WORD.findall(body))
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", body)))
    parts = urlsplit(url)
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    last = re.sub(r"\.\w{2,5}$", "", segments[-1]) if segments else ""
    host_path = f"{parts.netloc.lower()}{path}"
    lines = [line for line in body.splitlines() if line.strip()]
    title_words = set(_WORD.findall(title.lower()))
    slug_words = set(re.findall(r"[a-z]+|\d+", last))
    head_text = body[:600] + " " + page_text[:1500]
    features = {
        "long_paragraphs": _log(sum(1 for n in p_words.values() if n >= 40)),
        "p_run": _log(_paragraph_run(tree, p_words)),
        "body_teasers": sum(1 for p in paragraphs if _norm(p) in anchors) / max(1, len(paragraphs)),
        "title_in_url": len(title_words & slug_words) / max(1, len(slug_words)),
        "date_text": float(bool(_DATE_TEXT.search(head_text))),
        "body_short_lines": sum(1 for line in lines if len(line.split()) < 8) / max(1, len(lines)),
        "read_time": float(bool(_READ_TIME.search(sample))),
        "title_article": float(bool(_TITLE_ARTICLE.search(title))),
        "title_service": float(bool(_TITLE_SERVICE.search(title))),
        "cta_links": _log(cta),
        "headline_links": _log(headline_links),
        "ld_article": float(bool(types & _JSONLD_ARTICLE)),
        **{f"ld_{kind}": float(bool(types & names)) for kind, names in _JSONLD.items()},
        "og_article": float(metas.get("og:type", "") == "article"),
        "og_product": float("product" in metas.get("og:type", "")),
        "meta_published": float(
            any(
                k in metas
                for k in (
                    "article:published_time",
                    "datepublished",
                    "pubdate",
                    "publish-date",
                    "date",
                    "parsely-pub-date",
                    "sailthru.date",
                    "dc.date",
                    "dcterms.date",
                )
            )
        ),
        "time_tags": _log(tags["time"]),
        "byline_markup": float(any(classes[t] for t in ("byline", "author"))),
        "link_density": linked / page_chars,
        "teaser_run": _log(longest),
        "teaser_items": _log(items),
        "linked_headings": linked_headings / max(1, headings),
        "headings": _log(headings),
        "price_count": _log(len(_PRICE.findall(sample))),
        "cart_words": _log(len(_CART.findall(sample))),
        "forum_class": share(_FORUM_CLASS),
        "doc_class": share(_DOC_CLASS),
        "product_class": share(_PRODUCT_CLASS),
        "listing_class": share(_LISTING_CLASS),
        "article_class": share(_ARTICLE_CLASS),
        "forum_words": _log(1000 * len(_FORUM_TEXT.findall(sample)) / sample_words),
        "service_words": _log(1000 * len(_SERVICE_TEXT.findall(sample)) / sample_words),
        "phones": _log(len(_PHONE.findall(sample))),
        "pre_code": _log(tags["pre"] + tags["code"]),
        "nav_links": _log(sum(len(n.findall(".//a")) for n in tree.iter("nav", "aside"))),
        "forms": _log(tags["form"]),
        "inputs": _log(inputs),
        "password": float(password > 0),
        "buttons": _log(tags["button"]),
        "article_tags": _log(tags["article"]),
        "page_words": _log(page_words),
        "p_share": p_chars / page_chars,
        "body_words": _log(body_words),
        "body_share": min(1.0, body_words / max(1, page_words)),
        "body_prose": _prose_share(body),
        "body_paragraphs": _log(len(paragraphs)),
        "body_sentence_len": _log(body_words / sentences),
        "has_author": float(author),
        "has_date": float(date),
        "url_depth": min(len(segments), 6) / 6,
        "url_slug_words": min(len(re.findall(r"[a-z]+", last)), 12) / 12
        if re.search(r"[a-z]+-[a-z]+", last)
        else 0.0,
        "url_date": float(bool(_DATE_IN_PATH.search(path))),
        "url_root": float(not segments),
        **{
            f"url_{kind}": float(bool(shape.search(host_path)))
            for kind, shape in _URL_SHAPES.items()
        },
        "furniture": furniture_share(body),
        "h1_count": _log(tags["h1"]),
    }
    return features


_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")


def parse_page(html: str) -> etree._Element | None:
    """The page parsed for the gate: plain lxml elements (cheaper than lxml.html's), no
    comments or processing instructions."""
    try:
        return etree.fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None


def html_features(raw: RawDocument, article: Article) -> dict[str, float] | None:
    """The gate's features for one HTML page and the article extracted from it
    (None when the page does not parse)."""
    text, _encoding, _warnings = decode(
        raw.content[:MAX_PAGE_BYTES], raw.headers.get("content-type")
    )
    tree = parse_page(text)
    if tree is None:
        return None
    url = raw.final_url or raw.url
    return page_features(
        tree, article.text, url, article.title, bool(article.author), article.published is not None
    )


def html_page_type(raw: RawDocument, article: Article) -> tuple[str, float]:
    """``(page_type, confidence)`` for an HTML page and the article extracted from it.

    The text gate speaks first (a crawl notice or a sign-in wall is furniture whatever its
    markup); then the article model says article or not, and the kinds model which kind of
    non-article. The confidence is the probability of the article / not-article verdict.
    """
    by_text = text_page_type(article.text)
    if by_text[0] == ERROR:
        return by_text
    features = html_features(raw, article)
    return by_text if features is None else features_page_type(features, by_text)


def features_page_type(
    features: dict[str, float], by_text: tuple[str, float], threshold: float | None = None
) -> tuple[str, float]:
    """``(page_type, confidence)`` from the gate's ``features`` of an HTML page and the text
    gate's verdict ``by_text`` on its body: an article when the article model gives it at
    least ``threshold`` (default ``ARTICLE_THRESHOLD``), else the likeliest other kind."""
    x = np.array([features[name] for name in FEATURES])
    (bias, weights), kinds = _weights()
    p_article = 1.0 / (1.0 + math.exp(-(bias + float(np.dot(weights, x)))))
    if p_article >= (ARTICLE_THRESHOLD if threshold is None else threshold):
        return ARTICLE, round(p_article, 3)
    if features["page_words"] < _log(SMALL_PAGE_WORDS) and not any(
        features[name] for name in _EVIDENCE
    ):
        return by_text  # too little page to judge by its markup, and nothing says otherwise
    logits = np.array([b + float(np.dot(w, x)) for b, w in kinds.values()])
    kind = list(kinds)[int(logits.argmax())]
    if features["password"] and features["body_words"] < _log(150):
        kind = ERROR  # a sign-in wall
    return kind, round(1.0 - p_article, 3)


ARTICLE_THRESHOLD = 0.5
"""An HTML page is an article when the article model gives it at least this probability."""
SMALL_PAGE_WORDS = 150
"""A page with fewer words than this (a hand-made page, a feed item's content) is judged by
its text unless its markup says outright that it is something else (``_EVIDENCE``)."""
_EVIDENCE = (
    *(f"ld_{kind}" for kind in _JSONLD),
    *(f"url_{kind}" for kind in _URL_SHAPES),
    "og_product",
    "price_count",
    "cart_words",
    "password",
    "teaser_run",
)

WEIGHTS = Path(__file__).with_name("pagetype_weights.json")
"""The gate's fitted weights, written by ``bench/extraction_pagetype.py --train`` (fitted on
the tune half of WCXB-dev's domains): over ``FEATURES`` in order, the (bias, weights) of a
logistic regression for "article", and of a multinomial one naming the kind of a page that
is not an article."""


@cache
def _weights() -> tuple[tuple[float, np.ndarray], dict[str, tuple[float, np.ndarray]]]:
    """``(article, kinds)`` from ``WEIGHTS``, read once: ``article`` is (bias, weights),
    ``kinds`` maps each non-article kind to its (bias, weights)."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS}: fitted over other features than FEATURES; rerun --train")

    def model(entry: dict) -> tuple[float, np.ndarray]:
        return float(entry["bias"]), np.array(entry["weights"], dtype=float)

    return model(data["article"]), {kind: model(e) for kind, e in data["kinds"].items()}
