"""Customer reviews on a product page: the shop's comment section.

A product page's main content is what the seller says about the product: its
description, features and specifications. The customer reviews below it are
user comments (star ratings, "Most Helpful Favorable Review", "Write a Review"),
and an article extractor keeps them as prose. Shops and their review widgets name
the block: ``reviews``, ``product-reviews``, ``review_ctn``, Yotpo, Judge.me,
Okendo, Bazaarvoice, Loox, Stamped, PowerReviews, or schema.org's ``itemprop="review"``.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_REVIEW_MARK = re.compile(
    r"(?:^|[-_\s])(?:reviews?|review[-_]?(?:list|ctn|container|widget|section)s?)(?:$|[-_\s\d])"
    r"|yotpo|jdgm|judgeme|okendo|bazaarvoice|(?:^|\s)bv[-_]|loox|stamped|(?:^|\s)pr-review",
    re.I,
)
_MARKED = etree.XPath(
    "//body//*[self::div or self::section or self::aside or self::ul or self::ol]"
    "[@id or @class or @itemprop]"
)
_HOLDS_PRODUCT = etree.XPath(".//h1 | .//*[@itemprop='description']")
# Testimonials are quotes the seller picked for its pitch, not its customers' comments.
_TESTIMONIALS = re.compile(r"testimonial", re.I)
MIN_REVIEW_WORDS = 100
"""A smaller block is a rating summary ("4.6 out of 5, 1,203 reviews") or a few critics'
quotes, which the seller shows as its own pitch."""


def review_blocks(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The outermost blocks the page marks as customer reviews (``_REVIEW_MARK`` in their
    id, class or itemprop, not as testimonials) that hold at least ``MIN_REVIEW_WORDS``
    words and neither the page's headline nor the marked product description."""
    found: list[lxml_html.HtmlElement] = []
    for el in _MARKED(tree):
        if found and any(f in found for f in el.iterancestors()):
            continue
        marks = f"{el.get('id') or ''} {el.get('class') or ''} {el.get('itemprop') or ''}"
        if not _REVIEW_MARK.search(marks) or _TESTIMONIALS.search(marks) or _HOLDS_PRODUCT(el):
            continue
        if len(el.text_content().split()) >= MIN_REVIEW_WORDS:
            found.append(el)
    return found


def without_reviews(paragraphs: list[str], tree: lxml_html.HtmlElement) -> list[str] | None:
    """``paragraphs`` less those that are customer reviews' text: found inside the page's
    review blocks and nowhere else on the page; None when none is."""
    blocks = review_blocks(tree)
    if not blocks:
        return None
    inside = [" ".join(block.text_content().split()) for block in blocks]
    body = tree.find("body")
    page = " ".join((body if body is not None else tree).text_content().split())
    for text in inside:
        page = page.replace(text, "\n")
    reviews = "\n".join(inside)
    kept = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.removeprefix("- ").split())
        if not (text in reviews and text not in page):
            kept.append(paragraph)
    return kept if len(kept) < len(paragraphs) and kept else None
