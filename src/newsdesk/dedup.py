"""Near-duplicate detection: syndicated copies and light rewrites count once.

Exact copies share the hash of their normalized text. Near copies are found
with MinHash LSH over word 5-gram shingles: a wire story republished with a
new headline, a trimmed paragraph or a changed dateline keeps most of its
5-grams, while two independent reports of the same event share few.

Provenance, within one story: the earliest article, the wire or outlet the
pages credit, and who copied whom from the text itself (word 4-grams, exact
sets since a story is small): an exact or near copy, a text contained in
another (an excerpt, or a copy with added paragraphs), or a rewrite that
keeps phrases of an earlier article. The later article is the copy.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from datetime import time

import numpy as np

from newsdesk.extract.fields import find_agency
from newsdesk.model import Article, CopyLink, DuplicateMatch, Provenance
from newsdesk.nlp import shingles, words

NUM_PERM = 128
SHINGLE = 5
# LSH bands x rows per band: a pair with Jaccard s collides in some band with probability
# 1 - (1 - s^5)^25: 0.55 at s = 0.5, 0.99 at s = 0.65, 0.03 at s = 0.25 (the bands cover
# 125 of the 128 values; the similarity itself is estimated on all 128).
BANDS, ROWS = 25, 5
# Estimated Jaccard of 5-gram sets above which two bodies are copies of one text.
# Wire copy with a trimmed paragraph scores 0.6-0.9; independent reports < 0.1.
THRESHOLD = 0.5
# Share of a text's 4-grams found in another above which it is contained in it.
CONTAINED = 0.8
# Share of a later text's 4-grams found in an earlier one above which it is a rewrite
# of it: the demo corpus's rewrites keep 11-19% of the wire's 4-grams, independent
# reports of the same event share at most 8%.
REUSES = 0.12

_rng = np.random.default_rng(20260301)
# Multiply-shift hashing of 64-bit shingle hashes, one (odd multiplier, offset) per value.
_MUL = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_ROLL = np.uint64(0x9E3779B97F4A7C15)  # combines a shingle's word hashes
_SHIFT = np.uint64(32)
_EMPTY = np.full(NUM_PERM, 2**32 - 1, dtype=np.uint64)


def _word_hash(word: str) -> int:
    # Not cached: CRC-32 of a word costs less than a cache look-up, and a cache of a
    # stream's vocabulary grows with the corpus.
    return zlib.crc32(word.encode())


def minhash(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` 32-bit values) of a text's word 5-grams.

    Each word is hashed once (CRC-32: fast and stable across runs), each 5-gram's
    hash rolled from its words' hashes, and the ``NUM_PERM`` hash functions applied
    to all shingles at once with numpy (uint64 arithmetic wraps, as intended).
    """
    tokens = words(text)
    if not tokens:
        return _EMPTY
    word_hashes = np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))
    size = min(SHINGLE, len(tokens))
    count = len(tokens) - size + 1
    rolled = np.zeros(count, dtype=np.uint64)
    for k in range(size):
        rolled = rolled * _ROLL + word_hashes[k : k + count]
    values = _MUL[:, None] * rolled[None, :]
    values += _ADD[:, None]
    return values.min(axis=1) >> _SHIFT  # the top 32 bits: min commutes with the shift


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(first == second)) / NUM_PERM


