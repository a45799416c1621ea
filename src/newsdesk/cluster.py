"""Online story clustering: each article joins the best open story or starts one.

An article is compared with the stories still open (last article within
``window``) that share an indexed term or entity with it (the ``MAX_CANDIDATES``
sharing most; the ``SHORTLIST`` closest of them by lead cosine are scored in
full). The score mixes these signals, each a cosine in [0, 1]:

- ``body``: TF-IDF of title and text against the story's centroid,
- ``lead``: the same for the title and the first ``LEAD_WORDS`` words, where reports
  of one event agree most (the rest of a long article drifts into background),
- ``title``: TF-IDF of the headline against the story's headlines,
- ``entities``: IDF-weighted capitalized phrases, numbers and the dateline
  place, against the story's,

weighted by ``WEIGHTS`` (a signal missing on either side, such as an empty
title, passes its weight to the others) and cut when the entities barely agree
(``ENTITY_FLOOR``). With an ``embedder`` (e.g. ``newsdesk.embeddings.load()``
when the ``embeddings`` extra is installed) the sentence-embedding cosine of the
title and lead joins them with ``EMBEDDING_WEIGHT``; the default path needs no
model. The score is damped by the time between the article and the story's
latest article. A short text met verbatim again and again is page furniture
(``BOILERPLATE_WORDS``): it opens a story of its own. The winning score and the signals
behind it are returned in the Assignment, so every decision can be explained.

A bridging article can show that two open stories are one: when it scores
above ``threshold`` against a second story too, and once it has joined its
best story the two stories' centroids score at least ``MERGE_THRESHOLD``
against each other (the same weighted cosines, story to story), the second
story is merged into the first and the Assignment names it in ``merged``.

IDF weights are learned online from the stream. Memory is bounded: stories with
nothing new for longer than ``window``, or among the last ``window_articles``
articles, are closed, and the document frequencies are counted in a fixed table
(``nlp.HashedTermStats``), whatever the stream's vocabulary.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import chain
from typing import Any, Protocol

from newsdesk import embeddings, multilingual
from newsdesk.config import Config, ConfigError, typed_settings
from newsdesk.model import Article, Assignment
from newsdesk.nlp import (
    HashedTermStats,
    base_language,
    chunk_terms,
    content_terms,
    dot,
    entities,
    text_date,
    words,
    years,
)

WEIGHTS = {"body": 0.2, "lead": 0.5, "title": 0.1, "entities": 0.2}
LEAD_WORDS = 100
# Reports of one event share names: below this entity cosine the score is cut, down to
# half at no shared entity (topic words alone, "central bank raises rate", are not one event).
ENTITY_FLOOR = 0.1
# With an embedder: the model's cosine of title and lead, rescaled so that EMBEDDING_BASE
# (about what unrelated news scores) is 0, joins the other signals with EMBEDDING_WEIGHT
# against 1.0 for them together; one threshold then serves articles with and without it.
# Between two single articles (``similarity``) the model is the better judge (SemEval-2022
# English pairs, ROC AUC: 0.921 for the lexical score, 0.956 with the model at this
# weight, 0.940 at EMBEDDING_WEIGHT), so it weighs PAIR_EMBEDDING_WEIGHT there; against a
# story, more model weight lets same-topic stories run together (Multi-News, WikiRef220).
EMBEDDING_BASE = 0.4
EMBEDDING_WEIGHT = 0.25
PAIR_EMBEDDING_WEIGHT = 4.0
# The languages a model reads, when it does not say (``languages``; all-MiniLM-L6-v2:
# English); articles in others are compared on the lexical signals alone.
EMBEDDING_LANGUAGES = ("en",)
# Against a story in other languages only, the word signals (body, lead, title) are mostly
# blind: the score is at least that of the entity cosine (names and numbers read the same
# in every language, "6.4" and "6,4" alike) with the model's, when one reads both.
CROSS_LINGUAL = ("entities", "embedding")
THRESHOLD = 0.12
MERGE_THRESHOLD = 0.3
WINDOW = timedelta(days=3)
# A story also closes once this many articles have arrived since its last one: in an
# archive of one day (a CC-NEWS file) the time window keeps every story open, and an
# open story costs about 40-70 KB an article on real pages (tracemalloc). Counted in
# articles, not stories, so that a cut-and-resumed stream closes the same stories.
WINDOW_ARTICLES = 20_000
MAX_WINDOW_DAYS = 366  # a longer window keeps every story open: memory without bound
DECAY_DAYS = 2.0
INDEX_TERMS = 12
MAX_CANDIDATES = 40
# Of those, the ones closest by lead cosine (one cheap dot product) are scored in full: the
# same decisions on the benchmarks as scoring all 40, a bounded cost per article.
SHORTLIST = 5
# A short text (fewer words than this) met verbatim in BOILERPLATE_COPIES open-story
# articles already is page furniture (a crawl notice, a social-media embed, a cookie
# banner), not news: it is no evidence of a shared event, so it opens a story of its
# own and no copy of it is forced into another's. Wire copy runs to hundreds of words.
BOILERPLATE_WORDS = 150
BOILERPLATE_COPIES = 2
# Guards: evidence that an article reports another event than a story on its subject, each
# multiplying the score by its GUARD_CUTS factor (a same-beat match falls under the
# threshold; a wire copy, scoring near 1, still joins). The link and year guards cut less:
# a story's later articles often open on a new angle in other words, and background years
# (a 2015 drought behind a 2026 deal) are weaker evidence than two written dates.
# - link: a story is one event while its articles resemble each other; an article whose
#   lead is close to none of the story's last MEMBER_LEADS articles (lead cosine under
#   LINK_FLOOR) only resembles the drifting centroid of a beat (US politics, Korea);
# - date: the dates the texts speak for (publication date, else the first full date in the
#   title and lead, "March 24, 2017") are more than DATE_GAP_DAYS apart;
# - years: the years the leads mention (none after the article's own year) are disjoint
#   and at least YEAR_GAP apart (a 2010 extradition and a 2019 one).
# - numbers: the article and the story each write at least NUMBER_EVIDENCE numbers (counts,
#   amounts, scores; years apart) and share none: reports of one event repeat its figures
#   (a $1 trillion spending bill and a $3 trillion deficit deal, 1,200 pages and 444 days).
GUARD_CUTS = {"guard_link": 0.75, "guard_date": 0.5, "guard_years": 0.75, "guard_numbers": 0.6}
MEMBER_LEADS = 8
LINK_FLOOR = 0.05
DATE_GAP_DAYS = 30
YEAR_GAP = 2
NUMBER_EVIDENCE = 4


class Embedder(Protocol):
    """A sentence embedding model, such as :class:`newsdesk.embeddings.MiniLM` or
    :class:`newsdesk.multilingual.MultilingualUSE` (whose ``languages`` attribute names
    the languages it reads)."""

    def encode(self, texts: list[str]) -> Any:
        """Unit-length vectors, one row per text."""
        ...


@dataclass
class _Story:
    """An open story: sums of its articles' unit vectors, with their squared norms."""

    id: str
    vectors: defaultdict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    norms2: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    last_seen: datetime | None = None
    last_seq: int = 0  # the arrival number of its latest article
    members: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # content hashes of the short members
    keys: set[str] = field(default_factory=set)
    absorbed: list[str] = field(default_factory=list)
    leads: list[dict[str, float]] = field(default_factory=list)  # the last MEMBER_LEADS
    days: set[date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)  # what the number guard compares
    languages: set[str] = field(default_factory=set)
    # signals whose sum is still its first article's vector itself, not a copy: most
    # stories keep one article, and a copy of its vectors would double their memory
    borrowed: set[str] = field(default_factory=set)

    def remember(self, features: _Features) -> None:
        """Keep what the guards compare a newcomer with: leads, dates, years, numbers."""
        self.leads = [*self.leads[-(MEMBER_LEADS - 1) :], features.vectors["lead"]]
        self.days |= features.days
        self.years |= features.years
        self.numbers |= features.numbers
        self.languages.add(features.language)

    def add(
        self, vectors: dict[str, dict[str, float]], dots: dict[tuple[str, str], float] | None = None
    ) -> None:
        """Add an article's unit vectors (``dots``: their dot products with this story's
        sums, where ``cosine`` just took them)."""
        for name, vec in vectors.items():
            if name not in self.vectors:  # the first article: its vector is the sum
                self.vectors[name] = vec  # type: ignore[assignment] - read-only until owned
                self.borrowed.add(name)
                self.norms2[name] += dot(vec, vec)
                continue
            total = self.owned(name)
            known = dots.get((self.id, name)) if dots else None
            shared = dot(total, vec) if known is None else known
            self.norms2[name] += 2 * shared + dot(vec, vec)
            get = total.get  # Counter.update's sums, without its per-call checks
            for term, value in vec.items():
                total[term] = get(term, 0) + value

    def owned(self, name: str) -> Counter:
        """The sum of one signal, this story's own to add to (a copy of a borrowed one)."""
        if name in self.borrowed:
            self.borrowed.discard(name)
            self.vectors[name] = Counter(self.vectors[name])
        return self.vectors[name]

    def cosine(
        self, name: str, vec: dict[str, float], dots: dict[tuple[str, str], float] | None = None
    ) -> float:
        """Cosine of a unit vector with this story's centroid for one signal (the dot
        product kept in ``dots``, when given, for ``add`` to reuse)."""
        norm2 = self.norms2[name]
        if norm2 <= 1e-12 or not vec:
            return 0.0
        shared = dot(self.vectors[name], vec)
        if dots is not None:
            dots[self.id, name] = shared
        return min(1.0, shared / math.sqrt(norm2))


