"""The whole ingest at CC-NEWS scale: archives of 1k to 20k records, one process, a
process pool and a Dask cluster, SQLite and PostgreSQL, stop and resume.

The archives are built here, in a temporary folder, in the CC-NEWS layout (WARC.gz
response records, one gzip member each, dated across one day) from the real pages
of the Scrapinghub benchmark and WCXB-dev (``../shared/bench/extraction``; all
page types, as a news crawl has listings and shop pages too). A stream of records
is about 70% distinct pages and 30% syndicated or duplicate:

- distinct: each real page once as it is, then reworded (a third of the words of
  its text, title and metadata swapped for other words of the benchmark texts, so
  that it is another article with the same markup and extraction cost);
- 15% exact copies of a recent record under a new URL (the bytes unchanged);
- 15% edited copies of a recent record under a new URL (a paragraph dropped, the
  title changed): near-duplicates.

The smaller archives are the first records of the larger, so the sizes compare.
Each run is a child process that does what ``newsdesk fetch ARCHIVE`` does (the
fetch pass, the pipeline, the store) and reports seconds per stage and its own
peak RSS. The Dask cluster is a ``dask scheduler`` and a ``dask worker`` started
as separate processes on loopback. Then: SIGTERM to exit on the largest archive
(``newsdesk fetch``), and the cut-and-resume check: the smallest archive stopped
by SIGTERM and resumed, and cut into runs at record boundaries (the smaller
archive, then the larger), against one uninterrupted run.

    python bench/scale.py [--sizes 200,500] [--full 200] [--workers 2] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
import zlib
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import (
    load_ground_truth,
    load_page,
    load_wcxb,
    load_wcxb_page,
    md_table,
    publish,
)

from newsdesk.model import RawDocument
from newsdesk.store.scratch import scratch_database

DAY = datetime(2026, 11, 16, tzinfo=UTC)
EXACT, EDITED = 0.15, 0.15  # shares of the stream that copy a recent record
RECENT = 2000  # copies are of one of the last RECENT distinct records
# Runs use a copy of the code taken when the bench starts (see ``snapshot``).
ENV = dict(os.environ)
NEWSDESK = [sys.executable, "-c", "from newsdesk.cli import app; app()"]


def snapshot(folder: Path) -> None:
    """Copy the code for every child process of this bench: the runs compared must run
    one version of it, whatever is edited in the checkout meanwhile."""
    code = folder / "code"
    source = Path(__file__).resolve().parents[1] / "src" / "newsdesk"
    shutil.copytree(source, code / "newsdesk", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))


# the archives -------------------------------------------------------------------------


def real_pages() -> list[tuple[str, bytes]]:
    """(URL, HTML) of every Scrapinghub and WCXB-dev page."""
    shub = load_ground_truth()
    wcxb = load_wcxb()
    pages = [(shub[i]["url"], load_page(i)) for i in sorted(shub)]
    pages += [(wcxb[i]["url"], load_wcxb_page(i)) for i in sorted(wcxb)]
    return pages


def vocabulary() -> list[bytes]:
    """Words of four letters or more from the benchmarks' reference texts."""
    texts = [p.get("articleBody") or "" for p in load_ground_truth().values()]
    texts += [p.get("main_content") or "" for p in load_wcxb().values()]
    found = set(re.findall(r"\b[a-z]{4,12}\b", " ".join(texts)))
    return sorted(w.encode() for w in found)


_SEGMENT = re.compile(rb"(<[^>]*>)")
_WORD = re.compile(rb"[A-Za-z]{4,}")
_CONTENT = re.compile(rb'(content=")([^"]*)(")', re.I)
_JSON_TEXT = re.compile(rb'("(?:headline|name|description|alternativeHeadline)"\s*:\s*")([^"]*)(")')
_PARAGRAPH = re.compile(rb"<p\b[^>]*>.*?</p>", re.S | re.I)
_TITLE = re.compile(rb"(<title[^>]*>)(.*?)(</title>)", re.S | re.I)


