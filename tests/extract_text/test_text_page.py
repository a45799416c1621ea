"""Whole pages: the shared sample, the demo corpus, datelines and languages
(newsdesk.extract.text.page)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from textsupport import BODY, DEMO, JAPANESE, f1, page, raw, sample

from newsdesk.extract.language import guess_language
from newsdesk.extract.text import extract_text, extract_text_string


def test_sample_text_render_004() -> None:
    path = sample("004_581a4c5e22a6216a.txt")
    article = extract_text(raw(path.read_bytes(), path.as_uri()))
    assert article.title == (
        "Amid Strained China Relations, Trump Extends Invitation to Japan’s Leader "
        "for Strengthened US Alliance"
    )
    assert article.subtitle == (
        "Japan says Trump has invited its leader to the US. "
        "It comes as ties with China are strained"
    )
    assert article.author == "NewsFinale Journal"
    assert article.published == datetime(2026, 1, 3, tzinfo=UTC)
    assert article.outlet == "NewsFinale"
    assert article.section == "Local News"
    assert article.dateline == "WASHINGTON"
    assert article.language == "en"
    assert article.text.startswith("WASHINGTON – In a telephone conversation on Friday")
    assert article.text.endswith("without disclosing if the two talked about her remarks.")
    assert len(article.paragraphs) == 12
    for junk in ("Up next", "Funeral held", "Share and Follow", "Facebook", "You May Also Like",
                 "Tampa", "Sitemap", "Copyright", "Home", "Published on"):  # fmt: skip
        assert junk not in article.text, junk
    assert article.rights is not None
    assert article.rights.startswith("Copyright 2026 The Associated Press. All rights reserved.")
    assert article.rights.endswith("redistributed without permission.")
    assert article.url == path.as_uri()


def demo_cases() -> list[dict]:
    truth_file = DEMO / "truth.json"
    if not truth_file.exists():
        return []
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    items = truth if isinstance(truth, list) else truth.get("articles", truth.get("pages", []))
    return [t for t in items if str(t.get("file", "")).endswith(".txt")]


def test_demo_corpus_text_renders() -> None:
    cases = demo_cases()
    if not cases:
        pytest.skip(f"no demo corpus text renders with truth in {DEMO}")
    failures = []
    for case in cases:
        path = DEMO / "corpus" / case["file"]
        if not path.exists():
            path = DEMO / case["file"]
        article = extract_text(raw(path.read_bytes(), path.as_uri()))
        score = f1(article.text, case["body"])
        if score < 0.9 or article.title != case["title"]:
            failures.append((case["file"], round(score, 3), article.title, case["title"]))
    assert not failures, failures


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("WASHINGTON – The", "WASHINGTON"),
        ("WASHINGTON, D.C. — The", "WASHINGTON, D.C."),
        ("AUGUSTA, Ga. (WRDW) — The", "AUGUSTA, Ga."),
        ("LONDON (Reuters) - The", "LONDON"),
        ("NEW DELHI: The", "NEW DELHI"),
        ("The", None),
    ],
)
def test_dateline_variants(opening: str, dateline: str | None) -> None:
    first = opening + BODY[0].split("–", 1)[1].removeprefix(" The")
    text = page("Council Votes to Rebuild the Harbour Bridge", "", [first, *BODY[1:]])
    article = extract_text_string(text)
    assert article.dateline == dateline
    assert article.paragraphs[0] == first


def test_language_detection() -> None:
    spanish = [
        "MADRID – El ayuntamiento aprobó el martes la reconstrucción del puente del puerto, "
        "que une las dos mitades de la ciudad desde hace más de un siglo.",
        "La obra costará unos 40 millones de euros y se espera que comience en la primavera "
        "del próximo año, según dijo la alcaldesa en una rueda de prensa.",
    ]
    article = extract_text_string(page("El puerto tendrá un puente nuevo", "", spanish))
    assert article.language == "es"
    assert article.dateline == "MADRID"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (JAPANESE[0], "ja"),
        ("中华人民共和国国务院今天发布了关于经济发展的新政策文件，强调科技创新和绿色发展。", "zh"),
        ("시의회는 화요일 항구의 오래된 다리를 다시 짓기로 결정했다고 시장이 밝혔다.", "ko"),
        ("Городской совет во вторник проголосовал за восстановление старого моста.", "ru"),
        ("Міська рада у вівторок проголосувала за відновлення старого мосту в місті.", "uk"),
        (" ".join(BODY), "en"),
        ("too short", None),
    ],
)
def test_language_by_script_or_function_words(text: str, language: str | None) -> None:
    assert guess_language(text) == language
