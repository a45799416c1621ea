"""Online clustering: same-event joins, explained decisions, merges, bounded memory.

The demo corpus end to end (every multi-outlet story one story, B-cubed F1) is
checked in tests/test_demo.py.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk import embeddings, multilingual
from newsdesk.cluster import GUARD_CUTS, StoryClusterer, clusterer_from_config
from newsdesk.config import ConfigError, load_config
from newsdesk.demo import truth
from newsdesk.model import Article, RawDocument
from newsdesk.nlp import dot
from newsdesk.store import Store
from newsdesk.storyview import _explain, story_report

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FERRY = (
    "The Port Avery harbor authority approved the Quayside ferry terminal on Monday after a "
    "two-year review. The terminal will handle four ferries an hour and open in 2028, harbor "
    "director Lena Okafor said. Critics on the east shore warned about traffic."
)
FERRY_2 = (
    "Harbor director Lena Okafor said the Quayside ferry terminal approved by the Port Avery "
    "harbor authority would open in 2028 with four ferries an hour. East shore residents fear "
    "the traffic."
)
PROTEST = (
    "Hundreds of east shore residents marched to Port Avery city hall on Monday night against "
    "the noise and traffic they expect, carrying signs and chanting outside the chamber while "
    "organiser Tomas Reyes read a petition."
)
BANK = (
    "The Bank of Norland raised its main interest rate to 4.5% on Tuesday, its third increase "
    "this year, and governor Ilse Brandt said inflation was still too high for comfort."
)


def art(text: str, title: str, hours: float = 0, outlet: str = "Wire") -> Article:
    return Article(
        url=f"https://{outlet.lower()}.example/{title.lower().replace(' ', '-')}",
        title=title,
        text=text,
        outlet=outlet,
        published=T0 + timedelta(hours=hours),
    )


def test_same_event_joins_and_other_events_open_stories_with_explanations() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(art(FERRY, "Harbor authority approves Quayside ferry terminal"))
    assert first.new_story
    second = clusterer.assign(
        art(FERRY_2, "Quayside ferry terminal gets the green light", 3, "Gazette")
    )
    assert not second.new_story and second.story_id == first.story_id
    assert second.score >= clusterer.threshold
    assert {"body", "title", "entities", "time_decay", "score"} <= second.features.keys()
    assert max(second.features["body"], second.features["entities"]) > 0.3
    bank = clusterer.assign(art(BANK, "Bank of Norland raises rate to 4.5%", 4, "Ledger"))
    assert bank.new_story and bank.story_id != first.story_id
    assert bank.score < clusterer.threshold


def test_a_copy_joins_its_original_story() -> None:
    clusterer = StoryClusterer()
    original = art(FERRY, "Ferry terminal approved")
    story = clusterer.assign(original).story_id
    copy = clusterer.assign(art(BANK, "Unrelated text", 1), duplicate_of=original.id)
    assert copy.story_id == story and copy.features["near_duplicate"] == 1.0


def test_a_bridging_article_merges_two_stories_and_the_store_records_it(store: Store) -> None:
    clusterer = StoryClusterer()
    ferry = art(FERRY, "Harbor authority approves Quayside ferry terminal")
    protest = art(PROTEST, "East shore residents march on city hall", 1, "Post")
    bridge = art(
        f"{FERRY}\n\n{PROTEST}", "Ferry terminal approved as east shore marches", 2, "Tribune"
    )
    decisions = [clusterer.assign(a) for a in (ferry, protest, bridge)]
    assert decisions[1].new_story and decisions[1].story_id != decisions[0].story_id
    merge = decisions[2]
    assert merge.merged, merge
    survivor, gone = merge.story_id, merge.merged[0]
    assert {survivor, gone} == {decisions[0].story_id, decisions[1].story_id}
    assert clusterer.resolve(gone) == survivor
    assert clusterer.story_of(ferry.id) == clusterer.story_of(protest.id) == survivor

    for article, decision in zip((ferry, protest, bridge), decisions, strict=True):
        raw = RawDocument(url=article.url, content=article.text.encode())
        store.add_article(raw, article, decision, None)
    assert {s.id for s in store.stories()} == {survivor}
    assert len(store.story(survivor).articles) == 3
    (record,) = store.merges(survivor)
    assert record["merged_id"] == gone and record["article_id"] == bridge.id


def test_stories_outside_the_window_close_so_memory_stays_bounded() -> None:
    clusterer = StoryClusterer(window=timedelta(days=1))
    first = None
    for day in range(10):
        for i in range(3):
            words = " ".join(f"topic{day}x{i}w{k}" for k in range(30))
            article = art(words, words[:40], day * 24 + i)
            first = first or article
            clusterer.assign(article)
    assert clusterer.open_stories <= 6
    assert clusterer.story_of(first.id) is None


def test_short_text_met_verbatim_again_and_again_is_furniture_not_a_story() -> None:
    clusterer = StoryClusterer()
    notice = (
        "You can add location information to your posts, such as your city or precise "
        "location, from the web and via third-party applications. Learn more"
    )
    first = clusterer.assign(art(f"{FERRY}\n\n{notice}", "Ferry terminal approved"))
    pages = [art(notice, f"Page {i}", i, f"Outlet{i}") for i in range(4)]
    decisions = [clusterer.assign(page) for page in pages]
    assert not decisions[1].new_story  # a second copy may still join the first
    for decision in decisions[2:]:
        assert decision.new_story and decision.features["boilerplate"] >= 2
    assert first.story_id not in {d.story_id for d in decisions[2:]}
    long_copy = art(FERRY * 8, "Ferry terminal approved", 9, "Copy")
    clusterer.assign(long_copy)
    again = clusterer.assign(art(FERRY * 8, "Ferry terminal approved", 10, "Copy2"))
    assert not again.new_story  # long copies of wire text still join


class _TopicEmbedder:
    """A stand-in embedding model: one axis per topic word it finds."""

    def encode(self, texts: list[str]) -> list:
        import numpy as np

        rows = np.array(
            [[t.lower().count(w) + 0.01 for w in ("ferry", "bank", "march")] for t in texts]
        )
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_an_embedder_adds_an_embedding_signal_for_articles_in_its_language() -> None:
    clusterer = StoryClusterer(embedder=_TopicEmbedder())
    clusterer.assign(art(FERRY, "Harbor authority approves Quayside ferry terminal"))
    second = clusterer.assign(art(FERRY_2, "Quayside ferry terminal gets the green light", 2))
    assert not second.new_story and second.features["embedding"] > 0.9
    bank = clusterer.assign(art(BANK, "Bank of Norland raises rate to 4.5%", 3, "Ledger"))
    assert bank.new_story
    assert "embedding" not in StoryClusterer().similarity(art(FERRY, "a"), art(FERRY_2, "b"))
    # An English model says nothing about a Spanish text: the lexical signals decide.
    spanish = replace(art(FERRY, "Terminal de ferris aprobada", 4), language="es")
    assert clusterer.similarity(art(FERRY_2, "b"), spanish)["embedding"] == 0.0
    american = replace(art(FERRY, "Ferry terminal approved", 4), language="en-US")
    assert clusterer.similarity(art(FERRY_2, "b"), american)["embedding"] > 0.9


def test_the_pair_score_leans_on_the_model() -> None:
    """Two single articles: the model's cosine outweighs the lexical signals."""
    first = art(FERRY, "Harbor authority approves Quayside ferry terminal")
    reworded = art("Ferry ferry ferry terminal plans win approval.", "Ferry plans approved", 2)
    lexical = StoryClusterer().similarity(first, reworded)["score"]
    with_model = StoryClusterer(embedder=_TopicEmbedder()).similarity(first, reworded)
    assert with_model["embedding"] > 0.9 and with_model["score"] > lexical + 0.3


