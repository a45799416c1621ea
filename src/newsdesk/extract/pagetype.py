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
_ARTICLE = (-2.733, (
    2.767, -0.9188, -0.3056, 1.397, 1.506, -1.142, 1.447, -2.546, 0.1731, -0.4049, 0.2416,
    -1.901, 0.2778, -0.08262, -1.131, -0.05671, -0.08545, -0.07864, 0.003504, 0.1468, -0.2128,
    0.0288, 0.2201, 0.0336, -0.194, -0.3427, -0.2775, 0.03238, -0.3095, -0.05933, -1.105,
    -0.2299, 0.05444, -0.04343, -0.5848, 0.04057, -0.2293, 2.043, -0.002151, 0.158, 0.0327,
    -0.2767, 0.7528, 4.139, 2.477, -1.416, -4.026, -2.164, -1.706, 1.301, -2.916, -7.841,
    0.3241, 0.4079, 0.17, -2.852, -0.01029, 0.8045, -1.542, 0.3397
))
_KINDS = {
    "listing": (1.832, (
        -1.888, -0.6412, -0.5869, -0.7786, 1.988, 0.2351, 0.5582, -1.513, -0.4524, 0.3061,
        -0.5189, 0.5536, 0.2078, 0.08161, 0.8878, -0.121, -0.0155, -0.7012, 0.0309, -0.1514,
        0.06822, 0.04398, 0.1908, -0.1209, 0.00504, -0.1076, -0.05055, -0.005755, 0.2191,
        -0.0904, -0.4887, -0.08585, -0.1448, -0.03199, -0.9371, -0.02388, 0.4879, -0.7815,
        0.03555, 0.2204, 0.358, -0.553, -1.435, -1.882, 0, 0.03969, -0.6601, -0.134, -0.6672,
        1.479, -0.8481, -2.862, 0.6931, 0.1081, -0.1335, 1.928, 0.009398, 0.6558, -0.6181,
        0.3931
    )),
    "product": (0.2002, (
        -0.1654, 2.074, -0.8973, 0.004486, 0.3781, -0.1978, -0.5155, 1.762, -0.6807, -0.07846,
        0.8491, -0.6772, -0.1405, 0.07848, -1.399, -0.1049, -0.1144, 0.7434, -0.1227, -0.02205,
        0.2327, -0.1025, 0.137, -0.2035, -0.679, -0.4668, -0.05714, -0.03094, -0.1901, 0.2484,
        0.08523, 0.0001989, 0.1595, 0.1013, 0.4122, -0.07459, -1.096, 0.3808, 0.07594, -0.07796,
        -1.388, 0.6199, 0.09401, 1.342, 0, -0.2507, -1.088, -0.9026, 2.313, -0.3489, -0.6127,
        8.846, -0.4836, -0.1121, 0.02909, -0.7968, 0.161, -0.1831, 1.325, 0.4681
    )),
    "service": (0.01919, (
        2.055, -0.06715, 0.8142, -0.1741, -0.4679, 0.1951, 0.1286, -0.9623, -0.6801, -0.2655,
        -0.4834, -1.199, 0.02114, 0.01286, -1.316, 0.3258, -0.1672, -0.949, -0.08875, 0.01925,
        -0.1251, 0.1114, 0.01198, 0.09493, 0.6541, 0.5149, -0.1833, 0.1524, -0.1039, -0.02293,
        -0.6458, -0.07032, -0.005855, -0.02592, 0.006324, 0.0203, -0.06547, 0.5005, 0.1338,
        0.0558, 0.05094, 0.09013, -1.662, -0.275, 0, 1.304, -1.282, -1.161, -0.3252, -0.7834,
        3.152, -4.665, 0.2362, 0.06887, -0.06791, 0.3789, 0.1038, -0.7639, -0.1902, -0.6613
    )),
    "forum": (-1.686, (
        1.743, -0.08988, 0.3998, -0.00697, -0.2842, -0.009187, -0.6168, -0.5619, -0.1943,
        0.2032, 1.341, -0.8323, -0.113, -0.07483, -0.1441, -0.1359, 0.01293, -0.5058, 0.212,
        -0.01231, -0.228, -0.03711, -0.1754, 0.4099, 0.1379, -0.9854, 0.06413, -0.07407,
        -0.001071, 0.03275, 1.274, -0.02451, 0.0642, 0.04292, -0.7124, 0.05619, -0.6015, 0.4245,
        -0.222, 0.1524, 0.4551, 0.5359, 2.537, 2.154, 0, -0.4244, 3.475, -0.9065, -0.9274,
        -0.9624, -0.3205, -1.05, 0.168, -0.06075, 0.1772, 1.069, -0.6415, 1.222, 0.1102, -0.8449
    )),
    "documentation": (-0.5618, (
        -0.4663, -0.2364, -0.216, 1.093, -0.2903, -0.3488, 0.5052, -0.2349, 0.9258, -0.2293,
        -0.8519, 1.263, -0.152, -0.1599, 0.8983, 0.02945, -0.396, 0.8728, -0.0417, 0.1931,
        -0.08995, -0.05419, -0.06572, -0.1421, 0.08708, 0.5613, 0.4201, 0.01931, -0.06631,
        -0.1237, -0.7826, 0.01412, -0.1106, -0.01355, 0.4934, 0.02822, 0.0167, 0.0667, 0.216,
        -0.2199, 0.3405, 0.1617, 1.304, -0.1994, 0, -0.8137, -0.6144, 4.24, -1.027, -0.4048,
        -0.3706, -3.75, -0.2466, 0.1884, -0.06883, -1.687, 0.0572, 0.4241, -1.22, 0.6423
    )),
    "collection": (0.4424, (
        -1.274, -1.04, 0.4835, -0.1335, -1.328, 0.1224, -0.06557, 1.502, 1.081, 0.06481, -0.342,
        0.8873, 0.1759, 0.06135, 1.071, 0.006144, 0.6801, 0.5389, 0.009795, -0.02724, 0.1418,
        0.03787, -0.09934, -0.03856, -0.2056, 0.484, -0.1934, -0.0613, 0.1402, -0.04509, 0.555,
        0.1658, 0.03635, -0.07308, 0.7399, -0.006477, 1.261, -0.5914, -0.2395, -0.1322, 0.181,
        -0.8567, -0.841, -1.144, 0, 0.1421, 0.1669, -1.138, 0.6356, 1.022, -1.003, 3.497,
        -0.3684, -0.1933, 0.06286, -0.9153, 0.31, -1.356, 0.5924, 0.0007794
    )),
}
# fmt: on
