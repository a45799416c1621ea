"""Language of a text by its commonest function words (no model, no download)."""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of to in is that for it was on with as by at from he said his are be this "
    "have has had not but they were their which who will",
    "es": "el la de que y en los se del las por un una con para es al lo como más pero sus "
    "fue ha su le ya o este esta",
    "fr": "le la les de des du et en un une est que qui dans pour pas sur au aux avec ce il "
    "elle se sont par plus a été",
    "de": "der die das und in den von zu ist mit sich des auf für nicht im dem ein eine als "
    "auch es an wird aus er hat dass sie",
    "it": "il la di che e è un una per in del della non con sono le si da gli al nel ha alla "
    "dei anche più come lo",
    "pt": "o a de que e do da em um uma para com não os as por mais dos das se na no foi ao "
    "como mas seu sua ele",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die als ook door maar "
    "om bij hij nog wordt",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")


def guess_language(text: str, sample: int = 5000) -> str | None:
    """ISO 639-1 code of the likeliest language among en/es/fr/de/it/pt/nl, or None.

    None when the text is too short or no language clearly leads.
    """
    tokens = Counter(t.lower() for t in _TOKEN.findall(text[:sample]))
    total = sum(tokens.values())
    if total < 20:
        return None
    scores = {lang: sum(tokens[w] for w in words) for lang, words in _WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 0.1 * total or top < 1.3 * second:
        return None
    return best
