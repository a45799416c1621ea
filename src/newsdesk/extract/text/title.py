"""Title, subtitle and section, read from the lines above the body.

- title: among the headline-like lines above the body, the one that scores best: repeated
  (the page head and the article both print it), a heading, title-cased, matched by a
  ``Title | Outlet`` or a breadcrumb line, nearer the body, the first of title then
  standfirst; not a menu of capitalised words, not a price or weather line;
- section: from a ``Home › World › Europe`` breadcrumb, else a one-to-four word kicker
  right above the title;
- subtitle: the first sentence-like line between the title and the byline;
- with no title, the opening words of the body.
"""

from __future__ import annotations

import re

from newsdesk.extract.text.line import TRUNCATED, Line
from newsdesk.extract.text.outlet import OUTLET_STOP

_BREADCRUMB_SEP = re.compile(r"›|»|>|/|\||::|→")


def _headline_like(line: Line, teasers: bool = False) -> bool:
    text = line.text
    return (line.kind == "short" or line.kind == "prose" and not text.endswith(".")) and (
        3 <= line.words <= 30
        and len(text) <= 300
        and not line.bullet
        and (teasers or "teaser" not in line.flags)
        and not text.endswith((".", ",", ":", ";"))
        and not TRUNCATED.search(text)
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


def find_title(
    lines: list[Line], body_start: int
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


def find_breadcrumb_section(lines: list[Line], title_index: int) -> str | None:
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
        and text.lower() not in OUTLET_STOP
        and not re.search(r"[\d.!?,;|]", text)
    ):
        return text.title() if text.isupper() else text
    return None


def find_subtitle(lines: list[Line], title_index: int, body_start: int, title: str) -> str | None:
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


def fallback_title(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