def test_all_pair_scores_match_the_pair_score_and_rank_same_event_pairs_first() -> None:
    articles = [
        art(FERRY, "Harbor authority approves Quayside ferry terminal"),
        art(FERRY_2, "Quayside ferry terminal gets the green light", 2),
        art(BANK, "Bank of Norland raises rate to 4.5%", 3, "Ledger"),
    ]
    clusterer = StoryClusterer()
    matrix = clusterer.similarities(articles)
    for i, first in enumerate(articles):
        assert matrix[i][i] == 1.0
        for j, second in enumerate(articles[i + 1 :], i + 1):
            assert matrix[i][j] == matrix[j][i] == clusterer.similarity(first, second)["score"]
    assert matrix[0][1] > clusterer.threshold > max(matrix[0][2], matrix[1][2])


def _config(tmp_path, text: str):
    path = tmp_path / "newsdesk.toml"
    path.write_text(text)
    return load_config(path)


def _unrelated(i: int, hours: float) -> Article:
    words = " ".join(f"subject{i}w{k}" for k in range(30))
    return art(words, f"Subject{i} news", hours)


def test_stories_idle_for_window_articles_close_within_one_day() -> None:
    """In an archive of one day the time window keeps every story open: a story with no
    article among the last ``window_articles`` closes too, and a later report of its event
    opens a story of its own; the open stories stay bounded by the window."""
    clusterer = StoryClusterer(window_articles=16)
    ferry = art(FERRY, "Quayside ferry terminal approved")
    first = clusterer.assign(ferry).story_id
    for i in range(40):
        clusterer.assign(_unrelated(i, i / 60))
    assert clusterer.story_of(ferry.id) is None
    assert clusterer.open_stories <= 16 + 16 // 16
    late = clusterer.assign(art(FERRY_2, "Ferry terminal to open in 2028", 1))
    assert late.new_story and late.story_id != first
    kept = StoryClusterer()  # the default window: a day's stream this short stays open
    ferry_story = kept.assign(ferry).story_id
    for i in range(40):
        kept.assign(_unrelated(i, i / 60))
    assert kept.assign(art(FERRY_2, "Ferry terminal to open in 2028", 1)).story_id == ferry_story


