"""One logical line of a text render, and the measures every rule reads.

- ``Line``: the text of a line (wrapped lines joined), whether it is a bullet item or a
  heading, follows a blank line, its words, indent and link references, and the kind,
  score and flags the classifier gives it;
- ``count_words``: a run of Chinese or Japanese counts one word per two characters;
- ``TERMINAL``: a line that ends like a sentence; ``TRUNCATED``: one that trails off
  (``…``); ``BULLET``: the mark of a list item; ``DIGIT``: a figure in a line;
- ``norm_key``: the key under which repeated lines (menus) are counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MATCH_CHARS = 600  # patterns are only tried on the head of a line


@dataclass(eq=False)
class Line:
    """One logical line (wrapped lines joined) of the render."""

    text: str
    bullet: bool = False
    heading: bool = False
    blank_before: bool = False
    words: int = 0
    indent: int = 0
    links: int = 0
    kind: str = ""  # set by classify
    score: float = 0.0
    flags: set[str] = field(default_factory=set)


UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Scripts written without spaces between words (Chinese, Japanese)."""


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens, where a run of Chinese or Japanese
    characters counts one word per two characters."""
    if text.isascii():
        return len(text.split())
    unspaced = len(UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    rest = UNSPACED.sub(" ", text)
    return len(rest.split()) + (unspaced + 1) // 2


BULLET = re.compile(r"^(?:[•·▪◦●○■□‣∙*+>]|-(?=\s)|–(?=\s)|\d{1,3}[.)](?=\s))\s*")


TERMINAL = re.compile(r"[.!?。！？؟।][\"'”’)\]」』）]*$|[\"”’」』][.!?。]?$")
TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


DIGIT = re.compile(r"\d")


def norm_key(text: str) -> str:
    return " ".join(text.lower().split())
