"""Multi-document extractive summaries: verbatim sentences, each citing its article.

Every usable sentence of every article of a story is a candidate. Its relevance mixes

- centrality: cosine of its TF-IDF vector (IDF over the story's sentences) to the story
  centroid, the mean of per-article centroids, so that long articles don't outvote short
  ones (optionally blended with MiniLM embeddings, see ``newsdesk.embeddings``);
- position: news puts the facts first, so relevance decays with the sentence's place in
  its article;
- coverage: how closely the *other* articles say the same thing (the mean over them of
  their best match), so a fact most outlets report beats one outlet's aside (a lone
  article gives this weight to position);

times a length factor that discounts fragments, and a discount for questions and
exclamations (hooks such as "Do you have what it takes?", not statements of the story).
Sentences are then picked greedily by Maximal Marginal Relevance (relevance minus
``diversity`` times the similarity to what is already chosen; a near-repeat is skipped)
until the budget in sentences and/or words is spent, and put back in reading order:
articles by time, sentences by position. A sentence that repeats a chosen one but is
more relevant (states the story better) takes its place rather than being dropped
(relevance, not MMR order, decides which of two stays).

Only whole sentences are candidates (a run-on the splitter left whole, over 70 words, is
cut at its sentence ends first): no page furniture (calls to action, sign-up and site
notices, crawl notices, social-media widgets), no quotation left open. A sentence quoted
by several articles is credited to the outlet its dateline names (the wire whose text it
is), else to the earliest. The summary is in one language: ``language``, else the story's
commonest, quoting only the articles in it when there are any.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.extract.fields import clean_title, find_agency, find_dateline
from newsdesk.model import Article, SummarySentence
from newsdesk.nlp import TermStats, base_language, dot, sentences, terms, words

_DATELINE_PREFIX = re.compile(r"^[^–—-]{2,60}?(?:\([^)]{1,40}\))?\s*[–—-]{1,2}\s+")
_JUNK = re.compile(
    r"read more|click here|subscribe|sign up|follow us|share this|advertisement|"
    r"all rights reserved|https?://|www\.|@\w|\bphoto(?:graph)?:|\bfile photo\b|"
    r"tweet with a location|your (?:browser|city|location)|cookies?\b",
    re.I,
)
# Site furniture in a sentence of its own: calls to action, site notices, crawl notices and
# social-media widgets (the commonest sentences across Multi-News stories are of these
# kinds). Never quoted, however central: it states no fact of the story.
_FURNITURE = re.compile(
    r"internet archive|wayback machine|\bcrawl(?:s|ed|ing|er)?\b|seed ?list|no more 404|"
    r"location (?:information )?to your tweets|tweet location|"
    r"(?:sign|log) (?:in|up|out)\b|signing up|newsletters?\b|unsubscribe|subscri(?:be|bing|ption)|"
    r"agree to (?:receive|our)|terms of (?:use|service)|privacy policy|"
    r"(?:enable|turn on) javascript|javascript is disabled|not (?:available|supported) "
    r"(?:right now|on your device|in your)|(?:please )?try again later|an error (?:has )?occurred|"
    r"verify (?:that )?you(?:'|’)?re not a robot|invalid email|"
    r"(?:rating|video) is available when|media playback|"
    r"contributed to this report|want (?:stories like these|to add to this story)|"
    r"delivered (?:straight )?to your (?:inbox|phone)|download (?:the|our) [\w ]{0,30}app|"
    r"\be-?mail (?:this|us|me|him|her|the (?:author|reporter|writer)|sign)\b|"
    r"(?:check|confirm|enter) (?:your|the) e-?mail|confirmation e-?mail|never miss|"
    r"your app store|web exclusives|(?:join|like) us on|this (?:story|article) "
    r"(?:has been|was) (?:corrected|updated)|(?:story|article) (?:first|originally) appeared|"
    r"could not be loaded|"
    r"have a tip|send us (?:your|a tip)|share (?:ideas|your thoughts|this)|add interest|"
    r"add as an interest|story continued below|continue reading|related articles|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|suscr[ií]bete|abonnez-vous|lire aussi|leer más",
    re.I,
)
_END = tuple(".!?\"'”’)")
_HEADLINE_TAIL = re.compile(
    r"\s*(?:[–—:|-]\s*(?:what|here'?s|why|how|watch|see|you|this|these|photos?|video|live)\b"
    r"[^–—|]*|\((?:photos?|video|watch|updated?|live)[^)]*\)|\s[-–—|]\s*(?:live|update[sd]?))"
    r"[!?.]*$",
    re.I,
)
_HEADLINE_TAG = re.compile(
    r"^(?:breaking|exclusive|watch|video|live|update[sd]?)\s*[:|–—-]\s*", re.I
)

Embedder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class _Candidate:
    text: str
    article_id: str
    article_rank: int
    position: int
    n_words: int
    terms: list[str]


class ExtractiveSummarizer:
    """Summarize a story's articles in verbatim sentences, at most ``max_sentences``
    sentences and ``max_words`` words (either may be ``None`` for no limit).

    ``position``, ``centrality`` and ``coverage`` weigh relevance (see the module doc);
    ``decay`` is how many sentences into an article the position score halves, and
    ``lone_decay`` the same for a story of one article (with no other outlet to agree with,
    its lead carries more: CNN/DM prefers 4, multi-article Multi-News 8);
    ``diversity`` is MMR's weight on novelty and ``redundancy`` the similarity above
    which a sentence counts as a repeat (a repeat that is more relevant takes the chosen
    sentence's place, so the sentence that best states the story is never the one
    dropped). Sentences shorter than ``full_length`` words lose relevance in proportion
    (they rarely carry a whole fact), and a question or exclamation keeps ``hook`` of its
    relevance (it draws the reader in rather than saying what happened). ``embedder`` (texts ->
    L2-normalized rows), when given, blends embedding similarity into centrality and coverage.
    """

    def __init__(
        self,
        max_sentences: int | None = 3,
        max_words: int | None = 110,
        *,
        position: float = 0.3,
        centrality: float = 0.4,
        coverage: float = 0.3,
        decay: float = 8.0,
        lone_decay: float = 4.0,
        diversity: float = 0.3,
        redundancy: float = 0.25,
        max_position: int = 40,
        full_length: int = 12,
        hook: float = 0.75,
        embedder: Embedder | None = None,
        language: str | None = None,
    ) -> None:
        if not max_sentences and not max_words:
            raise ValueError("a summary needs a length: max_sentences or max_words")
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.weights = (position, centrality, coverage)
        self.decay = decay
        self.lone_decay = lone_decay
        self.diversity = diversity
        self.redundancy = redundancy
        self.max_position = max_position
        self.full_length = full_length
        self.hook = hook
        self.embedder = embedder
        self.language = base_language(language) if language else None

    def summarize(self, articles: list[Article]) -> list[SummarySentence]:
        """Pick the summary sentences of a story, in reading order, from the articles in the
        summary's language (``language``, else the story's commonest) when it has any."""
        language = self.language or story_language(articles)
        own = [a for a in articles if base_language(a.language) == language]
        ordered = sorted(own or articles, key=lambda a: a.when)
        candidates = self._candidates(ordered)
        if not candidates:
            return []
        similarity, centrality = self._similarities(candidates)
        relevance = self._relevance(candidates, similarity, centrality)
        chosen = self._select(candidates, similarity, relevance)
        chosen.sort(key=lambda i: (candidates[i].article_rank, candidates[i].position))
        return [SummarySentence(candidates[i].text, candidates[i].article_id) for i in chosen]

    def _candidates(self, articles: list[Article]) -> list[_Candidate]:
        out: list[_Candidate] = []
        owner: dict[str, tuple[int, str | None]] = {}  # sentence -> (candidate, its agency)
        for rank, article in enumerate(articles):
            article_id, position = article.id, 0
            for sentence in (part for s in sentences(article.text) for part in split_run_on(s)):
                if position >= self.max_position:
                    break
                agency = None
                if position == 0 and find_dateline(sentence):
                    agency = find_agency(sentence)
                    sentence = _DATELINE_PREFIX.sub("", sentence, count=1)
                if not usable(sentence):
                    continue
                key = " ".join(words(sentence))
                n = len(sentence.split())
                candidate = _Candidate(
                    sentence, article_id, rank, position, n, terms(sentence, article.language)
                )
                if key in owner:  # quoted again: credit the outlet the dateline names
                    index, first_agency = owner[key]
                    wire = (agency or first_agency or "").casefold()
                    if wire and wire == (article.outlet or "").casefold():
                        out[index] = replace(candidate, position=out[index].position)
                    continue
                owner[key] = (len(out), agency)
                out.append(candidate)
                position += 1
        return out

    def _similarities(self, candidates: list[_Candidate]) -> tuple[np.ndarray, np.ndarray]:
        """Sentence-by-sentence cosine matrix, and each sentence's cosine to the centroid.

        TF-IDF as ``nlp.TermStats`` computes it (sublinear TF, smoothed IDF over the
        story's sentences), vectorized.
        """
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for row, c in enumerate(candidates):
            for t, n in Counter(c.terms).items():
                rows.append(row)
                cols.append(vocab.setdefault(t, len(vocab)))
                counts.append(n)
        col = np.array(cols, dtype=np.intp)
        df = np.bincount(col, minlength=len(vocab))
        idf = np.log((1 + len(candidates)) / (1 + df)) + 1.0
        matrix = np.zeros((len(candidates), max(len(vocab), 1)))
        matrix[rows, col] = (1 + np.log(np.array(counts, dtype=float))) * idf[col]
        vectors = [_unit_rows(matrix)]
        if self.embedder is not None:
            vectors.append(self.embedder([c.text for c in candidates]))
        similarity = np.zeros((len(candidates), len(candidates)))
        centrality = np.zeros(len(candidates))
        ranks = np.array([c.article_rank for c in candidates])
        for m in vectors:
            similarity += m @ m.T / len(vectors)
            centroid = sum(_unit_rows(m[ranks == r].sum(axis=0)) for r in np.unique(ranks))
            centrality += m @ _unit_rows(centroid) / len(vectors)
        return similarity, centrality

    def _relevance(
        self, candidates: list[_Candidate], similarity: np.ndarray, centrality: np.ndarray
    ) -> np.ndarray:
        substance = np.array(
            [
                min(1.0, c.n_words / self.full_length) * (self.hook if _asks(c.text) else 1.0)
                for c in candidates
            ]
        )
        w_pos, w_cent, w_cov = self.weights
        ranks = np.array([c.article_rank for c in candidates])
        articles = np.unique(ranks)
        decay = self.decay if len(articles) > 1 else self.lone_decay
        position = np.array([0.5 ** (c.position / decay) for c in candidates])
        if len(articles) == 1:  # no other article to agree with: lead position stands in
            return ((w_pos + w_cov) * position + w_cent * centrality) * substance
        best = np.stack([similarity[:, ranks == r].max(axis=1) for r in articles], axis=1)
        best[np.arange(len(candidates)), np.searchsorted(articles, ranks)] = 0.0
        coverage = best.sum(axis=1) / (len(articles) - 1)
        return (w_pos * position + w_cent * centrality + w_cov * coverage) * substance

    def _select(
        self,
        candidates: list[_Candidate],
        similarity: np.ndarray,
        relevance: np.ndarray,
    ) -> list[int]:
        """MMR picks; a repeat of a chosen sentence that states the story better (more
        relevant: more central, earlier, more widely reported) takes that sentence's place
        instead of being dropped."""
        chosen: list[int] = []
        n_words = 0
        open_ = np.ones(len(candidates), dtype=bool)
        while open_.any() and not (self.max_sentences and len(chosen) >= self.max_sentences):
            repeat = similarity[chosen].max(axis=0) if chosen else np.zeros(len(candidates))
            mmr = (1 - self.diversity) * relevance - self.diversity * repeat
            best = int(np.argmax(np.where(open_, mmr, -np.inf)))
            open_[best] = False
            length = candidates[best].n_words
            if repeat[best] > self.redundancy:
                twin = chosen[int(np.argmax(similarity[chosen, best]))]
                fits = not self.max_words or n_words - candidates[twin].n_words + length <= (
                    self.max_words
                )
                if relevance[best] > relevance[twin] and fits:
                    chosen[chosen.index(twin)] = best
                    n_words += length - candidates[twin].n_words
                continue
            if self.max_words and chosen and n_words + length > self.max_words:
                continue
            chosen.append(best)
            n_words += length
        return chosen


def story_language(articles: list[Article]) -> str:
    """The language most of a story's articles are in (ties: the first article's)."""
    counts = Counter(base_language(a.language) for a in sorted(articles, key=lambda a: a.when))
    return counts.most_common(1)[0][0] if counts else "en"


_MAX_WORDS = 70
# A sentence end inside a run-on: [.!?] after a lower-case letter or digit (not an initial
# such as the S of U.S.), then a capital; titles like "Mr." and "Gov." do not end one.
_RUN_ON_CUT = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[\"“‘']?[A-Z])")
_TITLES = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Hon|No|vs|"
    r"Mt|Ft|Ave|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)


def split_run_on(sentence: str) -> list[str]:
    """A run-on that the sentence splitter left whole (over 70 words: sentences it did
    not cut, as in "... at Villa Park. Monk and new Aston Villa boss ...") cut at its
    sentence ends, so that its first sentence, often an article's lead, can still be
    quoted verbatim instead of the whole run being dropped as too long. A sentence of
    usable length comes back as it is."""
    if len(sentence.split()) <= _MAX_WORDS:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for cut in _RUN_ON_CUT.finditer(sentence):
        if not _TITLES.search(sentence[start : cut.start()]):
            pieces.append(sentence[start : cut.start()])
            start = cut.end()
    pieces.append(sentence[start:])
    return [p for p in pieces if p]


def usable(sentence: str) -> bool:
    """Whether a sentence can stand in a summary: a whole sentence (no quotation left
    open or closed without its start), not page furniture."""
    n = len(sentence.split())
    return (
        6 <= n <= _MAX_WORDS
        and sentence.endswith(_END)
        and sentence.count("“") == sentence.count("”")
        and sentence.count('"') % 2 == 0
        and not _JUNK.search(sentence)
        and not _FURNITURE.search(sentence)
    )


def _asks(sentence: str) -> bool:
    """Whether a sentence asks or exclaims ("How did Starfleet build its fleet?", "Go and
    eat something quick!"), quoted or not: a hook for the reader, not a statement of what
    happened."""
    return sentence.rstrip("\"'”’) ").endswith(("?", "!"))


def _unit_rows(m: np.ndarray) -> np.ndarray:
    """Rows (or a single vector) scaled to unit length; zero rows stay zero."""
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def clean_headline(title: str, outlet: str | None = None) -> str:
    """A source headline without site name, "BREAKING:" tags or clickbait tails."""
    title = clean_title(title, outlet)
    cleaned = _HEADLINE_TAIL.sub("", _HEADLINE_TAG.sub("", title)).strip(" -–—|:")
    return cleaned if len(cleaned.split()) >= 3 else title


def story_headline(articles: list[Article]) -> str:
    """The most representative source headline, cleaned of clickbait and site names.

    Each headline is scored by the cosine of its terms to the other articles' headlines
    and openings (its own article counts only when it is alone); ties go to the earliest.
    """
    titled = sorted((a for a in articles if a.title.strip()), key=lambda a: a.when)
    if not titled:
        return "Untitled story"
    titles = [clean_headline(a.title, a.outlet) for a in titled]
    stats = TermStats()
    docs = [terms(f"{title} {a.text[:1500]}") for title, a in zip(titles, titled, strict=True)]
    for doc in docs:
        stats.add(set(doc))
    vectors = [stats.vector(doc) for doc in docs]

    def representativeness(i: int) -> float:
        title_vec = stats.vector(terms(titles[i]))
        others = [v for j, v in enumerate(vectors) if j != i] or vectors
        fit = sum(dot(title_vec, v) for v in others) / len(others)  # unit vectors: cosines
        n = len(titles[i].split())
        return fit * (1.0 if 5 <= n <= 16 else 0.8) * (0.7 if titles[i].endswith("?") else 1.0)

    best = max(range(len(titled)), key=lambda i: (round(representativeness(i), 3), -i))
    return titles[best]
