"""Text render of a page -> Article.

A text render is what a text browser (lynx, w3m), a copy-paste of a page or a
plain-text export gives: the words of the page in reading order, with menus,
share buttons, teaser lists and footers around the article, and no markup to
tell them apart. No library handles these, so this module reads them with
small, general heuristics, one per kind of page furniture:

- lynx/w3m artefacts (``[12]Home`` link references, a trailing ``References``
  list, ``[IMG]``, image file names, alt text printed twice, ``Skip to
  content``) and markdown links are cleaned first; data tables are kept a row
  per line, layout tables are unfolded column by column;
- hard-wrapped paragraphs (lynx wraps at ~78 columns) are joined again;
- every remaining line is scored: prose (long, ends like a sentence) scores
  up, menus (short lines, bullet items, lines repeated elsewhere), share
  buttons, teasers (``Up next``, ``You May Also Like`` and the lines under
  them, ``…`` snippets), captions and photo credits, calls to action,
  footers and copyright lines score down;
- the body is the best-scoring contiguous run of lines (maximum subarray),
  i.e. the longest coherent run of prose paragraphs, carried across inset
  boxes on either side; it keeps the lists, table rows and embedded posts
  inside it and an enumeration that closes it;
- title, subtitle, byline, date, section and outlet are read from the lines
  above the body; rights from the line right after it.

newsdesk's own digest format (``<date>: Summary:`` ... ``News Article:``
headline, body, ``Read More``) is recognised and read directly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from unicodedata import east_asian_width
from urllib.parse import urlparse

from newsdesk.extract.decode import decode
from newsdesk.extract.errors import ExtractionError
from newsdesk.extract.fields import clean_title, find_dateline, is_rights_line
from newsdesk.extract.language import guess_language
from newsdesk.model import Article, RawDocument, normalize_text

__all__ = ["MAX_TEXT_BYTES", "MAX_LINES", "extract_text", "extract_text_string"]

MAX_TEXT_BYTES = 2_000_000
"""Only this much of a document is read; the rest is dropped with a warning."""
MAX_LINES = 20_000
"""Only this many lines are scanned (a page has a few hundred)."""
_MATCH_CHARS = 600  # patterns are only tried on the head of a line

# ---------------------------------------------------------------------------
# Entry points


def extract_text(raw: RawDocument) -> Article:
    """Extract the article from a text render (raw.content bytes, decoded with charset detection;
    UTF-8 first).

    Raises ExtractionError naming the URL for empty, binary or prose-less input.
    """
    url = raw.final_url or raw.url
    content = raw.content
    warnings: list[str] = []
    if len(content) > MAX_TEXT_BYTES:
        content = _cut_utf8(content[:MAX_TEXT_BYTES])
        warnings.append(
            f"input of {len(raw.content)} bytes truncated to the first {len(content)} bytes"
        )
    if not content.strip():
        raise ExtractionError(f"{url}: empty document")
    if _looks_binary(content):
        raise ExtractionError(f"{url}: binary content, not a text render")
    text = _decode(content, raw.headers.get("content-type") or raw.content_type, warnings)
    article = _extract(text, url, warnings, raw.fetched_at)
    if article.section is None and raw.feed_category:
        article.section = raw.feed_category
    return article


def extract_text_string(text: str, url: str = "", fetched_at: datetime | None = None) -> Article:
    """Extract the article from an already decoded text render."""
    warnings: list[str] = []
    if len(text) > MAX_TEXT_BYTES:
        text = text[:MAX_TEXT_BYTES]
        warnings.append(f"input truncated to the first {MAX_TEXT_BYTES} characters")
    return _extract(text, url, warnings, fetched_at or datetime.now(UTC))


def _cut_utf8(data: bytes) -> bytes:
    """Drop a UTF-8 sequence cut in half at the end of ``data``."""
    for back in range(1, 4):
        if len(data) < back:
            break
        byte = data[-back]
        if byte < 0x80:
            return data
        if byte >= 0xC0:  # lead byte: is its sequence complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if back >= need else data[:-back]
    return data


def _decode(content: bytes, content_type: str | None, warnings: list[str]) -> str:
    text, _encoding, problems = decode(content, content_type)
    warnings.extend(problems)
    return text


def _looks_binary(content: bytes) -> bool:
    """NUL bytes (outside UTF-16/32 with a BOM) or many control characters."""
    head = content[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in content:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def _extract(text: str, url: str, warnings: list[str], fetched_at: datetime) -> Article:
    if "\x00" in text:
        raise ExtractionError(f"{url or '<text>'}: binary content, not a text render")
    if not text.strip():
        raise ExtractionError(f"{url or '<text>'}: empty document")
    lines = _prepare_lines(text, warnings)
    article = _extract_digest(lines, url, warnings) or _extract_page(
        lines, url, warnings, fetched_at
    )
    article.fetched_at = fetched_at
    return article


# ---------------------------------------------------------------------------
# Lines: cleaning, lynx/w3m artefacts, unwrapping

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
"""Any run of white space in a line (tabs, no-break and line separators too) becomes one space:
the patterns below then never meet a long run of it (two white-space repeats in a row, as in
``, Inc.`` or ``Home › World``, take quadratic time on one)."""
_LINK_REF = re.compile(r"\[\d{1,5}\]")
_PLACEHOLDER = re.compile(
    r"\[(?:IMG|INLINE|LINK|BUTTON|IFRAME|EMBED|image|img|photo|video|embedded content)\]"
    r"|\((?:BUTTON|IMG|LINK|IFRAME|FORM|RADIO|CHECKBOX)\)"
    r"|\[[^\[\]\n]{0,80}\.(?:jpe?g|png|gif|webp|svg)\]|\[INS:\s*:INS\]",
    re.I,
)
_BRACKETED = re.compile(r"\[([^\s\[\]]*)\]")
_FILE_NAME_MARK = re.compile(r"[_\d:*]")
_EDITORIAL_NUMBER = re.compile(r"[$€£]?\d{1,4}(?:[,.:]\d+)*(?:%|s|st|nd|rd|th|m|bn|k|am|pm)?", re.I)
"""A figure as an editor writes it in brackets: ``$40m``, ``10:30``, ``1990s``, ``2nd``."""


def _drop_image_name(match: re.Match[str]) -> str:
    """``[IMG_2018]``, ``[vw-id-space-concept-6-1]``, ``[1x1]``, ``[]``: an image's file name
    for alt text goes; an editor's ``[Syrian]``, ``[second-half]``, ``[$40m]`` or ``[10:30]``
    in a quote stays."""
    name = match.group(1)
    if not name:
        return ""
    looks_like_file = name.count("-") >= 2 or _FILE_NAME_MARK.search(name)
    return "" if looks_like_file and not _EDITORIAL_NUMBER.fullmatch(name) else match.group(0)


_IMAGE_LINE = re.compile(r"^(?:\[[^\s\[\]]*\]\s*)+$")
"""A line of nothing but bracketed names: images (``[logo]``, ``[INS::INS]``)."""
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\n]{0,800}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?:|/|#|mailto:)[^()\n]{0,800}\)")
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,300}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_REFERENCES = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:?|Links:)\s*$", re.I)
_REF_ITEM = re.compile(r"^\s*\d{1,5}\.\s+\S[^\s:]*:\S*\s*$")  # the first colon: one way
_RULE = re.compile(r"^[\s\-=_*~#.·•|+]{3,}$")


@dataclass(eq=False)
class _Line:
    """One logical line (wrapped lines joined) of the render."""

    text: str
    bullet: bool = False
    heading: bool = False
    blank_before: bool = False
    words: int = 0
    indent: int = 0
    links: int = 0
    kind: str = ""  # set by _classify
    score: float = 0.0
    flags: set[str] = field(default_factory=set)


def _clean(line: str) -> str:
    line = line.translate(_INVISIBLE)
    if "[" in line or "(" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _PLACEHOLDER.sub("", line)
        line = _LINK_REF.sub("", line)
        if _IMAGE_LINE.match(line.strip()):
            return ""
        line = _BRACKETED.sub(_drop_image_name, line)
    if "**" in line or "__" in line:
        line = _MD_EMPH.sub(r"\2", line)
    line = _SPACES.sub(" ", line).rstrip()
    # A rule once its buttons are gone (lynx's ``____ (BUTTON)`` search box), alt text twice.
    return "" if _RULE.match(line) or _printed_twice(line) else line


def _printed_twice(line: str) -> bool:
    """An image's alt text printed twice, the copies glued (``chart.jpgchart.jpg``,
    ``The old bridge at duskThe old bridge at dusk``); not a chant repeating a shorter
    phrase (``Ha ha!Ha ha!Ha ha!Ha ha!``) nor a phrase said twice with a space between."""
    half = len(line) // 2
    first = line[:half]
    return (
        len(line) >= 8
        and first == line[half:]
        and not first[0].isspace()
        and not first[-1].isspace()
        and (first + first).find(first, 1) == half  # not itself repeats of a shorter piece
    )


def _drop_references(raw_lines: list[str]) -> list[str]:
    """Cut a trailing lynx ``References`` list (numbered URLs)."""
    for i in range(len(raw_lines) - 1, max(-1, len(raw_lines) - 5000), -1):
        if _REFERENCES.match(raw_lines[i]):
            rest = [x for x in raw_lines[i + 1 : i + 40] if x.strip()]
            if rest and sum(bool(_REF_ITEM.match(x)) for x in rest) >= 0.6 * len(rest):
                return raw_lines[:i]
    return raw_lines


def _drop_link_header(raw_lines: list[str]) -> list[str]:
    """Cut lynx's list of the page's ``<link>`` elements (``#alternate Feed … #publisher``):
    a first block whose first line opens with ``#`` and a word."""
    first = next((i for i, x in enumerate(raw_lines[:50]) if x.strip()), None)
    if first is None or not re.match(r"#[^\W\d_]", raw_lines[first].strip()):
        return raw_lines
    end = next((i for i in range(first, len(raw_lines)) if not raw_lines[i].strip()), first + 1)
    return raw_lines[end:]


_GAP = re.compile(r"\S {2,}(?=\S)")
_CELL_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_TABLE_ROW = "\x00"
"""Marks the row of a data table (cells joined by one space) from ``_mark_tables`` on (a
render holds no NUL: ``_extract`` turns such input away)."""


def _cells(line: str) -> list[str]:
    return _CELL_GAP.split(line.strip())


def _is_table_row(line: str) -> bool:
    """Three or more short cells side by side: a row of a data table (a page layout puts
    two cells side by side, a long one among them)."""
    cells = _cells(line)
    return (
        len(cells) >= 3
        and not _BULLET.match(line.strip())
        and all(len(c) <= 40 and len(c.split()) <= 6 for c in cells)
    )


def _mark_tables(lines: list[str]) -> list[str]:
    """Data tables (three rows or more, a blank line at most between two rows, and the
    header row of two cells or more right above): each row as one line, its cells joined
    by a space and marked with ``_TABLE_ROW``, so that unfolding a layout leaves it whole."""
    is_row = [_is_table_row(x) for x in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        if not is_row[i]:
            i += 1
            continue
        rows, k = [i], i + 1
        while k < len(lines):
            if is_row[k]:
                rows.append(k)
            elif lines[k].strip() or k + 1 == len(lines) or not is_row[k + 1]:
                break
            k += 1
        if len(rows) >= 3:
            head = i - 2 if i > 1 and not lines[i - 1].strip() else i - 1
            if head >= 0 and len(_cells(lines[head])) >= 2:
                rows.insert(0, head)
            for r in rows:
                indent = len(lines[r]) - len(lines[r].lstrip())
                out[r] = " " * indent + _TABLE_ROW + " ".join(_cells(lines[r]))
        i = k
    return out


def _split_columns(lines: list[str], depth: int = 0) -> list[str]:
    """Unfold a table layout (w3m prints cells side by side): where a run of lines keeps a
    gap of 2+ spaces at one column, print the left column of the run, then the right one."""
    if depth > 3 or len(lines) < 4:
        return lines
    starts: Counter[int] = Counter()
    for line in lines:
        if len(line) > 20:
            starts.update(m.end() for m in _GAP.finditer(line))
    for column, count in starts.most_common(4):
        if count < 3 or column < 8:
            continue
        out: list[str] = []
        split = False
        i = 0
        while i < len(lines):
            j = i
            two_sided = 0
            while j < len(lines) and (len(lines[j]) < column or lines[j][column - 1] == " "):
                line = lines[j]
                gap = line[column - 2 : column] == "  "
                if len(line) > column and gap and line[:column].strip():
                    two_sided += 1
                j += 1
            if two_sided >= 3:
                run = lines[i:j]
                left = [x[:column].rstrip() for x in run]
                right = [x[column:].rstrip() if len(x) > column else "" for x in run]
                out += _split_columns(left, depth + 1) + [""] + _split_columns(right, depth + 1)
                split = True
            else:
                out += lines[i:j]
            if j < len(lines):
                out.append(lines[j])
            i = j + 1
        if split:
            return out
    return lines


def _wrap_width(pairs: list[tuple[int, int]], lengths: list[int]) -> int | None:
    """The column a hard-wrapped render breaks at (lynx: 76, w3m: 80), or None if the text is
    not wrapped. ``pairs`` are (line length, length of the first word of the next line) for
    lines followed by another line of the same block: a line was wrapped at column W when
    it fits (length <= W) and the next word would not have (length + 1 + word > W). The
    width is the column that explains the most breaks, less the lines that overrun it."""
    pairs = [(n, min(w, 30)) for n, w in pairs if 30 < n <= 150]
    if len(pairs) < 3:
        return None
    explained = Counter()
    for n, w in pairs:
        for width in range(n, min(n + w, 200) + 1):
            explained[width] += 1
    lengths = sorted(n for n in lengths if n > 30)
    best: tuple[int, int] | None = None
    for width, count in explained.items():
        if not 40 <= width <= 150:
            continue
        over = len(lengths) - bisect_right(lengths, width)
        score = count - over
        if best is None or score > best[0] or (score == best[0] and width < best[1]):
            best = (score, width)  # on a tie, the tightest column
    if best is None or best[0] < max(6, 0.15 * len(pairs)):
        return None
    return best[1]


def _is_wrapped(limit: int | None, prev: int, first_word: int) -> bool:
    """The previous line was broken because the next word did not fit on it."""
    return limit is not None and limit - 25 <= prev <= limit + 10 and prev + 1 + first_word > limit


def _looks_meta(text: str) -> bool:
    """A byline or date line (never the continuation of a wrapped paragraph)."""
    head = text[:200]
    if head[:1].islower():  # "by merging ...", "on Tuesday ...": the rest of a sentence
        return False
    return bool(
        _BYLINE.match(head)
        or _AUTHOR_LABEL.match(head)
        or (len(text) < 80 and _date_only(head))
        or (len(text) < 80 and _DATE_LABEL.match(head) and _parse_date(head) is not None)
    )


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Scripts written without spaces between words (Chinese, Japanese)."""


def _count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens, where a run of Chinese or Japanese
    characters counts one word per two characters."""
    if text.isascii():
        return len(text.split())
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    rest = _UNSPACED.sub(" ", text)
    return len(rest.split()) + (unspaced + 1) // 2


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if east_asian_width(c) in "WF")


def _first_word(text: str, measure: Callable[[str], int]) -> int:
    """Length of the first word of ``text`` (one character in an unspaced script)."""
    return measure(text[0] if _UNSPACED.match(text) else text.split(" ", 1)[0])


_Limit = tuple[Callable[[str], int], bool, int]


def _wrap_limits(raw_lines: list[str]) -> list[_Limit]:
    """How the render is hard-wrapped: ``(measure, stripped, column)`` for each measure of a
    line (characters, as lynx counts; terminal columns, as w3m counts) and each of the raw
    and the stripped line that shows wrapping. Left-aligned wrapping ends lines near one
    column; centred wrapping gives lines of about one length whatever their indent."""
    measures: tuple[Callable[[str], int], ...] = (len,)
    if not all(x.isascii() for x in raw_lines):
        measures = (len, _width)
    limits: list[_Limit] = []
    for measure in measures:
        for strip in (False, True):
            pairs = [
                (measure(a.strip() if strip else a), min(30, _first_word(b.strip(), measure)))
                for a, b in zip(raw_lines, raw_lines[1:], strict=False)
                if a.strip() and b.strip()
            ]
            lengths = [measure(x.strip() if strip else x) for x in raw_lines]
            limit = _wrap_width(pairs, lengths)
            if limit is not None:
                limits.append((measure, strip, limit))
    return limits


def _long_lines(raw_lines: list[str]) -> list[tuple[Callable[[str], int], int]]:
    """``(measure, length)``: a line at least this long is as long as the render's lines get
    (hard-wrapped or not): nine tenths of the 95th percentile of its longer lines."""
    out = []
    for measure in (len, _width):
        lengths = sorted(n for n in map(measure, raw_lines) if n > 30)
        if len(lengths) >= 3:
            out.append((measure, max(60, int(0.9 * lengths[int(0.95 * (len(lengths) - 1))]))))
    return out


def _follows_wrap(
    limits: list[_Limit], long_lines: list[tuple[Callable[[str], int], int]], prev: str, line: str
) -> bool:
    """``line`` continues ``prev``, broken because its first word did not fit; or, whatever
    the wrapping, a line as long as any in the render, cut mid-sentence, runs on into a
    line that opens in lower case (or mid-word in a script without spaces)."""
    runs_on = line[:1].islower() or bool(_UNSPACED.match(line) and _UNSPACED.match(prev[-1:]))
    if runs_on and not _TERMINAL.search(prev) and any(m(prev) >= n for m, n in long_lines):
        return True
    return any(
        _is_wrapped(limit, measure(prev.strip() if strip else prev), _first_word(line, measure))
        for measure, strip, limit in limits
    )


def _join_wrapped(head: str, tail: str) -> str:
    """A wrapped line joined to the one before it: with a space, except between two
    characters of a script written without spaces."""
    if _UNSPACED.match(tail) and _UNSPACED.match(head[-1:]):
        return head + tail
    return head + " " + tail


_FORM = re.compile(
    r"_{4,}|\[\s*_+\s*\]|enter\s+your\s+e-?mail|your\s+e-?mail\s+address|sign\s+me\s+up|"
    r"^\(\s?[*x]?\s?\)\s+\w",
    re.I,
)
_LONE_LINK = re.compile(r"^\[\d{1,5}\]\S+(?:\s\S+){0,3}$")
_BULLET = re.compile(r"^(?:[•·▪◦●○■□‣∙*+>]|-(?=\s)|–(?=\s)|\d{1,3}[.)](?=\s))\s*")


def _prepare_lines(text: str, warnings: list[str]) -> list[_Line]:
    """Clean, de-artefact and unwrap the render into logical lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = text.split("\n", MAX_LINES)
    if len(raw_lines) > MAX_LINES:
        raw_lines = raw_lines[:MAX_LINES]
        warnings.append(f"only the first {MAX_LINES} lines were read")
    raw_lines = _drop_link_header(_drop_references([x.expandtabs(4).rstrip() for x in raw_lines]))
    if any("   " in x.strip() for x in raw_lines[:2000]):
        raw_lines = _split_columns(_mark_tables(raw_lines))[: MAX_LINES * 2]
    limits = _wrap_limits(raw_lines)
    long_lines = _long_lines(raw_lines)
    out: list[_Line] = []
    blank = True
    prev_raw = ""
    prev_heading = True
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped or _RULE.match(stripped):
            blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        row = stripped.startswith(_TABLE_ROW)
        if row:
            stripped = stripped[1:]
        links = len(_LINK_REF.findall(stripped)) + stripped.count("](")
        cleaned = _clean(stripped).strip()
        if not cleaned:
            continue
        bullet_match = _BULLET.match(cleaned)
        heading = bool(_MD_HEADING.match(cleaned))
        if heading:
            cleaned = _MD_HEADING.sub("", cleaned)
            bullet_match = None
        lone_link = links == 1 and _LONE_LINK.match(stripped) and not _TERMINAL.search(cleaned)
        prev_full = not prev_heading and _follows_wrap(limits, long_lines, prev_raw, stripped)
        if (
            out
            and prev_full
            and not blank
            and not row
            and "table" not in out[-1].flags
            and not bullet_match
            and not lone_link
            and not _looks_meta(cleaned)
            and not (_BOILER.match(cleaned) or _FORM.search(cleaned))
        ):
            out[-1].text = _join_wrapped(out[-1].text, cleaned)
            out[-1].links += links
        else:
            line = _Line(
                text=cleaned, heading=heading, blank_before=blank, indent=indent, links=links
            )
            if bullet_match and bullet_match.end() < len(cleaned):
                line.bullet = True
                line.text = cleaned[bullet_match.end() :].strip()
            if row:
                line.flags.add("table")
            out.append(line)
        prev_raw, prev_heading = raw, heading
        blank = False
    for line in out:
        line.words = _count_words(line.text)
    _mark_outdented(out)
    return out


def _mark_outdented(lines: list[_Line]) -> None:
    """In renders that indent text (lynx: 3 spaces), headings stand out at a smaller indent."""
    indents = Counter(x.indent for x in lines if x.words >= 8)
    if not indents:
        return
    usual, count = indents.most_common(1)[0]
    if usual == 0 or count < 3:
        return
    for line in lines:
        if line.indent < usual and not line.bullet and line.words >= 3:
            line.heading = True


# ---------------------------------------------------------------------------
# Classifying lines

_TERMINAL = re.compile(r"[.!?。！？؟।][\"'”’)\]」』）]*$|[\"”’」』][.!?。]?$")
_TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
_SOCIAL = re.compile(
    r"facebook|twitter|linkedin|reddit|pinterest|whatsapp|telegram|tumblr|messenger|"
    r"flipboard|threads|bluesky|mastodon|instagram|youtube|tiktok|snapchat|e-?mail|sms|"
    r"print|copy\s?link|share|tweet|pocket|comments?(?:\s*\(\d+\))?|x(?=[A-Z]|\s|$)|\bx\b|"
    r"correo|compartir|imprimir|teilen|partager|drucken|imprimer",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:and|&)\s+follow|\s+this(?:\s+(?:article|story|post|page))?|\s+on\s+\w+"
    r"|\s+via\s+\w+|\s+article|\s+story)?|follow\s+us(?:\s+on\s+.*+)?|print(?:\s+this)?"
    r"(?:\s+(?:article|story|page))?|copy\s+link|email\s+this|save(?:\s+article)?|"
    r"\d+\s+(?:comments?|shares?)|comments?(?:\s*\(\d+\))?|listen(?:\s+to\s+this\s+article)?)"
    r"(?:\s*:)?\s*$",  # ``.*+``: what the rest of the line takes, it keeps (linear)
    re.I,
)
_BOILER = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|main|search|footer)|jump\s+to\s+\w+|"
    r"toggle\s+navigation|main\s+menu|menu|search|search\s+for:?|close|open\s+menu|"
    r"advertisement|advertisment|sponsored(?:\s+content)?|paid\s+content|story\s+continues\s+"
    r"below(?:\s+advertisement)?|continue\s+reading|subscribe(?:\s+now)?|sign\s+(?:in|up|out)|"
    r"log\s*(?:in|out)|register|newsletter|back\s+to\s+top|scroll\s+to\s+top|loading\.*|"
    r"click\s+here.*|image\s+source.*|photo\s+credit.*|"
    r"accept(?:\s+all)?(?:\s+cookies)?|we\s+use\s+cookies.*|enable\s+javascript.*|"
    r"this\s+(?:web)?site\s+uses\s+cookies.*|reply(?:\s*[|·]\s*report(?:\s+abuse)?)?|"
    r"report\s+abuse|comment\s+policy|(?:ok,?\s+)?got\s+it|you\s+are\s+here:?|breadcrumbs?|tags?:.*|topics?:.*|"
    r"filed\s+under:?.*|categories?:.*|posted\s+in:?.*)$",
    re.I,
)
_FOOTER = re.compile(
    r"terms\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions)|privacy\s+(?:policy|notice)"
    r"|cookie\s+(?:policy|settings|preferences)|sitemap|site\s+map|\bdmca\b|contact\s+us|about\s+us"
    r"|advertise(?:\s+(?:here|with\s+us))?|careers|accessibility|do\s+not\s+sell|\brss\b|donate"
    r"|editorial\s+(?:policy|standards)|corrections|masthead|newsletters?|subscriptions?",
    re.I,
)
_MARKER = re.compile(
    r"^(?:up\s+next|next\s+up|related(?:\s+(?:articles?|stories|news|posts|content|coverage|"
    r"topics|reading))?|you\s+(?:may|might)\s+also\s+(?:like|enjoy)|read\s+(?:more|next|also)"
    r"(?:\s+(?:stories|articles|from\s+.*+|about\s+.*+))?|more\s+(?:from|on|in|about|stories|"
    r"news|articles|headlines|like\s+this|to\s+read).*+|recommended(?:\s+(?:for\s+you|stories|"
    r"articles|reading))?|trending(?:\s+(?:now|stories|news|today))?|most\s+(?:read|popular|"
    r"viewed|shared|commented)(?:\s+\w+)?|popular(?:\s+(?:now|stories|posts))?|latest(?:\s+"
    r"(?:news|stories|articles|headlines|posts|updates))?|see\s+also|also\s+read|don'?t\s+miss|"
    r"editor'?s\s+picks?|top\s+stories|in\s+other\s+news|around\s+the\s+web|from\s+around\s+the"
    r"\s+web|promoted\s+stories|watch\s+next|what\s+to\s+read\s+next|further\s+reading|"
    r"more\s+coverage|recent\s+posts|you\s+might\s+have\s+missed|previous\s+(?:article|post)|"
    r"next\s+(?:article|post|story)|other\s+stories)(?:\s*:)?\s*$",
    re.I,
)
_INLINE_TEASER = re.compile(
    r"^(?:read\s+(?:more|also|next)|related|see\s+also|also\s+read|more|watch|listen|"
    r"recommended|trending|up\s+next)\s*[:|–—>»-]\s*\S",
    re.I,
)
_COMMENTS = re.compile(
    r"^(?:(?:reader|user|readers'?)\s+)?(?:comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:reply|comment)|"
    r"join\s+the\s+(?:conversation|discussion)|add\s+a\s+comment|post\s+a\s+comment|"
    r"reader\s+comments|discussion)(?:\s*:)?\s*$",
    re.I,
)


_COMMENTS_HEAD = re.compile(
    r"^(?:\d+|one|two|three)\s+(?:responses?|comments?|replies|thoughts)\s+(?:to|on)\s+\S"
    r"|^\S[^.!?]{0,60}(?<=\S)\s+says:$",
    re.I,
)
"""``34 responses to “Headline”``, ``jdoe says:``: the comments begin."""


_PROMO = re.compile(
    r"\bsubscri(?:be|ber|ption)|\bnewsletter|\bsign\s+up\b|\bfree\s+articles?\b|"
    r"\bsupport\s+(?:local|independent|our)\s+(?:news|journalism|newsroom|reporting)|"
    r"\bdonate\s+(?:today|now)|become\s+a\s+(?:member|subscriber)|\bdownload\s+(?:our|the)\s+app|"
    r"\bpaywall|\blog\s+in\s+to\b|create\s+a\s+free\s+account|\bunsubscribe\b|"
    r"\bfollow\s+(?:\w+\s+){1,4}?on\s+(?:twitter|facebook|instagram)|\benable\s+javascript|"
    r"\bhave\s+a\s+(?:news\s+)?tip\b|\bmay\s+be\s+reached\s+at\b|\bget\s+access\s+to\b|"
    r"\bdelivered\s+(?:to|through)\s+your\s+(?:inbox|letterbox|door)|"
    r"\blisten\s+to\s+(?:\w+\s+){1,4}?live\b|\bjoin\s+our\s+\w+\s+(?:forums?|community)",
    re.I,
)
"""Calls to action around an article: subscribe, donate, follow, send a tip, join."""


_MENU_SEP = re.compile(r"(?<!\s)\s+(?:[|·•»›>/]|::)\s+")  # tried from a run's start only


_CAPTION = re.compile(
    r"(?:^|[.)]\s+|\s[|/]\s*|\()(?:photo(?:graph)?|image|picture|foto|illustration|video|"
    r"file\s+photo|credit)s?\s*(?:by\b|:|/)|\b(?:getty\s+images|shutterstock|"
    r"(?:AP|AFP|Reuters|EPA)\s+photo)\b",
    re.I,
)


_CAPTION_OPENING = re.compile(
    r"^in\s+this\s+(?:[\w.,'’-]+\s+){0,8}?(?:file\s+)?(?:photo|image|picture|frame\s+grab)\b",
    re.I,
)
"""The wire services' caption opening: ``In this Nov. 19, 2019, file photo, …``."""


_PHOTO_CREDIT = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|credit)s?\s*(?:by\b|:|/)|courtesy\b)"
    r"|\b(?:getty\s+images|shutterstock)$",
    re.I,
)
"""A photo credit on a line of its own: ``Photo: Jane Doe, AP``, ``Jane Doe | Getty Images``."""


