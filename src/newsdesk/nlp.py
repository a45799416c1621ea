"""Text primitives shared by dedup, clustering and summarization.

Everything here works offline with no model: word tokens, a light stemmer,
stopwords, sentence splitting (nupunkt, which ships its Punkt parameters)
and capitalized-phrase "entities".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from functools import lru_cache

import nupunkt

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_CAPS = re.compile(
    r"\b(?:[A-ZÀ-Ý][\w’'-]+|[A-Z]{2,})(?:\s+(?:of|de|del|la|the|and|y)?\s*[A-ZÀ-Ý][\w’'-]+)*"
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours said says say told mr mrs ms new one two
    year years week last first may per cent percent according would could us
    el la los las un una unos unas y o de del al en con por para que se su sus es son fue como
    más pero sin sobre entre también este esta esto ese esa lo le les ya muy
    der die das und ist im den dem des ein eine zu mit von auf für nicht sich auch
    le les des et est un une du au aux dans pour sur par pas qui que
    """.split()
)
# Words that open sentences or name days/months: capitalized but not entities.
_NOT_ENTITIES = frozenset(
    """the a an this that these those he she it they we i in on at for but and or if when while
    after before as by with from of to his her their its our there here what who why how
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr
    el la los las un una en de y""".split()
)
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "s",
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer: enough to match 'sanctions' with 'sanctioned'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """Content terms: stemmed words that are not stopwords or bare numbers."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 1]


def sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph (a sentence never spans paragraphs)."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            out.extend(s.strip() for s in nupunkt.sent_tokenize(paragraph) if s.strip())
    return out


def entities(text: str) -> set[str]:
    """Capitalized phrases and numbers: a model-free stand-in for named entities."""
    found: set[str] = set()
    for match in _CAPS.finditer(text):
        phrase = match.group(0)
        tokens = phrase.split()
        while tokens and tokens[0].lower() in _NOT_ENTITIES:
            tokens = tokens[1:]
        if tokens and not (len(tokens) == 1 and len(tokens[0]) < 3):
            found.add(" ".join(tokens).lower())
    found.update(n for n in re.findall(r"\b\d[\d,.]*\d\b", text) if len(n) >= 3)
    return found


def shingles(text: str, size: int = 5) -> set[str]:
    """Word n-gram shingles of the normalized text (for MinHash)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class TermStats:
    """Document frequencies learned online, for IDF weights that grow with the stream."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, doc_terms: set[str]) -> None:
        self.df.update(doc_terms)
        self.n_docs += 1

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df[term])) + 1.0

    def vector(self, doc_terms: list[str]) -> dict[str, float]:
        """L2-normalized TF-IDF vector (sublinear TF) as a sparse dict."""
        counts = Counter(doc_terms)
        vec = {t: (1 + math.log(c)) * self.idf(t) for t, c in counts.items()}
        return normalize(vec)


def normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum([v * v for v in vec.values()]))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def dot(a: Mapping[Hashable, float], b: Mapping[Hashable, float]) -> float:
    """Dot product of two sparse vectors, the cosine when both are unit vectors (the
    shared keys are found in C, not in a loop).

    ``fsum`` makes the result independent of the keys' order, which for sets of strings
    changes from run to run: the same stream always gives the same stories.
    """
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])