class Deduplicator:
    """Online near-duplicate grouping. ``add`` one article at a time, oldest first.

    Keeps at most ``capacity`` articles in the index; the oldest leave first,
    so memory stays bounded on an endless stream. An indexed article costs about
    2.5 KB: its signature as 32-bit values, and one entry per LSH band whose
    bucket holds the id itself (a tuple only when articles collide there).
    """

    def __init__(self, threshold: float = THRESHOLD, capacity: int = 200_000) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self._bands: list[dict[int, str | tuple[str, ...]]] = [{} for _ in range(BANDS)]
        self._hashes: dict[str, str] = {}  # content hash -> article id
        self._members: OrderedDict[str, tuple[np.ndarray, str, str]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._members)

    def add(self, article: Article) -> DuplicateMatch | None:
        """Index the article; return its match if it copies an article already seen."""
        article_id, text_hash = article.id, article.content_hash
        if article_id in self._members:
            return None
        exact = self._hashes.get(text_hash)
        signature = minhash(article.text).astype(np.uint32)
        match: DuplicateMatch | None = None
        if exact is not None:
            match = DuplicateMatch(article_id, self._members[exact][1], 1.0, exact=True)
        else:
            best, best_sim = None, 0.0
            for other in sorted(self._candidates(signature)):
                sim = similarity(signature, self._members[other][0])
                if sim > best_sim:
                    best, best_sim = other, sim
            if best is not None and best_sim >= self.threshold:
                match = DuplicateMatch(article_id, self._members[best][1], round(best_sim, 3))
        self._index(article_id, text_hash, signature, match.group if match else article_id)
        return match

    def restore(self, article: Article, group: str) -> None:
        """Put back an article stored by an earlier run, with the group it was given then."""
        if article.id not in self._members:
            signature = minhash(article.text).astype(np.uint32)
            self._index(article.id, article.content_hash, signature, group)

    def _keys(self, signature: np.ndarray) -> list[int]:
        """One key per band: a hash of its rows (a rare collision only adds a candidate,
        which the similarity then rules out)."""
        return [hash(signature[b * ROWS : (b + 1) * ROWS].tobytes()) for b in range(BANDS)]

    def _candidates(self, signature: np.ndarray) -> set[str]:
        found: set[str] = set()
        for band, key in zip(self._bands, self._keys(signature), strict=True):
            bucket = band.get(key)
            if isinstance(bucket, str):
                found.add(bucket)
            elif bucket:
                found.update(bucket)
        return found

    def _index(self, article_id: str, text_hash: str, signature: np.ndarray, group: str) -> None:
        for band, key in zip(self._bands, self._keys(signature), strict=True):
            bucket = band.get(key)
            if bucket is None:
                band[key] = article_id
            elif isinstance(bucket, str):
                band[key] = (bucket, article_id)
            else:
                band[key] = (*bucket, article_id)
        self._members[article_id] = (signature, group, text_hash)
        self._hashes.setdefault(text_hash, article_id)
        self._evict()

    def _evict(self) -> None:
        while len(self._members) > self.capacity:
            old_id, (signature, _, old_hash) = self._members.popitem(last=False)
            for band, key in zip(self._bands, self._keys(signature), strict=True):
                bucket = band[key]
                rest = () if isinstance(bucket, str) else tuple(i for i in bucket if i != old_id)
                if not rest:
                    del band[key]
                else:
                    band[key] = rest[0] if len(rest) == 1 else rest
            if self._hashes.get(old_hash) == old_id:
                del self._hashes[old_hash]


# Credit lines naming the outlet a text came from.
_CREDITS = (
    re.compile(
        r"^(?:copyright|©)\s*(?:\(c\)\s*)?(?:\d{4}\s+)?(?P<who>[^.]{2,60}?)\.?\s*all rights", re.I
    ),
    re.compile(
        r"(?:originally (?:published|appeared) (?:by|in|on)|republished from)\s+"
        r"(?P<who>[A-Z][\w .&'-]{1,50}?)(?:[.,]|$)"
    ),
    re.compile(r"^(?P<who>[A-Z][\w .&'-]{1,40}?) contributed to this report", re.I),
    re.compile(
        r"^(?:information from|with reporting from)\s+"
        r"(?P<who>[A-Z][\w .&'-]{1,40}?)\s*(?:was used|\.|$)",
        re.I,
    ),
)


