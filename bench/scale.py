"""Scaling out extraction: pages/s in this process, on a local process pool and on a
Dask cluster, side by side with trafilatura on a process pool (what a user who
extracts in bulk would run instead), in one run.

The pages are the Scrapinghub benchmark's 181 HTML pages (``../shared``), repeated
``--repeat`` times with distinct URLs. Every executor must return exactly the
articles this process extracts; the table says so. The Dask cluster is a
``LocalCluster`` of worker processes on loopback, the same code path as a cluster
on other machines; its start-up is timed apart. A second table runs the whole
ingest (``Pipeline.ingest`` into a fresh SQLite store: batches of pages, dedup,
clustering, summaries) on each executor, the path ``newsdesk ingest`` takes.

    python bench/scale.py [--workers N] [--repeat K]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import trafilatura
from common import RESULTS, load_ground_truth, load_page

from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline, extract_or_error
from newsdesk.scale import DaskExecutor, Executor, ProcessExecutor, SerialExecutor
from newsdesk.store import Store


def pages(repeat: int) -> list[RawDocument]:
    """The benchmark pages, ``repeat`` times over, each copy at its own URL."""
    truth = load_ground_truth()
    return [
        RawDocument(url=f"{truth[page_id]['url']}#copy{k}", content=load_page(page_id))
        for k in range(repeat)
        for page_id in sorted(truth)
    ]


def _trafilatura(raw: RawDocument) -> str | None:
    """The peer's extraction of one page, as a user of its process pool would run it."""
    return trafilatura.extract(raw.content.decode("utf-8", "replace"), url=raw.url)


def _fingerprint(result: object) -> tuple:
    """What must match across executors: an article's title and text, or the error."""
    return (getattr(result, "title", None), getattr(result, "text", str(result)))


@contextmanager
def dask_cluster(workers: int) -> Iterator[tuple[str, float]]:
    """A local Dask cluster of ``workers`` single-threaded processes: (address, start-up s)."""
    from distributed import LocalCluster

    start = time.perf_counter()
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address, time.perf_counter() - start


def timed(executor: Executor, fn: Callable, items: list) -> tuple[float, list]:
    """Seconds to map ``fn`` over ``items`` on ``executor``, and the results."""
    start = time.perf_counter()
    results = list(executor.map(fn, items))
    return time.perf_counter() - start, results


def ingest(executor: Executor, items: list[RawDocument]) -> tuple[float, int]:
    """Seconds for the whole ingest into a fresh SQLite store, and the stories stored."""
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/bench.db") as store:
        start = time.perf_counter()
        report = Pipeline(store, executor=executor).ingest(items)
        return time.perf_counter() - start, report.stories_updated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # dateutil's notes on odd time zones in the pages
    items = pages(args.repeat)
    n = len(items)
    rows: list[tuple[str, float, str]] = []

    ingest_rows: list[tuple[str, float, int]] = []
    serial_s, reference = timed(SerialExecutor(), extract_or_error, items)
    expected = [_fingerprint(r) for r in reference]
    rows.append(("newsdesk, this process", serial_s, "reference"))
    ingest_rows.append(("this process", *ingest(SerialExecutor(), items)))

    def check(results: list) -> str:
        same = sum(_fingerprint(r) == e for r, e in zip(results, expected, strict=True))
        return "same articles" if same == n else f"{n - same} of {n} differ"

    pool = ProcessExecutor(args.workers)
    try:
        seconds, results = timed(pool, extract_or_error, items)
        ingest_rows.append((f"process pool ({args.workers})", *ingest(pool, items)))
    finally:
        pool.close()
    rows.append((f"newsdesk, process pool ({args.workers})", seconds, check(results)))

    with dask_cluster(args.workers) as (address, startup_s):
        executor = DaskExecutor(address)
        try:
            # a cluster that runs for days has its workers' imports done: warm them first
            list(executor.map(extract_or_error, items[: args.workers * 2]))
            seconds, results = timed(executor, extract_or_error, items)
            ingest_rows.append((f"Dask cluster ({args.workers} workers)", *ingest(executor, items)))
        finally:
            executor.close()
    rows.append(
        (
            f"newsdesk, Dask cluster ({args.workers} workers)",
            seconds,
            f"{check(results)}; cluster start-up {startup_s:.1f} s not counted",
        )
    )

    with ProcessPoolExecutor(args.workers) as peer:
        start = time.perf_counter()
        list(peer.map(_trafilatura, items, chunksize=8))
        peer_s = time.perf_counter() - start
    rows.append((f"trafilatura, process pool ({args.workers})", peer_s, "peer"))

    lines = [
        "# Scaling out extraction",
        "",
        f"{n} pages (the Scrapinghub benchmark's HTML pages × {args.repeat}), "
        f"{os.cpu_count()} cores on this machine. `python bench/scale.py` reruns it.",
        "",
        "| executor | pages/s | vs this process | vs trafilatura pool | output |",
        "|---|---|---|---|---|",
    ]
    for name, seconds, note in rows:
        lines.append(
            f"| {name} | {n / seconds:,.0f} | {serial_s / seconds:.2f}× "
            f"| {peer_s / seconds:.2f}× | {note} |"
        )
    lines += [
        "",
        "## The whole ingest",
        "",
        "`Pipeline.ingest` into a fresh SQLite store, as `newsdesk ingest` runs it: pages in "
        "batches of 256, extraction on the executor, then dedup, clustering, summaries and "
        "storage in this process.",
        "",
        "| extraction on | pages/s | vs this process | stories |",
        "|---|---|---|---|",
    ]
    base = ingest_rows[0][1]
    for name, seconds, stories in ingest_rows:
        lines.append(f"| {name} | {n / seconds:,.0f} | {base / seconds:.2f}× | {stories} |")
    report = "\n".join(lines) + "\n"
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.md").write_text(report, "utf-8")


if __name__ == "__main__":
    main()
