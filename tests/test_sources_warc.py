"""WARC.gz in the CC-NEWS layout: the demo corpus as an archive gives the stories its files give."""

from __future__ import annotations

import gzip
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk import pipeline as pipeline_module
from newsdesk.config import FetchConfig
from newsdesk.demo import CORPUS, truth
from newsdesk.model import RawDocument
from newsdesk.pipeline import IngestReport, Pipeline
from newsdesk.scale import run_outcome
from newsdesk.sources import SourceError, read_file
from newsdesk.sources.live import Watcher
from newsdesk.sources.state import Registry, Source, source_target
from newsdesk.sources.warc import BACKENDS, read_warc, write_warc
from newsdesk.store import Store

FETCHED = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def corpus_pages() -> list[tuple[str, Path]]:
    """(truth URL, file) for every page of the demo corpus that is on disk."""
    pages = [(p["url"], CORPUS / p["file"]) for p in truth()["pages"]]
    pages = [(url, path) for url, path in pages if path.exists()]
    if len(pages) < 5:
        pytest.skip("the demo corpus has fewer than 5 pages on disk")
    return pages


def build_warc(path: Path, pages: list[tuple[str, Path]], extra: list[RawDocument]) -> None:
    documents = []
    for url, file in pages:
        content_type = "text/plain" if file.suffix == ".txt" else "text/html"
        documents.append(
            RawDocument(
                url=url,
                content=file.read_bytes(),
                content_type=content_type,
                fetched_at=FETCHED,
                headers={"content-type": f"{content_type}; charset=utf-8"},
            )
        )
    write_warc(path, documents + extra)


def partition(store: Store, name_of: dict[str, str]) -> set[frozenset[str]]:
    """Stories as sets of corpus files."""
    return {frozenset(name_of[a.url] for a in s.articles) for s in store.stories()}


@pytest.mark.parametrize("backend", BACKENDS)
def test_warc_of_the_demo_corpus_gives_the_same_stories_as_its_files(
    tmp_path: Path, backend: str
) -> None:
    if backend == "warcio":
        pytest.importorskip("warcio", reason="the warcio backend needs warcio installed")
    pages = corpus_pages()
    junk = [
        RawDocument("https://x.example/logo.png", b"\x89PNG....", "image/png"),
        RawDocument("https://x.example/gone", b"gone", "text/html", status=404),
    ]
    archive = tmp_path / "demo.warc.gz"
    build_warc(archive, pages, junk)

    items = list(read_warc(archive, backend))
    assert not [i for i in items if isinstance(i, SourceError)]
    assert [d.url for d in items] == [url for url, _ in pages]  # no image, no 404
    assert all(d.fetched_at == FETCHED and d.status == 200 for d in items)

    with Store(f"sqlite:///{tmp_path / 'warc.db'}") as from_warc:
        report = Pipeline(from_warc).ingest(items)
        assert report.new == len(pages) and not report.errors
        warc_stories = partition(from_warc, {url: file.name for url, file in pages})
        again = Pipeline(from_warc).ingest(read_warc(archive, backend))
        assert again.new == 0 and again.unchanged == len(pages)
    with Store(f"sqlite:///{tmp_path / 'files.db'}") as from_files:
        files = [file for _, file in pages]
        Pipeline(from_files).ingest(read_file(f) for f in files)
        file_stories = partition(from_files, {f.resolve().as_uri(): f.name for f in files})
    assert warc_stories == file_stories
    assert len(warc_stories) >= 3


def test_a_bad_record_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "bad.warc.gz"
    big = RawDocument("https://x.example/big", b"<p>" + b"x" * 5000, "text/html")
    good = RawDocument("https://x.example/ok", b"<html><p>fine</p></html>", "text/html")
    write_warc(archive, [big, good])
    items = list(read_warc(archive, max_bytes=1000))
    assert isinstance(items[0], SourceError) and items[0].kind == "too-large"
    assert "https://x.example/big" in str(items[0])
    assert isinstance(items[1], RawDocument) and items[1].url == "https://x.example/ok"

    whole = tmp_path / "whole.warc.gz"
    long = RawDocument("https://x.example/ok", b"<p>" + b"words " * 2000, "text/html")
    write_warc(whole, [good, long])
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(whole.read_bytes()[:-30])
    for backend in ("fastwarc", "warcio") if _has_warcio() else ("fastwarc",):
        last = list(read_warc(truncated, backend))[-1]
        assert isinstance(last, SourceError), backend
        assert "truncated.warc.gz: https://x.example/ok: truncated record" in str(last)

    missing = list(read_warc(tmp_path / "nope.warc.gz"))
    assert len(missing) == 1 and "nope.warc.gz: cannot read" in str(missing[0])


