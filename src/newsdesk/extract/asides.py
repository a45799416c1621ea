"""Blocks beside the main content that an article extractor keeps as prose.

- Customer reviews on a product page: a product page's main content is what the seller
  says about the product (its description, features and specifications); the reviews
  below it are user comments ("Most Helpful Favorable Review", "Write a Review"). Shops
  and their review widgets name the block: ``reviews``, ``product-reviews``,
  ``review_ctn``, Yotpo, Judge.me, Okendo, Bazaarvoice, Loox, Stamped, PowerReviews, or
  schema.org's ``itemprop="review"``.
- Teaser cards on an article page: "Related posts" as a row of ``<article>`` elements,
  each a link and a short excerpt of another post (HTML's ``<article>`` is any
  self-contained composition, a teaser as much as a story).

The paragraphs these blocks hold, and nothing else on the page holds, are dropped from
the extracted text (``without_asides``); teasers only while they are the smaller part of it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from newsdesk.extract.pagetype import ARTICLE

_REVIEW_MARK = re.compile(
    r"(?:^|[-_\s])(?:reviews?|review[-_]?(?:list|ctn|container|widget|section)s?)(?:$|[-_\s\d])"
    r"|yotpo|jdgm|judgeme|okendo|bazaarvoice|(?:^|\s)bv[-_]|loox|stamped|(?:^|\s)pr-review",
    re.I,
)
# Testimonials are quotes the seller picked for its pitch, not its customers' comments.
_TESTIMONIALS = re.compile(r"testimonial", re.I)
_MARKED = etree.XPath(
    "//body//*[self::div or self::section or self::aside or self::ul or self::ol]"
    "[@id or @class or @itemprop]"
)
_HOLDS_MAIN = etree.XPath(".//h1 | .//*[@itemprop='description' or @itemprop='articleBody']")
MIN_REVIEW_WORDS = 100
"""A smaller block is a rating summary ("4.6 out of 5, 1,203 reviews") or a few critics'
quotes, which the seller shows as its own pitch."""
MIN_CARDS = 3
ROW_HEADING_WORDS = 8
TEASERS_MOST = 0.5
"""Teaser cards that hold most of a page's text are its content: a listing of stories."""
MAX_TEASER_WORDS = 80
"""The median words of a teaser card: a headline and an excerpt. A list article written
as one ``<article>`` per item (the "best of" pages) runs longer."""


def review_blocks(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost blocks the page marks as customer reviews (``_REVIEW_MARK`` in their
    id, class or itemprop, not as testimonials) that hold at least ``MIN_REVIEW_WORDS``
    words and neither the page's headline nor the marked product description."""

    def reviews(el: lxml_html.HtmlElement) -> bool:
        marks = f"{el.get('id') or ''} {el.get('class') or ''} {el.get('itemprop') or ''}"
        if not _REVIEW_MARK.search(marks) or _TESTIMONIALS.search(marks) or _HOLDS_MAIN(el):
            return False
        return len(el.text_content().split()) >= MIN_REVIEW_WORDS

    return outermost(_MARKED(tree), reviews)


def outermost(
    elements: list[lxml_html.HtmlElement], test: Callable[[lxml_html.HtmlElement], bool]
) -> list[lxml_html.HtmlElement]:
    """The ``elements`` (in document order) that pass ``test``, less those inside one
    that passed: the whole widget, once."""
    found: list[lxml_html.HtmlElement] = []
    for el in elements:
        if found and any(f in found for f in el.iterancestors()):
            continue
        if test(el):
            found.append(el)
    return found


def teaser_cards(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Every row of at least ``MIN_CARDS`` sibling ``<article>`` elements that each link
    somewhere, run to ``MAX_TEASER_WORDS`` words at the median and hold neither the
    page's headline nor its marked article body: the row, when it holds no more than a
    heading besides, else its cards."""
    found: list[lxml_html.HtmlElement] = []
    rows: set[lxml_html.HtmlElement] = set()
    for article in tree.iter("article"):
        row = article.getparent()
        if row is None or row in rows:
            continue
        rows.add(row)
        cards = [child for child in row if child.tag == "article"]
        if len(cards) < MIN_CARDS or any(_HOLDS_MAIN(card) for card in cards):
            continue
        if not all(card.find(".//a[@href]") is not None for card in cards):
            continue
        sizes = [len(card.text_content().split()) for card in cards]
        if statistics.median(sizes) <= MAX_TEASER_WORDS:
            # the row with its heading ("Related posts"), when it holds little else
            around = len(row.text_content().split()) - sum(sizes)
            alone = around <= ROW_HEADING_WORDS and not _HOLDS_MAIN(row)
            found.extend([row] if alone else cards)
    return found


def without_asides(
    kind: str, paragraphs: list[str], tree: lxml_html.HtmlElement
) -> list[str] | None:
    """The text ``paragraphs`` of a page of type ``kind`` without its asides (an article's
    teaser cards, a product page's customer reviews); None when it has none."""
    if kind == ARTICLE:
        return _without(paragraphs, tree, teaser_cards(tree), TEASERS_MOST)
    if kind == "product":
        return _without(paragraphs, tree, review_blocks(tree))
    return None


def _without(
    paragraphs: list[str],
    tree: lxml_html.HtmlElement,
    blocks: list[lxml_html.HtmlElement],
    most: float = 1.0,
) -> list[str] | None:
    """``paragraphs`` less those found inside ``blocks`` and nowhere else on the page
    (``tree``); None when there are none to drop, or they hold more than ``most`` of
    the words (then they are the page's content: a listing of teasers)."""
    if not blocks:
        return None
    inside = [" ".join(block.text_content().split()) for block in blocks]
    body = tree.find("body")
    page = " ".join((body if body is not None else tree).text_content().split())
    for text in inside:
        page = page.replace(text, "\n")
    aside = "\n".join(inside)
    kept = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.removeprefix("- ").split())
        if not (text in aside and text not in page):
            kept.append(paragraph)
    if len(kept) == len(paragraphs):
        return None
    words = len(" ".join(paragraphs).split())
    return kept if len(" ".join(kept).split()) > (1 - most) * words else None