def reword(html: bytes, variant: int, vocab: list[bytes]) -> bytes:
    """The page with a third of the words of its text and metadata swapped, the same way
    throughout the page for one ``variant``: the same markup, another article."""
    salt = variant.to_bytes(4, "little")

    def word(match: re.Match) -> bytes:
        found = match.group()
        h = zlib.crc32(found.lower() + salt)
        if h % 3:
            return found
        new = vocab[(h // 3) % len(vocab)]
        return new.capitalize() if found[:1].isupper() else new

    def inner(match: re.Match) -> bytes:
        return match.group(1) + _WORD.sub(word, match.group(2)) + match.group(3)

    out, hidden = [], False
    for segment in _SEGMENT.split(html):
        if segment.startswith(b"<"):
            name = segment[1:12].lower()
            if name.startswith((b"script", b"style")):
                hidden = b"ld+json" not in segment.lower()
            elif name.startswith((b"/script", b"/style")):
                hidden = False
            elif name.startswith(b"meta"):
                segment = _CONTENT.sub(inner, segment)
            out.append(segment)
        elif hidden:
            out.append(segment)
        elif segment.lstrip().startswith((b"{", b"[")):  # JSON-LD: its text values only
            out.append(_JSON_TEXT.sub(inner, segment))
        else:
            out.append(_WORD.sub(word, segment))
    return b"".join(out)


def edited(html: bytes, rng: random.Random) -> bytes:
    """A syndicated rewrite: one paragraph dropped (not the first) and the title changed."""
    paragraphs = list(_PARAGRAPH.finditer(html))
    if len(paragraphs) > 2:
        cut = paragraphs[rng.randrange(1, len(paragraphs))]
        html = html[: cut.start()] + html[cut.end() :]
    return _TITLE.sub(lambda m: m.group(1) + m.group(2) + b" (updated)" + m.group(3), html, 1)


@dataclass
class StreamStats:
    records: int = 0
    distinct: int = 0
    exact: int = 0
    exact_declaring_canonical: int = 0
    edited: int = 0


def stream(n: int, stats: StreamStats) -> Iterator[RawDocument]:
    """The bench's stream of ``n`` records (deterministic: the same every run)."""
    rng = random.Random(20261116)
    pages = real_pages()
    rng.shuffle(pages)
    vocab = vocabulary()
    recent: deque[tuple[str, bytes]] = deque(maxlen=RECENT)
    for i in range(n):
        when = DAY + timedelta(seconds=86400 * i / n)
        roll = rng.random()
        if recent and roll < EXACT + EDITED:
            url, html = rng.choice(recent)
            host = f"https://syndicate{i % 7}.example/{i}"
            if roll < EXACT:
                stats.exact += 1
                stats.exact_declaring_canonical += b'rel="canonical"' in html
            else:
                html = edited(html, rng)
                stats.edited += 1
            url = f"{host}/{url.split('/')[-1][:80] or 'page'}"
        else:
            url, html = pages[stats.distinct % len(pages)]
            variant = stats.distinct // len(pages)
            if variant:
                html = reword(html, variant, vocab)
                url = f"{url}{'&' if '?' in url else '?'}v={variant}"
            recent.append((url, html))
            stats.distinct += 1
        stats.records += 1
        headers = {"content-type": "text/html; charset=utf-8"}
        yield RawDocument(url=url, content=html, fetched_at=when, status=200, headers=headers)


def build_archives(folder: Path, sizes: list[int]) -> tuple[dict[int, Path], StreamStats]:
    """WARC.gz files of the first ``size`` records of one stream, for each size."""
    from newsdesk.sources.warc import warc_record

    paths = {size: folder / f"cc-news-{size}.warc.gz" for size in sizes}
    files = {size: open(path, "wb") for size, path in paths.items()}  # noqa: SIM115
    stats = StreamStats()
    try:
        for i, page in enumerate(stream(max(sizes), stats)):
            record = warc_record(page, level=1)
            for size, out in files.items():
                if i < size:
                    out.write(record)
    finally:
        for out in files.values():
            out.close()
    return paths, stats


# one run, in a child process ------------------------------------------------------------


def peak_rss_mb(pid: int | str = "self", field: str = "VmHWM") -> float:
    """A process's peak RSS in MiB since it started (VmHWM; ``field="VmRSS"``: its RSS
    now; 0 once it is gone): unlike getrusage's, it does not count what the parent held
    when it forked the process."""
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(archive: str, db: str, workers: int, scheduler: str | None) -> None:
    """What ``newsdesk fetch ARCHIVE`` does; prints one JSON line of figures."""
    from newsdesk.cluster import StoryClusterer
    from newsdesk.config import FetchConfig
    from newsdesk.pipeline import Pipeline
    from newsdesk.scale import executor_for
    from newsdesk.sources.live import Watcher
    from newsdesk.sources.state import Registry, Source, source_target
    from newsdesk.store import Store

    warnings.simplefilter("ignore")
    executor = executor_for(workers, scheduler)
    try:
        with Store(db) as store:
            start = time.perf_counter()
            window = os.environ.get("SCALE_WINDOW_ARTICLES")  # --window-articles
            clusterer = StoryClusterer(window_articles=int(window)) if window else None
            pipeline = Pipeline(store, clusterer=clusterer, executor=executor)
            warm = time.perf_counter() - start
            watcher = Watcher(Registry(store), FetchConfig(), pipeline.ingest)
            report = watcher.poll_once([Source(*source_target(archive))]).ingest
            seconds = time.perf_counter() - start
            counts = store.count()
    finally:
        executor.close()
    figures = {
        "seconds": seconds,
        "warm_start": warm,
        "stages": dict(report.seconds),
        "outcomes": dict(report.outcomes),
        "not_articles": sum(report.not_articles.values()),
        "errors": len(report.errors),
        "records": report.done,
        "articles": counts["articles"],
        "stories": counts["stories"],
        "rss_mb": peak_rss_mb(),
    }
    print(json.dumps(figures))


def measure(archive: Path, db: str, workers: int = 1, scheduler: str | None = None) -> dict:
    """One run in a child process: its figures, with ``rss_along`` (records stored, the
    child's peak RSS and its RSS then, in MiB), sampled every second, for a SQLite store."""
    command = [sys.executable, __file__, "--child", str(archive), db, str(workers)]
    command += [scheduler] if scheduler else []
    along: list[tuple[int, float, float]] = []
    path = Path(db.removeprefix("sqlite:///")) if db.startswith("sqlite:///") else None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=ENV)
        while process.poll() is None:
            time.sleep(1)
            if path is not None and (hwm := peak_rss_mb(process.pid)):
                along.append((stored(path), hwm, peak_rss_mb(process.pid, "VmRSS")))
        out.seek(0), err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"run failed ({' '.join(command)}):\n{err.read()[-3000:]}")
        figures = json.loads(out.read().strip().splitlines()[-1])
    return figures | {"rss_along": along}


