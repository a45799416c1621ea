"""What kind of page this is: an article, or one of the kinds that are not news.

A news pipeline must not store a shop's product page, a forum thread, a sign-in wall or
a crawl notice as an article: each one would open a story of its own, or split a real
one, and get quoted in its summary. Two gates, both general (no per-site rules):

- ``html_page_type(html, article, url)`` reads the page's markup: schema.org types,
  link density, repeated teaser blocks, prices and carts, post markup, code and
  navigation, password fields, how much of the text is prose, dates and bylines, and
  the shape of the URL. A multinomial logistic regression over those features (its
  weights below, trained offline by ``bench/extraction_pagetype.py --train`` on the
  tune half of the WCXB-dev domains) names the kind.
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
from urllib.parse import urlsplit

import numpy as np
from lxml import etree
from lxml import html as lxml_html

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
    """The share of words in sentence-like lines: 8+ words ending in sentence punctuation."""
    total = prose = 0
    for line in text.splitlines():
        words = len(_WORD.findall(line))
        total += words
        if words >= 8 and line.rstrip().endswith((".", "!", "?", '"', "”", "’", ")", ":")):
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
        if words and _FURNITURE.search(sentence.strip()):
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
    if words >= 150 and prose < 0.15:
        return "listing", round(0.6 + (0.15 - prose) * 2, 3)
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
_FORUM_CLASS = {
    "post",
    "posts",
    "thread",
    "topic",
    "reply",
    "replies",
    "forum",
    "message",
    "answer",
    "answers",
    "question",
    "comment",
    "comments",
    "discussion",
    "vote",
    "votes",
    "avatar",
    "username",
    "poster",
    "signature",
    "quote",
}
_DOC_CLASS = {
    "docs",
    "doc",
    "documentation",
    "toc",
    "toctree",
    "api",
    "reference",
    "manual",
    "sphinx",
    "gitbook",
    "mkdocs",
    "docusaurus",
    "sidebar",
    "highlight",
    "admonition",
    "chapter",
    "breadcrumb",
    "breadcrumbs",
    "headerlink",
    "sourcecode",
    "wiki",
}
_PRODUCT_CLASS = {
    "product",
    "price",
    "cart",
    "sku",
    "variant",
    "swatch",
    "quantity",
    "qty",
    "checkout",
    "buy",
    "shop",
    "rating",
    "reviews",
    "stock",
    "add",
}
_LISTING_CLASS = {
    "card",
    "cards",
    "teaser",
    "tile",
    "tiles",
    "grid",
    "item",
    "items",
    "list",
    "listing",
    "results",
    "result",
    "feed",
    "archive",
    "pagination",
    "pager",
    "collection",
    "category",
    "filter",
    "filters",
    "facet",
    "sort",
}
_ARTICLE_CLASS = {
    "article",
    "byline",
    "author",
    "entry",
    "story",
    "published",
    "dateline",
    "blog",
    "share",
    "related",
    "tags",
    "headline",
    "kicker",
    "lede",
}

_JSONLD_ARTICLE = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "report",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "socialmediaposting",
    "liveblogposting",
    "scholarlyarticle",
    "posting",
    "backgroundnewsarticle",
}
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
        r"|solutions|careers|admissions|tuition|features)(?:/|$|-)"
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
MAX_PAGE_BYTES = 3_000_000
"""The gate reads at most this much of a page: the signals it weighs sit in the first MBs."""

_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?|[-/](?:19|20)\d\d[01]\d[0-3]\d")

FEATURES = (
    "ld_article",
    "ld_product",
    "ld_forum",
    "ld_documentation",
    "ld_listing",
    "ld_service",
    "og_article",
    "og_product",
    "meta_published",
    "time_tags",
    "byline_markup",
    "link_density",
    "teaser_run",
    "teaser_items",
    "linked_headings",
    "headings",
    "price_count",
    "cart_words",
    "forum_class",
    "doc_class",
    "product_class",
    "listing_class",
    "article_class",
    "forum_words",
    "service_words",
    "phones",
    "pre_code",
    "nav_links",
    "forms",
    "inputs",
    "password",
    "buttons",
    "article_tags",
    "page_words",
    "p_share",
    "body_words",
    "body_share",
    "body_prose",
    "body_paragraphs",
    "body_sentence_len",
    "has_author",
    "has_date",
    "url_depth",
    "url_slug_words",
    "url_date",
    "url_root",
    "url_forum",
    "url_documentation",
    "url_product",
    "url_listing",
    "url_service",
    "furniture",
    "h1_count",
    "long_paragraphs",
    "p_run",
    "body_teasers",
    "title_in_url",
    "date_text",
    "body_short_lines",
    "read_time",
)


def _log(value: float) -> float:
    return math.log1p(max(0.0, value))


def _jsonld_types(tree: lxml_html.HtmlElement) -> set[str]:
    """Every schema.org @type named in the page's JSON-LD, lower case."""
    found: set[str] = set()
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
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


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _teasers(tree: lxml_html.HtmlElement) -> tuple[int, int]:
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


