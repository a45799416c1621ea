"""Field-level rules shared by the HTML and text-render extractors."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import parser as dateparser

# "WASHINGTON –", "PORT AVERY (Northwind Wire) —", "WASHINGTON, D.C. –", "LONDON, Nov 3 (Reuters) -"
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,12}(?:\s?[A-Z.]{1,6})?)?)"
    r"(?:,\s*\w{3,9}\.? \d{1,2})?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*[–—-]{1,2}\s+\S"
)
_RIGHTS = re.compile(
    r"^(?:copyright\b|©|\(c\)\s|all rights reserved)|all rights reserved\.?\s*$", re.I
)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|-|–|—|·)\s+")
_STRONG_SEPARATOR = re.compile(r"\s(?:\||::|·)\s")


def find_dateline(first_paragraph: str) -> str | None:
    """The dateline a body opens with (``WASHINGTON``, ``WASHINGTON, D.C.``), if any."""
    match = _DATELINE.match(first_paragraph.strip())
    if not match:
        return None
    place = match.group("place").strip(" ,")
    # A dateline shouts its city ("LIRENZA, Valdoria", "WASHINGTON, D.C."); the region may not.
    city = [c for c in place.split(",")[0] if c.isalpha()]
    if len(city) < 2 or sum(c.isupper() for c in city) / len(city) < 0.8:
        return None
    return place


def find_agency(first_paragraph: str) -> str | None:
    """The agency credited in a dateline, e.g. ``Northwind Wire`` in ``CITY (Northwind Wire) —``."""
    match = _DATELINE.match(first_paragraph.strip())
    return match.group("agency") if match and match.group("agency") else None


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
