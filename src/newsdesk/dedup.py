"""Near-duplicate detection: syndicated copies and light rewrites count once.

Exact copies share the hash of their normalized text. Near copies are found
with MinHash LSH over word 5-gram shingles: a wire story republished with a
new headline, a trimmed paragraph or a changed dateline keeps most of its
5-grams, while two independent reports of the same event share few.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from datasketch import MinHash, MinHashLSH

from newsdesk.extract.fields import find_agency
from newsdesk.model import Article, DuplicateMatch
from newsdesk.nlp import shingles

NUM_PERM = 128
# Estimated Jaccard of 5-gram sets above which two bodies are copies of one text.
# Wire copy with a trimmed paragraph scores 0.6-0.9; independent reports < 0.1.
THRESHOLD = 0.5


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """MinHash signature of a text's word 5-grams."""
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode() for s in shingles(text)])
    return m


class Deduplicator:
    """Online near-duplicate grouping. ``add`` one article at a time, oldest first.

    Keeps at most ``capacity`` articles in the index; the oldest leave first,
    so memory stays bounded on an endless stream.
    """

    def __init__(self, threshold: float = THRESHOLD, capacity: int = 200_000) -> None:
        self.threshold = threshold
        self.capacity = capacity
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, str] = {}  # content hash -> article id
        self._members: OrderedDict[str, tuple[MinHash, str, str]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._members)

    def add(self, article: Article) -> DuplicateMatch | None:
        """Index the article; return its match if it copies an article already seen."""
        if article.id in self._members:
            return None
        exact = self._hashes.get(article.content_hash)
        signature = minhash(article.text)
        match: DuplicateMatch | None = None
        if exact is not None:
            match = DuplicateMatch(article.id, self._members[exact][1], 1.0, exact=True)
        else:
            best, best_sim = None, 0.0
            for other in self._lsh.query(signature):
                sim = signature.jaccard(self._members[other][0])
                if sim > best_sim:
                    best, best_sim = other, sim
            if best is not None and best_sim >= self.threshold:
                match = DuplicateMatch(article.id, self._members[best][1], round(best_sim, 3))
        self._index(article, signature, match.group if match else article.id)
        return match

    def restore(self, article: Article, group: str) -> None:
        """Put back an article stored by an earlier run, with the group it was given then."""
        if article.id not in self._members:
            self._index(article, minhash(article.text), group)

    def _index(self, article: Article, signature: MinHash, group: str) -> None:
        self._lsh.insert(article.id, signature)
        self._members[article.id] = (signature, group, article.content_hash)
        self._hashes.setdefault(article.content_hash, article.id)
        self._evict()

    def _evict(self) -> None:
        while len(self._members) > self.capacity:
            old_id, (_, _, old_hash) = self._members.popitem(last=False)
            self._lsh.remove(old_id)
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
