"""The extractive summarizer, headlines and the summarizer config."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.config import ConfigError, load_config
from newsdesk.model import Article
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
    ],
)
def test_bad_config_names_the_section(tmp_path: Path, text: str, monkeypatch) -> None:
    monkeypatch.delenv("NEWSDESK_LLM_MODEL", raising=False)
    with pytest.raises(ConfigError, match="summarize"):
        summarizer_from_config(_config(tmp_path, text))
