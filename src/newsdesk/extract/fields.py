"""Field-level rules shared by the HTML and text-render extractors."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import parser as dateparser

# "WASHINGTON –", "PORT AVERY (Northwind Wire) —", "WASHINGTON, D.C. –", "LONDON, Nov 3 (Reuters) -"
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\-]*"
_MONTH_ABBR = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATELINE = re.compile(
    r"^(?P<place>" + _CAPS_WORD + r"(?:\s+" + _CAPS_WORD + r"){0,4}"
    r"(?:,\s*[A-ZÀ-ÖØ-Þ][\w.'’\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.'’\-]*){0,2})?)"
    r"(?:,\s*(?i:(?:" + _MONTH_ABBR + r")[a-z]*)\.?\s+\d{1,2})?"
    # possessive white space, a dash after white space: linear on a run of spaces
    r"\s*+(?:\((?P<agency>[^()]{0,40})\)\s*+)?"
    r"(?:[–—]{1,2}\s*+|(?<=\s)--?\s++|:\s++)(?=[^\W_a-zà-ÿ]|[\"“‘'(])"
)
_NOT_PLACES = re.compile(
    r"^(?:BREAKING|UPDATE[DS]?|WATCH|EXCLUSIVE|ANALYSIS|OPINION|LIVE|EDITOR|PHOTOS?|VIDEO|"
    r"LISTEN|NOTE|CORRECTION|SPONSORED|ADVERTISEMENT|EDITORIAL|REVIEW|FACT CHECK|Q&A)\b"
)
_RIGHTS = re.compile(
    r"^(?:copyright\b|©|\(c\)\s|all rights reserved)|all rights reserved\.?\s*$", re.I
)
# Titles are matched with their white space collapsed (one space: linear on any run).
_TITLE_SEPARATOR = re.compile(r" (?:\||::|-|–|—|·) ")
_STRONG_SEPARATOR = re.compile(r"\s(?:\||::|·)\s")


def _dateline_match(paragraph: str) -> re.Match[str] | None:
    head = paragraph[:200].strip()
    match = _DATELINE.match(head)
    if not match or _NOT_PLACES.match(head):
        return None
    return match if sum(c.isalpha() for c in match.group("place").split(",")[0]) >= 2 else None


def find_dateline(first_paragraph: str) -> str | None:
    """The place a body opens with: ``WASHINGTON –``, ``LONDON, Nov. 3 (Reuters) -``,
    ``AUGUSTA, Ga. () –``, ``LIRENZA, Valdoria (Northwind Wire) —``, ``NEW DELHI:``."""
    match = _dateline_match(first_paragraph)
    return match.group("place").strip(" ,") if match else None


def find_agency(first_paragraph: str) -> str | None:
    """The agency credited in a dateline, e.g. ``Northwind Wire`` in ``CITY (Northwind Wire) —``."""
    match = _dateline_match(first_paragraph)
    agency = (match.group("agency") or "").strip() if match else ""
    return agency or None


def is_rights_line(line: str) -> bool:
    """A copyright or credit line (``Copyright 2026 The Associated Press. All rights ...``)."""
    return bool(_RIGHTS.search(line.strip())) and len(line) < 400


def split_rights(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Take a trailing copyright/credit line off the body; returns (body, rights)."""
    for i in range(len(paragraphs) - 1, max(len(paragraphs) - 4, -1), -1):
        if is_rights_line(paragraphs[i]):
            return paragraphs[:i] + paragraphs[i + 1 :], paragraphs[i].strip()
    return paragraphs, None


def clean_title(title: str, outlet: str | None = None) -> str:
    """A headline without the site name glued to it (``Headline | Outlet``, ``Outlet :: Headline``).

    A segment is dropped when it names the outlet; without a known outlet, a
    short end segment behind a strong separator (``|``, ``::``) is taken for
    the site name.
    """
    title = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    name = (outlet or "").lower().removeprefix("the ").strip()
    if name:
        for keep in (parts[:-1], parts[1:]):
            dropped = parts[-1] if keep == parts[:-1] else parts[0]
            short = dropped.lower().removeprefix("the ").strip()
            if name in dropped.lower() or (len(short) >= 4 and short in name):
                return _join_title(title, keep)
    if _STRONG_SEPARATOR.search(title):
        first, last = parts[0], parts[-1]
        if len(last.split()) <= 4 and len(last) < len(first):
            return _join_title(title, parts[:-1])
        if len(first.split()) <= 4 and len(first) < len(last):
            return _join_title(title, parts[1:])
    return title


def _join_title(title: str, parts: list[str]) -> str:
    """Re-join kept segments with the separators they had in ``title``."""
    start = title.index(parts[0])
    end = title.rindex(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


def parse_datetime(value: str | None) -> datetime | None:
    """Parse a date or timestamp as printed on a page; naive times are taken as UTC."""
    if not value or len(value) > 100:
        return None
    try:
        parsed = dateparser.parse(value.strip(), fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