def test_a_warm_start_closes_the_same_stories_as_one_run() -> None:
    """Restoring a stream's first part and assigning the rest gives the stories of one
    uninterrupted run, with stories closed by the article window on the way."""
    subjects = [i % 3 for i in range(10)] + list(range(100, 115)) + [i % 3 for i in range(5)]
    stream = [
        replace(a, url=f"{a.url}/{i}", text=f"{a.text} part{i}")
        for i, a in enumerate(_unrelated(subject, i / 60) for i, subject in enumerate(subjects))
    ]
    one_run = StoryClusterer(window_articles=8)
    whole = [one_run.assign(a).story_id for a in stream]
    assert not set(whole[:10]) & set(whole[25:])  # subjects 0-2 closed, then came back
    for cut in (5, 13, 22):
        resumed = StoryClusterer(window_articles=8)
        for article, story_id in zip(stream[:cut], whole[:cut], strict=True):
            resumed.restore(article, story_id)
        assert [resumed.assign(a).story_id for a in stream[cut:]] == whole[cut:]
        assert resumed.open_stories == one_run.open_stories


def test_config_sets_threshold_window_and_model(tmp_path, monkeypatch) -> None:
    text = "[stories]\nthreshold = 0.2\nwindow_days = 7\nwindow_articles = 500\n"
    clusterer = clusterer_from_config(_config(tmp_path, text))
    assert (clusterer.threshold, clusterer.window, clusterer.embedder) == (
        0.2,
        timedelta(days=7),
        None,
    )
    assert clusterer.window_articles == 500
    assert clusterer_from_config(_config(tmp_path, "")).threshold == StoryClusterer().threshold
    monkeypatch.setattr(embeddings, "load", lambda: None)  # the extra not installed
    with pytest.raises(ConfigError, match=r"\[stories\].*pip install"):
        clusterer_from_config(_config(tmp_path, "[stories]\nembeddings = true\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[stories]\nwindow_days = 0\n", "window_days must be above 0"),
        ("[stories]\nwindow_articles = 0\n", "window_articles must be at least 1"),
        ("[stories]\nwindow_days = inf\n", "window_days must be a finite number"),
        ("[stories]\nthreshold = nan\n", "threshold must be a finite number"),
        ("[stories]\nthreshold = 2\n", "threshold must be above 0 and at most 1"),
        ('[stories]\nembeddings = "no"\n', "embeddings must be a bool"),
        ("[stories]\ntreshold = 0.2\n", "unknown setting 'treshold'"),
    ],
)
def test_bad_stories_settings_name_the_section(tmp_path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=rf"\[stories\]: {message}"):
        clusterer_from_config(_config(tmp_path, text))


