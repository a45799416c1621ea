"""Online story clustering: each article joins the best open story or starts one.

An article is compared with the stories still open (last article within
``window``) that share a term or entity with it. The score mixes three
signals, each a cosine or overlap in [0, 1]:

- ``body``: TF-IDF of the article's text against the story's centroid,
- ``title``: TF-IDF of the headline against the story's headlines,
- ``entities``: capitalized phrases and numbers the two have in common,

damped by how far apart in time they are. The winning score and the
signals behind it are returned in the Assignment, so every decision can be
explained later.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsdesk.model import Article, Assignment
from newsdesk.nlp import TermStats, cosine, entities, normalize, terms

WEIGHTS = {"body": 0.5, "title": 0.2, "entities": 0.3}
THRESHOLD = 0.28
WINDOW = timedelta(days=3)
DECAY_DAYS = 2.0
INDEX_TERMS = 12


@dataclass
class _Story:
    id: str
    body: Counter[str] = field(default_factory=Counter)
    title: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    last_seen: datetime | None = None
    members: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Features:
    body: dict[str, float]
    title: dict[str, float]
    entities: set[str]
    keys: set[str]


class StoryClusterer:
    """Assigns articles to stories one at a time, in arrival order.

    Memory is bounded by the window: stories with nothing new for longer
    than ``window`` (relative to the newest article seen) are closed.
    """

    def __init__(
        self, threshold: float = THRESHOLD, window: timedelta = WINDOW, weights=WEIGHTS
    ) -> None:
        self.threshold = threshold
        self.window = window
        self.weights = dict(weights)
        self.stats = TermStats()
        self._stories: dict[str, _Story] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        self._article_story: dict[str, str] = {}
        self._clock: datetime | None = None
        self._swept: datetime | None = None

    @property
    def open_stories(self) -> int:
        return len(self._stories)

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def assign(self, article: Article, duplicate_of: str | None = None) -> Assignment:
        """Decide the story of ``article`` and add it there.

        ``duplicate_of`` is the id of an article this one copies (from dedup):
        a copy always joins the story of its original while that is open.
        """
        self._advance(article.when)
        features = self._features(article)
        original_story = self._article_story.get(duplicate_of or "")
        if original_story in self._stories:
            decision = Assignment(article.id, original_story, 1.0, False, {"near_duplicate": 1.0})
        else:
            decision = self._best(article, features)
        self._add(decision.story_id, article, features)
        return decision

    def restore(self, article: Article, story_id: str) -> None:
        """Put back an article stored by an earlier run into its story."""
        if article.id not in self._article_story:
            self._advance(article.when)
            self._add(story_id, article, self._features(article))

    def score(self, article: Article, story_id: str) -> dict[str, float]:
        """The signals and total score of ``article`` against an open story."""
        return self._score(article, self._features(article), self._stories[story_id])

    def _best(self, article: Article, features: _Features) -> Assignment:
        candidates = set().union(*(self._index.get(k, ()) for k in features.keys))
        best_id, best = None, {"score": 0.0}
        for story_id in candidates:
            signals = self._score(article, features, self._stories[story_id])
            if signals["score"] > best["score"]:
                best_id, best = story_id, signals
        if best_id is not None and best["score"] >= self.threshold:
            return Assignment(article.id, best_id, round(best["score"], 4), False, best)
        new_id = f"st-{article.id[:12]}"
        signals = {k: round(v, 4) for k, v in best.items()}
        return Assignment(article.id, new_id, round(best["score"], 4), True, signals)

    def _score(self, article: Article, features: _Features, story: _Story) -> dict[str, float]:
        body = cosine(features.body, normalize(dict(story.body)))
        title = cosine(features.title, normalize(dict(story.title)))
        shared = features.entities & story.entities.keys()
        overlap = len(shared) / math.sqrt(
            max(1, len(features.entities)) * max(1, len(story.entities))
        )
        ents = min(1.0, 1.6 * overlap)
        days = (
            abs((article.when - story.last_seen).total_seconds()) / 86400 if story.last_seen else 0
        )
        decay = math.exp(-days / DECAY_DAYS)
        raw = (
            self.weights["body"] * body
            + self.weights["title"] * title
            + self.weights["entities"] * ents
        )
        total = raw * (0.75 + 0.25 * decay)
        return {
            "score": round(total, 4),
            "body": round(body, 4),
            "title": round(title, 4),
            "entities": round(ents, 4),
            "time_decay": round(decay, 4),
        }

    def _features(self, article: Article) -> _Features:
        body_terms = terms(f"{article.title}\n{article.text}")
        body = self.stats.vector(body_terms)
        title = self.stats.vector(terms(article.title))
        ents = entities(f"{article.title}. {article.text}")
        top = sorted(body, key=body.get, reverse=True)[:INDEX_TERMS]
        keys = {f"t:{t}" for t in top} | {f"e:{e}" for e in ents}
        return _Features(body, title, ents, keys)

    def _add(self, story_id: str, article: Article, features: _Features) -> None:
        story = self._stories.get(story_id) or _Story(story_id)
        self._stories[story_id] = story
        story.body.update(features.body)
        story.title.update(features.title)
        story.entities.update(features.entities)
        story.members.append(article.id)
        story.last_seen = max(filter(None, (story.last_seen, article.when)))
        for key in features.keys - story.keys:
            self._index[key].add(story_id)
        story.keys |= features.keys
        self._article_story[article.id] = story_id
        self.stats.add(set(features.body))

    def _advance(self, when: datetime) -> None:
        """Move the clock forward; hourly, close stories that fell out of the window."""
        if self._clock is None or when > self._clock:
            self._clock = when
        if self._swept is not None and self._clock - self._swept < timedelta(hours=1):
            return
        self._swept = self._clock
        horizon = self._clock - self.window
        for story_id in [s.id for s in self._stories.values() if s.last_seen < horizon]:
            story = self._stories.pop(story_id)
            for article_id in story.members:
                self._article_story.pop(article_id, None)
            for key in story.keys:
                self._index[key].discard(story_id)
                if not self._index[key]:
                    del self._index[key]
