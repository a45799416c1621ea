"""Dates in a render: formats, labels, and which date is the published one.

- formats: ISO 8601, ``date`` output, ``3 January 2026`` (and the common es/fr/de month
  names), ``January 3, 2026 at 4:05 p.m. ET``, ``2026/01/03``, ``03.01.2026``,
  ``01/03/2026`` (US order unless the first number is over 12); a clock time elsewhere
  on the line applies; time-zone abbreviations give the offset;
- a date-only line (a date and little else), a labelled one (``Published:``,
  ``Updated:``);
- published: labelled ``Published`` first, then bare dates and dates in bylines, then
  ``Updated``, skipping teasers and prose; else ``3 hours ago`` counted back from the
  fetch time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newsdesk.extract.text.line import DIGIT, Line

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
DATE_PATTERNS = [
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
DATE_LABEL = re.compile(
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


def parse_date(text: str) -> datetime | None:
    """The first date written in ``text`` as an aware datetime in the offset written with
    it (UTC when none), or None: an evening date keeps its day. A clock time elsewhere on
    the line (``1:10 PM UTC, November 17, 2026``) is applied to it."""
    head = text[:300]
    best: re.Match[str] | None = None
    for pattern in DATE_PATTERNS:
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
    return value  # in the offset the page printed (UTC when it printed none)


def _offset(off: str | None, tz: str | None) -> timedelta:
    if off and off != "Z":
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    hours = _TZ_OFFSETS.get((tz or "").lower(), 0)
    return timedelta(hours=hours)


def date_only(text: str) -> bool:
    """A line that is a date and little else (``November 17, 2026``, ``2026-01-03 10:00``)."""
    if len(text) > 60 or not DIGIT.search(text):
        return False
    value = parse_date(text)
    if value is None:
        return False
    rest = text
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"[\W\d_]+", " ", rest).split()
    rest = [w for w in rest if w.lower() not in ("am", "pm", "at", "on", "et", "utc", "gmt")]
    return len(rest) <= 2


def find_published(lines: list[Line], indexes: list[int]) -> datetime | None:
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
        value = parse_date(head)
        if value is None:
            continue
        if _UPDATED_LABEL.match(head):
            rank = 2
        elif DATE_LABEL.match(head):
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


def find_relative_date(lines: list[Line], indexes: range, now: datetime) -> datetime | None:
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
