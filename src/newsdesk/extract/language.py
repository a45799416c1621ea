"""Language of a text by its script, or by its commonest function words (no model, no
download)."""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the and of to in is that for it was on with as by at from he said his are be this "
    "have has had not but they were their which who will her",
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

# Scripts that name their language (the first of a script's languages is the default; a
# letter only another language of the script has picks that one).
_SCRIPTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "kana": ("\u3040-\u30ff", "ja", {}),
    "hangul": ("\uac00-\ud7af\u1100-\u11ff", "ko", {}),
    "han": ("\u3400-\u4dbf\u4e00-\u9fff", "zh", {}),
    "cyrillic": ("\u0400-\u04ff", "ru", {"uk": "іїєґІЇЄҐ"}),
    "greek": ("\u0370-\u03ff", "el", {}),
    "hebrew": ("\u0590-\u05ff", "he", {}),
    "arabic": ("\u0600-\u06ff", "ar", {"fa": "پچژگ"}),
    "thai": ("\u0e00-\u0e7f", "th", {}),
}
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, (chars, _, _) in _SCRIPTS.items()}


def _by_script(text: str) -> str | None:
    """The language of a text mostly in a script other than Latin, or None."""
    letters = sum(1 for c in text if c.isalpha())
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPT_RE.items()}
    if not letters or sum(counts.values()) < 0.5 * letters:
        return None
    if counts["kana"] and counts["kana"] >= 0.05 * (counts["kana"] + counts["han"]):
        return "ja"  # Japanese mixes kana into its Chinese characters
    name = max(counts, key=lambda k: counts[k])
    _, default, others = _SCRIPTS[name]
    for lang, marks in others.items():
        if sum(text.count(c) for c in marks) >= max(2, 0.01 * counts[name]):
            return lang
    return default


def guess_language(text: str, sample: int = 5000) -> str | None:
    """ISO 639-1 code of the likeliest language, or None.

    A text mostly in one non-Latin script gets that script's language (ja, ko, zh, ru, uk,
    el, he, ar, fa, th); a Latin-script text the one among en/es/fr/de/it/pt/nl whose
    function words it uses most. None when the text is too short or no language clearly
    leads.
    """
    head = text[:sample]
    script = _by_script(head)
    if script is not None:
        return script if len(head.strip()) >= 20 else None
    tokens = Counter(t.lower() for t in _TOKEN.findall(head))
    total = sum(tokens.values())
    if total < 20:
        return None
    scores = {lang: sum(tokens[w] for w in words) for lang, words in _WORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 0.1 * total or top < 1.3 * second:
        return None
    return best