@dataclass(frozen=True)
class _Features:
    vectors: dict[str, dict[str, float]]
    keys: set[str]
    days: frozenset[date] = frozenset()  # the dates it speaks for: published, else written
    years: frozenset[int] = frozenset()  # the years its lead mentions
    language: str = "en"
    short: bool = False  # fewer than BOILERPLATE_WORDS words: may be page furniture
    numbers: frozenset[str] = frozenset()  # the numbers it writes, years apart ("e:2300")
    # dot products with open stories' sums taken while scoring (story id, signal): the
    # story it joins needs them again for its norms (valid until a story changes)
    dots: dict[tuple[str, str], float] = field(default_factory=dict, compare=False, repr=False)


class _Postings:
    """Index key -> the open stories holding it. Most keys (a name, a rare word) belong to
    one story: that one is kept as its id, not as a set of one (a fifth of the memory of
    an open story, on real articles)."""

    def __init__(self) -> None:
        self._keys: dict[str, str | set[str]] = {}

    def stories(self, key: str) -> Iterable[str]:
        found = self._keys.get(key, ())
        return (found,) if isinstance(found, str) else found

    def add(self, key: str, story_id: str) -> None:
        found = self._keys.get(key)
        if found is None:
            self._keys[key] = story_id
        elif isinstance(found, str):
            if found != story_id:
                self._keys[key] = {found, story_id}
        else:
            found.add(story_id)

    def discard(self, key: str, story_id: str) -> None:
        found = self._keys.get(key)
        if found == story_id:
            del self._keys[key]
        elif isinstance(found, set):
            found.discard(story_id)
            if len(found) == 1:
                self._keys[key] = found.pop()


