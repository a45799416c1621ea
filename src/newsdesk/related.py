"""You May Also Like: each story's nearest other stories by what they say and whom they name.

A story is compared by its headline, its articles' titles and its summary:
content terms plus names (``nlp.terms``; ``names`` below; names count double),
TF-IDF weighted over the recent stories. A name is a capitalized-phrase entity
and each of its words, with possessives dropped, so "Calloway County" and
"Calloway Dairy's" share "calloway"; bare numbers are not names. A story
qualifies by cosine similarity; among those that do, sharing the category adds
a bonus to the rank. It runs when stories are refreshed, over
the stories that changed and their neighbours, so a new story also appears
under the older stories it resembles.
"""

from __future__ import annotations

import re

from newsdesk.nlp import STOPWORDS, entities, terms
from newsdesk.store import Store
from newsdesk.store.queries import Queries, StoryProfile

MAX_RELATED = 5
# A summary of 3-5 sentences sharing one name with another story scores about 0.05: 0.08
# left 10 of the 14 demo stories without any related story.
MIN_SIMILARITY = 0.04
CATEGORY_BONUS = 0.05
ENTITY_WEIGHT = 2
WINDOW = 5000  # stories compared against: the most recent ones
CHUNK = 512
MIN_NAME_WORD = 4  # shorter words of a phrase ("New", "Bay") name nothing on their own
_POSSESSIVE = re.compile(r"[’']s\b")


def names(text: str) -> set[str]:
    """Entities of ``text`` and the longer words of multi-word ones, numbers left out."""
    found: set[str] = set()
    for entity in entities(_POSSESSIVE.sub("", text)):
        if entity[0].isdigit():
            continue
        found.add(entity)
        found.update(w for w in entity.split() if len(w) >= MIN_NAME_WORD and w not in STOPWORDS)
    return found


def _tokens(text: str) -> list[str]:
    named = [f"entity:{e}" for e in sorted(names(text))]
    return terms(_POSSESSIVE.sub("", text)) + named * ENTITY_WEIGHT


def _text(profile: StoryProfile) -> str:
    # a title equal to the headline would count the same words twice
    return "\n\n".join([profile.headline, *dict.fromkeys(profile.titles), profile.summary])


def related_stories(
    profiles: list[StoryProfile],
    targets: list[str],
    limit: int = MAX_RELATED,
    min_similarity: float = MIN_SIMILARITY,
) -> dict[str, list[str]]:
    """For each target story id, the ids of the most similar other profiles, best first.

    ``profiles`` should come newest first: among equal scores the newer story wins.
    """
    import numpy as np  # heavy (scikit-learn pulls in scipy): only when stories are linked
    from sklearn.feature_extraction.text import TfidfVectorizer

    index = {p.id: i for i, p in enumerate(profiles)}
    rows = [index[t] for t in dict.fromkeys(targets) if t in index]
    if not rows or len(profiles) < 2:
        return {profiles[r].id: [] for r in rows}
    vectors = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True).fit_transform(
        [_text(p) for p in profiles]
    )
    categories = np.array([p.category or "" for p in profiles])
    out: dict[str, list[str]] = {}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        scores = (vectors[chunk] @ vectors.T).toarray()
        for row, similarity in zip(chunk, scores, strict=True):
            similarity[row] = -1.0
            rank = similarity + CATEGORY_BONUS * (categories == categories[row])
            best = np.argsort(-rank, kind="stable")[:limit]
            out[profiles[row].id] = [
                profiles[i].id for i in best if similarity[i] >= min_similarity
            ]
    return out


def link_related(store: Store, story_ids: list[str], window: int = WINDOW) -> dict[str, list[str]]:
    """Recompute and store related stories for ``story_ids`` and for the stories they list."""
    queries = Queries(store)
    profiles = queries.profiles(window, include=story_ids)
    first = related_stories(profiles, story_ids)
    neighbours = {i for ids in first.values() for i in ids} - set(first)
    updated = first | related_stories(profiles, sorted(neighbours))
    queries.set_related(updated)
    return updated
