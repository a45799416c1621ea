"""End to end through the pipeline: samples in, one story out; idempotency; bad inputs."""

from __future__ import annotations

import gc
import gzip
import os
import signal
import weakref
from collections.abc import Iterator
from pathlib import Path

from newsdesk import cli as cli_module
from newsdesk import pipeline as pipeline_module
from newsdesk.cli import _documents
from newsdesk.demo import CORPUS
from newsdesk.extract import extract
from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline
from newsdesk.scale import executor_for, run_outcome
from newsdesk.sources import SourceError, expand_paths
from newsdesk.store import Store

ARTICLE = """<!doctype html><html lang="en"><head><title>{title} | Test Times</title>
<meta property="og:site_name" content="Test Times"></head><body><nav>Home News Sports</nav>
<article><h1>{title}</h1><p>By Jo Writer</p>
<p>{body} The council met on Tuesday evening to debate the measure in full.</p>
<p>Residents packed the hall, and several spoke for more than ten minutes each about the plan.</p>
<p>The final vote is expected next month, officials said after the meeting ended late.</p>
</article><footer>Copyright Test Times</footer></body></html>"""


def ingest(store: Store, *paths: Path):
    files = list(expand_paths([str(p) for p in paths]))
    return Pipeline(store).ingest(_documents(files))


def test_samples_make_one_story_with_two_sources(samples: Path, store: Store) -> None:
    report = ingest(store, samples)
    assert report.new == 2 and not report.errors
    stories = store.stories()
    assert len(stories) == 1
    story = stories[0]
    assert {a.outlet for a in story.articles} >= {"NewsFinale"}
    assert len(story.articles) == 2
    assert 2 <= len(story.summary) <= 4
    texts = {a.id: a.text for a in story.articles}
    for sentence in story.summary:
        assert sentence.text in texts[sentence.article_id]
    assert story.origin == "The Associated Press"


def test_reingest_changes_nothing(samples: Path, store: Store) -> None:
    ingest(store, samples)
    before = store.count()
    summary_before = store.stories()[0].summary
    report = ingest(store, samples)
    assert report.new == 0 and report.unchanged == 2
    assert store.count() == before
    assert store.stories()[0].summary == summary_before


