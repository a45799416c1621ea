"""Tables in a render: data tables kept whole, layout tables unfolded.

- a data table (three rows or more of three or more short cells, a blank line at most
  between two rows, with the header row right above) is kept a row per line, its cells
  joined by a space and the row marked with ``TABLE_ROW``;
- a layout table (w3m prints cells side by side) is unfolded: where a run of lines keeps
  a gap of two spaces or more at one column, the left column is printed, then the right.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.extract.text.line import BULLET

_GAP = re.compile(r"\S {2,}(?=\S)")
_CELL_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
TABLE_ROW = "\x00"
"""Marks the row of a data table (cells joined by one space) from ``mark_tables`` on (a
render holds no NUL: ``_extract`` turns such input away)."""


def _cells(line: str) -> list[str]:
    return _CELL_GAP.split(line.strip())


def _is_table_row(line: str) -> bool:
    """Three or more short cells side by side: a row of a data table (a page layout puts
    two cells side by side, a long one among them)."""
    cells = _cells(line)
    return (
        len(cells) >= 3
        and not BULLET.match(line.strip())
        and all(len(c) <= 40 and len(c.split()) <= 6 for c in cells)
    )


def mark_tables(lines: list[str]) -> list[str]:
    """Data tables (three rows or more, a blank line at most between two rows, and the
    header row of two cells or more right above): each row as one line, its cells joined
    by a space and marked with ``TABLE_ROW``, so that unfolding a layout leaves it whole."""
    is_row = [_is_table_row(x) for x in lines]
    out = list(lines)
    i = 0
    while i < len(lines):
        if not is_row[i]:
            i += 1
            continue
        rows, k = [i], i + 1
        while k < len(lines):
            if is_row[k]:
                rows.append(k)
            elif lines[k].strip() or k + 1 == len(lines) or not is_row[k + 1]:
                break
            k += 1
        if len(rows) >= 3:
            head = i - 2 if i > 1 and not lines[i - 1].strip() else i - 1
            if head >= 0 and len(_cells(lines[head])) >= 2:
                rows.insert(0, head)
            for r in rows:
                indent = len(lines[r]) - len(lines[r].lstrip())
                out[r] = " " * indent + TABLE_ROW + " ".join(_cells(lines[r]))
        i = k
    return out


def split_columns(lines: list[str], depth: int = 0) -> list[str]:
    """Unfold a table layout (w3m prints cells side by side): where a run of lines keeps a
    gap of 2+ spaces at one column, print the left column of the run, then the right one."""
    if depth > 3 or len(lines) < 4:
        return lines
    starts: Counter[int] = Counter()
    for line in lines:
        if len(line) > 20:
            starts.update(m.end() for m in _GAP.finditer(line))
    for column, count in starts.most_common(4):
        if count < 3 or column < 8:
            continue
        out: list[str] = []
        split = False
        i = 0
        while i < len(lines):
            j = i
            two_sided = 0
            while j < len(lines) and (len(lines[j]) < column or lines[j][column - 1] == " "):
                line = lines[j]
                gap = line[column - 2 : column] == "  "
                if len(line) > column and gap and line[:column].strip():
                    two_sided += 1
                j += 1
            if two_sided >= 3:
                run = lines[i:j]
                left = [x[:column].rstrip() for x in run]
                right = [x[column:].rstrip() if len(x) > column else "" for x in run]
                out += split_columns(left, depth + 1) + [""] + split_columns(right, depth + 1)
                split = True
            else:
                out += lines[i:j]
            if j < len(lines):
                out.append(lines[j])
            i = j + 1
        if split:
            return out
    return lines