def test_gzip_content_encoding_inside_a_record_is_undone_with_the_cap(tmp_path: Path) -> None:
    archive = tmp_path / "encoded.warc.gz"
    page = b"<html><body><p>zipped page</p></body></html>"
    bomb = gzip.compress(b"\0" * 2**20)
    write_warc(
        archive,
        [
            RawDocument("https://x.example/z", gzip.compress(page), headers=_encoded("text/html")),
            RawDocument("https://x.example/bomb", bomb, headers=_encoded("text/html")),
        ],
    )
    ok, bombed = read_warc(archive, max_bytes=10_000)
    assert isinstance(ok, RawDocument) and ok.content == page
    assert isinstance(bombed, SourceError) and "decompresses to more than" in str(bombed)


def _encoded(content_type: str) -> dict[str, str]:
    return {"content-type": content_type, "content-encoding": "gzip"}


def _has_warcio() -> bool:
    try:
        import warcio  # noqa: F401
    except ImportError:
        return False
    return True


# stop and resume -------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[dict]]:
    """The demo corpus as a WARC: its path, its records, and the outcome of one run."""
    pages = corpus_pages()
    folder = tmp_path_factory.mktemp("archive")
    archive = folder / "demo.warc.gz"
    build_warc(archive, pages, [])
    with Store(f"sqlite:///{folder / 'whole.db'}") as store:
        Pipeline(store).ingest(read_warc(archive))
        return archive, len(pages), run_outcome(store)


@pytest.mark.parametrize("cut", [5, 11, -3])  # -3: three records before the end
def test_a_stopped_fetch_resumes_at_its_record_offset(
    monkeypatch, tmp_path: Path, demo_archive: tuple[Path, int, list[dict]], cut: int
) -> None:
    monkeypatch.setattr(pipeline_module, "BATCH", 4)
    archive, records, whole = demo_archive
    cut = cut % records
    with Store(f"sqlite:///{tmp_path / 'cut.db'}") as store:
        registry = Registry(store)
        source = Source(*source_target(str(archive)))
        pipeline = Pipeline(store)

        def first_pass(items: Iterable[RawDocument | SourceError]) -> IngestReport:
            def stop_after_cut() -> Iterator[RawDocument | SourceError]:
                for n, item in enumerate(items, 1):
                    yield item
                    if n == cut:
                        watcher.stop()  # what the signal handler does

            return pipeline.ingest(stop_after_cut())

        read: list[str] = []

        def counted(items: Iterable[RawDocument | SourceError]) -> IngestReport:
            def count() -> Iterator[RawDocument | SourceError]:
                for item in items:
                    read.append(item.url)
                    yield item

            return Pipeline(store).ingest(count())

        watcher = Watcher(registry, FetchConfig(), first_pass, on_stop=pipeline.stop)
        stopped = watcher.poll_once([source])
        done = stopped.ingest.done
        assert stopped.ingest.stopped and done <= cut and done % 4 == 0
        assert stopped.harvest.resume == {source.url: done}
        assert registry.states([source.url])[source.url].resume_at == done
        assert store.count()["documents"] == done

        resumed = Watcher(registry, FetchConfig(), counted).poll_once([source])
        assert len(read) == records - done  # the records stored were not read again
        assert resumed.ingest.new == records - done and not resumed.harvest.resume
        assert registry.states([source.url])[source.url].resume_at is None
        assert run_outcome(store) == whole
        again = Watcher(registry, FetchConfig(), counted).poll_once([source])
        assert again.harvest.unchanged == 1 and len(read) == records - done


def test_sigterm_stops_fetch_within_seconds_and_the_next_run_resumes(tmp_path: Path) -> None:
    pages = corpus_pages()
    documents = [
        RawDocument(
            url=f"{url}?copy={n}",
            content=file.read_bytes() + f"<!-- {n} -->".encode(),
            content_type="text/plain" if file.suffix == ".txt" else "text/html",
            fetched_at=FETCHED,
        )
        for n in range(12)  # three batches: the stop falls in the second
        for url, file in pages
    ]
    archive = tmp_path / "big.warc.gz"
    write_warc(archive, documents)
    db = tmp_path / "fetch.db"
    command = [str(Path(sys.executable).with_name("newsdesk")), "fetch", str(archive)]
    command += ["--db", f"sqlite:///{db}"]
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _stored(db) == 0:  # the first batch is stored
        time.sleep(0.2)
    signalled = time.monotonic()
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=30)
    took = time.monotonic() - signalled
    assert child.returncode == 0, stderr
    assert took <= 5, f"{took:.1f} s from SIGTERM to exit"
    stored = _stored(db)
    assert 0 < stored < len(documents)
    assert f"stopped: {stored} records of {archive.as_uri()} stored" in " ".join(stderr.split())
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0 and "stopped" not in rerun.stderr, rerun.stderr
    assert _stored(db) == len(documents)


def _stored(db: Path) -> int:
    """Documents stored in a SQLite file another process writes (0 before it exists)."""
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=10) as conn:
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:  # tables not made yet
            return 0
