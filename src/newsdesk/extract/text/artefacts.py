"""Artefacts of text browsers and markdown, removed before the lines are read.

- lynx/w3m link references (``[12]``) and placeholders (``[IMG]``, ``(BUTTON)``,
  ``[INS::INS]``);
- image file names in brackets (``[IMG_2018]``, ``[vw-id-space-concept-6-1]``), while an
  editor's ``[Syrian]``, ``[$40m]`` or ``[10:30]`` in a quote stays; a line of nothing but
  bracketed names (images) goes;
- markdown images, links (their text kept) and emphasis;
- an image's alt text printed twice, the copies glued; rules (``-----``, w3m's ``━━━━``);
- lynx's trailing ``References`` list of numbered URLs, and its header listing the
  page's ``<link>`` elements.
"""

from __future__ import annotations

import re

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
"""Any run of white space in a line (tabs, no-break and line separators too) becomes one space:
the patterns below then never meet a long run of it (two white-space repeats in a row, as in
``, Inc.`` or ``Home › World``, take quadratic time on one)."""
LINK_REF = re.compile(r"\[\d{1,5}\]")
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
MD_HEADING = re.compile(r"^#{1,6}\s+")
_REFERENCES = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:?|Links:)\s*$", re.I)
_REF_ITEM = re.compile(r"^\s*\d{1,5}\.\s+\S[^\s:]*:\S*\s*$")  # the first colon: one way
RULE = re.compile(r"^[\s\-=_*~#.·•|+─━═]{3,}$")
"""A rule: lynx prints ``<hr>`` as ``____``, w3m as ``━━━━``; either is a blank line."""


def clean_line(line: str) -> str:
    line = line.translate(_INVISIBLE)
    if "[" in line or "(" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _PLACEHOLDER.sub("", line)
        line = LINK_REF.sub("", line)
        if _IMAGE_LINE.match(line.strip()):
            return ""
        line = _BRACKETED.sub(_drop_image_name, line)
    if "**" in line or "__" in line:
        line = _MD_EMPH.sub(r"\2", line)
    line = _SPACES.sub(" ", line).rstrip()
    # A rule once its buttons are gone (lynx's ``____ (BUTTON)`` search box), alt text twice.
    return "" if RULE.match(line) or _printed_twice(line) else line


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


def drop_references(raw_lines: list[str]) -> list[str]:
    """Cut a trailing lynx ``References`` list (numbered URLs)."""
    for i in range(len(raw_lines) - 1, max(-1, len(raw_lines) - 5000), -1):
        if _REFERENCES.match(raw_lines[i]):
            rest = [x for x in raw_lines[i + 1 : i + 40] if x.strip()]
            if rest and sum(bool(_REF_ITEM.match(x)) for x in rest) >= 0.6 * len(rest):
                return raw_lines[:i]
    return raw_lines


def drop_link_header(raw_lines: list[str]) -> list[str]:
    """Cut lynx's list of the page's ``<link>`` elements (``#alternate Feed … #publisher``):
    a first block whose first line opens with ``#`` and a word."""
    first = next((i for i, x in enumerate(raw_lines[:50]) if x.strip()), None)
    if first is None or not re.match(r"#[^\W\d_]", raw_lines[first].strip()):
        return raw_lines
    end = next((i for i in range(first, len(raw_lines)) if not raw_lines[i].strip()), first + 1)
    return raw_lines[end:]
