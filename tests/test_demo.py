"""The demo corpus against its recorded truth: extraction, clustering, the digest."""

from __future__ import annotations

from collections import Counter
from statistics import mean

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app, run_ingest
from newsdesk.demo import CORPUS, truth
from newsdesk.extract import extract
from newsdesk.metrics import bcubed, token_f1
from newsdesk.sources import read_file
from newsdesk.store import Store

PAGES = truth()["pages"]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    with Store(url) as store:
        report = run_ingest(store, [str(CORPUS)])
        assert not report.errors, report.errors
        yield store


def test_corpus_has_the_shape_the_issue_asks_for() -> None:
    outlets = {p["outlet"] for p in PAGES}
    stories = Counter(p["story"] for p in PAGES)
    assert len(PAGES) >= 40 and len(outlets) >= 8 and len(stories) >= 10
    assert sum(p["render"] == "text" for p in PAGES) >= 8
    assert any(n >= 5 for n in stories.values()) and any(n == 1 for n in stories.values())
    assert any(p["language"] != "en" for p in PAGES)
    assert any(p["encoding"] not in ("utf-8", "ascii") for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_every_page_extracts_its_recorded_body(page: dict) -> None:
    article = extract(read_file(CORPUS / page["file"]))
    _, _, f1 = token_f1(article.text, page["body"])
    assert f1 >= 0.9, f"{page['file']}: token F1 {f1:.3f}"
    assert article.title == page["title"]


def test_mean_extraction_f1_is_reported(record_property) -> None:
    scores = [token_f1(extract(read_file(CORPUS / p["file"])).text, p["body"])[2] for p in PAGES]
    record_property("mean_token_f1", round(mean(scores), 4))
    print(f"\ndemo corpus: mean token F1 {mean(scores):.4f} over {len(scores)} pages")
    assert mean(scores) >= 0.95


def _story_of_file(store: Store) -> dict[str, str]:
    by_url = {a.url: s.id for s in store.stories() for a in s.articles}
    return {p["file"]: by_url[(CORPUS / p["file"]).resolve().as_uri()] for p in PAGES}


def test_clustering_matches_the_recorded_stories(demo_store: Store) -> None:
    predicted = _story_of_file(demo_store)
    scores = bcubed(predicted, {p["file"]: p["story"] for p in PAGES})
    print(
        f"\ndemo corpus clustering: B-cubed P {scores['precision']:.3f} "
        f"R {scores['recall']:.3f} F1 {scores['f1']:.3f}"
    )
    assert scores["f1"] >= 0.95
    for story in {p["story"] for p in PAGES}:
        files = [p["file"] for p in PAGES if p["story"] == story]
        assert len({predicted[f] for f in files}) == 1, f"{story} split: {files}"


def test_demo_digest_shows_every_story_once_with_its_sources(demo_store: Store) -> None:
    result = CliRunner().invoke(app, ["digest", "--db", demo_store.url])
    assert result.exit_code == 0
    entries = result.stdout.count(": Summary:")
    assert entries == len(truth()["stories"])
    for page in PAGES:
        assert (
            str((CORPUS / page["file"]).resolve()) in result.stdout or page["url"] in result.stdout
        )
