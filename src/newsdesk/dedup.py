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
    so memory stays bounded on an endless stream. The index is compact, about
    0.9 KB an indexed article, so that it grows with the window and not with
    Python objects: signatures are rows of numpy blocks (a ring of slots, the
    oldest slot reused first), and the LSH band keys of every slot sit in one
    sorted array, rebuilt every ``REBUILD`` articles, with the slots added since
    then scanned directly. An entry left by a reused slot only adds a candidate,
    which the check of its current band keys then rules out.
    """

    def __init__(self, threshold: float = THRESHOLD, capacity: int = 200_000) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self._blocks: list[np.ndarray] = []  # signatures, BLOCK slots a block
        self._ids: list[str] = []  # slot -> article id
        self._groups: list[str] = []  # slot -> group id
        self._texts: list[int] = []  # slot -> content hash key
        self._slots: dict[str, int] = {}  # article id -> slot
        self._hashes: dict[int, int] = {}  # content hash key -> slot of its first article
        self._next = 0  # the slot the next article takes once the ring is full
        self._sorted = np.empty(0, dtype=np.uint64)  # (band key << 32 | slot), sorted
        self._recent: list[int] = []  # slots added since the sorted array was built
        self._recent_keys = np.empty((REBUILD, BANDS), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article: Article) -> DuplicateMatch | None:
        """Index the article; return its match if it copies an article already seen."""
        article_id = article.id
        if article_id in self._slots:
            return None
        text_key = _text_key(article.content_hash)
        signature = minhash(article.text).astype(np.uint32)
        match: DuplicateMatch | None = None
        exact = self._hashes.get(text_key)
        if exact is not None:
            match = DuplicateMatch(article_id, self._groups[exact], 1.0, exact=True)
        else:
            best, best_sim = None, 0.0
            for other in sorted(self._candidates(signature), key=self._ids.__getitem__):
                sim = similarity(signature, self._signature(other))
                if sim > best_sim:
                    best, best_sim = other, sim
            if best is not None and best_sim >= self.threshold:
                match = DuplicateMatch(article_id, self._groups[best], round(best_sim, 3))
        self._index(article_id, text_key, signature, match.group if match else article_id)
        return match

    def restore(self, article: Article, group: str) -> None:
        """Put back an article stored by an earlier run, with the group it was given then."""
        if article.id not in self._slots:
            signature = minhash(article.text).astype(np.uint32)
            self._index(article.id, _text_key(article.content_hash), signature, group)

    def _signature(self, slot: int) -> np.ndarray:
        return self._blocks[slot // BLOCK][slot % BLOCK]

    def _candidates(self, signature: np.ndarray) -> set[int]:
        """The slots that share a band key with the signature."""
        keys = band_keys(signature[None, :])[0]
        found: set[int] = set()
        if self._sorted.size:
            low = np.searchsorted(self._sorted, keys << _SHIFT)
            high = np.searchsorted(self._sorted, (keys << _SHIFT) | _LOW)
            for start, stop in zip(low.tolist(), high.tolist(), strict=True):
                if stop > start:
                    found.update((self._sorted[start:stop] & _LOW).tolist())
        if self._recent:
            rows = np.flatnonzero((self._recent_keys[: len(self._recent)] == keys).any(axis=1))
            found.update(self._recent[r] for r in rows.tolist())
        if not found:
            return found
        # a slot reused since the sorted array was built is found by its old keys
        slots = sorted(found)
        current = band_keys(np.stack([self._signature(s) for s in slots]))
        return {s for s, hit in zip(slots, (current == keys).any(axis=1), strict=True) if hit}

    def _index(self, article_id: str, text_key: int, signature: np.ndarray, group: str) -> None:
        if len(self._ids) < self.capacity:
            slot = len(self._ids)
            if slot % BLOCK == 0:
                rows = min(BLOCK, self.capacity - slot)
                self._blocks.append(np.empty((rows, NUM_PERM), dtype=np.uint32))
            self._ids.append(article_id)
            self._groups.append(group)
            self._texts.append(text_key)
        else:  # the ring is full: the oldest article leaves
            slot = self._next
            self._next = (slot + 1) % self.capacity
            del self._slots[self._ids[slot]]
            if self._hashes.get(self._texts[slot]) == slot:
                del self._hashes[self._texts[slot]]
            self._ids[slot], self._groups[slot], self._texts[slot] = article_id, group, text_key
        self._blocks[slot // BLOCK][slot % BLOCK] = signature
        self._slots[article_id] = slot
        self._hashes.setdefault(text_key, slot)
        if len(self._recent) == REBUILD:
            self._rebuild()  # which covers this slot too
        else:
            self._recent_keys[len(self._recent)] = band_keys(signature[None, :])[0]
            self._recent.append(slot)

    def _rebuild(self) -> None:
        """Sort the band keys of every slot into one array (key in the high 32 bits)."""
        self._sorted = np.empty(len(self._ids) * BANDS, dtype=np.uint64)  # the old one freed
        for number, block in enumerate(self._blocks):
            first = number * BLOCK
            used = block[: min(len(block), len(self._ids) - first)]
            slots = np.arange(first, first + len(used), dtype=np.uint64)
            entries = (band_keys(used) << _SHIFT) | slots[:, None]
            self._sorted[first * BANDS : (first + len(used)) * BANDS] = entries.ravel()
        self._sorted.sort()
        self._recent.clear()


# Slots a signature block holds, and articles indexed between rebuilds of the sorted keys.
BLOCK = REBUILD = 4096
_LOW = np.uint64(2**32 - 1)
# One multiplier per row of a band, and one offset per band: the same rows in two bands
# give two keys, so a key names its band.
_BAND_MUL = _rng.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_ADD = _rng.integers(0, 2**63, BANDS, dtype=np.uint64)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """The LSH band keys of signatures (``n x NUM_PERM``): ``n x BANDS`` 32-bit hashes of
    each band's ``ROWS`` values, as uint64 (two bands that collide on a 32-bit key only
    add a candidate, which the similarity then rules out)."""
    rows = signatures[:, : BANDS * ROWS].astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    keys = (rows * _BAND_MUL).sum(axis=2, dtype=np.uint64)
    return (keys + _BAND_ADD) >> _SHIFT


def _text_key(text_hash: str) -> int:
    """A content hash as a 64-bit int: a small key for the exact-copy map."""
    return int(text_hash[:16], 16)


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