class StoryClusterer:
    """Assigns articles to stories one at a time, in arrival order.

    Memory is bounded by the window: stories with nothing new for longer
    than ``window`` (relative to the newest article seen), or among the last
    ``window_articles`` articles, are closed.
    """

    def __init__(
        self,
        threshold: float = THRESHOLD,
        window: timedelta = WINDOW,
        weights: dict[str, float] | None = None,
        merge_threshold: float = MERGE_THRESHOLD,
        embedder: Embedder | None = None,
        window_articles: int = WINDOW_ARTICLES,
    ) -> None:
        self.threshold = threshold
        self.window = window
        self.window_articles = window_articles
        self._seq = 0  # articles added so far
        self._counted = 0  # ``_seq`` at the last sweep by count
        self.weights = dict(weights or WEIGHTS)
        self.embedder = embedder
        if embedder is not None:
            self.weights["embedding"] = EMBEDDING_WEIGHT
        self.merge_threshold = merge_threshold
        self.stats = HashedTermStats()
        self._stories: dict[str, _Story] = {}
        self._index = _Postings()
        self._article_story: dict[str, str] = {}
        self._merged_into: dict[str, str] = {}
        self._short_texts: Counter[str] = Counter()  # content hash -> open-story copies
        self._clock: datetime | None = None
        self._swept: datetime | None = None

    @property
    def open_stories(self) -> int:
        return len(self._stories)

    def story_of(self, article_id: str) -> str | None:
        """The open story an article belongs to, if it is still open."""
        return self._article_story.get(article_id)

    def resolve(self, story_id: str) -> str:
        """The story a story id stands for now, following merges."""
        while story_id in self._merged_into:
            story_id = self._merged_into[story_id]
        return story_id

    def assign(self, article: Article, duplicate_of: str | None = None) -> Assignment:
        """Decide the story of ``article`` and add it there.

        ``duplicate_of`` is the id of an article this one copies (from dedup):
        a copy always joins the story of its original while that is open.
        """
        self._advance(article.when)
        features = self._features(article)
        original_story = self._article_story.get(duplicate_of or "")
        rivals: list[_Story] = []
        copies = self._short_texts.get(article.content_hash, 0) if features.short else 0
        threshold = {"threshold": self.threshold}  # kept with every decision, to explain it
        if copies >= BOILERPLATE_COPIES:
            new_id, signals = f"st-{article.id[:12]}", {"boilerplate": float(copies)} | threshold
            decision = Assignment(article.id, new_id, 0.0, True, signals)
        elif original_story in self._stories:
            signals = {"near_duplicate": 1.0} | threshold
            decision = Assignment(article.id, original_story, 1.0, False, signals)
        else:
            decision, rivals = self._best(article, features)
        self._add(decision.story_id, article, features)
        story = self._stories[decision.story_id]
        merged = tuple(r.id for r in rivals if self._story_score(story, r) >= self.merge_threshold)
        for other in merged:
            self._merge(other, decision.story_id)
        return replace(decision, merged=merged) if merged else decision

    def restore(self, article: Article, story_id: str) -> None:
        """Put back an article stored by an earlier run into its story."""
        if article.id not in self._article_story:
            self._advance(article.when)
            self._add(story_id, article, self._features(article))

    def learn(self, article: Article) -> None:
        """Count an article's terms in the IDF statistics without clustering it."""
        found = self._terms(article)
        self.stats.add(set(found["body"]) | set(found["entities"]))

    def score(self, article: Article, story_id: str) -> dict[str, float]:
        """The signals and total score of ``article`` against an open story."""
        return self._score(article, self._features(article), self._stories[story_id])

    def similarity(self, first: Article, second: Article) -> dict[str, float]:
        """Same-story signals of two articles, as if ``first`` were a story of its own."""
        story = _single(first, self._features(first))
        return self._score(second, self._features(second), story, self._pair_weights())

    def similarities(self, articles: list[Article]) -> list[list[float]]:
        """``similarity``'s score for every two of ``articles`` (each article's features
        computed once): the all-pairs matrix for offline analysis or clustering."""
        features = [self._features(a) for a in articles]
        singles = [_single(a, f) for a, f in zip(articles, features, strict=True)]
        weights = self._pair_weights()
        matrix = [[1.0] * len(articles) for _ in articles]
        for i, story in enumerate(singles):
            for j in range(i + 1, len(articles)):
                score = self._score(articles[j], features[j], story, weights)["score"]
                matrix[i][j] = matrix[j][i] = score
        return matrix

    def guards(self, first: Article, second: Article) -> dict[str, float]:
        """The guards (link, date, years, numbers) that would cut ``second``'s score against a story
        of ``first`` alone, with their evidence: why two articles are not one event."""
        return _guards(self._features(second), _single(first, self._features(first)))

    def _model_reads(self, article: Article) -> bool:
        """Whether the embedder reads the article's language (unknown counts as English)."""
        languages = getattr(self.embedder, "languages", EMBEDDING_LANGUAGES)
        return base_language(article.language) in languages

    def _pair_weights(self) -> dict[str, float]:
        return self.weights | ({"embedding": PAIR_EMBEDDING_WEIGHT} if self.embedder else {})

    # decisions -----------------------------------------------------------------------

    def _candidates(self, features: _Features) -> list[_Story]:
        """Open stories sharing the most index keys with the article (at most MAX_CANDIDATES)."""
        hits = Counter(chain.from_iterable(map(self._index.stories, features.keys)))
        ranked = sorted(hits.items(), key=lambda hit: (-hit[1], hit[0]))[:MAX_CANDIDATES]
        return [self._stories[s] for s, _ in ranked]

    def _best(self, article: Article, features: _Features) -> tuple[Assignment, list[_Story]]:
        """The best open story (or a new one), and the other stories above the threshold."""
        candidates = self._candidates(features)
        leads: dict[str, float] = {}  # lead cosines, when the shortlist needs them first
        if len(candidates) > SHORTLIST:
            lead = features.vectors["lead"]
            leads = {s.id: s.cosine("lead", lead, features.dots) for s in candidates}
            candidates = sorted(candidates, key=lambda s: -leads[s.id])[:SHORTLIST]
        scored = sorted(
            (
                (self._score(article, features, s, lead=leads.get(s.id), dots=features.dots), s)
                for s in candidates
            ),
            key=lambda pair: pair[0]["score"],
            reverse=True,
        )
        threshold = {"threshold": self.threshold}
        if not scored or scored[0][0]["score"] < self.threshold:
            best = (scored[0][0] if scored else {"score": 0.0}) | threshold
            new = Assignment(article.id, f"st-{article.id[:12]}", best["score"], True, best)
            return new, []
        best, story = scored[0][0] | threshold, scored[0][1]
        rivals = [other for signals, other in scored[1:] if signals["score"] >= self.threshold]
        return Assignment(article.id, story.id, best["score"], False, best), rivals

    def _story_score(self, story: _Story, other: _Story) -> float:
        """Two open stories' centroids scored like an article: would they be one story?"""
        signals, present = {}, {}
        for name, w in self.weights.items():
            norm = math.sqrt(other.norms2[name])
            if norm <= 1e-12 or story.norms2[name] <= 1e-12:
                continue
            # the cosine with the other's unit centroid, over the terms the two share
            mine, theirs = story.vectors[name], other.vectors[name]
            shared = math.fsum([mine[t] * (theirs[t] / norm) for t in mine.keys() & theirs.keys()])
            signals[name] = min(1.0, shared / math.sqrt(story.norms2[name]))
            present[name] = w
        return _combine(signals, present)

    def _score(
        self,
        article: Article,
        features: _Features,
        story: _Story,
        weights: dict[str, float] | None = None,
        lead: float | None = None,
        dots: dict[tuple[str, str], float] | None = None,
    ) -> dict[str, float]:
        """The signals and score against ``story`` (``lead``: its lead cosine, known;
        ``dots``: where to keep the dot products, see ``_Story.cosine``)."""
        weights = weights or self.weights
        signals = {
            name: lead if name == "lead" and lead is not None else story.cosine(name, vec, dots)
            for name, vec in features.vectors.items()
        }
        present = {
            name: w
            for name, w in weights.items()
            if features.vectors.get(name) and story.norms2.get(name, 0.0) > 0
        }
        combined = _combine(signals, present)
        if _crosses_languages(features, story):  # words differ; names and numbers do not
            anchors = {name: w for name, w in present.items() if name in CROSS_LINGUAL}
            combined = max(combined, _combine(signals, anchors))
        days = (
            abs((article.when - story.last_seen).total_seconds()) / 86400 if story.last_seen else 0
        )
        decay = math.exp(-days / DECAY_DAYS)
        out = {name: round(signals.get(name, 0.0), 4) for name in weights}
        out["time_decay"] = round(decay, 4)
        score = combined * (0.75 + 0.25 * decay)
        # the link guard costs a dot product per remembered lead: only where it can decide
        guards = _guards(features, story, link=score >= self.threshold)
        if guards:
            out |= guards | {"unguarded": round(score, 4)}
            score *= math.prod(GUARD_CUTS[name] for name in guards)
        out["score"] = round(score, 4)
        return out

    # features ------------------------------------------------------------------------

    def _terms(self, article: Article, chunks: list[str] | None = None) -> dict[str, list[str]]:
        """Body, lead, title and entity terms (prefixed ``e:``) of an article (``chunks``:
        its text split on white space, when the caller has it). The text is tokenized once:
        the body's terms are the lead's and then the rest's, the lead's the title's and
        then those of the first LEAD_WORDS words (no token spans white space)."""
        ents = entities(f"{article.title}. {article.text}")
        if article.dateline:
            ents.add(article.dateline.lower())
        language = article.language
        chunks = article.text.split() if chunks is None else chunks
        title = content_terms(words(article.title), language)
        lead = title + chunk_terms(chunks[:LEAD_WORDS], language)
        body = lead + chunk_terms(chunks[LEAD_WORDS:], language)
        return {"body": body, "lead": lead, "title": title, "entities": [f"e:{e}" for e in ents]}

    def _features(self, article: Article) -> _Features:
        chunks = article.text.split()
        found = self._terms(article, chunks)
        vectors = {name: self.stats.vector(found[name]) for name in WEIGHTS}
        lead = _lead(article, chunks)
        if self.embedder is not None and self._model_reads(article):
            (row,) = self.embedder.encode([lead])
            vectors["embedding"] = dict(enumerate(row.tolist()))
        body, entity_terms = vectors["body"], found["entities"]
        top = sorted(body, key=body.__getitem__, reverse=True)[:INDEX_TERMS]
        keys = {f"t:{t}" for t in top} | set(entity_terms)
        mentioned = years(lead)
        if article.published:  # a year after the article's own is a plan, not its event
            mentioned = frozenset(y for y in mentioned if y <= article.published.year)
        if article.published:
            days = frozenset({article.published.date()})
        else:
            days = frozenset(filter(None, [text_date(lead)]))
        language = base_language(article.language)
        numbers = frozenset(e for e in entity_terms if e[2:].isdigit() and not years(e[2:]))
        short = len(chunks) < BOILERPLATE_WORDS
        return _Features(vectors, keys, days, mentioned, language, short, numbers)

    # state ---------------------------------------------------------------------------

    def _add(self, story_id: str, article: Article, features: _Features) -> None:
        story = self._stories.get(story_id) or _Story(story_id)
        self._stories[story_id] = story
        story.add(features.vectors, features.dots)
        story.remember(features)
        story.members.append(article.id)
        if features.short:
            story.texts.append(article.content_hash)
            self._short_texts[article.content_hash] += 1
        story.last_seen = max(filter(None, (story.last_seen, article.when)))
        self._seq += 1
        story.last_seq = self._seq
        for key in features.keys - story.keys:
            self._index.add(key, story_id)
        story.keys |= features.keys
        self._article_story[article.id] = story_id
        self.stats.add(set(features.vectors["body"]) | set(features.vectors["entities"]))

    def _merge(self, source_id: str, target_id: str) -> None:
        """Fold an open story into another: vectors, members, index keys."""
        source, target = self._stories.pop(source_id), self._stories[target_id]
        for name, vec in source.vectors.items():
            target.norms2[name] += 2 * dot(target.vectors[name], vec) + source.norms2[name]
            target.owned(name).update(vec)
        target.members.extend(source.members)
        target.texts.extend(source.texts)
        target.leads = [*target.leads, *source.leads][-MEMBER_LEADS:]
        target.days |= source.days
        target.years |= source.years
        target.numbers |= source.numbers
        target.languages |= source.languages
        for article_id in source.members:
            self._article_story[article_id] = target_id
        for key in source.keys:
            self._index.discard(key, source_id)
            self._index.add(key, target_id)
        target.keys |= source.keys
        target.last_seen = max(filter(None, (target.last_seen, source.last_seen)))
        target.last_seq = max(target.last_seq, source.last_seq)
        target.absorbed += [source_id, *source.absorbed]
        self._merged_into[source_id] = target_id

    def _advance(self, when: datetime) -> None:
        """Move the clock forward; hourly, and every sixteenth of ``window_articles``
        articles, close the stories that fell out of the window."""
        if self._clock is None or when > self._clock:
            self._clock = when
        if self._seq - self._counted >= max(1, self.window_articles // 16):
            self._counted = self._seq
            oldest = self._seq - self.window_articles
            for story_id in [s.id for s in self._stories.values() if s.last_seq <= oldest]:
                self._close(story_id)
        if self._swept is not None and self._clock - self._swept < timedelta(hours=1):
            return
        self._swept = self._clock
        horizon = self._clock - self.window
        for story_id in [s.id for s in self._stories.values() if s.last_seen < horizon]:
            self._close(story_id)

    def _close(self, story_id: str) -> None:
        story = self._stories.pop(story_id)
        for article_id in story.members:
            self._article_story.pop(article_id, None)
        self._short_texts.subtract(story.texts)
        for text_hash in set(story.texts):
            if self._short_texts[text_hash] <= 0:
                del self._short_texts[text_hash]
        for key in story.keys:
            self._index.discard(key, story_id)
        for merged in story.absorbed:
            self._merged_into.pop(merged, None)


@dataclass(frozen=True)
class StorySettings:
    """``[stories]`` in newsdesk.toml: how articles are grouped into stories."""

    threshold: float = THRESHOLD  # the score an article needs to join a story
    window_days: float = WINDOW.days  # a story with nothing new for this long closes
    window_articles: int = WINDOW_ARTICLES  # ... or among this many of the latest articles
    embeddings: bool = False  # the MiniLM signal, English (``newsdesk[embeddings]``)
    multilingual: bool = False  # the multilingual USE signal (``newsdesk[multilingual]``)


def clusterer_from_config(config: Config) -> StoryClusterer:
    """The clusterer newsdesk.toml's ``[stories]`` asks for (see StorySettings)."""
    where = f"{config.path or 'config'}: [stories]"
    settings = typed_settings(StorySettings, config.section("stories"), where)
    if not 0 < settings.threshold <= 1:
        raise ConfigError(f"{where}: threshold must be above 0 and at most 1")
    if not 0 < settings.window_days <= MAX_WINDOW_DAYS:
        raise ConfigError(f"{where}: window_days must be above 0 and at most {MAX_WINDOW_DAYS}")
    if settings.window_articles < 1:
        raise ConfigError(f"{where}: window_articles must be at least 1")
    if settings.embeddings and settings.multilingual:
        raise ConfigError(f"{where}: embeddings and multilingual: choose one model")
    embedder: Embedder | None = None
    if settings.multilingual:
        embedder = multilingual.wanted(where)
    elif settings.embeddings:
        embedder = embeddings.required(where)
    return StoryClusterer(
        settings.threshold,
        timedelta(days=settings.window_days),
        embedder=embedder,
        window_articles=settings.window_articles,
    )


def _combine(signals: dict[str, float], weights: dict[str, float]) -> float:
    """The weighted mean of the lexical signals, cut when the entities barely agree, then
    the model's rescaled cosine with its weight (``weights`` holds the signals present)."""
    lexical = {name: w for name, w in weights.items() if name != "embedding"}
    raw = sum(w * signals[name] for name, w in lexical.items()) / (sum(lexical.values()) or 1.0)
    if "entities" in lexical:  # one event shares names: topic words alone are not enough
        raw *= 0.5 + 0.5 * min(1.0, signals["entities"] / ENTITY_FLOOR)
    if model_weight := weights.get("embedding", 0.0):
        model = max(0.0, signals["embedding"] - EMBEDDING_BASE) / (1.0 - EMBEDDING_BASE)
        raw = (raw + model_weight * model) / (1.0 + model_weight)
    return raw


def _guards(features: _Features, story: _Story, link: bool = True) -> dict[str, float]:
    """The guards that say an article reports another event than ``story``, each with the
    evidence: ``guard_link`` (its best lead cosine with a story article; checked when
    ``link``), ``guard_date`` (days between its date and the story's nearest),
    ``guard_years`` (years between the closest years the two mention), ``guard_numbers``
    (how many numbers the article writes, none of them the story's)."""
    found: dict[str, float] = {}
    lead = features.vectors["lead"]
    if link and story.leads and lead and not _crosses_languages(features, story):
        # the newest leads first: the search stops at the first close one
        cosines = []
        for other in reversed(story.leads):
            cosines.append(dot(lead, other))
            if cosines[-1] >= LINK_FLOOR:
                break
        else:
            found["guard_link"] = round(max(cosines), 4)
    if features.days and story.days:
        gap = min(abs((a - b).days) for a in features.days for b in story.days)
        if gap > DATE_GAP_DAYS:
            found["guard_date"] = float(gap)
    numbers, theirs = features.numbers, story.numbers
    if min(len(numbers), len(theirs)) >= NUMBER_EVIDENCE and numbers.isdisjoint(theirs):
        found["guard_numbers"] = float(len(numbers))
    if features.years and story.years and not features.years & story.years:
        gap = min(abs(a - b) for a in features.years for b in story.years)
        if gap >= YEAR_GAP:
            found["guard_years"] = float(gap)
    return found


def _lead(article: Article, chunks: list[str] | None = None) -> str:
    """The title and the first LEAD_WORDS words: where reports of one event agree most
    (``chunks``: the text split on white space, when the caller has it)."""
    chunks = article.text.split() if chunks is None else chunks
    return f"{article.title}\n{' '.join(chunks[:LEAD_WORDS])}"


def _crosses_languages(features: _Features, story: _Story) -> bool:
    """Whether the article is in a language none of the story's articles is in."""
    return bool(story.languages) and features.language not in story.languages


def _single(article: Article, features: _Features) -> _Story:
    """An article as a story of its own, to score another article against."""
    story = _Story(f"single-{article.id}")
    story.add(features.vectors)
    story.remember(features)
    story.last_seen = article.when
    return story
