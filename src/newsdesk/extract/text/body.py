"""Which lines of the body run are the article, and how they are joined.

Kept: prose; list items and table rows below some of the body's prose; embedded posts;
the line that opens a list, a table or a quote (``… includes:``); a sentence trailing off
between prose; short sentences, subheadings and lines of one block with the prose between
two paragraphs; an enumeration that closes the body; short closing sentences after it.
Dropped: a lead-in (a standfirst or caption before the byline, date or dateline near the
top); pull quotes (a paragraph repeated inside another) and second copies of a paragraph.
"""

from __future__ import annotations

from newsdesk.extract.fields import find_dateline
from newsdesk.extract.text.line import DIGIT, TERMINAL, Line
from newsdesk.model import normalize_text


def _is_short_sentence(line: Line) -> bool:
    """A one-line paragraph too short for prose that still reads as a sentence."""
    return (
        line.kind == "short"
        and 2 <= line.words < 8
        and not line.bullet
        and "repeated" not in line.flags
        and bool(TERMINAL.search(line.text))
        and (line.text[0].isupper() or line.text[0] in "\"“‘'")
    )


def _in_list(lines: list[Line], i: int) -> bool:
    """Bullet ``i`` is an item of a list in the text: a bullet printed in one block with
    another (no blank line between them), or a bullet on its own, no other bullet next to
    it (links to other stories come as a run of blank-separated items)."""
    before = i > 0 and lines[i - 1].bullet
    after = i + 1 < len(lines) and lines[i + 1].bullet
    return (
        (before and not lines[i].blank_before)
        or (after and not lines[i + 1].blank_before)
        or not (before or after)
    )


def _is_list_item(lines: list[Line], start: int, i: int) -> bool:
    """Line ``i`` is an item of a list or a row of a table in the body that starts at line
    ``start``: below some of the body's prose, a row, or a bullet of four words or more in
    a list of the text."""
    line = lines[i]
    item = line.kind == "table" or (
        line.kind == "bullet"
        and line.words >= 4
        and not {"repeated", "teaser"} & line.flags
        and _in_list(lines, i)
    )
    return item and any(x.kind == "prose" for x in lines[start:i])


def list_after(lines: list[Line], end: int) -> int:
    """A list that closes the body ending at line ``end``: right after it, an opening line
    and three or more items printed as one block (no blank line between them) that read as
    an enumeration (the opening ends with a colon, or most items hold a figure: dates,
    scores, prices). Flags the lines ``item``; returns the new end of the body."""
    i = end + 1
    if i + 1 < len(lines) and _is_short_sentence(lines[i]):
        i += 1  # ``This game will help you!`` then the list
    if i >= len(lines) or not _opens_list(lines[i]):
        return end
    items: list[Line] = []
    for item in lines[i + 1 :]:
        if (items and item.blank_before) or not _may_be_item(item):
            break
        items.append(item)
    figures = sum(bool(DIGIT.search(x.text)) for x in items)
    if len(items) < 3 or not (lines[i].text.endswith(":") or figures >= 0.8 * len(items)):
        return end
    for line in (*lines[end + 1 : i + 1], *items):
        line.flags.add("item")
    return i + len(items)


def _opens_list(line: Line) -> bool:
    return line.kind == "short" and line.words <= 20 and not {"repeated", "teaser"} & line.flags


def _may_be_item(line: Line) -> bool:
    return (
        line.kind in ("short", "bullet", "prose")
        and 2 <= line.words <= 25
        and not {"repeated", "teaser"} & line.flags
    )


def body_lines(lines: list[Line], span: tuple[int, int]) -> list[Line]:
    """The lines of the run that belong in the body: prose; lists, tables and embedded posts
    below some prose; short sentences, subheadings, sentences trailing off (``…``) and
    lines opening what follows (``… includes:``) between prose; lines of one block with
    the prose; a list that closes the body; and short closing sentences after the run."""
    start, end = span
    keep: list[Line] = []
    for i in range(start, end + 1):
        line = lines[i]
        teaser = line.bullet and "teaser" in line.flags  # a linked story in an inset box
        if (line.kind == "prose" and not teaser) or _is_list_item(lines, start, i):
            keep.append(line)
        elif "item" in line.flags or (
            "embed" in line.flags and any(x.kind == "prose" for x in lines[start:i])
        ):
            keep.append(line)  # a list that closes the body, a post quoted in it
        elif (
            line.kind == "short"
            and not {"repeated", "teaser"} & line.flags
            and 2 <= line.words <= 20
            and line.text.endswith(":")
            and i + 1 <= end
            and (
                _is_list_item(lines, start, i + 1)
                or (
                    lines[i + 1].kind == "prose"
                    and any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
                )
            )
        ):
            keep.append(line)  # the sentence that opens a list, a table or a quote
        elif (
            line.kind == "snippet"
            and not {"repeated", "teaser"} & line.flags
            and any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
            and any(x.kind == "prose" for x in lines[i + 1 : min(end + 1, i + 3)])
        ):
            keep.append(line)  # a sentence trailing off (``So frustrating …``) in the text
        elif line.kind == "short" and not {"repeated", "teaser"} & line.flags and line.words >= 2:
            before = any(x.kind == "prose" for x in lines[max(start, i - 2) : i])
            after = any(x.kind == "prose" for x in lines[i + 1 : min(end + 1, i + 3)])
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            heading = (
                not line.bullet
                and not TERMINAL.search(line.text)
                and line.blank_before
                and (nxt is None or nxt.blank_before)
                and lines[i - 1].kind not in ("boiler", "caption")
            )
            # A line of one block with prose (``<br>``), between two lines of prose or
            # running on into the next.
            within = (
                nxt is not None
                and not nxt.blank_before
                and nxt.kind == "prose"
                and (
                    not TERMINAL.search(line.text)
                    or (not line.blank_before and lines[i - 1].kind == "prose")
                )
            )
            if (
                before
                and after
                and (within or (line.words <= 14 and (heading or _is_short_sentence(line))))
            ):
                keep.append(line)
    for line in lines[end + 1 : end + 3]:
        if not _is_short_sentence(line):
            break
        keep.append(line)
    return keep


def drop_lead_in(lines: list[Line], body: list[Line]) -> list[Line]:
    """A body opens after its byline and with its dateline: paragraphs before a byline or
    date line, or before a dateline paragraph, near the top are a standfirst or caption."""
    position = {id(x): i for i, x in enumerate(lines)}
    for k in range(min(3, len(body) - 1), 0, -1):
        between = lines[position[id(body[k - 1])] + 1 : position[id(body[k])]]
        if any(x.kind in ("meta", "date") for x in between):
            return body[k:]
    for k in range(1, min(3, len(body))):
        if find_dateline(body[k].text) and not find_dateline(body[0].text):
            return body[k:]
    return body


def join_paragraphs(body: list[Line]) -> str:
    """Body paragraphs separated by blank lines, without pull quotes (a paragraph repeated
    inside another one) and without second copies of a paragraph."""
    norms = [" " + normalize_text(x.text) + " " for x in body]
    seen: set[str] = set()
    paragraphs: list[str] = []
    for k, line in enumerate(body):
        norm = norms[k]
        if line.words >= 8 and norm in seen:
            continue
        seen.add(norm)
        quoted = (
            len(body) <= 400
            and 8 <= line.words < 80
            and any(
                j != k and len(other) > len(norm) and norm in other for j, other in enumerate(norms)
            )
        )
        if quoted:
            continue
        paragraphs.append(("• " + line.text) if line.bullet else line.text)
    return "\n\n".join(paragraphs)