# databases and the cluster ---------------------------------------------------------------


@contextmanager
def database(kind: str, folder: Path, pg: str | None) -> Iterator[str]:
    """A fresh SQLite file or PostgreSQL database (dropped after)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}"
        return
    with scratch_database(pg, "newsdesk_bench") as url:
        yield url


@contextmanager
def dask_cluster(workers: int) -> Iterator[str]:
    """``dask scheduler`` and ``dask worker`` as separate processes on loopback."""
    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": ENV}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1"]
        + ["--no-dashboard", "--memory-limit", "0"],
        **quiet,
    )
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
            from newsdesk.pipeline import extract_or_error  # warm the workers' imports

            client.gather(
                client.map(
                    extract_or_error, [RawDocument("https://w.example/", b"<p>x")] * 4, pure=False
                )
            )
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)


# stop and resume ---------------------------------------------------------------------------


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with suppress(sqlite3.OperationalError), sqlite3.connect(db, timeout=10) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return 0


def sigterm(archive: Path, db: Path, workers: int, after: int) -> dict:
    """``newsdesk fetch`` SIGTERMed once ``after`` records are stored: seconds to exit."""
    command = [*NEWSDESK, "fetch", str(archive), "--db", f"sqlite:///{db}"]
    command += ["--workers", str(workers)]
    child_process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=ENV)
    while stored(db) < after and child_process.poll() is None:
        time.sleep(0.1)
    signalled = time.perf_counter()
    child_process.send_signal(signal.SIGTERM)
    _, stderr = child_process.communicate(timeout=120)
    took = time.perf_counter() - signalled
    message = " ".join(stderr.split())
    found = re.search(r"stopped: (\d+) records", message)
    return {
        "seconds": took,
        "status": child_process.returncode,
        "resume_at": int(found.group(1)) if found else None,
        "stored": stored(db),
    }


def outcome(db: str) -> str:
    """A digest of ``scale.run_outcome`` of a store, computed by the bench's copy of the code."""
    command = [sys.executable, __file__, "--outcome", db]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=ENV)
    return done.stdout.strip()


