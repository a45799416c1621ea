"""Every line gets a kind and a body score.

Prose (eight words or more, ending like a sentence) scores its words (half for a bullet,
less in the comments); furniture scores down: markers and comments headers most (the body
never runs across them), then rights and credits, share bars and footers, boilerplate and
snippets, bylines, dates and navigation, short bullets and short lines, captions least; a
bullet item of eight words or more counts neither way (a list of the text). Then,
looking at neighbours: alt text before its caption, a caption printed twice or above its
photo credit are captions; the lines above a form field are a sign-up box; three or more
ledes right under date lines are teaser cards; an embedded social-media post (closed by
``— Name (@handle) Month D, YYYY``) is kept with the body; calls to action next to the body
(not inside it) are boilerplate; the items under a teaser marker are flagged teasers.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.extract.fields import is_rights_line
from newsdesk.extract.text.bylines import AUTHOR_LABEL, is_byline
from newsdesk.extract.text.dates import DATE_LABEL, date_only, parse_date
from newsdesk.extract.text.furniture import (
    BOILER,
    CAPTION,
    CAPTION_OPENING,
    COMMENTS,
    COMMENTS_HEAD,
    CREDIT,
    FORM,
    INLINE_TEASER,
    MARKER,
    PHOTO_CREDIT,
    PROMO,
    URL_LINE,
    is_footer_line,
    is_menu_line,
    is_share_line,
)
from newsdesk.extract.text.line import MATCH_CHARS, TERMINAL, TRUNCATED, Line, norm_key


def _is_prose(text: str, words: int) -> bool:
    return words >= 8 and bool(TERMINAL.search(text)) and not TRUNCATED.search(text)


def classify(lines: list[Line]) -> None:
    """Give every line a kind and a body score."""
    counts = Counter(norm_key(x.text) for x in lines)
    in_comments = False
    for k, line in enumerate(lines):
        text = line.text
        head = text[:MATCH_CHARS]
        words = line.words
        repeated = counts[norm_key(text)] > 1
        if repeated:
            line.flags.add("repeated")
        if "table" in line.flags:
            line.kind, line.score = "table", 0.0  # neither for nor against a body around it
            continue
        if words <= 30 and COMMENTS_HEAD.match(head):
            line.kind, line.score = "marker", -25
            in_comments = True
            continue
        if words <= 8 and (MARKER.match(head) or COMMENTS.match(head)):
            if COMMENTS.match(head) and _in_share_bar(lines, k):
                line.kind, line.score = "share", -10  # ``Facebook Twitter Comments Print``
                continue
            line.kind, line.score = "marker", -25
            # ``Comments`` as an item of a menu is a link, not the start of the comments.
            menu_item = line.bullet or repeated
            in_comments = in_comments or bool(COMMENTS.match(head) and not menu_item)
            continue
        if is_share_line(head):
            line.kind, line.score = "share", -10
        elif BOILER.match(head) or INLINE_TEASER.match(head) or FORM.search(head[:200]):
            line.kind, line.score = "boiler", -8
        elif (is_rights_line(head) and words <= 60) or (words <= 25 and CREDIT.search(head)):
            line.kind, line.score = "rights", -12
        elif is_footer_line(line):
            line.kind, line.score = "footer", -10
        elif TRUNCATED.search(text) and words < 60:
            line.kind, line.score = "snippet", -8
        elif (words <= 16 and is_byline(head)) or AUTHOR_LABEL.match(head):
            line.kind, line.score = "meta", -6
        elif date_only(head) or (
            words <= 14 and DATE_LABEL.match(head) and parse_date(head) is not None
        ):
            line.kind, line.score = "date", -6
        elif (
            (line.links >= 2 and words <= 4 * line.links)
            or (line.links and words <= 3)
            or is_menu_line(head)
            or URL_LINE.match(head)
        ):
            line.kind, line.score = "nav", -6
        elif (words < 40 and CAPTION.search(head)) or CAPTION_OPENING.match(head):
            line.kind, line.score = "caption", -3
        elif _is_prose(text, words):
            line.kind = "prose"
            line.score = float(words) * (0.5 if line.bullet else 1.0)
            if repeated and words < 20:
                line.score = -4
        elif words >= 25 and not line.bullet:
            line.kind, line.score = "prose", words * 0.6
        elif line.bullet:
            # An item of eight words or more is a list of the text (steps, tips, findings),
            # not a menu link: it counts neither for nor against a body around it.
            line.kind, line.score = "bullet", 0.0 if words >= 8 and not repeated else -5
        elif repeated:
            line.kind, line.score = "short", -5
        else:
            line.kind = "short"
            line.score = -3 if words > 2 else -4
        if in_comments and line.score > 0:
            line.score *= 0.3
    for i, line in enumerate(lines):
        # Image alt text printed just before its caption, a caption printed twice, or a
        # caption right above its photo credit.
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None:
            continue
        if nxt.kind == "caption" and nxt.text.startswith(line.text[:40]):
            line.kind, line.score = "caption", -3
        elif line.kind == nxt.kind == "prose" and (
            line.text == nxt.text
            or (min(line.words, nxt.words) >= 20 and line.text[:50] == nxt.text[:50])
        ):
            line.kind = nxt.kind = "caption"
            line.score = nxt.score = -3
        elif (
            line.kind == "prose"
            and line.words < 80
            and not nxt.blank_before
            and nxt.words <= 10
            and PHOTO_CREDIT.search(nxt.text[:MATCH_CHARS])
        ):
            line.kind, line.score = "caption", -3
    for i, line in enumerate(lines):
        # A sign-up box: the lines just above a form field.
        if FORM.search(line.text[:200]):
            for other in lines[max(0, i - 2) : i]:
                if other.kind in ("short", "prose") and other.words < 30:
                    other.kind, other.score = "boiler", -8
    _mark_dated_cards(lines)
    _mark_embedded_posts(lines)
    # Calls to action next to the body (one or several in a row), not inside it.
    promos = {
        i
        for i, line in enumerate(lines)
        if line.kind == "prose" and line.words < 50 and PROMO.search(line.text[:MATCH_CHARS])
    }
    for i in sorted(promos):
        prev_prose = i > 0 and lines[i - 1].kind == "prose" and i - 1 not in promos
        next_prose = i + 1 < len(lines) and lines[i + 1].kind == "prose" and i + 1 not in promos
        if not (prev_prose and next_prose):
            lines[i].kind, lines[i].score = "boiler", -8


_POST_SIGNATURE = re.compile(
    r"^[—–-]+\s*\S.{0,80}\(@\w{1,30}\)\s*(?:on\s+)?[^\W\d_]{3,9}\.?\s+\d{1,2},\s+\d{4}$"
)
"""The line that closes an embedded post: ``— Jane Doe (@janedoe) November 18, 2019``."""


def _mark_embedded_posts(lines: list[Line]) -> None:
    """An embedded social-media post quoted in the article: its signature line and the
    lines of its block above it are flagged ``embed`` (body when inside the body)."""
    for i, line in enumerate(lines):
        if not _POST_SIGNATURE.match(line.text[:MATCH_CHARS]):
            continue
        for j in range(i, max(-1, i - 8), -1):
            post = lines[j]
            if post.kind not in ("short", "prose", "nav", "snippet", "date"):
                break
            post.flags.add("embed")
            post.score = max(post.score, 0.0)
            if post.blank_before:
                break


def _mark_dated_cards(lines: list[Line]) -> None:
    """Teaser cards (headline, author, date, then the lede right under the date): where
    three or more ledes sit right under a date line, they are snippets, not the body."""
    ledes = [
        lines[i + 1]
        for i in range(len(lines) - 1)
        if lines[i].kind == "date"
        and lines[i + 1].kind == "prose"
        and not lines[i + 1].blank_before
    ]
    if len(ledes) >= 3:
        for line in ledes:
            line.kind, line.score = "snippet", -8


def _in_share_bar(lines: list[Line], k: int) -> bool:
    """Line ``k`` sits among share buttons or by the byline (a share, byline or date line
    right before it, or a share line right after it)."""
    return (k > 0 and lines[k - 1].kind in ("share", "meta", "date")) or (
        k + 1 < len(lines) and is_share_line(lines[k + 1].text[:MATCH_CHARS])
    )


def teaser_starts(lines: list[Line]) -> None:
    """Flag the items under a teaser header (``Up next``, ``Most Read``) as teasers, so they
    are taken for neither title nor body. The list ends at a metadata line, a heading, a
    blank line after its first item, or where a run of bullet items stops."""
    n = len(lines)
    i = 0
    while i < n:
        if lines[i].kind != "marker":
            i += 1
            continue
        j = i + 1
        bullets = 0
        while j < n and j - i <= 12:
            item = lines[j]
            if item.kind in ("meta", "date", "share", "marker", "rights") or item.heading:
                break
            if j > i + 1 and item.blank_before:
                # A list of blank-separated items goes on; one of packed lines ends here.
                spaced = lines[i + 1].blank_before and item.kind == "short" and item.words >= 3
                if not spaced:
                    break
            if bullets == j - i - 1 and bullets and not item.bullet:
                break
            bullets += item.bullet
            item.flags.add("teaser")
            j += 1
        i = j