def test_bad_files_are_reported_by_name_and_the_rest_is_ingested(
    tmp_path: Path, store: Store
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    good = ARTICLE.format(title="Council weighs new park", body="The city council weighed a park.")
    (pages / "good.html").write_text(good)
    (pages / "corrupt.html.gz").write_bytes(gzip.compress(good.encode())[:40])
    (pages / "binary.html").write_bytes(bytes(range(256)) * 40)
    (pages / "empty.html").write_bytes(b"")
    with open(pages / "huge.html", "wb") as fh:
        fh.write(b"<html><body>" + b"<p>word </p>" * (50 * 2**20 // 12) + b"</body></html>")
    (pages / "latin.txt").write_bytes(
        "Caf\xe9 owners protest new rules\n\nThe owners of every caf\xe9 in the old town "
        "marched on Monday against the new licensing rules, which they say will close them. "
        "The mayor said the rules were needed and would not be withdrawn this year.\n\n"
        "Police estimated the crowd at two thousand people, the largest protest in years.".encode(
            "latin-1"
        )
    )
    report = ingest(store, pages)
    failed = " ".join(report.errors)
    for name in ("corrupt.html.gz", "binary.html", "empty.html", "huge.html"):
        assert name in failed, f"{name} not reported: {report.errors}"
    assert "good.html" not in failed and "latin.txt" not in failed
    assert report.new == 2
    latin = next(a for s in store.stories() for a in s.articles if a.url.endswith("latin.txt"))
    assert "café" in latin.text


def test_story_gains_article_and_is_resummarized(tmp_path: Path, store: Store) -> None:
    first = tmp_path / "a.html"
    first.write_text(
        ARTICLE.format(
            title="Harbor council approves Ferris Street bridge repairs",
            body="The Harbor City council approved emergency repairs to the Ferris Street bridge.",
        )
    )
    ingest(store, first)
    (story,) = store.stories()
    second = tmp_path / "b.html"
    second.write_text(
        ARTICLE.format(
            title="Ferris Street bridge repairs approved by Harbor City council",
            body="Repairs to the Ferris Street bridge were approved by Harbor City council.",
        ).replace("Test Times", "Other Gazette")
    )
    ingest(store, second)
    (updated,) = store.stories()
    assert updated.id == story.id and len(updated.articles) == 2
    assert updated.updated_at > story.updated_at


def test_parallel_extraction_gives_the_same_stories(samples: Path, tmp_path: Path) -> None:
    files = list(expand_paths([str(samples)]))
    results = []
    for workers in (1, 2):
        with Store(f"sqlite:///{tmp_path / f'w{workers}.db'}") as store:
            executor = executor_for(workers)
            try:
                Pipeline(store, executor=executor).ingest(_documents(files))
            finally:
                executor.close()
            results.append(sorted(sorted(a.id for a in s.articles) for s in store.stories()))
    assert results[0] == results[1] and results[0]


def test_batches_extracted_while_the_last_is_stored_give_the_same_stories(
    monkeypatch, tmp_path: Path
) -> None:
    files = sorted(expand_paths([str(CORPUS)]))
    files.insert(5, files[4])  # the same page twice, in consecutive batches of 5
    runs = []
    for batch, workers in ((1000, 1), (5, 2)):
        monkeypatch.setattr(pipeline_module, "BATCH", batch)
        with Store(f"sqlite:///{tmp_path / f'b{batch}.db'}") as store:
            executor = executor_for(workers)
            try:
                report = Pipeline(store, executor=executor).ingest(_documents(files))
            finally:
                executor.close()
            stories = sorted(sorted(a.id for a in s.articles) for s in store.stories())
            runs.append((dict(report.outcomes), report.errors, stories))
    assert runs[0] == runs[1]
    assert runs[0][0] == {"new": len(files) - 1, "unchanged": 1}


def test_a_crashing_parser_costs_one_page_not_the_run(monkeypatch, tmp_path: Path, store) -> None:
    def explode(raw):
        if raw.url.endswith("bad.html"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(raw)

    real_extract = pipeline_module.extract
    monkeypatch.setattr(pipeline_module, "extract", explode)
    (tmp_path / "bad.html").write_text(ARTICLE.format(title="Bad page", body="Bad page body."))
    (tmp_path / "good.html").write_text(ARTICLE.format(title="Good page", body="Good body."))
    report = ingest(store, tmp_path / "bad.html", tmp_path / "good.html")
    assert report.new == 1
    assert len(report.errors) == 1 and "bad.html" in report.errors[0]
    assert "RecursionError" in report.errors[0]


def test_pages_with_no_article_leave_no_page_alive_after_the_run(store: Store) -> None:
    """An extraction error kept as a result holds no frame of the run: the pages are freed
    when the run ends, not when the cycle collector gets round to it (its full pass is
    rare in a long run, and batches of pages kept so made memory grow with the corpus)."""
    empty = b"<html><body><nav>Home News</nav></body></html>"
    pages = [RawDocument(f"https://t.example/{i}", empty + bytes(i)) for i in range(3)]
    alive = [weakref.ref(page) for page in pages]
    gc.disable()
    try:
        report = Pipeline(store).ingest(pages)
        del pages
        assert len(report.errors) == 3
        assert [ref() for ref in alive] == [None] * 3
    finally:
        gc.enable()


def test_control_characters_from_pages_never_reach_articles() -> None:
    body = "The harbour council met on Tuesday to debate the plan in full detail. " * 4
    render = "Evil \x1b[2J\x1b[31mred\x07 title here\n\n" + f"{body}\n\n" * 3
    article = extract(
        RawDocument(url="https://x.example/a", content=render.encode(), content_type="text/plain")
    )
    assert article.title == "Evil red title here"
    fields = [v for v in vars(article).values() if isinstance(v, str)]
    assert not any(ch in value for value in fields for ch in "\x1b\x07\x00")


# stop, resume and cuts ------------------------------------------------------


def demo_files() -> list[Path]:
    return sorted(expand_paths([str(CORPUS)]))


def outcome_of_runs(db: str, cuts: list[list[Path]]) -> list[dict]:
    """Each part of the stream in a run of its own (a fresh Pipeline: a warm start)."""
    with Store(db) as store:
        for part in cuts:
            report = Pipeline(store).ingest(_documents(part))
            assert not report.errors
        return run_outcome(store)


def test_a_stream_cut_into_runs_gives_the_stories_of_one_run(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pipeline_module, "BATCH", 4)  # cuts fall inside and across batches
    files = demo_files()
    whole = outcome_of_runs(f"sqlite:///{tmp_path / 'whole.db'}", [files])
    assert len(whole) >= 10 and any(story["duplicates"] for story in whole)
    for n, cuts in enumerate(([3, 17], [9, 10, 30], [len(files) // 2])):
        bounds = [0, *cuts, len(files)]
        parts = [files[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        assert outcome_of_runs(f"sqlite:///{tmp_path / f'cut{n}.db'}", parts) == whole, cuts


def test_stop_within_a_batch_stores_whole_batches_and_the_rest_resumes(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pipeline_module, "BATCH", 5)
    files = demo_files()
    whole = outcome_of_runs(f"sqlite:///{tmp_path / 'whole.db'}", [files])
    with Store(f"sqlite:///{tmp_path / 'stopped.db'}") as store:
        pipeline = Pipeline(store)

        def stop_at_13() -> Iterator[RawDocument | SourceError]:
            for n, item in enumerate(_documents(files)):
                if n == 13:
                    pipeline.stop()  # what the signal handler does, 3 pages into a batch
                yield item

        report = pipeline.ingest(stop_at_13())
        # whole batches only: the one being read is dropped, the one extracting abandoned
        assert report.stopped and report.done in (5, 10)
        assert store.count()["documents"] == report.done == report.new
        assert report.stories_pending == len(store.dirty_stories()) > 0
        assert "stories left to refresh on the next run" in report.line()
        resumed = Pipeline(store).ingest(_documents(files[report.done :]))
        assert not resumed.stopped and resumed.done == len(files) - report.done
        assert run_outcome(store) == whole


def page_with_canonical(title: str, canonical: str) -> str:
    page = ARTICLE.format(title=title, body=f"{title} was decided by the council.")
    return page.replace("<head>", f'<head><link rel="canonical" href="{canonical}">')


def test_byte_identical_pages_are_skipped_before_extraction(monkeypatch, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    originals = {
        "a": page_with_canonical("Harbor bridge closes for repairs", "https://t.example/bridge"),
        "b": page_with_canonical("Library opens a new wing downtown", "https://t.example/lib"),
        "c": ARTICLE.format(title="Market adds Sunday hours", body="No canonical link here."),
    }
    for name, html in originals.items():
        (pages / f"1-{name}.html").write_text(html)
    for name, html in originals.items():  # the same bytes under other URLs, in a later run
        (pages / f"2-copy-{name}.html").write_text(html)
    files = sorted(pages.iterdir())
    extracted: list[str] = []
    real_extract = pipeline_module.extract

    def counting(raw: RawDocument):
        extracted.append(raw.url)
        return real_extract(raw)

    monkeypatch.setattr(pipeline_module, "extract", counting)
    outcomes = []
    declares_literally = pipeline_module._declares
    for name, declares in (("skip", declares_literally), ("full", lambda *_: False)):
        monkeypatch.setattr(pipeline_module, "_declares", declares)
        extracted.clear()
        with Store(f"sqlite:///{tmp_path / f'{name}.db'}") as store:
            first = Pipeline(store).ingest(_documents(files[:3]))
            second = Pipeline(store).ingest(_documents(files[3:]))
            outcomes.append((run_outcome(store), store.count()))
        if name == "skip":
            assert first.new == 3 and second.copies == 2  # a and b; c has no canonical
            assert "2 copies (not extracted)" in second.line()
            assert sorted(Path(u).name for u in extracted[3:]) == ["2-copy-c.html"]
        else:
            assert second.copies == 0 and len(extracted) == 6
    assert outcomes[0] == outcomes[1]  # skipping changed no story, group or provenance
    # in one run, in batches of 4: a copy follows its original still in flight
    monkeypatch.setattr(pipeline_module, "_declares", declares_literally)
    monkeypatch.setattr(pipeline_module, "BATCH", 4)
    extracted.clear()
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as store:
        report = Pipeline(store).ingest(_documents(files))
        assert (
            report.new == 4 and report.copies == 2 and len(extracted) == 4
        )  # copy-c: no canonical, extracted
        assert (run_outcome(store), store.count()) == outcomes[0]


def test_sigterm_stops_ingest_and_says_how_to_go_on(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setattr(pipeline_module, "BATCH", 4)
    files = demo_files()
    real_documents = cli_module._documents

    def terminated_after_9(paths: list[Path]) -> Iterator[RawDocument | SourceError]:
        for n, item in enumerate(real_documents(paths)):
            if n == 9:
                os.kill(os.getpid(), signal.SIGTERM)  # handled: stops the run, no exit
            yield item

    monkeypatch.setattr(cli_module, "_documents", terminated_after_9)
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        report = cli_module.run_ingest(store, [str(CORPUS)])
        assert report.stopped and 0 < report.done <= 8 and store.count()["documents"] == report.done
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back after the run
        err = " ".join(capsys.readouterr().err.split())
        assert f"stopped: {report.done} of {len(files)} files done and stored" in err
        assert "run the same command again to go on" in err
        monkeypatch.setattr(cli_module, "_documents", real_documents)
        again = cli_module.run_ingest(store, [str(CORPUS)])
        assert again.unchanged == report.done and again.new == len(files) - report.done


def test_the_heap_is_released_after_every_batch_stored(monkeypatch, tmp_path: Path) -> None:
    """``release_heap`` (glibc's malloc_trim) runs once per batch stored, and a run with it
    stores what a run without it does; it and ``tune_heap`` are safe to call anywhere."""
    pipeline_module.tune_heap()
    pipeline_module.release_heap()
    monkeypatch.setattr(pipeline_module, "BATCH", 4)
    files = demo_files()
    calls = []
    monkeypatch.setattr(pipeline_module, "release_heap", lambda: calls.append(1))
    released = outcome_of_runs(f"sqlite:///{tmp_path / 'released.db'}", [files])
    assert len(calls) == -(-len(files) // 4)
    monkeypatch.setattr(pipeline_module, "release_heap", lambda: None)
    assert outcome_of_runs(f"sqlite:///{tmp_path / 'kept.db'}", [files]) == released