def credited_source(article: Article) -> str | None:
    """The wire or outlet an article credits as its source, if the page says so.

    Reads the dateline (``CITY (Reuters) —``) and credit lines such as
    ``Copyright 2026 The Associated Press. All rights reserved.``; an outlet
    crediting itself is not a credit.
    """
    candidates = [find_agency(article.paragraphs[0])] if article.paragraphs else []
    lines = [article.rights or ""] + article.paragraphs[-2:]
    for line in lines:
        for pattern in _CREDITS:
            match = pattern.search(line.strip())
            if match:
                candidates.append(match.group("who"))
    own = (article.outlet or "").lower()
    for who in candidates:
        if who and who.strip().lower() not in own and own not in who.strip().lower():
            return who.strip()
    return None


def provenance(articles: list[Article]) -> Provenance:
    """Who reported a story first, where its text came from, and who copied whom.

    Each article is linked to the article it shares most text with (exact,
    near-duplicate, contained or reused phrases) when it is the copy of the
    pair: the one that credits the other's outlet, or whose outlet no page
    credits while the other's is, else the later one. An
    article with no such link but a credit line is linked to the source it
    names. The origin is the earliest credited source, else the earliest
    article's outlet.
    """
    ordered = sorted(articles, key=_first_key)
    grams = [shingles(a.text, 4) for a in ordered]
    credits = [credited_source(a) for a in ordered]
    named = [any(_credits(c, a) for c in credits) for a in ordered]
    best: dict[int, CopyLink] = {}
    most: dict[int, int] = {}
    parent = {a.id: a.id for a in ordered}
    for j in range(len(ordered)):
        for i in range(j):
            found = _text_link(ordered[i], grams[i], ordered[j], grams[j])
            if found is None:
                continue
            how, score, shared = found
            i_copies = _credits(credits[i], ordered[j]) or (named[j] and not named[i])
            copy, source = (i, j) if i_copies else (j, i)
            if shared > most.get(copy, 0):  # the source is the one it took most text from
                most[copy] = shared
                best[copy] = CopyLink(
                    ordered[copy].id, how, ordered[source].id, credits[copy], score
                )
            if how in ("exact", "near-duplicate"):
                parent[_root(parent, ordered[j].id)] = _root(parent, ordered[i].id)
    links = [
        best.get(k) or CopyLink(a.id, "credit", credit=credits[k])
        for k, a in enumerate(ordered)
        if k in best or credits[k]
    ]
    groups: dict[str, list[str]] = {}
    for article in ordered:
        groups.setdefault(_root(parent, article.id), []).append(article.id)
    origin = next((c for c in credits if c), ordered[0].outlet if ordered else None)
    return Provenance(
        earliest=ordered[0].id if ordered else "",
        origin=origin,
        links=links,
        groups=[g for g in groups.values() if len(g) > 1],
    )


def _first_key(article: Article) -> tuple:
    """Sort key for "who was first": a date without a time (midnight) counts after
    articles with a time on the same day, since it may have been any time that day."""
    when = article.when
    return (when.date(), when.time() == time(0), when, article.id)


def _credits(credit: str | None, other: Article) -> bool:
    """Whether a credit line names the other article's outlet."""
    if not credit or not other.outlet:
        return False
    a, b = credit.lower(), other.outlet.lower()
    return a in b or b in a


def _root(parent: dict[str, str], node: str) -> str:
    while parent[node] != node:
        node = parent[node]
    return node


def _text_link(
    earlier: Article, earlier_grams: set[str], later: Article, later_grams: set[str]
) -> tuple[str, float, int] | None:
    """How two texts share words: (kind of link, its score, shared 4-grams), or None."""
    if earlier.content_hash == later.content_hash:
        return "exact", 1.0, len(later_grams) + 1
    shared = len(earlier_grams & later_grams)
    if not shared:
        return None
    jaccard = shared / len(earlier_grams | later_grams)
    contained = shared / min(len(earlier_grams), len(later_grams))
    reused = shared / len(later_grams)
    if jaccard >= THRESHOLD:
        return "near-duplicate", round(jaccard, 3), shared
    if contained >= CONTAINED:
        return "contained", round(contained, 3), shared
    if reused >= REUSES:
        return "reuses", round(reused, 3), shared
    return None
