"""The outlet (site name) and the rights line.

- outlet: short lines of the page head (the first one, and ones repeated above each copy
  of a menu, count most) and ``© 2026 Outlet`` footer lines, legal suffixes dropped; a
  name that matches the URL's host wins; else the host;
- rights: the copyright or credit line right after the body, not the site's own footer.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from newsdesk.extract.fields import is_rights_line
from newsdesk.extract.text.line import MATCH_CHARS, Line

OUTLET_STOP = {
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


def find_outlet(
    lines: list[Line], body_start: int, body_end: int, title: str, url: str
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
        if text.lower() in OUTLET_STOP or text == title or line.bullet:
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
            match = _FOOTER_NAME.match(line.text[:MATCH_CHARS])
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


def outlet_from_url(url: str) -> str | None:
    host = urlparse(url).hostname or "" if "://" in url else ""
    return host.removeprefix("www.") or None


def find_rights(lines: list[Line], after: list[int], outlet: str | None) -> str | None:
    """The copyright or credit line right after the body (not the site's own footer)."""
    for i in after:
        line = lines[i]
        if line.kind == "rights" or (line.kind == "footer" and is_rights_line(line.text)):
            own = outlet and _squash(outlet) in _squash(line.text) and line.words <= 14
            return None if own and line.text.startswith(("©", "(c)")) else line.text
        if line.kind in ("marker", "prose"):
            break
    return None