def test_dot_is_exact_whatever_the_key_order() -> None:
    """Sets of strings iterate in a different order in every run: sums must not care."""
    a = {f"t{i}": 1 / (i + 3) for i in range(500)}
    b = {f"t{i}": 1 / (i + 7) for i in range(0, 1000, 2)}
    products = [a[k] * b[k] for k in sorted(a.keys() & b.keys())]
    assert sum(products) != sum(reversed(products))  # plain sums depend on the order
    assert dot(a, b) == math.fsum(products) == dot(b, a)  # dot: exactly rounded, any order
    assert dot(a, {}) == 0.0 and dot({"x": 0.5}, {"x": 0.5, "y": 1.0}) == 0.25


_DECISIONS = """
from newsdesk.cluster import StoryClusterer
from newsdesk.demo import CORPUS, truth
from newsdesk.extract import extract
from newsdesk.sources import read_file
pages = sorted((extract(read_file(CORPUS / p["file"])) for p in truth()["pages"]),
               key=lambda a: (a.when, a.url))
clusterer = StoryClusterer()
for article in pages:
    d = clusterer.assign(article)
    print(article.url, clusterer.resolve(d.story_id), d.score, sorted(d.features.items()))
"""


def test_the_same_stream_gives_the_same_stories_in_every_run() -> None:
    runs = [
        subprocess.run(
            [sys.executable, "-c", _DECISIONS],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0].count("\n") == len(truth()["pages"]) and runs[0] == runs[1]


def test_the_term_table_stays_bounded() -> None:
    """An endless stream of new words (names, typos) must not grow memory without bound,
    and the counts of the terms that matter stay right."""
    clusterer = StoryClusterer()
    size = clusterer.stats._table.nbytes
    for i in range(60):
        # 15 new terms, and the 15 of the article before: each term is seen twice, then never
        fresh = " ".join(f"word{k}x{j}" for k in (i - 1, i) for j in range(15))
        clusterer.assign(art(f"{FERRY} {fresh}", f"Ferry terminal update {i}", i / 10))
    assert clusterer.stats._table.nbytes == size
    assert clusterer.stats.frequencies(["ferry", "word5x3", "never"]) == [60, 2, 0]
    assert len(clusterer.stats) >= 900  # about one counter a distinct term


def test_hashed_term_counts_match_exact_counts_on_a_small_vocabulary() -> None:
    from newsdesk.nlp import HashedTermStats, TermStats

    docs = [{"ferry", "harbor", f"name{i}"} for i in range(30)] + [{"harbor", "vote"}]
    exact, hashed = TermStats(), HashedTermStats()
    for doc in docs:
        exact.add(doc)
        hashed.add(doc)
    text = ["ferry", "ferry", "harbor", "vote", "name3", "unseen"]
    assert hashed.vector(text) == exact.vector(text)
    with pytest.raises(ValueError, match="power of two"):
        HashedTermStats(1000)


# Two extraditions from Norland of hackers of one botnet, years apart: one subject, two events.
_EXTRADITION = (
    "{when} prosecutors in Port Avery said Norland had extradited a hacker accused of running "
    "the Blackwater botnet to the United States, where he faces charges of wire fraud. The "
    "court approved the extradition after a long fight over his health, his lawyers said."
)
_EXTRADITION_2 = (
    "{when} a second suspect in the Blackwater case, a programmer from Lirenza, was flown to "
    "New York to face hacking charges, officials said, after the supreme "
    "court turned down his last appeal against extradition."
)


def _undated(text: str, title: str, outlet: str) -> Article:
    return Article(url=f"https://{outlet}.example/{len(text)}", title=title, text=text)


@pytest.mark.parametrize(
    ("first", "second", "guards", "words"),
    [
        ("On March 24, 2010,", "On July 2, 2019,", 2, "date guard: texts dated 3387 days"),
        ("In 2010", "In 2019", 1, "year guard: the years they mention are 9 years apart"),
    ],
)
def test_same_subject_different_event_is_kept_apart_and_explained(
    first: str, second: str, guards: int, words: str
) -> None:
    """Undated texts (as on Multi-News): the dates and years they write tell the events apart
    (each guard cuts the score: years alone are softer evidence than two dates); the same
    two reports without them join."""
    clusterer = StoryClusterer()
    old = _undated(_EXTRADITION.format(when=first), "Norland extradites botnet hacker", "a")
    new = _undated(_EXTRADITION_2.format(when=second), "Botnet hacker extradited to U.S.", "b")
    opened = clusterer.assign(old)
    decision = clusterer.assign(new)
    cut = math.prod(GUARD_CUTS[k] for k in decision.features if k.startswith("guard_"))
    assert cut <= 0.75 and len([k for k in decision.features if k.startswith("guard_")]) == guards
    assert decision.score == pytest.approx(decision.features["unguarded"] * cut, abs=1e-3)
    if guards == 2:
        assert decision.new_story and decision.story_id != opened.story_id
    assert words in _explain({"score": decision.score, "features": decision.features})
    fresh = StoryClusterer()
    fresh.assign(_undated(_EXTRADITION.format(when="On Monday"), "Hacker extradited", "c"))
    same = fresh.assign(_undated(_EXTRADITION_2.format(when="On Monday"), "Second hacker", "d"))
    assert not same.new_story and not any(k.startswith("guard_") for k in same.features)


_BUDGET = (
    "The Norland parliament passed a {0} billion crown budget on Tuesday by {1} votes to {2}, "
    "finance minister Ilse Brandt said. It cuts {3} public jobs and raises the tax on fuel; the "
    "opposition promised to fight it in the courts."
)
_RESIGNED = (
    "Ilse Brandt resigned on Friday. Lawmakers in Norland had sunk her rail plan, {0} billion "
    "for new lines, by {1} votes to {2}; it would have hired {3} drivers, and protesters cheered."
)


@pytest.mark.parametrize(
    ("figures", "apart"),
    [
        (("1.8", "155", "160", "4,500"), True),  # four figures each, none shared: two events
        (("2.4", "212", "197", "3,100"), False),  # the budget's own figures: one event
        (("1.8", "155", "160", "many"), False),  # three figures: too few to tell
    ],
)
def test_same_subject_with_other_figures_is_another_event(
    figures: tuple[str, ...], apart: bool
) -> None:
    """The number guard: a report on the same minister and parliament whose counts and
    amounts (four at least on each side, years apart) are none of the story's reports
    another event; sharing one figure, or writing too few, is no such evidence."""
    clusterer = StoryClusterer()
    budget = _undated(_BUDGET.format("2.4", "212", "197", "3,100"), "Norland passes budget", "a")
    opened = clusterer.assign(budget)
    later = _undated(_RESIGNED.format(*figures), "Brandt quits after rail vote", "b")
    decision = clusterer.assign(later)
    assert ("guard_numbers" in decision.features) is apart
    assert decision.new_story is apart and (decision.story_id != opened.story_id) is apart
    if apart:
        assert decision.features["unguarded"] >= clusterer.threshold  # the guard decided
        cut = GUARD_CUTS["guard_numbers"]
        assert decision.score == pytest.approx(decision.features["unguarded"] * cut, abs=1e-3)
        assert clusterer.guards(budget, later) == {"guard_numbers": 4.0}


def test_a_dated_article_uses_its_own_date_and_ignores_years_after_it() -> None:
    """A 2026 report that mentions a 2031 plan is about 2026: no year guard against 2026."""
    clusterer = StoryClusterer()
    first = art(f"In 2026 the harbor board met. {FERRY}", "Ferry terminal approved")
    clusterer.assign(first)
    later = art(f"The 2031 expansion is next. {FERRY_2}", "Terminal gets the green light", 3)
    decision = clusterer.assign(later)
    assert not decision.new_story and "guard_years" not in decision.features


GERMAN = """<html lang="de"><head><title>Westmark und Ostvale beenden Streit um den Tamsin
</title></head><body><article><h1>Westmark und Ostvale beenden Streit um den Tamsin</h1>
<p>Gouverneurin Elena Marsh und Premier Tobias Renn haben am Montag in Port Avery einen
Vertrag über das Wasser des Tamsin unterzeichnet. Damit endet ein Streit, der 2015 während
der Dürre begann und zweimal vor dem Obersten Gericht landete.</p>
<p>Der Vertrag läuft 30 Jahre. Fällt der Durchfluss unter 40 Kubikmeter pro Sekunde, teilen
Westmark und Ostvale das Wasser nach einem festen Schlüssel, sagte Marsh.</p>
</article></body></html>"""
ENGLISH = """<html lang="en"><head><title>Westmark and Ostvale end Tamsin River dispute</title>
</head><body><article><h1>Westmark and Ostvale end Tamsin River dispute</h1>
<p>Governor Elena Marsh of Westmark and Premier Tobias Renn of Ostvale signed a compact in
Port Avery on Monday to share the water of the Tamsin River, ending a dispute that began in
the drought of 2015 and twice reached the Supreme Court.</p>
<p>The 30-year compact kicks in when the flow falls below 40 cubic meters per second, Marsh
said.</p></article></body></html>"""
BANK_DE = """<html lang="de"><head><title>Bank von Norland erhöht den Leitzins</title></head>
<body><article><h1>Bank von Norland erhöht den Leitzins auf 4,5 Prozent</h1>
<p>Die Bank von Norland hat am Dienstag ihren Leitzins um einen Viertelpunkt auf 4,5 Prozent
angehoben, zum dritten Mal in diesem Jahr. Gouverneurin Ilse Brandt sagte, die Inflation
sei noch immer zu hoch.</p></article></body></html>"""


def test_a_cross_lingual_story_forms_from_hand_written_pages_without_a_model(
    store: Store,
) -> None:
    """A German and an English page on one event join on names and numbers, the language-
    neutral anchors; a German page on another event stays apart. The story report names
    the languages it spans."""
    from newsdesk.extract import extract

    pages = [
        extract(RawDocument(url=f"https://{name}.example/a", content=html.encode()))
        for name, html in (("zeitung", GERMAN), ("wire", ENGLISH), ("bank", BANK_DE))
    ]
    german, english, bank = (
        replace(p, published=T0 + timedelta(hours=i)) for i, p in enumerate(pages)
    )
    assert (german.language, english.language) == ("de", "en")
    clusterer = StoryClusterer()
    opened = clusterer.assign(german)
    joined = clusterer.assign(english)
    assert not joined.new_story and joined.story_id == opened.story_id, joined.features
    assert clusterer.assign(bank).new_story
    for article, decision in ((german, opened), (english, joined)):
        store.add_article(RawDocument(url=article.url, content=b"x"), article, decision, None)
    report = story_report(store.story(opened.story_id), {}, [])
    assert "2 articles from 2 outlets; languages: de, en;" in report


def test_multilingual_asked_for_but_absent_runs_the_default_path_and_says_so(
    tmp_path, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(multilingual, "load", lambda: None)  # the extra not installed
    with caplog.at_level("WARNING"):
        clusterer = clusterer_from_config(_config(tmp_path, "[stories]\nmultilingual = true\n"))
    assert clusterer.embedder is None
    assert "multilingual = true" in caplog.text and "newsdesk[multilingual]" in caplog.text
    with pytest.raises(ConfigError, match="choose one model"):
        clusterer_from_config(
            _config(tmp_path, "[stories]\nmultilingual = true\nembeddings = true\n")
        )


class _LanguageEmbedder(_TopicEmbedder):
    languages = ("en", "de")


def test_an_embedder_that_reads_more_languages_scores_them() -> None:
    german = replace(art(FERRY, "Fähre", 1), language="de")
    signals = StoryClusterer(embedder=_LanguageEmbedder()).similarity(art(FERRY_2, "b"), german)
    assert signals["embedding"] > 0.9
