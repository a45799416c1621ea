"""Field-level rules shared by the HTML and text-render extractors."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

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


# Zone abbreviations pages print after a time ("5:30 PM EST"); others carry a numeric offset.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
# Two defaults that differ in every field: what a parse takes from them the text lacked.
_DEFAULTS = (datetime(1901, 1, 1), datetime(1902, 2, 2))


def _zone(name: str | None, offset: int | None) -> timezone | None:
    """dateutil's ``tzinfos`` hook: a fixed offset for a known abbreviation or a numeric
    offset; None (a naive time) for an unknown name, without dateutil's warning."""
    if name and name.upper() in _ZONES:
        return timezone(timedelta(hours=_ZONES[name.upper()]))
    return timezone(timedelta(seconds=offset)) if offset is not None else None


def parse_datetime(value: str | None) -> datetime | None:
    """Parse a date or timestamp as printed on a page, keeping the offset it gives.

    A time without an offset is taken as UTC. A text that lacks the year, month or day
    ("Dec 5", "5 min read") is no date: dateutil would fill the gap from today.
    """
    if not value or len(value) > 100:
        return None
    parsed = []
    for default in _DEFAULTS:
        try:
            parsed.append(
                dateparser.parse(value.strip(), default=default, fuzzy=True, tzinfos=_zone)
            )
        except (ValueError, OverflowError, TypeError):
            return None
    first, second = parsed
    if first is None or first.date() != second.date() or not 1990 <= first.year <= 2100:
        return None
    offset = first.utcoffset()
    return first.replace(tzinfo=UTC if offset is None else timezone(offset))


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_CLOCK = (
    r"(?:(?:\s*[·•|–-]\s*|,?\s*(?:at\s+)?)\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})\)?)?)?"
)
# A date printed in running text: ISO, "Nov 17, 2026", "17 November 2026", "17/11/2026",
# each with an optional time ("at 5:30 PM EST").
_PRINTED_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<mdy>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _CLOCK + r")"
    r"|(?P<dmy>\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+\d{4}" + _CLOCK + r")"
    r"|(?P<num>\d{1,2}[/.]\d{1,2}[/.]\d{4})"
    r")(?![\w/-])",
    re.I,
)
_UPDATE_LABEL = re.compile(r"(?:updated|modified|edited|revised|reviewed)\W{0,3}(?:on\W+)?$", re.I)


def find_printed_date(text: str, dayfirst: bool = False) -> datetime | None:
    """The first date printed in ``text`` that is not labelled as an update.

    ``dayfirst`` reads an all-number date such as 03/10/2023 as day/month; a date whose
    first number is over 12 is read so anyway.
    """
    for match in _PRINTED_DATE.finditer(text[:2000]):
        if _UPDATE_LABEL.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        value = match.group(0)
        if match.group("num"):
            first, second = (int(x) for x in re.split(r"[/.]", value)[:2])
            day_first = first > 12 or (dayfirst and second <= 12)
            try:
                return dateparser.parse(value, dayfirst=day_first).replace(tzinfo=UTC)
            except (ValueError, OverflowError):
                continue
        moment = parse_datetime(value)
        if moment is not None:
            return moment
    return None


def possible_date(moment: datetime | None, fetched_at: datetime) -> datetime | None:
    """``moment`` unless it lies after ``fetched_at``: a page cannot be published after it
    was fetched (a misread date, or a countdown)."""
    return moment if moment is not None and moment <= fetched_at else None
