"""A render -> its logical lines (``Line``), ready to be classified.

Line ends are normalised and the input capped at ``MAX_LINES``; lynx's reference list and
link header are cut; tables are marked and layouts unfolded; artefacts are cleaned; then
wrapped lines are joined, never a bullet item, a lone link, a byline or date line,
boilerplate or a form field to the paragraph above. Bullets, markdown headings and, in
renders that indent their text (lynx), outdented headings are marked.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.extract.text.artefacts import (
    LINK_REF,
    MD_HEADING,
    RULE,
    clean_line,
    drop_link_header,
    drop_references,
)
from newsdesk.extract.text.bylines import AUTHOR_LABEL, BYLINE
from newsdesk.extract.text.dates import DATE_LABEL, date_only, parse_date
from newsdesk.extract.text.furniture import BOILER, FORM
from newsdesk.extract.text.layout import TABLE_ROW, mark_tables, split_columns
from newsdesk.extract.text.line import BULLET, TERMINAL, Line, count_words
from newsdesk.extract.text.unwrap import follows_wrap, join_wrapped, long_line_lengths, wrap_limits

MAX_LINES = 20_000
"""Only this many lines are scanned (a page has a few hundred)."""


def _looks_meta(text: str) -> bool:
    """A byline or date line (never the continuation of a wrapped paragraph)."""
    head = text[:200]
    if head[:1].islower():  # "by merging ...", "on Tuesday ...": the rest of a sentence
        return False
    return bool(
        BYLINE.match(head)
        or AUTHOR_LABEL.match(head)
        or (len(text) < 80 and date_only(head))
        or (len(text) < 80 and DATE_LABEL.match(head) and parse_date(head) is not None)
    )


_LONE_LINK = re.compile(r"^\[\d{1,5}\]\S+(?:\s\S+){0,3}$")


def prepare_lines(text: str, warnings: list[str]) -> list[Line]:
    """Clean, de-artefact and unwrap the render into logical lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = text.split("\n", MAX_LINES)
    if len(raw_lines) > MAX_LINES:
        raw_lines = raw_lines[:MAX_LINES]
        warnings.append(f"only the first {MAX_LINES} lines were read")
    raw_lines = drop_link_header(drop_references([x.expandtabs(4).rstrip() for x in raw_lines]))
    if any("   " in x.strip() for x in raw_lines[:2000]):
        raw_lines = split_columns(mark_tables(raw_lines))[: MAX_LINES * 2]
    limits = wrap_limits(raw_lines)
    long_lines = long_line_lengths(raw_lines)
    out: list[Line] = []
    blank = True
    prev_raw = ""
    prev_heading = True
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped or RULE.match(stripped):
            blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        row = stripped.startswith(TABLE_ROW)
        if row:
            stripped = stripped[1:]
        links = len(LINK_REF.findall(stripped)) + stripped.count("](")
        cleaned = clean_line(stripped).strip()
        if not cleaned:
            continue
        bullet_match = BULLET.match(cleaned)
        heading = bool(MD_HEADING.match(cleaned))
        if heading:
            cleaned = MD_HEADING.sub("", cleaned)
            bullet_match = None
        lone_link = links == 1 and _LONE_LINK.match(stripped) and not TERMINAL.search(cleaned)
        prev_full = not prev_heading and follows_wrap(limits, long_lines, prev_raw, stripped)
        if (
            out
            and prev_full
            and not blank
            and not row
            and "table" not in out[-1].flags
            and not bullet_match
            and not lone_link
            and not _looks_meta(cleaned)
            and not (BOILER.match(cleaned) or FORM.search(cleaned))
        ):
            out[-1].text = join_wrapped(out[-1].text, cleaned)
            out[-1].links += links
        else:
            line = Line(
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
        line.words = count_words(line.text)
    _mark_outdented(out)
    return out


def _mark_outdented(lines: list[Line]) -> None:
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
