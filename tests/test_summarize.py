"""The extractive summarizer, headlines and the summarizer config."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.config import ConfigError, load_config
from newsdesk.model import Article
from newsdesk.nlp import sentences
from newsdesk.summarize import (
    ExtractiveSummarizer,
    LLMSummarizer,
    clean_headline,
    story_headline,
    summarizer_from_config,
)

T0 = datetime(2026, 11, 16, 9, tzinfo=UTC)


def _article(n: int, title: str, *paragraphs: str, outlet: str = "") -> Article:
    return Article(
        url=f"https://o{n}.example/a",
        title=title,
        text="\n\n".join(paragraphs),
        outlet=outlet or f"Outlet {n}",
        published=T0 + timedelta(hours=n),
    )


STORY = [
    _article(
        0,
        "Bank of Norland raises rate to 4.5 percent",
        "PORT AVERY (Northwind Wire) — The Bank of Norland raised its main interest rate by a "
        "quarter point to 4.5 percent on Thursday, its third increase this year.",
        "Governor Mara Quill said inflation, at 5.1 percent in October, was still too high for "
        "the bank to pause.",
        "Share us on social media! Click here to subscribe to our newsletter.",
        "The krone rose against the euro after the decision was announced.",
    ),
    _article(
        1,
        "Norland central bank lifts interest rate again | Lakeshore Gazette",
        "The Bank of Norland lifted its benchmark interest rate to 4.5 percent on Thursday, the "
        "third rise this year.",
        "Inflation stood at 5.1 percent in October, Governor Mara Quill told reporters.",
        "Mortgage holders in Lakeshore face higher monthly payments as banks pass on the rise.",
        outlet="Lakeshore Gazette",
    ),
    _article(
        2,
        "BREAKING: Rate hike hits tech borrowers - here's what it means for you",
        "Norland's technology start-ups, many of them carrying variable-rate loans, will feel "
        "the rate rise first, founders said.",
        "The Bank of Norland raised its main interest rate to 4.5 percent on Thursday.",
        outlet="TechPulse Daily",
    ),
]


def test_summary_is_verbatim_cited_and_in_reading_order() -> None:
    summary = ExtractiveSummarizer(max_sentences=3, max_words=None).summarize(STORY)
    by_id = {a.id: a for a in STORY}
    assert 2 <= len(summary) <= 3
    for sentence in summary:
        assert sentence.text in by_id[sentence.article_id].text
    order = [
        (STORY.index(by_id[s.article_id]), by_id[s.article_id].text.index(s.text)) for s in summary
    ]
    assert order == sorted(order)


def test_summary_drops_datelines_furniture_and_repeats() -> None:
    summary = ExtractiveSummarizer(max_sentences=4, max_words=None).summarize(STORY)
    texts = [s.text for s in summary]
    assert texts[0].startswith("The Bank of Norland raised its main interest rate")
    assert not any("Click here" in t or "PORT AVERY" in t for t in texts)
    # the three "raised to 4.5 percent" sentences say one thing: only one is kept
    assert sum("4.5 percent" in t for t in texts) == 1
    assert any("Quill" in t for t in texts)


def test_word_budget_is_respected_and_at_least_one_sentence_given() -> None:
    summary = ExtractiveSummarizer(max_sentences=None, max_words=40).summarize(STORY)
    assert sum(len(s.text.split()) for s in summary) <= 40
    tight = ExtractiveSummarizer(max_sentences=None, max_words=5).summarize(STORY)
    assert len(tight) == 1
    with pytest.raises(ValueError):
        ExtractiveSummarizer(max_sentences=None, max_words=None)


def test_empty_and_unusable_stories_give_no_summary() -> None:
    assert ExtractiveSummarizer().summarize([]) == []
    menu = _article(5, "Menu", "Home\n\nNews\n\nSport", "Subscribe now to read more.")
    assert ExtractiveSummarizer().summarize([menu]) == []


def test_embedder_blends_into_scores() -> None:
    calls: list[int] = []

    def embedder(texts: list[str]):
        import numpy as np

        calls.append(len(texts))
        rows = np.ones((len(texts), 4))
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    summary = ExtractiveSummarizer(embedder=embedder).summarize(STORY)
    assert calls and summary


def test_headline_is_representative_and_cleaned() -> None:
    assert story_headline(STORY) == "Bank of Norland raises rate to 4.5 percent"
    assert story_headline([STORY[2]]) == "Rate hike hits tech borrowers"
    assert story_headline([_article(9, "  ", "Body text here.")]) == "Untitled story"


@pytest.mark.parametrize(
    ("title", "outlet", "clean"),
    [
        ("Quake hits Valdoria | Harbor City Tribune", "Harbor City Tribune", "Quake hits Valdoria"),
        ("Quake hits Valdoria - Metro Daily Post", "Metro Daily Post", "Quake hits Valdoria"),
        ("EXCLUSIVE: Paintings found in storage unit", None, "Paintings found in storage unit"),
        ("Herons win title (PHOTOS)", None, "Herons win title"),
        ("Water deal signed: what it means for farmers", None, "Water deal signed"),
        ("Why: the answer", None, "Why: the answer"),  # too little left: kept as it was
    ],
)
def test_clean_headline(title: str, outlet: str | None, clean: str) -> None:
    assert clean_headline(title, outlet) == clean


def _config(tmp_path: Path, text: str):
    path = tmp_path / "newsdesk.toml"
    path.write_text(text)
    return load_config(path)


def test_config_picks_length_and_llm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_LLM_URL", raising=False)
    plain = summarizer_from_config(_config(tmp_path, "[summarize]\nsentences = 2\nwords = 0\n"))
    assert isinstance(plain, ExtractiveSummarizer)
    assert (plain.max_sentences, plain.max_words) == (2, None)
    german = summarizer_from_config(_config(tmp_path, '[summarize]\nlanguage = "de-AT"\n'))
    assert german.language == "de"
    monkeypatch.setenv("MY_KEY", "sk-1")
    llm = summarizer_from_config(
        _config(
            tmp_path,
            '[summarize.llm]\nurl = "http://127.0.0.1:1/v1"\nmodel = "m"\napi_key_env = "MY_KEY"\n',
        ),
        sentences=4,
    )
    assert isinstance(llm, LLMSummarizer)
    assert (llm.settings.api_key, llm.max_sentences, llm.fallback.max_sentences) == ("sk-1", 4, 4)
    monkeypatch.setenv("NEWSDESK_LLM_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("NEWSDESK_LLM_MODEL", "env-model")
    from_env = summarizer_from_config(_config(tmp_path, ""))
    assert isinstance(from_env, LLMSummarizer) and from_env.settings.model == "env-model"


@pytest.mark.parametrize(
    "text",
    [
        "[summarize]\nsentences = -1\n",
        "[summarize]\nsentences = 0\nwords = 0\n",
        '[summarize.llm]\nurl = "http://x/v1"\n',
        '[summarize.llm]\nurl = "http://x/v1"\nmodel = "m"\ntimeout = 0\n',
        "[summarize]\nlanguage = 5\n",
    ],
)
def test_bad_config_names_the_section(tmp_path: Path, text: str, monkeypatch) -> None:
    monkeypatch.delenv("NEWSDESK_LLM_MODEL", raising=False)
    with pytest.raises(ConfigError, match="summarize"):
        summarizer_from_config(_config(tmp_path, text))


CRAWL = (
    "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
    "Archive. You can add location information to your Tweets, such as your city or precise "
    "location, from the web and via third-party applications. Sign up for our newsletter to "
    "get breaking news alerts delivered straight to your inbox."
)


def test_furniture_is_never_quoted_however_often_the_articles_repeat_it() -> None:
    """Page furniture repeated by every article is the most 'central' text of the story:
    it still never reaches the summary."""
    story = [_article(i, a.title, CRAWL, a.text, outlet=a.outlet) for i, a in enumerate(STORY)]
    texts = [s.text for s in ExtractiveSummarizer(max_sentences=4).summarize(story)]
    assert texts and all(t in " ".join(a.text for a in STORY) for t in texts)


def test_a_quotation_is_quoted_whole_and_an_ordinal_does_not_end_a_sentence() -> None:
    quote = (
        "Health officials reported 23 confirmed measles cases in Calloway County on "
        "Wednesday. “Measles is one of the most contagious diseases we know. It finds every "
        "unvaccinated person in a room,” said Dr. Miriam Okafor, the county’s health officer."
    )
    texts = [
        s.text for s in ExtractiveSummarizer(max_sentences=3).summarize([_article(0, "M", quote)])
    ]
    assert all(t.count("“") == t.count("”") for t in texts)
    assert not any(t.startswith("It finds") for t in texts)
    assert sentences("Die Wahl findet am 13. September 2026 statt. Danach wird gezählt.") == [
        "Die Wahl findet am 13. September 2026 statt.",
        "Danach wird gezählt.",
    ]


def test_a_wire_lead_quoted_by_a_copier_is_credited_to_the_wire() -> None:
    lead = (
        "The Bank of Norland raised its main interest rate by a quarter point to 4.5 percent "
        "on Thursday, its third increase this year."
    )
    copier = _article(0, "Rate rises", f"PORT AVERY (Northwind Wire) — {lead}", outlet="Copier")
    wire = _article(
        1,
        "Bank raises rate",
        lead,
        "Governor Mara Quill spoke to reporters after the decision in Port Avery.",
        outlet="Northwind Wire",
    )
    summary = ExtractiveSummarizer(max_sentences=2).summarize([copier, wire])
    assert summary[0].text == lead and summary[0].article_id == wire.id


def test_the_summary_keeps_to_one_language_and_quotes_its_sources() -> None:
    german = [
        replace(_article(i, "Zins", text, outlet=f"Zeitung {i}"), language="de")
        for i, text in enumerate(
            (
                "Die Bank von Norland hat ihren Leitzins am Donnerstag auf 4,5 Prozent "
                "angehoben, zum dritten Mal in diesem Jahr.",
                "Gouverneurin Mara Quill sagte, die Inflation sei mit 5,1 Prozent noch immer "
                "zu hoch für eine Pause.",
            )
        )
    ]
    english = replace(STORY[0], language="en")
    story = [*german, english]
    majority = ExtractiveSummarizer(max_sentences=3).summarize(story)
    assert {s.article_id for s in majority} <= {a.id for a in german}
    chosen = ExtractiveSummarizer(max_sentences=3, language="en-GB").summarize(story)
    assert {s.article_id for s in chosen} == {english.id}
    # no article in the asked language: the story's own articles rather than nothing
    assert ExtractiveSummarizer(max_sentences=3, language="fr").summarize(german)


def test_a_run_on_lead_the_splitter_left_whole_is_still_quoted() -> None:
    """Three sentences the splitter left in one piece (over 70 words) used to be dropped
    as too long, and the lead with them: the summary now quotes the lead by itself."""
    lead = (
        "The Bank of Norland raised its main interest rate by a quarter point to 4.5 percent "
        "on Thursday, its third increase this year, at its meeting in Harbour Park."
    )
    run_on = (  # the splitter takes "Park." for an abbreviation: one piece of 80 words
        f"{lead} Quill told Mr. Holm and other reporters that inflation, at 5.1 "
        "percent in October, was still far too high for the bank to pause, and that the "
        "board would meet again in December to decide whether the rate had to rise further "
        "or could stay where it was until the spring."
    )
    assert len(sentences(run_on)) == 1 and len(run_on.split()) > 70
    article = _article(0, "Bank raises rate", run_on, "Mortgage payments will rise in May.")
    summary = ExtractiveSummarizer(max_sentences=2, max_words=None).summarize([article])
    texts = [s.text for s in summary]
    assert texts[0] == lead
    assert all(t in article.text and len(t.split()) <= 70 for t in texts)
    # a title's full stop does not end a sentence
    assert not any(t.endswith("Mr.") for t in texts)


def test_a_news_sentence_about_an_email_is_quoted_but_an_email_prompt_is_not() -> None:
    article = _article(
        0,
        "Minister resigns",
        "Email this to a friend and never miss our top stories.",
        "Finance minister Ansel Brook resigned on Friday after an email he sent to a lobbyist "
        "was published by the Lakeshore Gazette.",
        "Please check your email and click on the link to activate your account.",
        "Brook said in an email to staff that he had broken no rule but would step aside.",
        "This story has been corrected to show that Brook resigned on Friday, not Thursday.",
    )
    texts = [s.text for s in ExtractiveSummarizer(max_sentences=5).summarize([article])]
    assert texts == [
        "Finance minister Ansel Brook resigned on Friday after an email he sent to a lobbyist "
        "was published by the Lakeshore Gazette.",
        "Brook said in an email to staff that he had broken no rule but would step aside.",
    ]


def test_a_question_or_exclamation_hook_gives_way_to_the_statement_of_the_story() -> None:
    article = _article(
        0,
        "Hunger and shopping",
        "Do you really buy more stuff when you go shopping on an empty stomach?",
        "Hungry shoppers bought more binder clips and spent more money on goods they could "
        "not eat, a study from the University of Minnesota found.",
        "Go and eat something quick before you head to the shops this weekend!",
    )
    summary = ExtractiveSummarizer(max_sentences=1, max_words=None).summarize([article])
    assert [s.text for s in summary] == [article.text.split("\n\n")[1]]


def test_the_sentence_that_best_states_the_story_is_never_dropped_as_a_repeat() -> None:
    """Two outlets' leads say one thing: one of them is kept, the fuller one, not the
    fragment that happens to come first."""
    fragment = _article(0, "Rate up", "Norland's central bank raised its interest rate again.")
    full = _article(
        1,
        "Bank of Norland raises rate to 4.5 percent",
        "The Bank of Norland raised its main interest rate by a quarter point to 4.5 percent "
        "on Thursday, its third increase this year.",
        "Governor Mara Quill said inflation, at 5.1 percent in October, was still too high.",
    )
    summary = ExtractiveSummarizer(max_sentences=2, max_words=None).summarize([fragment, full])
    texts = [s.text for s in summary]
    assert full.text.split("\n\n")[0] in texts
    assert sum("interest rate" in t for t in texts) == 1


def test_a_loose_paraphrase_of_a_chosen_lead_counts_as_a_repeat() -> None:
    """Three outlets report one rate rise in different words: the summary states the rise
    once, in the words that state it best, and spends its other sentences on other facts."""
    loose = "Borrowing costs in Norland went up again on Thursday as the central bank moved for a "
    story = [
        _article(
            0,
            "Rate up",
            loose + "third time.",
            "Shoppers in Port Avery said they were worried about the cost of their mortgages.",
        ),
        _article(
            1,
            "Bank of Norland raises rate to 4.5 percent",
            "The Bank of Norland raised its main interest rate by a quarter point to 4.5 percent "
            "on Thursday, its third increase this year.",
            "Governor Mara Quill said inflation, at 5.1 percent in October, was still too high.",
        ),
        _article(
            2,
            "Rate rise",
            "The central bank of Norland put its main rate up by a quarter point on Thursday.",
            "Governor Mara Quill said inflation was still too high for the bank to pause.",
        ),
    ]
    texts = [s.text for s in ExtractiveSummarizer(max_sentences=3).summarize(story)]
    assert len(texts) == 3
    assert sum("Thursday" in t for t in texts) == 1
    assert not any(t.startswith(loose) for t in texts)
    assert any(t.startswith("Shoppers") for t in texts)
