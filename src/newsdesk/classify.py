"""Categories: what the page says about itself first, the words of the text second.

A page's own section label, breadcrumb or URL path ("/business/", "Markets")
is the strongest evidence; the text, matched against keyword lists (English and
Spanish), decides when the label is missing or names two categories
("Business" sections carry markets news too). Evidence is summed over a
story's pages, so the outlets vote. Measured by ``bench/classify.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from newsdesk.model import Article
from newsdesk.nlp import words

# In the menu order of the sample site (../shared/samples/004), then the ones it lacks.
CATEGORIES = (
    "News",
    "Local News",
    "Business",
    "Health",
    "Finance",
    "Entertainment",
    "Crime",
    "Politics",
    "World",
    "Science/Tech",
    "Sports",
)

# Section labels and URL path words that sites use, mapped to our categories. "Business" and
# "Economy" sections carry both company news and markets news: they name two categories
# and the text decides between them.
_SECTIONS = {
    ("Local News",): "local metro city community schools education regional-news neighborhood",
    ("Politics",): "politics policy government elections election congress parliament politica",
    ("World",): "world international global foreign mundo internacional",
    ("Business",): "companies company industry deals retail empresas",
    ("Business", "Finance"): "business economy economia negocios",
    ("Finance",): "finance markets market money banking investing personal-finance mercados",
    ("Health",): "health medicine wellness salud",
    ("Science/Tech",): "science tech technology space energy climate environment ciencia "
    "tecnologia",
    ("Sports",): "sports sport football basketball soccer deportes",
    ("Entertainment",): "entertainment arts culture film movies music celebrity lifestyle cultura "
    "espectaculos",
    ("Crime",): "crime police courts justice police-courts sucesos",
}
_SECTION_WORDS = {w: cats for cats, ws in _SECTIONS.items() for w in ws.split()}
SECTION_WEIGHT = 2.0  # one page's own label outweighs its words (which add up to 1)
TITLE_WEIGHT = 2  # a keyword in the title counts twice

_KEYWORDS = {
    "Politics": "governor minister parliament senator election vote legislation compact treaty "
    "president lawmakers policy government elections senate congress referendum campaign "
    "opposition cabinet premier assembly gobierno elecciones ministro parlamento presidente",
    "World": "earthquake nation island international foreign embassy refugees magnitude tsunami "
    "ceasefire troops border diplomats terremoto sismo",
    "Business": "company acquisition merger deal shareholders ceo revenue buy acquire retailer "
    "companies firm profit sales layoffs factory brand competition empresa",
    "Finance": "rate rates inflation central bank bond markets investors interest monetary "
    "stocks shares bonds yields currency lending borrowing mortgage economists tasa tasas "
    "inflación banco",
    "Health": "health hospital vaccine vaccination measles outbreak patients doctors virus "
    "disease clinic clinics cancer infection medical nurses salud vacuna",
    "Science/Tech": "satellite launch space scientists research technology battery startup "
    "software orbit climate researchers ai chip app smartphone robot ciencia tecnología",
    "Sports": "championship game season coach league win team score playoff match tournament "
    "players playoffs partido equipo liga gol",
    "Entertainment": "film festival premiere actor music concert carnival album director movie "
    "actress singer band theatre theater streaming celebrity carnaval desfile fiesta música "
    "película cine",
    "Crime": "police arrested stolen theft charged suspect court murder investigation arrest "
    "arrests robbery burglary prosecutors detectives trial sentenced homicide policía detenido "
    "robo",
    "Local News": "bridge school board council residents city street mayor district county "
    "neighborhood library roads transit councillors alcalde vecinos",
}
_KEYWORD_STEMS = {cat: set(ws.split()) for cat, ws in _KEYWORDS.items()}


def section_categories(label: str | None) -> tuple[str, ...]:
    """The categories a site's section label or URL path names (none, one, or two)."""
    if not label:
        return ()
    tokens = [t for t in re.split(r"[\s/&,>|]+", label.lower()) if t]
    joined = "-".join(tokens)
    if joined in _SECTION_WORDS:
        return _SECTION_WORDS[joined]
    return next((_SECTION_WORDS[t] for t in tokens if t in _SECTION_WORDS), ())


def text_scores(article: Article) -> dict[str, float]:
    """Keyword evidence of the title and text, as shares that sum to 1 (empty if none)."""
    counts = Counter(words(article.text))
    for word in words(article.title):
        counts[word] += TITLE_WEIGHT
    scores = {cat: sum(counts[w] for w in stems) for cat, stems in _KEYWORD_STEMS.items()}
    total = sum(scores.values())
    return {cat: n / total for cat, n in scores.items() if n} if total else {}


def classify(articles: list[Article]) -> str:
    """The category of a story: its pages' own labels and their words, summed over pages.

    Each page's section (else its URL path) gives SECTION_WEIGHT to the category it
    names, split when it names two; each page's keyword shares add up to 1 more.
    """
    scores: Counter[str] = Counter()
    for article in articles:
        path = urlparse(article.canonical_url or article.url).path
        labels = section_categories(article.section) or section_categories(path)
        for category in labels:
            scores[category] += SECTION_WEIGHT / len(labels)
        scores.update(text_scores(article))
    if not scores:
        return "News"
    return max(CATEGORIES, key=lambda c: scores[c])
