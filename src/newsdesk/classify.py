"""Categories: what the page says about itself first, the words of the text second.

A page's own section label, breadcrumb or URL path ("/business/", "Markets")
is the strongest evidence; when it says nothing usable the story's text is
matched against keyword lists.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from newsdesk.model import Article
from newsdesk.nlp import words

CATEGORIES = (
    "News",
    "Local News",
    "Politics",
    "World",
    "Business",
    "Finance",
    "Health",
    "Science/Tech",
    "Sports",
    "Entertainment",
    "Crime",
)

# Section labels and URL path words that sites use, mapped to our categories.
_SECTIONS = {
    "Local News": "local metro city community schools education regional-news neighborhood",
    "Politics": "politics policy government elections election congress parliament",
    "World": "world international global foreign mundo internacional",
    "Business": "business companies company industry deals retail economy-business",
    "Finance": "finance markets market economy money banking investing economia",
    "Health": "health medicine wellness salud",
    "Science/Tech": "science tech technology space energy climate environment ciencia tecnologia",
    "Sports": "sports sport football basketball soccer deportes",
    "Entertainment": "entertainment arts culture film movies music celebrity lifestyle cultura",
    "Crime": "crime police courts justice police-courts",
}
_SECTION_WORDS = {w: cat for cat, ws in _SECTIONS.items() for w in ws.split()}

_KEYWORDS = {
    "Politics": "governor minister parliament senator election vote legislation compact treaty "
    "president lawmakers policy government",
    "World": "earthquake nation island international foreign embassy refugees magnitude",
    "Business": "company acquisition merger deal shareholders ceo revenue buy acquire retailer",
    "Finance": "rate rates inflation central bank bond markets investors interest monetary",
    "Health": "health hospital vaccine vaccination measles outbreak patients doctors virus",
    "Science/Tech": "satellite launch space scientists research technology battery startup "
    "software orbit climate",
    "Sports": "championship game season coach league win team score playoff",
    "Entertainment": "film festival premiere actor music concert carnival album director",
    "Crime": "police arrested stolen theft charged suspect court murder investigation",
    "Local News": "bridge school board council residents city street mayor district",
}
_KEYWORD_STEMS = {cat: set(ws.split()) for cat, ws in _KEYWORDS.items()}


def section_category(label: str | None) -> str | None:
    """Map a site's section label or URL path to a category, if it names one."""
    if not label:
        return None
    tokens = re.split(r"[\s/&,>|]+", label.lower())
    joined = "-".join(t for t in tokens if t)
    if joined in _SECTION_WORDS:
        return _SECTION_WORDS[joined]
    for token in tokens:
        if token in _SECTION_WORDS:
            return _SECTION_WORDS[token]
    return None


def classify(articles: list[Article]) -> str:
    """The category of a story: a vote of its pages' own labels, else its words."""
    votes: Counter[str] = Counter()
    for article in articles:
        path = urlparse(article.canonical_url or article.url).path
        for label in (article.section, path):
            category = section_category(label)
            if category:
                votes[category] += 1
                break
    if votes:
        return votes.most_common(1)[0][0]
    counts = Counter(w for a in articles for w in words(f"{a.title} {a.text}"))
    scores = {cat: sum(counts[w] for w in stems) for cat, stems in _KEYWORD_STEMS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else "News"
