"""Paragraph-level boilerplate rules applied after the main-content extraction.

trafilatura finds the article's container well, but the container often carries page
furniture along: the headline and standfirst printed above the body, "Related:" and
"SEE MORE:" teasers inside it, newsletter boxes, share prompts and link lists at its end.
These rules look at the extracted blocks (paragraphs, headings, list items) with their
link density and position, and drop the ones that are furniture. Every rule is generic:
none names a site.

The entry point is :func:`clean_body`; each rule is a small function over a list of
:class:`Block` so that it can be tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from newsdesk.extract.fields import find_dateline

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)。！？」]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Teaser prefixes: "Related: ...", "SEE MORE: ...", "Also: ...", "READ MORE - ...".
_TEASER = re.compile(
    r"^\s*(related|see more|read more|more|also|also read|read also|see also|don'?t miss|"
    r"recommended|watch|listen|trending|most read|popular|latest|more from [\w ]{1,30})"
    r"\s*(:|\||»|>|–|—|-)",
    re.I,
)
# Whole-line furniture: headings of link boxes, prompts, comment counters.
_FURNITURE = re.compile(
    r"^\s*(you (may|might) (also )?like|related (articles|stories|posts|content|coverage)|"
    r"more (stories|articles|news)( from [\w .']{1,30})?|recommended( for you)?|"
    r"most (read|popular|viewed)( in [\w ]{1,30})?|explore further|don'?t miss|"
    r"read (more|next)|trending( now)?|share (this|the) (article|story|post)|"
    r"tell us what you think|leave a (comment|reply)|\d*\s*comments?|"
    r"\d+\s+(thoughts|responses|replies) (on|to)\b.*|thanks for signing up!?|sorry!?|"
    r"there was an error processing your subscription\.?|advertisement|"
    r"keep an eye on your inbox.*|(story|article) continues below.*|"
    r"(last )?(updated|published|posted|modified)( on| at)?:? (?=[^\n]*\d)[\w ,:.]{3,40})"
    r"\s*[.…:!]*\s*$",
    re.I,
)
# Calls to subscribe or follow, and credit/filing lines: only when short.
_PROMPT = re.compile(
    r"\b(subscrib(e|ing) to|newsletters?\b|your inbox|youtube channel|"
    r"follow (us|him|her|them|\w+) on|follow @|"
    r"(get|download) the [\w ]{1,30} app|if you (enjoyed|liked) (this|the) (article|story|post))",
    re.I,
)
_CREDIT = re.compile(
    r"^\s*(filed under|tags?|topics|source|additional reporting by|with reporting (by|from)|"
    r"[\w .,&'-]{2,60} contributed (reporting )?to this (report|story|article)|"
    r"(image|photo|picture) credit|click to tweet)\b\s*:?",
    re.I,
)
_BYLINE = re.compile(r"^\s*(by|posted by|written by|words by)\s+\w", re.I)


@dataclass(eq=False)
class Block:
    """One extracted unit: a paragraph, heading, quote, table or list item."""

    element: etree._Element
    text: str
    tag: str
    links: int | Callable[[str], float] = 0
    drop: str | None = None

    @cached_property
    def norm(self) -> str:
        """Lower-case words only, for comparisons."""
        return _norm(self.text)

    @cached_property
    def words(self) -> int:
        """Word count; scripts written without spaces count two characters as a word."""
        count = len(self.text.split())
        if not self.text.isascii():
            count += len(_CJK.findall(self.text)) // 2
        return count

    @cached_property
    def link_density(self) -> float:
        """Share of the text that is link text (measured lazily where it is estimated)."""
        if not self.text:
            return 0.0
        if callable(self.links):
            return self.links(self.text)
        return min(1.0, self.links / len(self.text))

    @cached_property
    def is_caps(self) -> bool:
        letters = "".join(filter(str.isalpha, self.text))
        return len(letters) >= 6 and len(letters) - sum(map(str.isupper, letters)) < 0.1 * len(
            letters
        )

    @cached_property
    def sentence(self) -> bool:
        """Reads like body copy: several words and a sentence end."""
        return self.words >= 8 and bool(_SENTENCE_END.search(self.text))


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _squash(text: str) -> str:
    return " ".join(text.split())


def unwrap_layout_tables(body: etree._Element) -> None:
    """Replace a layout table by the cell that holds the article.

    Old pages lay the whole page out in a table: navigation, article and sidebars are
    cells side by side. When one cell holds most of a table's text in several
    paragraphs, the table is layout, not data, and the other cells are furniture.
    """
    for table in body.findall("table"):
        total = len("".join(table.itertext()).strip())
        cells = [c for c in table.iter("cell") if c.find("p") is not None]
        if not total or not cells:
            continue
        best = max(cells, key=lambda c: len("".join(c.itertext())))
        if len(best.findall("p")) < 3 or len("".join(best.itertext()).strip()) < 0.6 * total:
            continue
        replacement = []
        if best.text and best.text.strip():
            lead = etree.Element("p")
            lead.text = best.text.strip()
            replacement.append(lead)
        replacement.extend(best)
        index = body.index(table)
        tail = table.tail
        body.remove(table)
        for offset, element in enumerate(replacement):
            body.insert(index + offset, element)
        if replacement and tail:
            replacement[-1].tail = (replacement[-1].tail or "") + tail


def blocks_of(
    body: etree._Element, link_share: Callable[[str], float] | None = None
) -> list[Block]:
    """The blocks of trafilatura's ``<body>``: top-level elements, lists split into items.

    A block's link text is measured on its ``<ref>`` children, or, where the extraction
    kept no links, estimated by ``link_share(text)`` (the share of the text that is
    anchor text in the page).
    """
    out: list[Block] = []
    for element in body:
        if not isinstance(element.tag, str):
            continue
        units = [i for i in element if i.tag == "item"] if element.tag == "list" else [element]
        for unit in units:
            text = _squash("".join(unit.itertext()))
            links: int | Callable[[str], float] = link_share or sum(
                len(_squash("".join(r.itertext()))) for r in unit.iter("ref")
            )
            out.append(Block(unit, text, unit.tag, links))
    return out


def _similar(a: str, b: str) -> bool:
    """Same words, or one contains the other (headline echoes, standfirsts)."""
    if len(a) > 2 * len(b) + 20 or len(b) > 2 * len(a) + 20:
        return False
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) >= 4 and short in long_ and len(short) >= 0.6 * len(long_):
        return True
    sa, sb = set(a.split()), set(b.split())
    return len(sa & sb) / max(1, len(sa | sb)) >= 0.8


def rule_header(
    blocks: list[Block],
    titles: list[str],
    description: str | None,
    same_container: Callable[[str, str], bool] | None = None,
    subtitle: str | None = None,
    looks_like_dek: Callable[[str], bool] | None = None,
) -> None:
    """The headline printed above the body, and the page header around it.

    When one of the first blocks repeats the page's title (any of ``titles``), that block
    and the short lines before it (section labels, breadcrumbs) go. After it, the blocks
    up to the first paragraph of body copy (standfirst, byline, date) go too, but only
    those that sit in another container than that paragraph in the page
    (``same_container``): a lede that merely repeats the description stays.
    """
    live = [b for b in blocks if not b.drop]
    head = next(
        (k for k, b in enumerate(live[:6]) if any(_similar(b.text, t) for t in titles)), None
    )
    if head is None:
        # No headline echo: a first block that is the page's declared subtitle, or its
        # description marked up as a standfirst (``class="dek"``, an ``<h2>``), goes.
        first = live[0] if live else None
        if first is not None and (
            (subtitle and _similar(first.text, subtitle))
            or (
                description
                and looks_like_dek
                and _similar(first.text, description)
                and looks_like_dek(first.text)
            )
        ):
            first.drop = "standfirst"
        return
    for b in live[:head]:
        if b.words <= 12 and not b.sentence:
            b.drop = "header"
    live[head].drop = "headline"
    after = live[head + 1 : head + 6]
    body = next((b for b in after if b.sentence and b.words >= 15), None)
    for b in after:
        if b is body:
            break
        standfirst = any(d and _similar(b.text, d) for d in (description, subtitle))
        byline = b.words <= 25 and bool(_BYLINE.match(b.text)) and not b.sentence
        if not (standfirst or byline or (b.words <= 12 and not b.sentence)):
            break
        if body is not None and same_container and same_container(b.text, body.text):
            break
        b.drop = "standfirst" if standfirst else "header"
    if (
        body is not None
        and description
        and _similar(body.text, description)
        and not find_dateline(body.text)  # a wire lede ("LONDON (Reuters) -") is the story
    ):
        following = after[after.index(body) + 1 :] if body in after else []
        if following and same_container and not same_container(body.text, following[0].text):
            body.drop = "standfirst"


def rule_teasers(blocks: list[Block]) -> None:
    """Teaser and promo lines inside the body: ``Related: ...``, ``SEE MORE: ...``, link boxes."""
    for b in blocks:
        if b.drop or not b.text:
            continue
        if _TEASER.match(b.text) and b.words <= 30 and (b.words <= 3 or b.link_density >= 0.3):
            b.drop = "teaser"
        elif b.words <= 20 and _FURNITURE.match(b.text):
            b.drop = "furniture"
        elif b.words <= 25 and _PROMPT.search(b.text):
            b.drop = "prompt"
        elif b.words <= 12 and _CREDIT.match(b.text):
            b.drop = "credit"
        elif b.text[-14:].lower() == "click to tweet":
            b.drop = "tweetable"
        elif b.words <= 30 and b.is_caps and b.link_density >= 0.5:
            b.drop = "promo"
    # The links listed under a teaser or a "More stories" heading go with it.
    for k, b in enumerate(blocks):
        if b.drop not in ("teaser", "furniture"):
            continue
        for after in blocks[k + 1 :]:
            if after.drop or after.words > 20 or after.link_density < 0.8:
                break
            after.drop = "teaser list"


def rule_link_head(blocks: list[Block]) -> None:
    """Link lists opening the body (other stories above the article), with their heading."""
    live = [b for b in blocks if not b.drop]
    k = 0
    if live and live[0].words <= 8 and not live[0].sentence:
        k = 1  # the list's heading
    while k < len(live) and (not live[k].text or live[k].link_density >= 0.8):
        k += 1
    linked = [b for b in live[:k] if b.text and b.link_density >= 0.8]
    if len(linked) < 2 or k == len(live):
        return
    for b in live[:k]:
        b.drop = "link list"


def rule_link_tail(blocks: list[Block]) -> None:
    """Link lists closing the body (more stories), with their heading.

    From the end, a run of weak blocks (link-only, empty, or short lines that are not
    sentences, such as a copyright or an address) goes when links make most of it.
    """
    live = [b for b in blocks if not b.drop]
    k = len(live)
    while k > 0:
        b = live[k - 1]
        if not (b.link_density >= 0.7 or not b.text or (b.words <= 10 and not b.sentence)):
            break
        k -= 1
    run = [b for b in live[k:] if b.text]
    linked = [b for b in run if b.link_density >= 0.7]
    if k == 0 or not linked or len(linked) < 0.5 * len(run):
        return
    # Keep the short lines before the first link (an address, opening hours), drop the rest.
    first = live.index(linked[0])
    for b in live[first:]:
        b.drop = "link list"
    heading = live[first - 1]
    if heading.words <= 8 and not heading.sentence:
        heading.drop = "link list heading"


def rule_own_url(blocks: list[Block], url: str | None) -> None:
    """A block that is nothing but the page's own address."""
    if not url:
        return
    bare = url.split("://")[-1].rstrip("/")
    for b in blocks:
        if not b.drop and b.text and b.text.split("://")[-1].rstrip("/") == bare:
            b.drop = "own url"


