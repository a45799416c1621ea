"""The body run: the best-scoring contiguous run of classified lines.

- the run is the maximum-sum contiguous run of line scores (Kadane), never across a
  marker (``Related``, ``Comments``) or a rights line;
- it is carried on across an inset box (teasers, a caption, an ad, share buttons; no
  byline, date, footer or comments) on either side, when at least ``_RESUME_WORDS``
  words of prose follow;
- when no run of prose stands out, the best guess is the run richest in lines of eight
  words or more that are not furniture.
"""

from __future__ import annotations

from newsdesk.extract.text.furniture import COMMENTS
from newsdesk.extract.text.line import MATCH_CHARS, Line

_BARRIERS = ("marker", "rights")  # a body never runs across these


def best_run(lines: list[Line], scores: list[float] | None = None) -> tuple[int, int] | None:
    """Maximum-sum contiguous run of line scores (Kadane); ``(start, end)`` inclusive."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    total = 0.0
    start = 0
    for i, line in enumerate(lines):
        if line.kind in _BARRIERS:
            total, start = 0.0, i + 1
            continue
        if total <= 0:
            total, start = 0.0, i
        total += line.score if scores is None else scores[i]
        if total > best:
            best, best_span = total, (start, i)
    return best_span


_MAX_INSET = 10
"""Lines of an inset box (``Related`` and its teasers, a caption, an ad) that a body may run
across."""
_RESUME_WORDS = 30


def _run_from(lines: list[Line], i: int, step: int = 1) -> tuple[int, float]:
    """The best-scoring run that starts at line ``i`` and goes on forward (``step`` 1) or
    backward (``step`` -1): ``(other end, score)``."""
    total, best, end = 0.0, 0.0, i
    for j in range(i, len(lines) if step > 0 else -1, step):
        if lines[j].kind in _BARRIERS:
            break
        total += lines[j].score
        if total > best:
            best, end = total, j
    return end, best


def _is_inset(lines: list[Line]) -> bool:
    """Lines a body may run across: a short box of teasers, captions, ads or share buttons,
    without the comments, a byline, a date or a footer (which end an article)."""
    return len(lines) <= _MAX_INSET and not any(
        x.kind in ("rights", "footer", "meta", "date", "snippet")
        or (x.kind == "prose" and "teaser" not in x.flags)
        or COMMENTS.match(x.text[:MATCH_CHARS])
        for x in lines
    )


def extend_run(lines: list[Line], span: tuple[int, int]) -> tuple[int, int]:
    """Carry the body on across inset boxes (``Related`` and its teaser links in the middle
    of an article): past either end of the run, a short box then a run of prose worth at
    least ``_RESUME_WORDS`` words joins the body."""
    start, end = span
    for step in (1, -1):
        while True:
            edge = end if step > 0 else start
            others = range(edge + step, len(lines) if step > 0 else -1, step)
            nxt = next(
                (j for j in others if lines[j].kind == "prose" and "teaser" not in lines[j].flags),
                None,
            )
            if nxt is None:
                break
            if not _is_inset(lines[edge + 1 : nxt] if step > 0 else lines[nxt + 1 : edge]):
                break
            run_end, score = _run_from(lines, nxt, step)
            if score < _RESUME_WORDS:
                break
            if step > 0:
                end = run_end
            else:
                start = run_end
    return start, end


_FURNITURE = ("marker", "share", "boiler", "rights", "footer", "meta", "date", "nav", "snippet")


def guess_body(lines: list[Line]) -> list[Line]:
    """The best guess at a body when no run of prose stands out: the run richest in lines
    of eight words or more that are not page furniture, whatever their punctuation."""
    sentences = [x.kind not in _FURNITURE and x.words >= 8 for x in lines]
    scores = [x.words if ok else -1.0 if x.kind in ("short", "bullet") else -8.0
              for x, ok in zip(lines, sentences, strict=True)]  # fmt: skip
    span = best_run(lines, scores)
    if span is None:
        return []
    return [x for x, ok in zip(lines[span[0] : span[1] + 1], sentences[span[0] : span[1] + 1],
                               strict=True) if ok]  # fmt: skip