_CREDIT = re.compile(
    r"contributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)|"
    r"^(?:with\s+)?(?:additional\s+)?reporting\s+(?:from|by)\b|"
    r"^information\s+from\s+.{2,60}\s+was\s+used\s+in\s+this\s+(?:report|story|article)",
    re.I,
)


_URL_LINE = re.compile(r"^(?:https?://|www\.)\S*(?:\s+[^\s/%=&?#.]*[/%=&?#.]\S*)*$", re.I)
"""A web address alone on a line (an embed's source, wrapped or not): each further piece holds
one of ``/%=&?#.``, the first of them matched at one place only (no backtracking that grows
exponentially with the pieces)."""


def _is_menu_line(text: str) -> bool:
    """``Log in | Register | Subscribe``, ``Home » World » Europe``: short items in a row."""
    parts = _MENU_SEP.split(text)
    return len(parts) >= 2 and all(0 < len(p.split()) <= 4 for p in parts) and len(text) < 200


def _is_share_line(text: str) -> bool:
    """``FacebookXRedditPinterestWhatsApp``, ``Share and Follow``, ``Share this``."""
    if _SHARE.match(text):
        return True
    if len(text) > 120 or not _SOCIAL.match(text):
        return False
    rest = _SOCIAL.sub("", text)
    removed = len(text) - len(rest)
    rest = re.sub(r"[\s|/,·•:;()\-–—]+", "", rest)
    return removed >= 4 and not rest and bool(re.search(r"[a-z]{4}", text, re.I))


