"""Categories for the site's menus: page labels first, words to decide, outlets vote."""

from __future__ import annotations

from collections import defaultdict

import pytest

from newsdesk.classify import CATEGORIES, classify, section_categories
from newsdesk.demo import CORPUS, truth
from newsdesk.extract import extract
from newsdesk.model import Article
from newsdesk.sources import read_file

RATES = "The central bank raised its interest rate to curb inflation, and bond investors sold."
TAKEOVER = "The company agreed a merger; shareholders of the retailer will get a premium."


def article(text: str, section: str | None = None, url: str = "https://x.example/a") -> Article:
    return Article(url=url, title="", text=text, section=section)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Sports", ("Sports",)),
        ("News > World", ("World",)),
        ("/2026/11/18/police-courts/story", ("Crime",)),
        ("Business", ("Business", "Finance")),
        ("Markets", ("Finance",)),
        ("Deportes", ("Sports",)),
        ("/2026/11/18/story", ()),
        (None, ()),
    ],
)
def test_section_labels_and_paths_name_categories(label, expected) -> None:
    assert section_categories(label) == expected


def test_a_business_section_lets_the_text_choose_between_business_and_finance() -> None:
    assert classify([article(RATES, section="Business")]) == "Finance"
    assert classify([article(TAKEOVER, section="Business")]) == "Business"


def test_an_unambiguous_label_outweighs_the_words() -> None:
    assert classify([article(RATES, section="Politics")]) == "Politics"
    assert classify([article(RATES, url="https://x.example/sports/2026/a")]) == "Sports"


def test_outlets_vote_and_words_decide_without_labels() -> None:
    quake = "A magnitude 6.4 earthquake struck the island nation; refugees fled."
    pages = [article(quake, "World"), article(quake, "World"), article(quake, "Tech")]
    assert classify(pages) == "World"
    assert classify([article(quake)]) == "World"
    assert classify([article("El carnaval cerró con un desfile y fiesta en la ciudad.")]) == (
        "Entertainment"
    )
    assert classify([article("Nothing here names anything at all.")]) == "News"


def test_demo_truth_stories_get_their_categories() -> None:
    recorded = truth()
    pages: dict[str, list[Article]] = defaultdict(list)
    for page in recorded["pages"]:
        pages[page["story"]].append(extract(read_file(CORPUS / page["file"])))
    got = {story: classify(articles) for story, articles in pages.items()}
    expected = {story: recorded["stories"][story]["category"] for story in pages}
    assert set(expected.values()) <= set(CATEGORIES)
    correct = sum(got[s] == expected[s] for s in pages)
    assert correct >= len(pages) - 1, {
        s: (got[s], expected[s]) for s in pages if got[s] != expected[s]
    }
