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
_TITLE_SUFFIX = re.compile(r"\s+[|–—:-]\s+[^|–—:-]{2,40}$")


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
    """A headline without the site name glued to it (``Headline | Outlet``)."""
    title = " ".join(title.split())
    if outlet and outlet.lower() in title.lower():
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            head, _, tail = title.rpartition(sep)
            if head and outlet.lower() in tail.lower():
                return head.strip()
    match = _TITLE_SUFFIX.search(title)
    if match and "|" in match.group(0):
        return title[: match.start()].strip()
    return title


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