def _is_footer_line(line: _Line) -> bool:
    text = line.text
    if line.words <= 10 and _FOOTER.search(text[:_MATCH_CHARS]):
        return True
    return bool(re.match(r"^(?:©|\(c\)\s|copyright\b)", text, re.I)) and line.words <= 25


def _is_prose(text: str, words: int) -> bool:
    return words >= 8 and bool(_TERMINAL.search(text)) and not _TRUNCATED.search(text)


def _classify(lines: list[_Line]) -> None:
    """Give every line a kind and a body score."""
    counts = Counter(_norm(x.text) for x in lines)
    in_comments = False
    for k, line in enumerate(lines):
        text = line.text
        head = text[:_MATCH_CHARS]
        words = line.words
        repeated = counts[_norm(text)] > 1
        if repeated:
            line.flags.add("repeated")
        if "table" in line.flags:
            line.kind, line.score = "table", 0.0  # neither for nor against a body around it
            continue
        if words <= 30 and _COMMENTS_HEAD.match(head):
            line.kind, line.score = "marker", -25
            in_comments = True
            continue
        if words <= 8 and (_MARKER.match(head) or _COMMENTS.match(head)):
            if _COMMENTS.match(head) and _in_share_bar(lines, k):
                line.kind, line.score = "share", -10  # ``Facebook Twitter Comments Print``
                continue
            line.kind, line.score = "marker", -25
            # ``Comments`` as an item of a menu is a link, not the start of the comments.
            menu_item = line.bullet or repeated
            in_comments = in_comments or bool(_COMMENTS.match(head) and not menu_item)
            continue
        if _is_share_line(head):
            line.kind, line.score = "share", -10
        elif _BOILER.match(head) or _INLINE_TEASER.match(head) or _FORM.search(head[:200]):
            line.kind, line.score = "boiler", -8
        elif (is_rights_line(head) and words <= 60) or (words <= 25 and _CREDIT.search(head)):
            line.kind, line.score = "rights", -12
        elif _is_footer_line(line):
            line.kind, line.score = "footer", -10
        elif _TRUNCATED.search(text) and words < 60:
            line.kind, line.score = "snippet", -8
        elif (words <= 16 and _is_byline(head)) or _AUTHOR_LABEL.match(head):
            line.kind, line.score = "meta", -6
        elif _date_only(head) or (
            words <= 14 and _DATE_LABEL.match(head) and _parse_date(head) is not None
        ):
            line.kind, line.score = "date", -6
        elif (
            (line.links >= 2 and words <= 4 * line.links)
            or (line.links and words <= 3)
            or _is_menu_line(head)
            or _URL_LINE.match(head)
        ):
            line.kind, line.score = "nav", -6
        elif (words < 40 and _CAPTION.search(head)) or _CAPTION_OPENING.match(head):
            line.kind, line.score = "caption", -3
        elif _is_prose(text, words):
            line.kind = "prose"
            line.score = float(words) * (0.5 if line.bullet else 1.0)
            if repeated and words < 20:
                line.score = -4
        elif words >= 25 and not line.bullet:
            line.kind, line.score = "prose", words * 0.6
        elif line.bullet:
            line.kind, line.score = "bullet", -5
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
            and _PHOTO_CREDIT.search(nxt.text[:_MATCH_CHARS])
        ):
            line.kind, line.score = "caption", -3
    for i, line in enumerate(lines):
        # A sign-up box: the lines just above a form field.
        if _FORM.search(line.text[:200]):
            for other in lines[max(0, i - 2) : i]:
                if other.kind in ("short", "prose") and other.words < 30:
                    other.kind, other.score = "boiler", -8
    _mark_dated_cards(lines)
    _mark_embedded_posts(lines)
    # Calls to action next to the body (one or several in a row), not inside it.
    promos = {
        i
        for i, line in enumerate(lines)
        if line.kind == "prose" and line.words < 50 and _PROMO.search(line.text[:_MATCH_CHARS])
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


def _mark_embedded_posts(lines: list[_Line]) -> None:
    """An embedded social-media post quoted in the article: its signature line and the
    lines of its block above it are flagged ``embed`` (body when inside the body)."""
    for i, line in enumerate(lines):
        if not _POST_SIGNATURE.match(line.text[:_MATCH_CHARS]):
            continue
        for j in range(i, max(-1, i - 8), -1):
            post = lines[j]
            if post.kind not in ("short", "prose", "nav", "snippet", "date"):
                break
            post.flags.add("embed")
            post.score = max(post.score, 0.0)
            if post.blank_before:
                break


def _mark_dated_cards(lines: list[_Line]) -> None:
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


def _in_share_bar(lines: list[_Line], k: int) -> bool:
    """Line ``k`` sits among share buttons or by the byline (a share, byline or date line
    right before it, or a share line right after it)."""
    return (k > 0 and lines[k - 1].kind in ("share", "meta", "date")) or (
        k + 1 < len(lines) and _is_share_line(lines[k + 1].text[:_MATCH_CHARS])
    )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# ---------------------------------------------------------------------------
# Body: the best-scoring run of lines


_BARRIERS = ("marker", "rights")  # a body never runs across these


def _best_run(lines: list[_Line], scores: list[float] | None = None) -> tuple[int, int] | None:
    """Maximum-sum contiguous run of line scores (Kadane); ``(start, end)`` inclusive."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    total = 0.0
    start = 0
    for i, line in enumerate(lines):
        if line.kind in _BARRIERS:
            total, start = 0.0, i + 1
            continue
        if total <= 0:
            total, start = 0.0, i
        total += line.score if scores is None else scores[i]
        if total > best:
            best, best_span = total, (start, i)
    return best_span


_MAX_INSET = 10
"""Lines of an inset box (``Related`` and its teasers, a caption, an ad) that a body may run
across."""
_RESUME_WORDS = 30


def _run_from(lines: list[_Line], i: int, step: int = 1) -> tuple[int, float]:
    """The best-scoring run that starts at line ``i`` and goes on forward (``step`` 1) or
    backward (``step`` -1): ``(other end, score)``."""
    total, best, end = 0.0, 0.0, i
    for j in range(i, len(lines) if step > 0 else -1, step):
        if lines[j].kind in _BARRIERS:
            break
        total += lines[j].score
        if total > best:
            best, end = total, j
    return end, best


def _is_inset(lines: list[_Line]) -> bool:
    """Lines a body may run across: a short box of teasers, captions, ads or share buttons,
    without the comments, a byline, a date or a footer (which end an article)."""
    return len(lines) <= _MAX_INSET and not any(
        x.kind in ("rights", "footer", "meta", "date", "snippet")
        or (x.kind == "prose" and "teaser" not in x.flags)
        or _COMMENTS.match(x.text[:_MATCH_CHARS])
        for x in lines
    )


def _extend_run(lines: list[_Line], span: tuple[int, int]) -> tuple[int, int]:
    """Carry the body on across inset boxes (``Related`` and its teaser links in the middle
    of an article): past either end of the run, a short box then a run of prose worth at
    least ``_RESUME_WORDS`` words joins the body."""
    start, end = span
    for step in (1, -1):
        while True:
            edge = end if step > 0 else start
            others = range(edge + step, len(lines) if step > 0 else -1, step)
            nxt = next(
                (j for j in others if lines[j].kind == "prose" and "teaser" not in lines[j].flags),
                None,
            )
            if nxt is None:
                break
            if not _is_inset(lines[edge + 1 : nxt] if step > 0 else lines[nxt + 1 : edge]):
                break
            run_end, score = _run_from(lines, nxt, step)
            if score < _RESUME_WORDS:
                break
            if step > 0:
                end = run_end
            else:
                start = run_end
    return start, end


_FURNITURE = ("marker", "share", "boiler", "rights", "footer", "meta", "date", "nav", "snippet")


def _guess_body(lines: list[_Line]) -> list[_Line]:
    """The best guess at a body when no run of prose stands out: the run richest in lines
    of eight words or more that are not page furniture, whatever their punctuation."""
    sentences = [x.kind not in _FURNITURE and x.words >= 8 for x in lines]
    scores = [x.words if ok else -1.0 if x.kind in ("short", "bullet") else -8.0
              for x, ok in zip(lines, sentences, strict=True)]  # fmt: skip
    span = _best_run(lines, scores)
    if span is None:
        return []
    return [x for x, ok in zip(lines[span[0] : span[1] + 1], sentences[span[0] : span[1] + 1],
                               strict=True) if ok]  # fmt: skip


def _teaser_starts(lines: list[_Line]) -> None:
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


def _is_short_sentence(line: _Line) -> bool:
    """A one-line paragraph too short for prose that still reads as a sentence."""
    return (
        line.kind == "short"
        and 2 <= line.words < 8
        and not line.bullet
        and "repeated" not in line.flags
        and bool(_TERMINAL.search(line.text))
        and (line.text[0].isupper() or line.text[0] in "\"“‘'")
    )


def _in_list(lines: list[_Line], i: int) -> bool:
    """Bullet ``i`` is an item of a list in the text: a bullet printed in one block with
    another (no blank line between them), or a bullet on its own, no other bullet next to
    it (links to other stories come as a run of blank-separated items)."""
    before = i > 0 and lines[i - 1].bullet
    after = i + 1 < len(lines) and lines[i + 1].bullet
    return (
        (before and not lines[i].blank_before)
        or (after and not lines[i + 1].blank_before)
        or not (before or after)
    )


def _is_list_item(lines: list[_Line], start: int, i: int) -> bool:
    """Line ``i`` is an item of a list or a row of a table in the body that starts at line
    ``start``: below some of the body's prose, a row, or a bullet of four words or more in
    a list of the text."""
    line = lines[i]
    item = line.kind == "table" or (
        line.kind == "bullet"
        and line.words >= 4
        and not {"repeated", "teaser"} & line.flags
        and _in_list(lines, i)
    )
    return item and any(x.kind == "prose" for x in lines[start:i])


def _list_after(lines: list[_Line], end: int) -> int:
    """A list that closes the body ending at line ``end``: right after it, an opening line
    and three or more items printed as one block (no blank line between them) that read as
    an enumeration (the opening ends with a colon, or most items hold a figure: dates,
    scores, prices). Flags the lines ``item``; returns the new end of the body."""
    i = end + 1
    if i + 1 < len(lines) and _is_short_sentence(lines[i]):
        i += 1  # ``This game will help you!`` then the list
    if i >= len(lines) or not _opens_list(lines[i]):
        return end
    items: list[_Line] = []
    for item in lines[i + 1 :]:
        if (items and item.blank_before) or not _may_be_item(item):
            break
        items.append(item)
    figures = sum(bool(_DIGIT.search(x.text)) for x in items)
    if len(items) < 3 or not (lines[i].text.endswith(":") or figures >= 0.8 * len(items)):
        return end
    for line in (*lines[end + 1 : i + 1], *items):
        line.flags.add("item")
    return i + len(items)


def _opens_list(line: _Line) -> bool:
    return line.kind == "short" and line.words <= 20 and not {"repeated", "teaser"} & line.flags


def _may_be_item(line: _Line) -> bool:
    return (
        line.kind in ("short", "bullet", "prose")
        and 2 <= line.words <= 25
        and not {"repeated", "teaser"} & line.flags
    )


def _body_lines(lines: list[_Line], span: tuple[int, int]) -> list[_Line]:
    """The lines of the run that belong in the body: prose; lists, tables and embedded posts
    below some prose; short sentences, subheadings, sentences trailing off (``…``) and
    lines opening what follows (``… includes:``) between prose; lines of one block with
    the prose; a list that closes the body; and short closing sentences after the run."""
    start, end = span
    keep: list[_Line] = []
    for i in range(start, end + 1):
        line = lines[i]
        teaser = line.bullet and "teaser" in line.flags  # a linked story in an inset box
        if (line.kind == "prose" and not teaser) or _is_list_item(lines, start, i):
            keep.append(line)
        elif "item" in line.flags or (
            "embed" in line.flags and any(x.kind == "prose" for x in lines[start:i])
        ):
            keep.append(line)  # a list that closes the body, a post quoted in it
        elif (
            line.kind == "short"
            and not {"repeated", "teaser"} & line.flags
            and 2 <= line.words <= 20
            and line.text.endswith(":")
            and i + 1 <= end
            and (
                _is_list_item(lines, start, i + 1)
                or (
                    lines[i + 1].kind == "prose"
                    and any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
                )
            )
        ):
            keep.append(line)  # the sentence that opens a list, a table or a quote
        elif (
            line.kind == "snippet"
            and not {"repeated", "teaser"} & line.flags
            and any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
            and any(x.kind == "prose" for x in lines[i + 1 : min(end + 1, i + 3)])
        ):
            keep.append(line)  # a sentence trailing off (``So frustrating …``) in the text
        elif line.kind == "short" and not {"repeated", "teaser"} & line.flags and line.words >= 2:
            before = any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
            after = any(x.kind == "prose" for x in lines[i + 1 : min(end + 1, i + 3)])
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            heading = (
                not line.bullet
                and not _TERMINAL.search(line.text)
                and line.blank_before
                and (nxt is None or nxt.blank_before)
                and lines[i - 1].kind not in ("boiler", "caption")
            )
            # A line of one block with prose (``<br>``), between two lines of prose or
            # running on into the next.
            within = (
                nxt is not None
                and not nxt.blank_before
                and nxt.kind == "prose"
                and (
                    not _TERMINAL.search(line.text)
                    or (not line.blank_before and lines[i - 1].kind == "prose")
                )
            )
            if (
                before
                and after
                and (within or (line.words <= 14 and (heading or _is_short_sentence(line))))
            ):
                keep.append(line)
    for line in lines[end + 1 : end + 3]:
        if not _is_short_sentence(line):
            break
        keep.append(line)
    return keep


def _drop_lead_in(lines: list[_Line], body: list[_Line]) -> list[_Line]:
    """A body opens after its byline and with its dateline: paragraphs before a byline or
    date line, or before a dateline paragraph, near the top are a standfirst or caption."""
    position = {id(x): i for i, x in enumerate(lines)}
    for k in range(min(3, len(body) - 1), 0, -1):
        between = lines[position[id(body[k - 1])] + 1 : position[id(body[k])]]
        if any(x.kind in ("meta", "date") for x in between):
            return body[k:]
    for k in range(1, min(3, len(body))):
        if find_dateline(body[k].text) and not find_dateline(body[0].text):
            return body[k:]
    return body


def _join_paragraphs(body: list[_Line]) -> str:
    """Body paragraphs separated by blank lines, without pull quotes (a paragraph repeated
    inside another one) and without second copies of a paragraph."""
    norms = [" " + normalize_text(x.text) + " " for x in body]
    seen: set[str] = set()
    paragraphs: list[str] = []
    for k, line in enumerate(body):
        norm = norms[k]
        if line.words >= 8 and norm in seen:
            continue
        seen.add(norm)
        quoted = (
            len(body) <= 400
            and 8 <= line.words < 80
            and any(
                j != k and len(other) > len(norm) and norm in other for j, other in enumerate(norms)
            )
        )
        if quoted:
            continue
        paragraphs.append(("• " + line.text) if line.bullet else line.text)
    return "\n\n".join(paragraphs)


# ---------------------------------------------------------------------------
# Metadata

_MONTH_NAMES = (
    # en, then the common es / fr / de spellings; index = month number - 1
    "jan january enero janvier januar",
    "feb february febrero février fevrier februar",
    "mar march marzo mars märz maerz",
    "apr april abril avril",
    "may mayo mai",
    "jun june junio juin juni",
    "jul july julio juillet juli",
    "aug august agosto août aout",
    "sep sept september septiembre setiembre septembre",
    "oct october octubre octobre oktober",
    "nov november noviembre novembre",
    "dec december diciembre décembre decembre dezember",
)
_MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_TZ_OFFSETS = {
    **dict.fromkeys(("utc", "gmt", "z"), 0.0),
    **{"et": -5.0, "est": -5.0, "edt": -4.0, "ct": -6.0, "cst": -6.0, "cdt": -5.0},
    **{"mt": -7.0, "mst": -7.0, "mdt": -6.0, "pt": -8.0, "pst": -8.0, "pdt": -7.0},
    **{"bst": 1.0, "cet": 1.0, "cest": 2.0, "ist": 5.5, "jst": 9.0, "aest": 10.0},
}
_TIME = (
    r"(?:(?:\s*,\s*|\s+at\s+|\s+-\s+|\s+|\s*\|\s*)(?P<hh>\d{1,2})[:.](?P<mi>\d{2})"
    r"(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?P<tz>UTC|GMT|[ECMP][SD]?T|BST|CEST?"
    r"|IST|JST|AEST)\b)?)?"
)
_DATE_PATTERNS = [
    # ISO 8601: 2026-01-03, 2026-01-03T04:36:54Z, 2026-01-03 04:36 +01:00
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
        r"(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
        r"\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    ),
    # `date` output: Sat Jan 03 04:36:54 UTC 2026
    re.compile(
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\s+(?P<mon>" + _MONTH_RE + r")\s+(?P<d>\d{1,2})\s+"
        r"(?P<hh>\d{1,2}):(?P<mi>\d{2}):(?P<ss>\d{2})\s+(?P<tz>[A-Z]{1,5})\s+(?P<y>\d{4})\b",
        re.I,
    ),
    # 03 January 2026, 3rd of Jan. 2026, 3. März 2026, 3 de enero de 2026
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?(?P<mon>"
        + _MONTH_RE
        + r")\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})(?!\d)"
        + _TIME,
        re.I,
    ),
    # November 17, 2026; Jan. 3 2026 at 4:05 p.m. ET
    re.compile(
        r"\b(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME,
        re.I,
    ),
    # 2026/01/03, 03.01.2026, 01/03/2026 (US order unless the first number is > 12)
    re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])" + _TIME),
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])" + _TIME),
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])" + _TIME),
]
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|posted|date|dated|publish\s+date|release\s+date|on|"
    r"updated|last\s+updated|modified|last\s+modified|veröffentlicht|aktualisiert|publicado|"
    r"actualizado|publié|mis\s+à\s+jour)\b(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_UPDATED_LABEL = re.compile(
    r"^(?:updated|last\s+updated|modified|last\s+modified|aktualisiert|actualizado|mis\s+à\s+jour)",
    re.I,
)


_CLOCK = re.compile(
    r"(?<![\d:])(?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*(?P<tz>UTC|GMT|[ECMP][SD]?T|BST|CEST?|IST|JST|AEST)\b)?",
    re.I,
)


def _parse_date(text: str) -> datetime | None:
    """The first date written in ``text`` as an aware UTC datetime, or None. A clock time
    elsewhere on the line (``1:10 PM UTC, November 17, 2026``) is applied to it."""
    head = text[:300]
    best: re.Match[str] | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(head)
        if (
            match
            and _date_from_match(match.groupdict())
            and (best is None or match.start() < best.start())
        ):
            best = match
    if best is None:
        return None
    parts = best.groupdict()
    if not parts.get("hh"):
        rest = head[: best.start()] + " " * (best.end() - best.start()) + head[best.end() :]
        clock = _CLOCK.search(rest)
        if clock:
            parts = {**parts, **{k: v for k, v in clock.groupdict().items() if v}}
    return _date_from_match(parts) or _date_from_match(best.groupdict())


def _date_from_match(parts: dict[str, str | None]) -> datetime | None:
    try:
        year = int(parts["y"] or "")
        if parts.get("mon"):
            month = _MONTHS[(parts["mon"] or "").lower().rstrip(".")]
            day = int(parts["d"] or "")
        elif parts.get("a"):
            a, b = int(parts["a"] or ""), int(parts["b"] or "")
            month, day = (b, a) if a > 12 else (a, b)
        else:
            month, day = int(parts["m"] or ""), int(parts["d"] or "")
        hour = int(parts.get("hh") or 0)
        minute = int(parts.get("mi") or 0)
        second = int(parts.get("ss") or 0)
        ampm = (parts.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        tz = timezone(_offset(parts.get("off"), parts.get("tz")))
        value = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (KeyError, ValueError, OverflowError):
        return None
    if not 1990 <= year <= 2100:
        return None
    return value.astimezone(UTC)


def _offset(off: str | None, tz: str | None) -> timedelta:
    if off and off != "Z":
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    hours = _TZ_OFFSETS.get((tz or "").lower(), 0)
    return timedelta(hours=hours)


_DIGIT = re.compile(r"\d")


def _date_only(text: str) -> bool:
    """A line that is a date and little else (``November 17, 2026``, ``2026-01-03 10:00``)."""
    if len(text) > 60 or not _DIGIT.search(text):
        return False
    value = _parse_date(text)
    if value is None:
        return False
    rest = text
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"[\W\d_]+", " ", rest).split()
    rest = [w for w in rest if w.lower() not in ("am", "pm", "at", "on", "et", "utc", "gmt")]
    return len(rest) <= 2


_BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by|posted\s+by|published\s+by|"
    r"von|por|par)(?:\s*:)?\s+(?P<name>\S.*)$",
    re.I,
)


def _is_byline(text: str) -> bool:
    """``By Jane Doe``; not ``by merging ...`` (the end of a wrapped sentence)."""
    match = _BYLINE.match(text)
    return bool(match) and match.group("name")[:1].isupper()


_AUTHOR_LABEL = re.compile(
    r"^(?:authors?|writer|reporter|byline|autor|auteur)\b\s*[:：]?\s*(?P<name>.*)$", re.I
)
_NAME_CUT = re.compile(
    r"\s+(?:[|•·/]|[-–—]\s|on\s+(?=\w+\s+\d|\d)|published|updated|posted)\s*|\s{2,}|;", re.I
)
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|contributing|columnist|"
    r"chief|senior|photographer|freelance|intern|special\s+to)\b",
    re.I,
)


_ORG_WORD = re.compile(
    r"^(?:Wire|Press|News|Agency|Reuters|Times|Post|Journal|Tribune|Herald|Gazette|Daily|"
    r"Media|Service|Bureau|Network)$"
)
_NAME_WORD = r"(?:[A-ZÀ-Þ][a-zà-ÿ'’\-]+|[A-Z]\.)"
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")


def _name_beside_date(lines: list[_Line], lo: int, hi: int, skip: set[str]) -> str | None:
    """An unlabelled byline: a bare name (``Lena Hartvig``) right before or after the date
    line between the title and the body."""
    for i in range(lo, hi):
        line = lines[i]
        if line.kind not in ("short", "nav") or line.links > 1 or line.text in skip:
            continue
        if not _NAME.match(line.text):
            continue
        near = [lines[j] for j in (i - 1, i + 1) if lo <= j < hi]
        if any(x.kind == "date" for x in near):
            return line.text
    return None


def _clean_author(name: str) -> str | None:
    """A byline value cut down to the name(s): no date, role or outlet after it."""
    name = _NAME_CUT.split(name.strip(), maxsplit=1)[0].strip(" ,:;.-–—|")
    if not name:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(name)
        if match:
            name = name[: match.start()].strip(" ,:;.-–—|")
    parts = [p.strip() for p in name.split(",")]
    kept = [parts[0]]
    for part in parts[1:]:
        if not part or _ROLE.search(part):
            break
        kept.append(part)
    name = ", ".join(dict.fromkeys(kept))
    words = name.split()
    if "," not in name and len(words) >= 4 and _ORG_WORD.match(words[-1]):
        # "Mira Castellane Northwind Wire": the agency glued to the name
        cut = 3 if len(words) >= 5 and words[-3].lower() == "the" else 2
        name = " ".join(words[:-cut])
    if name.isupper():  # BY JANE DOE -> Jane Doe
        name = name.title()
    words = name.split()
    if not 1 <= len(words) <= 10 or len(name) > 100 or not name[0].isupper():
        return None
    if any(c.isdigit() for c in name) or "http" in name.lower() or "@" in name:
        return None
    return name


def _find_author(lines: list[_Line], indexes: list[int]) -> str | None:
    """``By X``, ``Written by X``, ``Author: X`` or ``Author`` then ``X`` on the next line."""
    for i in indexes:
        head = lines[i].text[:_MATCH_CHARS]
        match = _BYLINE.match(head)
        if match and lines[i].words <= 16:
            name = _clean_author(match.group("name"))
            if name:
                return name
        match = _AUTHOR_LABEL.match(head)
        if match:
            value = match.group("name").strip()
            if not value and i + 1 < len(lines):
                value = lines[i + 1].text
            name = _clean_author(value) if value else None
            if name:
                return name
    return None


def _find_published(lines: list[_Line], indexes: list[int]) -> datetime | None:
    """The best date among ``indexes``: labelled ``Published`` first, then bare dates and
    dates in bylines, then ``Updated``."""
    best: tuple[int, int, datetime] | None = None
    for order, i in enumerate(indexes):
        line = lines[i]
        if "teaser" in line.flags or line.kind in ("prose", "snippet", "rights"):
            continue
        head = line.text[:200]
        if line.words > 25:
            continue
        value = _parse_date(head)
        if value is None:
            continue
        if _UPDATED_LABEL.match(head):
            rank = 2
        elif _DATE_LABEL.match(head):
            rank = 0
        else:
            rank = 1
        if best is None or (rank, order) < best[:2]:
            best = (rank, order, value)
    return best[2] if best else None


_RELATIVE = re.compile(
    r"\b(?P<n>\d{1,3}|an?|one)\s+(?P<unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\s+ago\b"
    r"|\b(?P<word>just now|yesterday|today)\b",
    re.I,
)


def _find_relative_date(lines: list[_Line], indexes: range, now: datetime) -> datetime | None:
    """``Published 3 hours ago``, ``Updated yesterday``: counted back from the fetch time."""
    for i in indexes:
        line = lines[i]
        if line.words > 12 or "teaser" in line.flags or line.kind in ("prose", "snippet"):
            continue
        match = _RELATIVE.search(line.text[:200])
        if not match:
            continue
        if match.group("word"):
            days = 1 if match.group("word").lower() == "yesterday" else 0
            return now - timedelta(days=days)
        n = match.group("n").lower()
        count = 1 if n in ("a", "an", "one") else int(n)
        unit = match.group("unit").lower()
        if unit.startswith("m"):
            return now - timedelta(minutes=count)
        if unit.startswith("h"):
            return now - timedelta(hours=count)
        return now - timedelta(days=count * (7 if unit.startswith("w") else 1))
    return None


# ---------------------------------------------------------------------------
# Title, subtitle, breadcrumb, outlet

_BREADCRUMB_SEP = re.compile(r"›|»|>|/|\||::|→")


def _headline_like(line: _Line, teasers: bool = False) -> bool:
    text = line.text
    return (line.kind == "short" or line.kind == "prose" and not text.endswith(".")) and (
        3 <= line.words <= 30
        and len(text) <= 300
        and not line.bullet
        and (teasers or "teaser" not in line.flags)
        and not text.endswith((".", ",", ":", ";"))
        and not _TRUNCATED.search(text)
        and any(c.isupper() for c in text[:3])
    )


_TITLE_SEP = re.compile(r"\s+(?:[|–—-]|::)\s+\S")


def _looks_like_menu_words(text: str) -> bool:
    """``Capital Briefing Politics Policy Economy World``: capitalised words, no sentence."""
    words = text.split()
    return (
        len(words) >= 6
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
        and not re.search(r"[,:;'’\"“”?!–—]|\d", text)
    )


def _title_case_ratio(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def _find_title(
    lines: list[_Line], body_start: int
) -> tuple[int | None, str | None, str | None, str | None]:
    """``(index, title, breadcrumb section, outlet from a 'Title | Outlet' line)``."""
    lo = max(0, body_start - 80)
    window = list(range(lo, body_start))
    texts = {i: lines[i].text for i in window}
    candidates = [i for i in window if _headline_like(lines[i])] or [
        i for i in window if _headline_like(lines[i], teasers=True)
    ]
    cand_set = set(candidates)
    best: tuple[float, int] | None = None
    section: str | None = None
    for i in candidates:
        text = texts[i]
        score = 10.0 + min(lines[i].words, 16) * 0.3
        composite = False
        for j in window:
            other = texts[j]
            if j == i or len(other) <= len(text):
                continue
            if (other.endswith(text) and _section_from_breadcrumb(other[: -len(text)])) or (
                other.startswith(text) and _TITLE_SEP.match(other[len(text) :])
            ):
                score += 12
        for j in candidates:
            other = texts[j]
            if (
                j != i
                and len(other) < len(text)
                and (text.endswith(other) or text.startswith(other))
            ):
                composite = True
        if composite:
            continue
        if "repeated" in lines[i].flags:
            score += 8
        score += 5 * _title_case_ratio(text)
        if re.search(r"[a-z]\. [A-Z]", text):
            score -= 3
        if lines[i].heading:
            score += 6
        score -= 0.25 * sum(1 for j in range(i + 1, body_start) if "teaser" not in lines[j].flags)
        if lines[i].words < 4:
            score -= 6
        # Title then standfirst is the usual order: the first of two headline-like lines.
        if i + 1 < body_start and i + 1 in cand_set and lines[i + 1].words > lines[i].words:
            score += 4
        if i - 1 in cand_set and lines[i - 1].words < lines[i].words:
            score -= 3
        tokens = text.split()
        if re.search(r"°|\d\s*%|\$\s?\d", text) and (
            lines[i].words < 8
            or sum(any(c.isdigit() for c in t) for t in tokens) * 4 >= len(tokens)
        ):
            score -= 10
        if _looks_like_menu_words(text):
            score -= 8
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None, None, None, None
    index = best[1]
    title = texts[index]
    outlet_hint = None
    for j in window:
        other = texts[j]
        if j == index or len(other) <= len(title):
            continue
        if other.endswith(title) and section is None:
            section = _section_from_breadcrumb(other[: -len(title)])
        elif other.startswith(title):
            tail = other[len(title) :].strip(" |–—-:·•")
            if 0 < len(tail.split()) <= 5:
                outlet_hint = tail
    return index, title, section, outlet_hint


def _section_from_breadcrumb(prefix: str) -> str | None:
    """``Home Local News`` / ``Home › World › Asia ›`` -> ``Local News`` / ``Asia``."""
    prefix = prefix.strip(" ›»>/|:→-")
    parts = [p.strip() for p in _BREADCRUMB_SEP.split(prefix) if p.strip()]
    if not parts:
        return None
    if len(parts) == 1:
        words = parts[0].split()
        if words and words[0].lower() in ("home", "start", "inicio", "accueil", "startseite"):
            words = words[1:]
        value = " ".join(words)
    else:
        if parts[0].lower() in ("home", "start", "inicio", "accueil", "startseite"):
            parts = parts[1:]
        value = parts[-1] if parts else ""
    value = value.strip()
    return value if value and len(value.split()) <= 5 else None


def _find_breadcrumb_section(lines: list[_Line], title_index: int) -> str | None:
    """The section from a ``Home › World › Europe`` line above the title, else from a kicker:
    a one-to-four word label right above the title (``Business``, ``REGIONAL NEWS``)."""
    for i in range(title_index - 1, max(-1, title_index - 40), -1):
        text = lines[i].text
        if (
            re.match(r"^(?:home|start)\s*(?:›|»|>|/|→)\s*\S", text, re.I)
            and len(text) < 200
            and len(_BREADCRUMB_SEP.split(text)) <= 5
        ):
            return _section_from_breadcrumb(text)
    if title_index <= 0:
        return None
    kicker = lines[title_index - 1]
    text = kicker.text.strip(" :|»›>")
    if (
        1 <= len(text.split()) <= 4
        and kicker.kind in ("short", "nav", "bullet")
        and kicker.links <= 1
        and "repeated" not in kicker.flags
        and text.lower() not in _OUTLET_STOP
        and not re.search(r"[\d.!?,;|]", text)
    ):
        return text.title() if text.isupper() else text
    return None


def _find_subtitle(lines: list[_Line], title_index: int, body_start: int, title: str) -> str | None:
    for i in range(title_index + 1, body_start):
        line = lines[i]
        if "teaser" in line.flags or line.kind in ("marker", "share", "meta", "date", "boiler"):
            if line.kind in ("meta", "date", "marker"):
                break
            continue
        if line.bullet or line.words < 6 or "repeated" in line.flags or line.text == title:
            continue
        if line.kind in ("short", "prose"):
            return line.text
    return None


_OUTLET_STOP = {
    *("home", "menu", "search", "navigation", "main menu", "sign in", "log in", "subscribe"),
    *("skip to content", "skip to main content"),
}


_LEGAL_SUFFIX = re.compile(
    r"(?<![\s,])(?:[\s,]+(?:publishing|media|newspapers?|group|company|holdings))*"
    r"[\s,]+(?:llc|inc|ltd|co|corp|corporation|gmbh|plc|s\.a|pty|l\.l\.c)\.?$",
    re.I,
)
"""``, Publishing Group, Inc.`` at the end of a name; tried from the start of a run of spaces and
commas only (from each character of a long run, the search was quadratic)."""
_FOOTER_NAME = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?\d{4}(?:\s*[-–]\s*\d{4})?(?:\s*,)?\s*"
    r"(?P<name>[^.|,©–—·]{2,60}?)\s*(?:[.,|–—·]|(?<=\s)all rights reserved|$)",
    re.I,
)


_NAME_SEP = re.compile(r"(?<!\s)\s+[|–—-]\s+")
"""``Outlet | tagline``; tried from the start of a run of white space only."""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the "))


def _find_outlet(
    lines: list[_Line], body_start: int, body_end: int, title: str, url: str
) -> str | None:
    """The site name. Candidates: short lines of the page head (the first one, and ones
    repeated above each copy of a menu, count most), ``© 2026 Outlet`` footer lines; a name
    that matches the URL's host wins."""
    host = _squash((urlparse(url).hostname or "").removeprefix("www.")) if "://" in url else ""
    scores: dict[str, float] = {}
    names: dict[str, str] = {}

    def add(name: str, score: float) -> None:
        name = _LEGAL_SUFFIX.sub("", name.strip(" |–—-:·•")).strip()
        key = _squash(name)
        if not key or len(name) > 60 or not 1 <= len(name.split()) <= 6:
            return
        if name.count(" ") > names.get(key, "").count(" ") or key not in names:
            names[key] = name  # "TechPulse Daily" over a logo's "TechPulseDaily"
        scores[key] = scores.get(key, 0.0) + score

    first = True
    for line in lines[: min(body_start, 40)]:
        text = line.text
        if line.kind in ("boiler", "share", "date", "footer", "marker", "meta", "rights"):
            continue
        if text.lower() in _OUTLET_STOP or text == title or line.bullet:
            first = False
            continue
        parts = [text, *_NAME_SEP.split(text, maxsplit=1)[:1]]
        for part in dict.fromkeys(parts):
            if 1 <= len(part.split()) <= 5:
                score = 1.0 + (4 if first else 0) + (4 if "repeated" in line.flags else 0)
                add(part, score - (3 if any(c.isdigit() for c in part) else 0))
        first = False
    for line in lines[body_end + 1 :]:
        if line.kind in ("footer", "rights") or line.text.startswith("©"):
            match = _FOOTER_NAME.match(line.text[:_MATCH_CHARS])
            if match:
                add(match.group("name"), 4)
    if host:
        for key in scores:
            if len(key) >= 4 and (key in host or host.split(".")[0] in key):
                scores[key] += 10
    if not scores:
        return None
    key = max(scores, key=lambda k: scores[k])
    return names[key] if scores[key] >= 4 else None


def _outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or "" if "://" in url else ""
    return host.removeprefix("www.") or None


# ---------------------------------------------------------------------------
# Pages


def _extract_page(
    lines: list[_Line], url: str, warnings: list[str], fetched_at: datetime
) -> Article:
    name = url or "<text>"
    if not lines:
        raise ExtractionError(f"{name}: empty document")
    _classify(lines)
    _teaser_starts(lines)
    span = _best_run(lines)
    if span is not None:
        span = _extend_run(lines, span)
        span = span[0], _list_after(lines, span[1])
    body = _drop_lead_in(lines, _body_lines(lines, span)) if span else []
    words = sum(x.words for x in body)
    if words < 15:
        body = _guess_body(lines)
        words = sum(x.words for x in body)
        if not body:
            raise ExtractionError(f"{name}: no article text found (no prose in the render)")
        warnings.append("no clear article body; the text is a best guess")
    position = {id(x): i for i, x in enumerate(lines)}
    start, end = position[id(body[0])], position[id(body[-1])]
    if words < 80:
        warnings.append(f"short body ({words} words)")
    text = _join_paragraphs(body)

    title_index, title, section, outlet_hint = _find_title(lines, start)
    if title is None:
        title = _fallback_title(body[0].text)
        warnings.append("no title found; using the opening words of the body")
        subtitle = None
        title_index = start
    else:
        subtitle = _find_subtitle(lines, title_index, start, title)
    if section is None:
        section = _find_breadcrumb_section(lines, title_index)

    before = list(range(start - 1, max(-1, start - 80), -1))  # nearest first
    after = list(range(end + 1, min(len(lines), end + 8)))
    author = _find_author(lines, before + after)
    if author is None and title_index < start:
        author = _name_beside_date(
            lines, title_index + 1, start, {title, section or "", subtitle or ""}
        )
    if author is None:
        warnings.append("no author found")
    published = _find_published(lines, list(range(max(0, start - 80), start)))
    if published is None:
        published = _find_published(
            lines, [i for i in after if _DATE_LABEL.match(lines[i].text[:40])]
        )
    if published is None:
        published = _find_relative_date(lines, range(max(0, start - 80), start), fetched_at)
        if published is not None:
            warnings.append("published estimated from a relative date and the fetch time")
    if published is None:
        warnings.append("no date found")

    outlet = _find_outlet(lines, min(start, title_index), end, title, url) or outlet_hint
    rights = _find_rights(lines, after, outlet)

    if outlet is None:
        outlet = _outlet_from_url(url)
        if outlet is None:
            warnings.append("no outlet found")
    if author and outlet and author == outlet:
        outlet = outlet_hint or outlet
    title = clean_title(title, outlet)
    return Article(
        url=url,
        title=title,
        text=text,
        subtitle=subtitle,
        author=author,
        published=published,
        dateline=find_dateline(body[0].text),
        outlet=outlet,
        section=section,
        language=guess_language(text),
        rights=rights,
        warnings=warnings,
    )


def _find_rights(lines: list[_Line], after: list[int], outlet: str | None) -> str | None:
    """The copyright or credit line right after the body (not the site's own footer)."""
    for i in after:
        line = lines[i]
        if line.kind == "rights" or (line.kind == "footer" and is_rights_line(line.text)):
            own = outlet and _squash(outlet) in _squash(line.text) and line.words <= 14
            return None if own and line.text.startswith(("©", "(c)")) else line.text
        if line.kind in ("marker", "prose"):
            break
    return None


def _fallback_title(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


# ---------------------------------------------------------------------------
# newsdesk digest entries

_DIGEST_STAMP = re.compile(r"^(?P<stamp>.{6,60}?):\s*Summary:\s*$")
_DIGEST_ARTICLE = re.compile(r"^News Article:\s*$", re.I)
_DIGEST_END = re.compile(r"^Read More\b.{0,200}$", re.I)


def _extract_digest(lines: list[_Line], url: str, warnings: list[str]) -> Article | None:
    """A digest entry: ``<date>: Summary:`` ... ``News Article:`` title, body, ``Read More``."""
    marker = next((i for i, x in enumerate(lines[:400]) if _DIGEST_ARTICLE.match(x.text)), None)
    if marker is None:
        return None
    stamp = None
    for line in lines[:marker]:
        match = _DIGEST_STAMP.match(line.text)
        if match:
            stamp = _parse_date(match.group("stamp"))
    rest = lines[marker + 1 :]
    stop = len(rest)
    for i, line in enumerate(rest):
        if _DIGEST_END.match(line.text) or _DIGEST_STAMP.match(line.text):
            stop = i
            break
    entries = sum(1 for x in lines if _DIGEST_ARTICLE.match(x.text[:40]))
    if entries > 1:
        warnings.append(f"{entries - 1} further digest entries ignored")
    rest = rest[:stop]
    if len(rest) < 2:
        raise ExtractionError(f"{url or '<text>'}: digest entry without an article")
    title = rest[0].text
    body = rest[1:]
    text = _join_paragraphs(body)
    if stamp is not None:
        warnings.append("published is the digest's timestamp")
    else:
        warnings.append("no date found")
    return Article(
        url=url,
        title=title,
        text=text,
        published=stamp,
        dateline=find_dateline(body[0].text),
        language=guess_language(text),
        outlet=None,
        warnings=warnings,
    )
