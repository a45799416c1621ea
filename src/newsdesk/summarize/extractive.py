"""Multi-document extractive summaries: verbatim sentences, each citing its article.

Sentences from every article of a story are scored by

- centrality: TF-IDF cosine to the story's centroid (each article weighs the
  same, whatever its length),
- position: news puts the facts first, so earlier sentences score higher,
- coverage: how many *other* articles say something close to it,

then picked greedily with Maximal Marginal Relevance so that no two chosen
sentences say the same thing, and put back in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract.fields import find_dateline
from newsdesk.model import Article, SummarySentence
from newsdesk.nlp import TermStats, cosine, normalize, sentences, terms, words

_DATELINE_PREFIX = re.compile(r"^[^–—-]{2,60}?(?:\([^)]{1,40}\))?\s*[–—-]{1,2}\s+")
_CLICKBAIT = re.compile(r"\s*[–—:|-]\s*(?:what|here'?s|why|how|watch|see|you)\b[^–—|]*[!?]?$", re.I)
_JUNK = re.compile(
    r"(read more|click here|subscribe|sign up|follow us|share this|advertisement)", re.I
)


@dataclass(frozen=True)
class _Candidate:
    text: str
    article_id: str
    article_rank: int
    position: int
    vector: dict[str, float]


class ExtractiveSummarizer:
    """Summarize a story's articles in ``max_sentences`` verbatim sentences.

    ``redundancy`` is the cosine above which a sentence counts as a repeat of
    one already chosen; ``diversity`` is MMR's weight on novelty.
    """

    def __init__(
        self,
        max_sentences: int = 3,
        max_words: int | None = 110,
        redundancy: float = 0.5,
        diversity: float = 0.3,
    ) -> None:
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.redundancy = redundancy
        self.diversity = diversity

    def summarize(self, articles: list[Article]) -> list[SummarySentence]:
        """Pick the summary sentences of a story, in reading order."""
        ordered = sorted(articles, key=lambda a: a.when)
        candidates = self._candidates(ordered)
        if not candidates:
            return []
        centroid = _centroid(candidates)
        scores = {id(c): self._score(c, candidates, centroid) for c in candidates}
        chosen: list[_Candidate] = []
        n_words = 0
        pool = list(candidates)
        while pool and len(chosen) < self.max_sentences:

            def mmr(c: _Candidate) -> float:
                repeat = max((cosine(c.vector, s.vector) for s in chosen), default=0.0)
                return (1 - self.diversity) * scores[id(c)] - self.diversity * repeat

            best = max(pool, key=mmr)
            pool.remove(best)
            if any(cosine(best.vector, s.vector) > self.redundancy for s in chosen):
                continue
            length = len(best.text.split())
            if self.max_words and chosen and n_words + length > self.max_words:
                continue
            chosen.append(best)
            n_words += length
        chosen.sort(key=lambda c: (c.article_rank, c.position))
        return [SummarySentence(c.text, c.article_id) for c in chosen]

    def _candidates(self, articles: list[Article]) -> list[_Candidate]:
        stats = TermStats()
        raw: list[tuple[str, str, int, int, list[str]]] = []
        for rank, article in enumerate(articles):
            for position, sentence in enumerate(sentences(article.text)[:25]):
                if position == 0 and find_dateline(sentence):
                    sentence = _DATELINE_PREFIX.sub("", sentence, count=1)
                if not _usable(sentence):
                    continue
                sentence_terms = terms(sentence)
                stats.add(set(sentence_terms))
                raw.append((sentence, article.id, rank, position, sentence_terms))
        seen: set[str] = set()
        out = []
        for text, article_id, rank, position, sentence_terms in raw:
            key = " ".join(words(text))
            if key in seen:
                continue
            seen.add(key)
            out.append(_Candidate(text, article_id, rank, position, stats.vector(sentence_terms)))
        return out

    def _score(self, c: _Candidate, pool: list[_Candidate], centroid: dict[str, float]) -> float:
        centrality = cosine(c.vector, centroid)
        position = 1.0 / (1.0 + 0.5 * c.position)
        others = {o.article_id for o in pool if o.article_id != c.article_id}
        echoed = {
            o.article_id
            for o in pool
            if o.article_id != c.article_id and cosine(c.vector, o.vector) > 0.35
        }
        coverage = len(echoed) / len(others) if others else 0.0
        return 0.5 * centrality + 0.3 * position + 0.2 * coverage


def _usable(sentence: str) -> bool:
    n = len(sentence.split())
    return 6 <= n <= 70 and sentence[-1] in ".!?\"'”’)" and not _JUNK.search(sentence)


def _centroid(candidates: list[_Candidate]) -> dict[str, float]:
    """Mean of per-article centroids, so long articles don't outvote short ones."""
    per_article: dict[str, dict[str, float]] = {}
    for c in candidates:
        acc = per_article.setdefault(c.article_id, {})
        for t, v in c.vector.items():
            acc[t] = acc.get(t, 0.0) + v
    total: dict[str, float] = {}
    for vec in per_article.values():
        for t, v in normalize(vec).items():
            total[t] = total.get(t, 0.0) + v
    return normalize(total)


def story_headline(articles: list[Article]) -> str:
    """The most representative source headline, without clickbait tails.

    Each headline is scored by its term overlap with the other articles'
    headlines and text; ties go to the earliest article.
    """
    titled = sorted((a for a in articles if a.title), key=lambda a: a.when)
    if not titled:
        return "Untitled story"
    stats = TermStats()
    docs = [terms(f"{a.title} {a.text[:1500]}") for a in titled]
    for doc in docs:
        stats.add(set(doc))
    vectors = [stats.vector(doc) for doc in docs]

    def representativeness(i: int) -> float:
        title_vec = stats.vector(terms(titled[i].title))
        others = [v for j, v in enumerate(vectors) if j != i] or vectors
        return sum(cosine(title_vec, v) for v in others) / len(others)

    best = max(range(len(titled)), key=lambda i: (round(representativeness(i), 3), -i))
    return _CLICKBAIT.sub("", titled[best].title).strip() or titled[best].title
