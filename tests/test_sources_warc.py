"""WARC.gz in the CC-NEWS layout: the demo corpus as an archive gives the stories its files give."""

from __future__ import annotations

import gzip
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.demo import CORPUS, truth
from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline
from newsdesk.sources import SourceError, expand_paths, read_file
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
        # a file's fetch time is its mtime: give the copies the archive's, as a crawl would
        copies = tmp_path / "corpus"
        for _, file in pages:
            copy = copies / file.relative_to(CORPUS)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(file.read_bytes())
            os.utime(copy, (FETCHED.timestamp(), FETCHED.timestamp()))
        files = list(expand_paths([str(copies)]))
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
