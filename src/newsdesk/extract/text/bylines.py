"""Authors: bylines and the name in them.

``By Jane Doe`` (not ``by merging …``, the end of a wrapped sentence), ``Author: X`` or
``Author`` then the name on the next line, and an unlabelled name right beside the date
line under the title. A byline value is cut to the name(s): no date, role, outlet or
agency glued to it; ``BY JANE DOE`` becomes ``Jane Doe``.
"""

from __future__ import annotations

import re

from newsdesk.extract.text.dates import DATE_PATTERNS
from newsdesk.extract.text.line import MATCH_CHARS, Line

BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by|posted\s+by|published\s+by|"
    r"von|por|par)(?:\s*:)?\s+(?P<name>\S.*)$",
    re.I,
)


def is_byline(text: str) -> bool:
    """``By Jane Doe``; not ``by merging ...`` (the end of a wrapped sentence)."""
    match = BYLINE.match(text)
    return bool(match) and match.group("name")[:1].isupper()


AUTHOR_LABEL = re.compile(
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


def name_beside_date(lines: list[Line], lo: int, hi: int, skip: set[str]) -> str | None:
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
    for pattern in DATE_PATTERNS:
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


def find_author(lines: list[Line], indexes: list[int]) -> str | None:
    """``By X``, ``Written by X``, ``Author: X`` or ``Author`` then ``X`` on the next line."""
    for i in indexes:
        head = lines[i].text[:MATCH_CHARS]
        match = BYLINE.match(head)
        if match and lines[i].words <= 16:
            name = _clean_author(match.group("name"))
            if name:
                return name
        match = AUTHOR_LABEL.match(head)
        if match:
            value = match.group("name").strip()
            if not value and i + 1 < len(lines):
                value = lines[i + 1].text
            name = _clean_author(value) if value else None
            if name:
                return name
    return None
