"""Hard-wrapped paragraphs: at which column a render wraps, and which lines continue
the one before.

- the wrap column is the one that explains the most line breaks (the line fits, the next
  word would not have), less the lines that overrun it; lynx counts characters, w3m
  terminal columns (wide East Asian characters take two); centred text is measured
  stripped of its indent;
- whatever the wrapping, a line as long as the render's longest, cut mid-sentence, runs
  on into a line that opens in lower case (or mid-word in a script without spaces);
- joined lines take a space between them, except between two characters of a script
  written without spaces.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from unicodedata import east_asian_width

from newsdesk.extract.text.line import TERMINAL, UNSPACED


def _wrap_width(pairs: list[tuple[int, int]], lengths: list[int]) -> int | None:
    """The column a hard-wrapped render breaks at (lynx: 76, w3m: 80), or None if the text is
    not wrapped. ``pairs`` are (line length, length of the first word of the next line) for
    lines followed by another line of the same block: a line was wrapped at column W when
    it fits (length <= W) and the next word would not have (length + 1 + word > W). The
    width is the column that explains the most breaks, less the lines that overrun it."""
    pairs = [(n, min(w, 30)) for n, w in pairs if 30 < n <= 150]
    if len(pairs) < 3:
        return None
    explained = Counter()
    for n, w in pairs:
        for width in range(n, min(n + w, 200) + 1):
            explained[width] += 1
    lengths = sorted(n for n in lengths if n > 30)
    best: tuple[int, int] | None = None
    for width, count in explained.items():
        if not 40 <= width <= 150:
            continue
        over = len(lengths) - bisect_right(lengths, width)
        score = count - over
        if best is None or score > best[0] or (score == best[0] and width < best[1]):
            best = (score, width)  # on a tie, the tightest column
    if best is None or best[0] < max(6, 0.15 * len(pairs)):
        return None
    return best[1]


def _is_wrapped(limit: int | None, prev: int, first_word: int) -> bool:
    """The previous line was broken because the next word did not fit on it."""
    return limit is not None and limit - 25 <= prev <= limit + 10 and prev + 1 + first_word > limit


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if east_asian_width(c) in "WF")


def _first_word(text: str, measure: Callable[[str], int]) -> int:
    """Length of the first word of ``text`` (one character in an unspaced script)."""
    return measure(text[0] if UNSPACED.match(text) else text.split(" ", 1)[0])


_Limit = tuple[Callable[[str], int], bool, int]


def wrap_limits(raw_lines: list[str]) -> list[_Limit]:
    """How the render is hard-wrapped: ``(measure, stripped, column)`` for each measure of a
    line (characters, as lynx counts; terminal columns, as w3m counts) and each of the raw
    and the stripped line that shows wrapping. Left-aligned wrapping ends lines near one
    column; centred wrapping gives lines of about one length whatever their indent."""
    measures: tuple[Callable[[str], int], ...] = (len,)
    if not all(x.isascii() for x in raw_lines):
        measures = (len, _width)
    limits: list[_Limit] = []
    for measure in measures:
        for strip in (False, True):
            pairs = [
                (measure(a.strip() if strip else a), min(30, _first_word(b.strip(), measure)))
                for a, b in zip(raw_lines, raw_lines[1:], strict=False)
                if a.strip() and b.strip()
            ]
            lengths = [measure(x.strip() if strip else x) for x in raw_lines]
            limit = _wrap_width(pairs, lengths)
            if limit is not None:
                limits.append((measure, strip, limit))
    return limits


def long_line_lengths(raw_lines: list[str]) -> list[tuple[Callable[[str], int], int]]:
    """``(measure, length)``: a line at least this long is as long as the render's lines get
    (hard-wrapped or not): nine tenths of the 95th percentile of its longer lines."""
    out = []
    for measure in (len, _width):
        lengths = sorted(n for n in map(measure, raw_lines) if n > 30)
        if len(lengths) >= 3:
            out.append((measure, max(60, int(0.9 * lengths[int(0.95 * (len(lengths) - 1))]))))
    return out


def follows_wrap(
    limits: list[_Limit], long_lines: list[tuple[Callable[[str], int], int]], prev: str, line: str
) -> bool:
    """``line`` continues ``prev``, broken because its first word did not fit; or, whatever
    the wrapping, a line as long as any in the render, cut mid-sentence, runs on into a
    line that opens in lower case (or mid-word in a script without spaces)."""
    runs_on = line[:1].islower() or bool(UNSPACED.match(line) and UNSPACED.match(prev[-1:]))
    if runs_on and not TERMINAL.search(prev) and any(m(prev) >= n for m, n in long_lines):
        return True
    return any(
        _is_wrapped(limit, measure(prev.strip() if strip else prev), _first_word(line, measure))
        for measure, strip, limit in limits
    )


def join_wrapped(head: str, tail: str) -> str:
    """A wrapped line joined to the one before it: with a space, except between two
    characters of a script written without spaces."""
    if UNSPACED.match(tail) and UNSPACED.match(head[-1:]):
        return head + tail
    return head + " " + tail