def rule_duplicates(blocks: list[Block]) -> None:
    """A link block repeating an earlier one word for word (repeated calls to action)."""
    seen: set[str] = set()
    for b in blocks:
        if b.drop or b.words < 3:
            continue
        key = b.text.lower()
        if key not in seen:
            seen.add(key)
        elif b.link_density >= 0.5:
            b.drop = "duplicate"


def rule_outside_container(blocks: list[Block], container_text: str | None) -> None:
    """Where the page marks its article body (``itemprop=articleBody``), keep what is in it.

    Applied only when the marked container agrees with the extraction (it holds most of
    the extracted text): then blocks found outside it are page furniture.
    """
    if not container_text:
        return
    container = _norm(container_text)
    live = [b for b in blocks if not b.drop and b.norm]
    inside = [b for b in live if b.norm in container]
    total = sum(len(b.text) for b in live)
    if not total or sum(len(b.text) for b in inside) < 0.6 * total:
        return
    for b in live:
        if b not in inside:
            b.drop = "outside article container"


def _remove(element: etree._Element) -> None:
    """Remove an element but keep its tail text (loose text that follows it)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


RULES: tuple[Callable[..., None], ...] = (
    rule_teasers,
    rule_link_head,
    rule_duplicates,
    rule_link_tail,
)


def clean_body(
    body: etree._Element,
    titles: list[str] | None = None,
    description: str | None = None,
    container_text: str | None = None,
    same_container: Callable[[str, str], bool] | None = None,
    url: str | None = None,
    link_share: Callable[[str], float] | None = None,
    subtitle: str | None = None,
    looks_like_dek: Callable[[str], bool] | None = None,
) -> list[Block]:
    """Drop boilerplate blocks from trafilatura's ``<body>`` in place; returns the blocks."""
    unwrap_layout_tables(body)
    blocks = blocks_of(body, link_share)
    rule_header(blocks, titles or [], description, same_container, subtitle, looks_like_dek)
    rule_outside_container(blocks, container_text)
    rule_own_url(blocks, url)
    for rule in RULES:
        rule(blocks)
    if all(b.drop for b in blocks if b.text):
        # Never empty a page: a body made only of "furniture" is the body.
        for b in blocks:
            b.drop = None
        return blocks
    for b in blocks:
        if b.drop:
            _remove(b.element)
    for lst in body.iterfind("list"):
        if not len(lst):
            body.remove(lst)
    return blocks