def _paragraph_run(tree: lxml_html.HtmlElement) -> int:
    """The longest run of sibling paragraphs of 20+ words: an article's body."""
    longest = 0
    for parent in tree.iter():
        run = 0
        for child in parent:
            if child.tag == "p" and len(_text(child).split()) >= 20:
                run += 1
                longest = max(longest, run)
            elif child.tag not in ("figure", "blockquote", "h2", "h3", "ul", "ol", "img", "div"):
                run = 0
    return longest


def page_features(
    tree: lxml_html.HtmlElement,
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
    for node in list(tree.iter("script", "style", "noscript", "template", "svg")):
        if node.getparent() is not None:
            node.drop_tree()
    body_node = tree.find(".//body")
    tree = body_node if body_node is not None else tree
    page_text = _text(tree)
    page_chars = max(1, len(page_text))
    page_words = len(_WORD.findall(page_text))
    linked = 0
    classes: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    headings = linked_headings = inputs = password = 0
    p_chars = 0
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag
        tags[tag] += 1
        if tag == "a":
            linked += len(_text(node))
        elif tag in _HEADINGS:
            headings += 1
            if node.find(".//a") is not None or any(a.tag == "a" for a in node.iterancestors()):
                linked_headings += 1
        elif tag == "p":
            p_chars += len(_text(node))
        elif tag in ("input", "select", "textarea"):
            kind = (node.get("type") or "text").lower()
            password += kind == "password"
            inputs += kind not in ("hidden", "submit", "button")
        for token in set(
            _CLASS_TOKEN.findall(
                f"{node.get('class') or ''} {node.get('id') or ''}".lower().replace("_", "-")
            )
        ):
            classes[token] += 1
    elements = max(1, sum(tags.values()))
    anchors = {_norm(_text(a)) for a in tree.iter("a")}
    anchors = {a for a in anchors if a.count(" ") >= 2}

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
        "long_paragraphs": _log(sum(1 for p in tree.iter("p") if len(_text(p).split()) >= 40)),
        "p_run": _log(_paragraph_run(tree)),
        "body_teasers": sum(1 for p in paragraphs if _norm(p) in anchors) / max(1, len(paragraphs)),
        "title_in_url": len(title_words & slug_words) / max(1, len(slug_words)),
        "date_text": float(bool(_DATE_TEXT.search(head_text))),
        "body_short_lines": sum(1 for line in lines if len(line.split()) < 8) / max(1, len(lines)),
        "read_time": float(bool(_READ_TIME.search(page_text))),
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
        "price_count": _log(len(_PRICE.findall(page_text))),
        "cart_words": _log(len(_CART.findall(page_text))),
        "forum_class": share(_FORUM_CLASS),
        "doc_class": share(_DOC_CLASS),
        "product_class": share(_PRODUCT_CLASS),
        "listing_class": share(_LISTING_CLASS),
        "article_class": share(_ARTICLE_CLASS),
        "forum_words": _log(1000 * len(_FORUM_TEXT.findall(page_text)) / max(1, page_words)),
        "service_words": _log(1000 * len(_SERVICE_TEXT.findall(page_text)) / max(1, page_words)),
        "phones": _log(len(_PHONE.findall(page_text))),
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


def parse_page(html: str) -> lxml_html.HtmlElement | None:
    """The page parsed for the gate (comments and processing instructions dropped)."""
    try:
        tree = lxml_html.document_fromstring(
            html.encode("utf-8", "replace"),
            parser=lxml_html.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8"),
        )
    except (etree.ParserError, ValueError):
        return None
    return tree


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
    markup); then ``_ARTICLE`` says article or not, and ``_KINDS`` which kind of non-article.
    The confidence is the probability of the article / not-article verdict.
    """
    by_text = text_page_type(article.text)
    if by_text[0] == ERROR:
        return by_text
    features = html_features(raw, article)
    if features is None:
        return by_text
    x = np.array([features[name] for name in FEATURES])
    bias, weights = _ARTICLE
    p_article = 1.0 / (1.0 + math.exp(-(bias + float(np.dot(weights, x)))))
    if p_article >= ARTICLE_THRESHOLD:
        return ARTICLE, round(p_article, 3)
    if features["page_words"] < _log(SMALL_PAGE_WORDS) and not any(
        features[name] for name in _EVIDENCE
    ):
        return by_text  # too little page to judge by its markup, and nothing says otherwise
    logits = np.array([b + float(np.dot(w, x)) for b, w in _KINDS.values()])
    kind = list(_KINDS)[int(logits.argmax())]
    if features["password"] and features["body_words"] < _log(150):
        kind = ERROR  # a sign-in wall
    return kind, round(1.0 - p_article, 3)


ARTICLE_THRESHOLD = 0.5
"""An HTML page is an article when ``_ARTICLE`` gives it at least this probability."""
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

# Fitted by ``bench/extraction_pagetype.py --train`` on the tune half of WCXB-dev's domains,
# over ``FEATURES`` in order: (bias, weights) of a logistic regression for "article", and of
# a multinomial one naming the kind of a page that is not an article.
# fmt: off
_ARTICLE = (-3.019, (
    2.836, -0.9408, -0.2773, 1.383, 1.439, -1.153, 1.458, -2.552, 0.1352, -0.3813, 0.2902,
    -1.994, 0.2925, -0.08817, -1.09, -0.04097, -0.06036, -0.129, 0.003773, 0.161, -0.2125,
    0.02068, 0.2191, 0.0533, -0.1906, -0.3205, -0.2927, 0.03402, -0.2983, -0.07129, -1.186,
    -0.2237, 0.02328, 0.02592, -0.6048, 0.1315, -0.08609, 1.619, -0.128, 0.1783, -0.0173,
    -0.3187, 0.8416, 4.062, 2.446, -1.45, -4.05, -2.195, -1.753, 1.26, -2.999, -7.61, 0.303,
    0.3536, 0.1434, -3.062, 0.003578, 0.8468, -1.558, 0.3497
))
_KINDS = {
    "listing": (2.074, (
        -2.242, -0.631, -0.5235, -0.7781, 1.936, 0.2345, 0.6031, -1.515, -0.4396, 0.2573,
        -0.5108, 0.5111, 0.1976, 0.07902, 0.969, -0.121, -0.0579, -0.7097, 0.03642, -0.148,
        0.07337, 0.05715, 0.1815, -0.1157, -0.009014, -0.1159, -0.04885, -0.005984, 0.2283,
        -0.08403, -0.4686, -0.08481, -0.1515, -0.02473, -0.8293, -0.02018, 0.4759, -1.152,
        0.03579, 0.1561, 0.3074, -0.5219, -1.559, -1.868, 0, 0.07018, -0.6902, -0.1572, -0.6956,
        1.496, 0.9351, -2.967, 0.7123, 0.132, -0.1046, 2.038, 0.00964, 0.7133, -0.6709, 0.2677
    )),
    "product": (0.1362, (
        -0.1566, 2.069, -0.9219, -0.005995, 0.431, -0.1307, -0.6072, 1.762, -0.7393, -0.06392,
        0.8466, -0.7122, -0.1375, 0.07385, -1.395, -0.09417, -0.1043, 0.7332, -0.1261, -0.02993,
        0.2271, -0.1102, 0.1354, -0.1888, -0.6644, -0.4741, -0.0564, -0.03211, -0.1941, 0.2422,
        0.05498, -0.003585, 0.1488, 0.08952, 0.3133, -0.07718, -1.097, 0.5477, 0.078, -0.04985,
        -1.345, 0.6003, 0.1483, 1.335, 0, -0.2638, -1.086, -0.9068, 2.338, -0.3412, -0.8761,
        9.066, -0.445, -0.1022, -0.009197, -0.855, 0.1285, -0.2021, 1.367, 0.5
    )),
    "service": (-0.06107, (
        2.03, -0.07428, 0.8255, -0.1667, -0.51, 0.1976, 0.1592, -0.9625, -0.6302, -0.2396,
        -0.4975, -1.28, 0.02049, 0.02272, -1.422, 0.3204, -0.1337, -0.9109, -0.07984, -0.01807,
        -0.1255, 0.0965, 0.02397, 0.04713, 0.6803, 0.5507, -0.1818, 0.1469, -0.07897, -0.0275,
        -0.6641, -0.07422, -0.007686, -0.02087, -0.04419, 0.01526, -0.111, 0.6217, 0.1447,
        0.1013, 0.1819, 0.1134, -1.651, -0.2307, 0, 1.253, -1.258, -1.137, -0.3266, -0.7406,
        2.389, -4.474, 0.2088, 0.02641, -0.04401, 0.6829, 0.04633, -0.7958, -0.1896, -0.6302
    )),
    "forum": (-1.651, (
        1.939, -0.08779, 0.3652, -0.005658, -0.2713, -0.03149, -0.6235, -0.5639, -0.1726,
        0.2063, 1.351, -0.7164, -0.1104, -0.07328, -0.1545, -0.1356, 0.02569, -0.5236, 0.2037,
        0.002113, -0.2211, -0.04075, -0.167, 0.4147, 0.1372, -0.995, 0.05754, -0.06817,
        -0.008271, 0.02594, 1.249, -0.02582, 0.08319, 0.03881, -0.7244, 0.05657, -0.5856,
        0.3592, -0.232, 0.1635, 0.4047, 0.5356, 2.547, 2.11, 0, -0.4267, 3.479, -0.9057,
        -0.9091, -0.9894, -0.5584, -0.9922, 0.1543, -0.06126, 0.2106, 0.9962, -0.5995, 1.206,
        0.03831, -0.7287
    )),
    "documentation": (-0.8165, (
        -0.4172, -0.2428, -0.2403, 1.081, -0.2733, -0.3616, 0.5001, -0.2318, 0.9019, -0.2097,
        -0.8551, 1.235, -0.1469, -0.1599, 0.9047, 0.02903, -0.3838, 0.8744, -0.04686, 0.2032,
        -0.098, -0.05161, -0.07007, -0.1283, 0.087, 0.5644, 0.4264, 0.01644, -0.0842, -0.1278,
        -0.7774, 0.01955, -0.1102, -0.01985, 0.4347, 0.02244, 0.0204, 0.3779, 0.2259, -0.1854,
        0.3051, 0.1385, 1.34, -0.2079, 0, -0.8147, -0.5971, 4.248, -1.014, -0.4398, -0.6779,
        -3.76, -0.2581, 0.1827, -0.1055, -1.924, 0.07519, 0.4118, -1.129, 0.689
    )),
    "collection": (0.4681, (
        -1.158, -1.034, 0.4947, -0.1182, -1.313, 0.0911, -0.03224, 1.511, 1.079, 0.04917,
        -0.3353, 0.9606, 0.1764, 0.05744, 1.098, 0.000981, 0.6541, 0.5362, 0.01249, -0.009084,
        0.144, 0.04874, -0.1043, -0.02917, -0.2315, 0.4694, -0.1966, -0.05726, 0.1369, -0.02904,
        0.6057, 0.1687, 0.03703, -0.0628, 0.8504, 0.00325, 1.297, -0.7538, -0.2523, -0.1855,
        0.1451, -0.867, -0.8271, -1.138, 0, 0.1824, 0.1527, -1.143, 0.6074, 1.015, -1.211,
        3.136, -0.3708, -0.1774, 0.05275, -0.94, 0.3402, -1.335, 0.5842, -0.09713
    )),
}
# fmt: on