def outcome_digest(db: str) -> str:
    import hashlib

    from newsdesk.scale import run_outcome
    from newsdesk.store import Store

    with Store(db) as store:
        found = run_outcome(store)
    return hashlib.sha256(json.dumps(found, default=repr, sort_keys=True).encode()).hexdigest()


# the report --------------------------------------------------------------------------------


def rate(records: int, seconds: float) -> str:
    return f"{records / seconds:,.0f}" if seconds > 0.005 else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,500")
    parser.add_argument("--pg", default=os.environ.get("NEWSDESK_TEST_PG"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--full", default="200", help="sizes run on every executor and store (else: pool, SQLite)"
    )
    parser.add_argument(
        "--no-resume",
        action="store_true",
        help="skip the resumed and cut runs (each another ingest of the largest archive)",
    )
    parser.add_argument("--name", default="scale", help="results file: bench/results/NAME.md")
    parser.add_argument(
        "--window-articles",
        type=int,
        help="[stories] window_articles for every run (default: newsdesk's own)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    full = {int(s) for s in args.full.split(",") if s}
    w = args.workers
    if args.window_articles:
        ENV["SCALE_WINDOW_ARTICLES"] = str(args.window_articles)
    with tempfile.TemporaryDirectory(prefix="newsdesk-scale-") as tmp:
        folder = Path(tmp)
        snapshot(folder)
        start = time.perf_counter()
        archives, stats = build_archives(folder, sizes)
        build_s = time.perf_counter() - start
        print(f"built {stats} in {build_s:.0f} s", file=sys.stderr)
        runs: list[tuple[int, str, str, dict]] = []
        dbs: dict[tuple[int, str, str], str] = {}
        stores = ["sqlite"] + (["postgresql"] if args.pg else [])

        def run(size: int, executor: str, kind: str, scheduler: str | None = None) -> None:
            workers = 1 if executor == "1 process" else w
            with database(kind, folder, args.pg) as db:
                figures = measure(archives[size], db, workers, scheduler)
                if kind == "sqlite":
                    dbs[(size, executor, kind)] = db
                else:
                    figures["outcome"] = outcome(db)
            runs.append((size, executor, kind, figures))
            print(f"{size} {executor} {kind}: {figures['seconds']:.1f} s", file=sys.stderr)

        pool = f"--workers {w}"
        dask = f"Dask cluster ({w} workers)"
        for size in sizes:
            if size in full:
                run(size, "1 process", "sqlite")
            for kind in stores if size in full else ["sqlite"]:
                run(size, pool, kind)
        if full:
            with dask_cluster(w) as address:
                for size in sorted(full):
                    run(size, dask, "sqlite", address)

        small, large = sizes[0], sizes[-1]
        reference = outcome(dbs[(large, pool, "sqlite")])
        same = {
            f"{e}, {k}": (outcome(dbs[(s, e, k)]) if k == "sqlite" else f["outcome"])
            == outcome(dbs[(small, pool, "sqlite")])
            for s, e, k, f in runs
            if s == small
        }
        checks = [(f"{small} records on every executor and store", all(same.values()), same)]
        stop_db = folder / "stopped.db"
        term = sigterm(archives[large], stop_db, w, after=1)
        if not args.no_resume:
            resumed = [*NEWSDESK, "fetch", str(archives[large]), "--db", f"sqlite:///{stop_db}"]
            resumed += ["--workers", str(w)]
            subprocess.run(resumed, capture_output=True, check=True, env=ENV)
            checks.append(
                (
                    f"{large} records: SIGTERM once the first batch is stored, then resumed",
                    outcome(f"sqlite:///{stop_db}") == reference,
                    term,
                )
            )
        if small != large and not args.no_resume:
            cut_db = f"sqlite:///{folder / 'cut.db'}"
            for size in (small, large):
                measure(archives[size], cut_db, w)
            checks.append(
                (
                    f"{large} records cut after {small} into two runs",
                    outcome(cut_db) == reference,
                    "",
                )
            )

    write_report(sizes, stats, build_s, runs, checks, term, w, args.name)


def write_report(sizes, stats, build_s, runs, checks, term, w, name="scale") -> None:
    serial = {s: f for s, e, k, f in runs if e == "1 process" and k == "sqlite"}
    lines = [
        "# The whole ingest at CC-NEWS scale",
        "",
        f"Archives in the CC-NEWS layout built by `python bench/scale.py` from the Scrapinghub "
        f"and WCXB-dev pages: {stats.records:,} records, {stats.distinct:,} distinct "
        f"(each real page once, then reworded), {stats.exact:,} exact copies under new URLs "
        f"({stats.exact_declaring_canonical:,} of them from pages that declare a canonical URL), "
        f"{stats.edited:,} edited copies; built in {build_s:.0f} s, not counted. "
        f"{os.cpu_count()} cores on this machine, shared."
        + (
            f" Stories close after {ENV['SCALE_WINDOW_ARTICLES']} articles with nothing new "
            "(`[stories] window_articles`; newsdesk's default is 20,000)."
            if "SCALE_WINDOW_ARTICLES" in ENV
            else ""
        ),
        "",
        "## Runs",
        "",
        "Each run is `newsdesk fetch ARCHIVE` into a fresh store (a child process): pages/s "
        "over the whole run, peak RSS of the main process (pool workers have their own).",
        "",
    ]
    rows = []
    for size, executor, kind, f in runs:
        base = serial.get(size)
        speed = f"{base['seconds'] / f['seconds']:.2f}×" if base and kind == "sqlite" else ""
        rows.append(
            (
                size,
                executor,
                kind,
                rate(f["records"], f["seconds"]),
                speed,
                f"{f['rss_mb']:,.0f}",
                f["articles"],
                f["stories"],
                f["outcomes"].get("copy", 0),
                f["not_articles"],
            )
        )
    lines.append(
        md_table(
            [
                "records",
                "extraction",
                "store",
                "pages/s",
                "vs 1 process",
                "peak RSS MiB",
                "articles",
                "stories",
                "copies skipped",
                "not articles",
            ],
            rows,
        )
    )
    if serial:
        lines += [
            "",
            "## Per stage, one process (SQLite)",
            "",
            "Pages/s of each stage over the records of the run (extraction: the pages extracted, "
            "not the copies skipped before it).",
            "",
        ]
        rows = []
        for size, f in sorted(serial.items()):
            st = f["stages"]
            skipped = f["outcomes"].get("copy", 0) + f["outcomes"].get("unchanged", 0)
            extracted = f["records"] - skipped
            rows.append(
                (
                    size,
                    rate(f["records"], f["seconds"]),
                    rate(f["records"], st.get("read", 0)),
                    rate(f["records"], st.get("skip", 0)),
                    rate(extracted, st.get("extract", 0)),
                    rate(f["records"], st.get("dedup+cluster", 0)),
                    rate(f["records"], st.get("store", 0)),
                    rate(f["records"], st.get("refresh", 0)),
                )
            )
        lines.append(
            md_table(
                ["records", "whole", "read", "skip", "extract"]
                + ["dedup+cluster", "store", "refresh"],
                rows,
            )
        )
    pg = {(s, e): f for s, e, k, f in runs if k == "postgresql"}
    if pg:
        lines += ["", "## PostgreSQL against SQLite", ""]
        rows = []
        for (size, executor), f in sorted(pg.items()):
            lite = next(g for s, e, k, g in runs if s == size and e == executor and k == "sqlite")
            rows.append(
                (
                    size,
                    executor,
                    f"{f['seconds']:.1f}",
                    f"{lite['seconds']:.1f}",
                    f"{f['seconds'] / lite['seconds']:.2f}×",
                    f"{f['stages'].get('store', 0):.1f}",
                    f"{lite['stages'].get('store', 0):.1f}",
                )
            )
        lines.append(
            md_table(
                [
                    "records",
                    "extraction",
                    "PostgreSQL s",
                    "SQLite s",
                    "ratio",
                    "store s (PG)",
                    "store s (SQLite)",
                ],
                rows,
            )
        )
    lines += [
        "",
        "## Stop and resume",
        "",
        f"SIGTERM to `newsdesk fetch --workers {w}` on the {sizes[-1]:,}-record archive once "
        f"its first batch was stored: exit status {term['status']} after "
        f"{term['seconds']:.1f} s, {term['stored']:,} records stored, resume at record "
        f"{term['resume_at']}.",
        "",
    ]
    lines.append(
        md_table(
            ["check", "identical stories, groups, provenance", "detail"],
            [
                (
                    name,
                    "yes" if ok else "NO",
                    detail if isinstance(detail, str) else json.dumps(detail)[:200],
                )
                for name, ok, detail in checks
            ],
        )
    )
    lines += rss_along(runs, sizes[-1], f"--workers {w}")
    report = "\n".join(lines) + "\n"
    publish(f"{name}.md", report)


def rss_along(runs, size: int, executor: str) -> list[str]:
    """The main process's memory in the largest pool run on SQLite, as the records were
    stored: its peak so far (one batch of big pages in flight sets it) and its RSS at
    that point, the mean of the samples since the mark before (what the state holds)."""
    run = [f for s, e, k, f in runs if (s, e, k) == (size, executor, "sqlite")]
    along = run[0].get("rss_along", []) if run else []
    marks = [m for m in (500, 1000, 2000, 5000, 10000, 20000, 50000) if m < size] + [size]
    rows, before = {}, 0
    for mark in marks:
        seen = [sample for sample in along if sample[0] <= mark]
        if seen and along[-1][0] >= mark * 0.99:  # the run got that far while sampled
            since = [sample[2] for sample in seen if sample[0] > before] or [seen[-1][2]]
            rows[mark] = (max(s[1] for s in seen), sum(since) / len(since))
            before = mark
    if not rows:
        return []
    base = rows.get(5000) or next(iter(rows.values()))
    label = "5,000" if 5000 in rows else f"{next(iter(rows)):,}"
    table = [
        (
            f"{m:,}",
            f"{peak:,.0f}",
            f"{peak / base[0] - 1:+.1%}",
            f"{now:,.0f}",
            f"{now / base[1] - 1:+.1%}",
        )
        for m, (peak, now) in rows.items()
    ]
    return [
        "",
        f"## Memory along the stream ({size:,} records, {executor}, SQLite)",
        "",
        "The main process's peak RSS (VmHWM) by the time that many documents were stored, "
        "and its mean RSS (VmRSS) over the documents since the row before; sampled every "
        "second.",
        "",
        md_table(
            ["documents stored", "peak RSS MiB", f"vs {label}", "mean RSS MiB", f"vs {label}"],
            table,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--outcome":
        print(outcome_digest(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(
            sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None
        )
    else:
        main()
