"""Article-extraction benchmark: newsdesk side by side with the open-source peers.

Data: the Scrapinghub/Zyte article-extraction benchmark (181 pages, MIT), read from
``../shared/bench/extraction/scrapinghub`` beside the repository. Scoring follows its
README exactly (4-gram shingles of ``\\w+`` tokens; precision and recall averaged over
pages; F1 from the two means; bootstrap standard deviations).

Each extractor runs in a process of its own, pinned to one core, on the same pages: the
time per page and the peak RSS are that extractor's alone. A page that raises counts as
an empty prediction and is reported.

Second part: text renders. Every page is rendered with ``w3m -dump`` and ``lynx -dump``
(Debian packages ``w3m`` and ``lynx``), cached under ``bench/.cache/renders``, and
``newsdesk.extract.text.extract_text`` is scored on the renders against the same truth.

    python bench/extraction.py                 # everything, writes bench/results/extraction.md
    python bench/extraction.py --only newsdesk --reuse   # re-run newsdesk, reuse cached peers
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    CACHE,
    REPO,
    RESULTS,
    load_ground_truth,
    load_page,
    md_table,
    peak_rss_mb,
    pin_one_core,
    score,
    split_pages,
)

HTML_EXTRACTORS = [
    "newsdesk",
    "trafilatura",
    "trafilatura-precision",
    "trafilatura-recall",
    "readability-lxml",
    "newspaper4k",
    "goose3",
    "justext",
    "resiliparse",
    "boilerpy3",
]
RENDER_SETS = ("w3m", "lynx")
PUBLISHED = {
    "rs_trafilatura (Rust port)": (0.970, 0.951, 0.990, 0.287),
    "trafilatura 2.0.0": (0.958, 0.938, 0.978, 0.293),
    "newspaper4k 0.9.3.1": (0.949, 0.964, 0.934, 0.326),
    "readability-lxml 0.8.4.1": (0.922, 0.913, 0.931, 0.315),
    "goose3 3.1.20": (0.896, 0.940, 0.856, 0.232),
    "justext 3.0.2": (0.804, 0.858, 0.756, 0.088),
    "Zyte AutoExtract (commercial, 2019)": (0.970, 0.984, 0.956, 0.470),
}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "table", "tr", "td", "th", "section", "article", "header", "footer", "figure",
    "figcaption", "dd", "dt", "dl",
}  # fmt: skip


# --- extractors (imported inside the child process only) --------------------------------


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with line breaks at block elements (for readability)."""
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    root = lxml_html.fromstring(fragment)
    parts: list[str] = []

    def walk(node) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parts)).strip()


def make_extractor(name: str) -> Callable[[bytes, str, str], str | None]:
    """``f(raw bytes, decoded html, url) -> text`` for one extractor name."""
    if name == "newsdesk":
        from newsdesk.extract import extract
        from newsdesk.model import RawDocument

        # The whole of ``extract`` (page type included), as ingest calls it; the child
        # keeps the text and the page type of the returned Article.
        return lambda raw, html, url: extract(RawDocument(url=url, content=raw))
    if name.startswith("trafilatura"):
        import trafilatura

        opts = {
            "trafilatura": {},
            "trafilatura-precision": {"favor_precision": True},
            "trafilatura-recall": {"favor_recall": True},
            "trafilatura-fast": {"fast": True},
        }[name]

        def run(raw: bytes, html: str, url: str) -> str | None:
            return trafilatura.extract(html, url=url, **opts)

        return run
    if name == "readability-lxml":
        from readability import Document

        return lambda raw, html, url: _html_to_text(Document(html).summary(html_partial=True))
    if name == "newspaper4k":
        from newspaper import Article, Config

        config = Config()
        config.fetch_images = False
        config.memorize_articles = False

        def run(raw: bytes, html: str, url: str) -> str | None:
            article = Article(url, config=config)
            article.download(input_html=html)
            article.parse()
            return article.text

        return run
    if name == "goose3":
        from goose3 import Goose

        goose = Goose({"enable_image_fetching": False, "use_meta_language": True})
        return lambda raw, html, url: goose.extract(raw_html=html).cleaned_text
    if name == "justext":
        import justext

        stoplist = justext.get_stoplist("English")

        def run(raw: bytes, html: str, url: str) -> str | None:
            paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
            return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

        return run
    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        return lambda raw, html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)
    if name == "boilerpy3":
        from boilerpy3 import extractors

        extractor = extractors.ArticleExtractor(raise_on_failure=False)
        return lambda raw, html, url: extractor.get_content(html)
    if name.startswith("text-"):
        try:
            from newsdesk.extract.text import extract_text
        except ImportError as exc:
            raise SystemExit(f"newsdesk.extract.text is not available: {exc}") from exc
        from newsdesk.model import RawDocument

        def run(raw: bytes, html: str, url: str) -> str | None:
            doc = RawDocument(url=url, content=raw, content_type="text/plain; charset=utf-8")
            return extract_text(doc).text

        return run
    raise SystemExit(f"unknown extractor {name!r}")


# --- child: one extractor over the pages, in its own process ----------------------------


def _pages(dataset: str, source: str, ids: list[str]) -> list[tuple[str, bytes, str, str]]:
    """``(page id, raw bytes, decoded text, url)`` of each page of a benchmark set."""
    from newsdesk.extract.decode import decode

    if dataset == "wcxb":
        from common import load_wcxb, load_wcxb_page

        meta = load_wcxb()
        urls, load = {i: meta[i]["url"] for i in ids}, load_wcxb_page
    else:
        truth = load_ground_truth()
        urls, load = {i: truth[i]["url"] for i in ids}, load_page
    pages = []
    for page_id in ids:
        if source == "html":
            raw = load(page_id)
            html = decode(raw)[0]
        else:
            raw = (CACHE / "renders" / source / f"{page_id}.txt").read_bytes()
            html = raw.decode("utf-8", "replace")
        pages.append((page_id, raw, html, urls[page_id]))
    return pages


def child(name: str, source: str, ids: list[str], out: Path, dataset: str = "scrapinghub") -> None:
    """Run one extractor on every page; write texts, page types (newsdesk), times, errors
    and peak RSS to ``out`` (atomically: a parallel run never reads half a file)."""
    cpu = pin_one_core(int(os.environ["BENCH_CPU"]) if "BENCH_CPU" in os.environ else None)
    pages = _pages(dataset, source, ids)
    rss_before = peak_rss_mb()
    extract = make_extractor(name)
    texts: dict[str, str | None] = {}
    kinds: dict[str, str | None] = {}
    times: dict[str, float] = {}
    errors: dict[str, str] = {}
    # One untimed warm-up page, so lazy imports and caches do not count against page one.
    with contextlib.suppress(Exception):
        extract(*pages[0][1:])
    for page_id, raw, html, url in pages:
        start = time.perf_counter()
        try:
            got = extract(raw, html, url)
            if got is not None and not isinstance(got, str):  # newsdesk's Article
                kinds[page_id] = getattr(got, "page_type", None)
                got = got.text
            texts[page_id] = got or ""
        except Exception as exc:  # noqa: BLE001 - a peer may raise anything
            texts[page_id] = ""
            kinds[page_id] = "error"
            errors[page_id] = f"{type(exc).__name__}: {str(exc)[:200]}"
        times[page_id] = time.perf_counter() - start
    result = {
        "name": name,
        "source": source,
        "dataset": dataset,
        "cpu": cpu,
        "texts": texts,
        "page_types": kinds,
        "times": times,
        "errors": errors,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": rss_before,
    }
    partial = out.with_name(f"{out.name}.{os.getpid()}.part")
    partial.write_text(json.dumps(result), "utf-8")
    os.replace(partial, out)


def output_path(name: str, source: str, dataset: str = "scrapinghub") -> Path:
    """Where a child writes its outputs (``--reuse`` reads them back)."""
    prefix = "" if dataset == "scrapinghub" else f"{dataset}-"
    return CACHE / "outputs" / f"{prefix}{source}-{name}.json"


def run_children(
    names: list[str],
    source: str,
    ids: list[str],
    reuse: set[str] | bool = False,
    dataset: str = "scrapinghub",
    jobs: int = 1,
) -> dict[str, dict]:
    """Run ``child`` for each extractor in a fresh interpreter, ``jobs`` at a time, each
    pinned to a core of its own (or reuse the cached output of those in ``reuse``)."""
    results: dict[str, dict] = {}
    todo = []
    for name in names:
        out = output_path(name, source, dataset)
        if reuse is True or (reuse and name in reuse):
            cached = json.loads(out.read_text("utf-8")) if out.exists() else {}
            if set(cached.get("texts", ())) == set(ids):
                print(f"  {name} ({dataset}, {source}): cached", flush=True)
                results[name] = cached
                continue
            if reuse is not True:  # only wanted from the cache: none there for these pages
                print(f"  {name} ({dataset}, {source}): no cached output, left out", flush=True)
                results[name] = {}
                continue
        todo.append(name)
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:
        cpus = [0]
    jobs = max(1, min(jobs, len(cpus)))
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as tmp:
        ids_file = Path(tmp) / "ids"
        ids_file.write_text("\n".join(ids), "utf-8")
        running: dict[str, tuple[subprocess.Popen, float, int]] = {}
        while todo or running:
            while todo and len(running) < jobs:
                name = todo.pop(0)
                free = [c for c in cpus if c not in {r[2] for r in running.values()}]
                out = output_path(name, source, dataset)
                out.parent.mkdir(parents=True, exist_ok=True)
                cmd = [sys.executable, __file__, "--child", name, "--source", source]
                cmd += ["--dataset", dataset, "--ids", str(ids_file), "--child-out", str(out)]
                env = dict(os.environ, PYTHONHASHSEED="0", BENCH_CPU=str(free[-1]))
                log = open(Path(tmp) / f"{name}.err", "w")  # noqa: SIM115 - closed below
                proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=log)
                running[name] = (proc, time.perf_counter(), free[-1])
                log.close()
            time.sleep(0.2)
            for name, (proc, start, _) in list(running.items()):
                if proc.poll() is None:
                    continue
                del running[name]
                if proc.returncode != 0:
                    print(f"  {name} ({dataset}, {source}): failed", flush=True)
                    sys.stderr.write((Path(tmp) / f"{name}.err").read_text()[-3000:])
                    results[name] = {}
                    continue
                took = time.perf_counter() - start
                print(f"  {name} ({dataset}, {source}): {took:.0f} s", flush=True)
                results[name] = json.loads(output_path(name, source, dataset).read_text("utf-8"))
    return {name: results[name] for name in names}


def run_child(name: str, source: str, ids: list[str], reuse: bool) -> dict:
    """One extractor on the Scrapinghub pages (see ``run_children``)."""
    return run_children([name], source, ids, reuse)[name]


# --- text renders ------------------------------------------------------------------------


def check_tools() -> list[str]:
    """The text browsers that are missing (Debian: ``apt-get install -y w3m lynx``)."""
    return [tool for tool in RENDER_SETS if shutil.which(tool) is None]


def render_pages(ids: list[str]) -> None:
    """Render every page with w3m and lynx into ``bench/.cache/renders/<tool>/<id>.txt``."""
    from newsdesk.extract.decode import decode

    commands = {
        "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"],
        "lynx": [
            "lynx", "-dump", "-nolist", "-force_html", "-assume_charset=utf-8",
            "-display_charset=utf-8", "-width=100",
        ],
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for tool, command in commands.items():
            folder = CACHE / "renders" / tool
            folder.mkdir(parents=True, exist_ok=True)
            todo = [i for i in ids if not (folder / f"{i}.txt").exists()]
            if todo:
                print(f"  rendering {len(todo)} pages with {tool} ...", flush=True)
            for page_id in todo:
                html = decode(load_page(page_id))[0]
                # The page is handed over as UTF-8: drop its own charset declarations.
                html = re.sub(r"<meta[^>]+charset[^>]*>", "", html, flags=re.I)
                src = Path(tmp) / f"{page_id}.html"
                src.write_text(html, "utf-8")
                proc = subprocess.run(
                    [*command, str(src)], capture_output=True, timeout=120, check=False
                )
                (folder / f"{page_id}.txt").write_bytes(proc.stdout)


# --- speed duel: newsdesk and trafilatura alternating in one process ---------------------


def duel_child(out: Path, dataset: str = "scrapinghub", ids_file: str | None = None) -> None:
    """Time newsdesk (``extract``) and trafilatura (default) page by page, alternating
    (``extraction_wcxb.duel``): best of 3 on Scrapinghub, one round on the larger WCXB.

    Alternating on the same core makes the ratio robust to other load on the machine,
    which the one-process-per-extractor timings are not.
    """
    pin_one_core()
    import trafilatura
    from extraction_wcxb import duel

    from newsdesk.extract import extract
    from newsdesk.model import RawDocument

    ids = Path(ids_file).read_text("utf-8").split() if ids_file else sorted(load_ground_truth())
    pages = _pages(dataset, "html", ids)
    result = duel(
        pages,
        lambda raw, url: extract(RawDocument(url=url, content=raw)),
        lambda html, url: trafilatura.extract(html, url=url),
        rounds=3 if dataset == "scrapinghub" else 1,
    )
    out.write_text(json.dumps(result), "utf-8")


def speed_duel(dataset: str = "scrapinghub", ids: list[str] | None = None) -> dict:
    """Run ``duel_child`` in a fresh process."""
    print(f"  speed duel on {dataset} (newsdesk vs trafilatura, alternating) ...", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-duel-") as tmp:
        out = Path(tmp) / "duel.json"
        cmd = [sys.executable, __file__, "--duel", str(out), "--dataset", dataset]
        if ids is not None:
            (Path(tmp) / "ids").write_text("\n".join(ids), "utf-8")
            cmd += ["--ids", str(Path(tmp) / "ids")]
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if proc.returncode != 0:
            return {"error": proc.stderr[-500:]}
        return json.loads(out.read_text("utf-8"))


# --- the memory check on a 50 MB page ----------------------------------------------------


def big_page_check() -> dict:
    """Extract from a synthetic 50 MB page in a fresh process; time and peak RSS."""
    out = CACHE / "outputs" / "bigpage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, "--bigpage", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr[-500:]}
    return json.loads(out.read_text("utf-8"))


def bigpage_child(out: Path) -> None:
    """Child of ``big_page_check``."""
    pin_one_core()
    from newsdesk.extract.html import extract_html
    from newsdesk.model import RawDocument

    para = (
        "<p>Item {i}: the council voted on Tuesday to extend the harbour project by two "
        "years, citing delays in the delivery of steel and a shortage of welders.</p>\n"
    )
    nav = "<ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
    body = "<html><head><title>Big page</title></head><body>" + nav + "</ul><article>"
    parts = [body]
    size = len(body)
    i = 0
    while size < 50 * 1024 * 1024:
        chunk = "".join(para.format(i=i + k) for k in range(1000))
        parts.append(chunk)
        size += len(chunk)
        i += 1000
    parts.append("</article></body></html>")
    raw = "".join(parts).encode()
    del parts
    base = peak_rss_mb()
    start = time.perf_counter()
    error = None
    try:
        text = extract_html(RawDocument(url="https://example.org/big", content=raw)).text
    except Exception as exc:  # noqa: BLE001
        text, error = "", f"{type(exc).__name__}: {exc}"
    result = {
        "page_mb": len(raw) / 1024 / 1024,
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": base,
        "chars_out": len(text),
        "error": error,
    }
    out.write_text(json.dumps(result), "utf-8")


# --- the demo corpus metadata table ------------------------------------------------------


def demo_metadata() -> str | None:
    """Metadata found by newsdesk vs the recorded truth, per demo corpus page."""
    demo = REPO / "src" / "newsdesk" / "demo"
    truth_file = demo / "truth.json"
    if not truth_file.exists():
        return None
    from common import page_scores

    from newsdesk.extract import extract
    from newsdesk.extract.fields import parse_datetime
    from newsdesk.model import RawDocument

    truth = json.loads(truth_file.read_text("utf-8"))
    pages = truth.get("pages", truth) if isinstance(truth, dict) else truth
    if isinstance(pages, dict):
        pages = [dict(v, file=k) for k, v in pages.items()]
    fields = ("title", "author", "published", "outlet", "language")
    hits: dict[str, dict[str, int]] = {}
    rows = []
    for expected in pages:
        path = demo / "corpus" / expected["file"]
        if not path.exists():
            continue
        kind = "html" if path.suffix.lower() in (".html", ".htm") else "text"
        ctype = "text/html" if kind == "html" else "text/plain"
        tally = hits.setdefault(kind, {"pages": 0, **dict.fromkeys(fields, 0), "f1": 0})
        tally["pages"] += 1
        try:
            raw = RawDocument(url=expected.get("url") or path.as_uri(), content=path.read_bytes(),
                              content_type=ctype)  # fmt: skip
            art = extract(raw)
        except Exception as exc:  # noqa: BLE001
            rows.append(
                (expected["file"], kind, f"raised {type(exc).__name__}", "", "", "", "", "")
            )
            continue
        got = {f: getattr(art, f) for f in fields}
        cells = []
        for f in fields:
            want, have = expected.get(f), got[f]
            if f == "published":  # to the day: renders and many pages print no time zone
                want_dt = parse_datetime(want) if isinstance(want, str) else want
                ok = (want_dt is None and have is None) or bool(
                    want_dt and have and want_dt.date() == have.date()
                )
            else:
                ok = str(have or "").strip().lower() == str(want or "").strip().lower()
            tally[f] += ok
            cells.append("ok" if ok else f"✗ `{have}`")
        precision, recall, _ = page_scores(expected.get("body", ""), art.text)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        tally["f1"] += f1
        rows.append((expected["file"], kind, *cells, f"{f1:.3f}"))
    if not rows:
        return None
    for kind, tally in hits.items():
        n = tally["pages"]
        share = (f"{tally[f]}/{n}" for f in fields)
        rows.append((f"**{kind} pages: share right**", kind, *share, f"{tally['f1'] / n:.3f}"))
    return md_table(("page", "kind", *fields, "body F1"), rows)


# --- report ------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def summarise(results: dict[str, dict], truth: dict[str, str], split: dict) -> dict:
    """Scores per extractor and split, plus speed and memory."""
    rows = {}
    for name, res in results.items():
        if not res:
            continue
        row = {}
        for part, ids in split.items():
            row[part] = score({i: truth[i] for i in ids}, res["texts"])
        times = list(res["times"].values())
        row["median_ms"] = 1000 * _median(times)
        row["pages_per_s"] = len(times) / sum(times) if sum(times) else float("inf")
        row["rss"] = res["peak_rss_mb"]
        row["errors"] = res["errors"]
        rows[name] = row
    return rows


def _fmt(value: float, sd: float) -> str:
    return f"{value:.3f} ± {sd:.3f}"


def part_sections(rows: dict, all_label: str, heading: str) -> list[str]:
    """Score tables for all pages and each half, then the pages that raised."""
    out = []
    for part, label in (("all", all_label), ("tune", "Tune half"), ("held-out", "Held-out half")):
        out += [f"{heading} {label}", "", score_table(rows, part, speed=part == "all"), ""]
    raised = {n: r["errors"] for n, r in rows.items() if r["errors"]}
    if raised:
        out += [f"{heading}# Pages that raised (`ExtractionError`, counted as empty)", ""]
        for name, errs in raised.items():
            sample = "; ".join(f"`{k[:10]}` {v[:80]}" for k, v in list(errs.items())[:3])
            out.append(f"- {name}: {len(errs)} ({sample})")
        out.append("")
    return out


def score_table(rows: dict, part: str, speed: bool = True) -> str:
    """One Markdown table (F1, precision, recall, accuracy[, speed, memory]) for a split."""
    header = ["extractor", "F1", "precision", "recall", "accuracy"]
    if speed:
        header += ["median ms/page", "pages/s (1 core)", "peak RSS MiB", "pages raised"]
    body = []
    for name, row in sorted(rows.items(), key=lambda kv: -kv[1][part].f1):
        s = row[part]
        line = [
            f"**{name}**" if name == "newsdesk" else name,
            _fmt(s.f1, s.f1_sd),
            _fmt(s.precision, s.precision_sd),
            _fmt(s.recall, s.recall_sd),
            _fmt(s.accuracy, s.accuracy_sd),
        ]
        if speed:
            line += [
                f"{row['median_ms']:.1f}",
                f"{row['pages_per_s']:.1f}",
                f"{row['rss']:.0f}",
                str(len(row["errors"])),
            ]
        body.append(line)
    return md_table(header, body)


def versions() -> str:
    """Installed versions of the measured packages."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for pkg in ("trafilatura", "readability-lxml", "newspaper4k", "goose3", "jusText",
                "resiliparse", "boilerpy3", "lxml", "htmldate"):  # fmt: skip
        try:
            out.append(f"{pkg} {version(pkg)}")
        except PackageNotFoundError:
            out.append(f"{pkg} (not installed)")
    return ", ".join(out)


def run_renders(
    truth: dict[str, str], split: dict, only: set[str] | None, reuse: bool, context: dict | None
) -> tuple[dict, str]:
    """Render the pages, run the text extractor on the renders: ``(rows, note)``."""
    missing = check_tools()
    if missing:
        note = (
            f"Skipped: {', '.join(missing)} not installed (Debian: `apt-get install -y w3m lynx`)."
        )
        print(note)
        return {}, note
    ids = split["all"]
    render_pages(ids)
    results = {}
    for tool in RENDER_SETS:
        rerun = only is None or f"text-{tool}" in only or "text" in only
        results[f"newsdesk text ({tool} -dump)"] = run_child(
            f"text-{tool}", tool, ids, reuse=reuse and not rerun
        )
    results["trafilatura on the HTML (context)"] = context
    return summarise(results, truth, split), ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated extractors to run (default: all)")
    ap.add_argument("--reuse", action="store_true", help="reuse cached outputs of the others")
    ap.add_argument("--no-renders", action="store_true", help="skip the text-render part")
    ap.add_argument(
        "--renders-only",
        action="store_true",
        help="only the text-render part; updates that section of the results file",
    )
    ap.add_argument("--no-bigpage", action="store_true", help="skip the 50 MB page check")
    ap.add_argument(
        "--sets",
        default="scrapinghub,wcxb",
        help="benchmark sets: scrapinghub, wcxb (default both)",
    )
    ap.add_argument("--limit", type=int, help="WCXB: this many pages, spread over the set")
    ap.add_argument("--jobs", type=int, default=2, help="extractor processes at a time (default 2)")
    ap.add_argument(
        "--duel-pages", type=int, default=400, help="WCXB pages in the speed duel (default 400)"
    )
    ap.add_argument("--no-metadata", action="store_true", help="skip the WCXB metadata table")
    ap.add_argument("--no-pagetype", action="store_true", help="skip the WCXB page-type table")
    ap.add_argument(
        "--out",
        help="results file (default bench/results/extraction.md for a full run, "
        "bench/.cache/extraction-dev.md with --only, --limit or one set)",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--source", default="html", help=argparse.SUPPRESS)
    ap.add_argument("--ids", help=argparse.SUPPRESS)
    ap.add_argument("--dataset", default="scrapinghub", help=argparse.SUPPRESS)
    ap.add_argument("--child-out", help=argparse.SUPPRESS)
    ap.add_argument("--bigpage", help=argparse.SUPPRESS)
    ap.add_argument("--duel", help=argparse.SUPPRESS)
    ap.add_argument("--no-duel", action="store_true", help="skip the alternating speed duel")
    args = ap.parse_args()

    if args.duel:
        return duel_child(Path(args.duel), args.dataset, args.ids)
    if args.bigpage:
        return bigpage_child(Path(args.bigpage))
    if args.child:
        ids = Path(args.ids).read_text("utf-8").split()
        return child(args.child, args.source, ids, Path(args.child_out), args.dataset)

    gt = load_ground_truth()
    truth = {i: v.get("articleBody", "") for i, v in gt.items()}
    split = split_pages(truth)
    ids = split["all"]
    only = set(args.only.split(",")) if args.only else None

    if args.renders_only:
        # The text-render part alone: re-run the text extractor, reuse the cached
        # trafilatura output for the context row, update only that section of the report.
        context = run_child("trafilatura", "html", ids, reuse=True)
        render_rows, render_note = run_renders(truth, split, {"text"}, False, context)
        section = render_section(render_rows, render_note)
        if render_rows:
            update_render_section(Path(args.out), section, render_rows)
        print("\n".join(section))
        return None

    sets = set(args.sets.split(","))
    full_run = only is None and not args.limit and {"scrapinghub", "wcxb"} <= sets
    out = Path(args.out or (RESULTS / "extraction.md" if full_run else CACHE / "extraction-dev.md"))
    rows: dict = {}
    render_rows: dict = {}
    render_note = ""
    duel = big = meta_table = None
    if "scrapinghub" in sets:
        print(f"Scrapinghub: {len(ids)} pages, one process per extractor, one core each")
        names = [n for n in HTML_EXTRACTORS if only is None or n in only]
        if args.reuse:
            names = HTML_EXTRACTORS
        reuse = _reuse(args, only, names)
        results = run_children(names, "html", ids, reuse, jobs=args.jobs)
        rows = summarise(results, truth, split)
        if not args.no_renders:
            render_rows, render_note = run_renders(
                truth, split, only, args.reuse, results.get("trafilatura")
            )
        duel = None if args.no_duel else speed_duel()
        big = None if args.no_bigpage else big_page_check()
        meta_table = demo_metadata()
    wcxb_lines: list[str] = []
    wcxb_targets: list[tuple[str, str, str]] = []
    if "wcxb" in sets:
        wcxb_lines, wcxb_targets = run_wcxb(args, only)
    report = build_report(rows, render_rows, render_note, big, meta_table, duel,
                          wcxb_lines, wcxb_targets)  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, "utf-8")
    if only is None and rows:
        update_readme_section(rows)  # the Scrapinghub table in bench/EXTRACTION.md
    print(report)
    print(f"(written to {out})")


def _reuse(args: argparse.Namespace, only: set[str] | None, names: list[str]) -> set[str] | bool:
    """What ``--reuse`` takes from the cache: the extractors not in ``--only``, or, without
    ``--only``, every extractor whose cached output covers the same pages."""
    if not args.reuse:
        return set()
    return True if only is None else {n for n in names if n not in only}


def run_wcxb(args: argparse.Namespace, only: set[str] | None) -> tuple[list, list]:
    """The WCXB dev part: every extractor on the pages, the speed duel, the page-type and
    metadata tables; returns (report lines, target rows)."""
    import extraction_wcxb as wcxb
    from common import load_wcxb, split_by_domain

    pages = load_wcxb()
    split = split_by_domain(pages)
    ids = wcxb.subset(split["all"], args.limit)
    split = {half: [i for i in part if i in set(ids)] for half, part in split.items()}
    print(f"WCXB dev: {len(ids)} pages, {args.jobs} extractor processes at a time", flush=True)
    names = [n for n in wcxb.EXTRACTORS if only is None or n in only or args.reuse]
    reuse = _reuse(args, only, names)
    results = run_children(names, "html", ids, reuse, dataset="wcxb", jobs=args.jobs)
    rows = wcxb.summarise(results, pages, split)
    duel = None if args.no_duel else speed_duel("wcxb", wcxb.subset(ids, args.duel_pages))
    page_types = metadata = None
    nd = results.get("newsdesk") or {}
    if (
        not args.no_pagetype
        and nd.get("page_types")
        and (REPO / "bench" / "extraction_pagetype.py").exists()
    ):
        from extraction_pagetype import page_type_table

        predicted = {i: nd["page_types"].get(i) or "error" for i in ids}
        page_types = page_type_table({i: pages[i] for i in ids}, predicted)
    if not args.no_metadata and (REPO / "bench" / "extraction_metadata.py").exists():
        print("  metadata table (newsdesk and trafilatura on the article pages) ...", flush=True)
        from extraction_metadata import metadata_table

        metadata = metadata_table(ids)
    return wcxb.report(rows, duel, page_types, metadata), wcxb.target_rows(rows, duel)


def targets(
    rows: dict, render_rows: dict, duel: dict | None, big: dict | None, extra: list | None = None
) -> list[str]:
    """The issue's targets, each with the figure that meets or misses it (``extra``: the
    WCXB rows)."""
    nd, tr = rows.get("newsdesk"), rows.get("trafilatura")
    if not nd or len(rows) < 2:  # a run of newsdesk alone has no peer to compare with
        return []
    best_peer = max((r["all"].f1, n) for n, r in rows.items() if n != "newsdesk")
    best_held = max((r["held-out"].f1, n) for n, r in rows.items() if n != "newsdesk")
    lines = ["## Targets", "", md_table(("target", "measured", "met"), _target_rows(
        nd, tr, best_peer, best_held, render_rows, duel, big) + (extra or []))]  # fmt: skip
    return [*lines, ""]


def _target_rows(
    nd, tr, best_peer, best_held, render_rows, duel, big
) -> list[tuple[str, str, str]]:
    """Rows of the targets table."""
    ok = {True: "yes", False: "**no**"}
    s = nd["all"]
    out = [
        ("Scrapinghub F1 ≥ 0.975 (all pages)", f"{s.f1:.3f}", ok[s.f1 >= 0.975]),
        (
            "Scrapinghub F1 ≥ 0.975 (held-out half)",
            f"{nd['held-out'].f1:.3f}",
            ok[nd["held-out"].f1 >= 0.975],
        ),
        ("precision ≥ 0.950", f"{s.precision:.3f}", ok[s.precision >= 0.950]),
        (
            "above every peer in the same run",
            f"best peer: {best_peer[1]} {best_peer[0]:.3f}",
            ok[s.f1 > best_peer[0]],
        ),
        (
            "above every peer on the held-out half",
            f"{nd['held-out'].f1:.3f} (tune {nd['tune'].f1:.3f}); "
            f"best peer: {best_held[1]} {best_held[0]:.3f}",
            ok[nd["held-out"].f1 > best_held[0]],
        ),
    ]
    if tr:
        ratio = nd["median_ms"] / tr["median_ms"]
        out.append(("median time ≤ trafilatura default", f"{ratio:.2f}× (own processes)",
                    ok[ratio <= 1.0]))  # fmt: skip
    if duel and "ratio" in duel:
        out.append(
            ("… alternating in one process", f"{duel['ratio']:.2f}×", ok[duel["ratio"] <= 1])
        )
    out.append(("no page raising", f"{len(nd['errors'])} raised", ok[not nd["errors"]]))
    if big and "seconds" in big:
        out.append(("memory bounded on a 50 MB page", f"peak {big['peak_rss_mb']:.0f} MiB, "
                    f"{big['seconds']:.0f} s", ok[big["peak_rss_mb"] < 1024]))  # fmt: skip
    return out + render_target_rows(render_rows)


RENDER_TARGET = "renders F1 ≥ 0.92, held-out half ≥ 0.90"


def render_target_rows(render_rows: dict | None) -> list[tuple[str, str, str]]:
    """The text-render rows of the targets table."""
    out = []
    for name, row in (render_rows or {}).items():
        if name.startswith("newsdesk text"):
            met = row["all"].f1 >= 0.92 and row["held-out"].f1 >= 0.90
            out.append((f"{RENDER_TARGET}: {name}",
                        f"{row['all'].f1:.3f} (tune {row['tune'].f1:.3f}, "
                        f"held-out {row['held-out'].f1:.3f})",
                        "yes" if met else "**no**"))  # fmt: skip
    return out


def update_readme_section(report_rows: dict) -> None:
    """Refresh the headline table in ``bench/EXTRACTION.md`` between its markers."""
    doc = REPO / "bench" / "EXTRACTION.md"
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if not doc.exists() or start not in doc.read_text("utf-8"):
        return
    text = doc.read_text("utf-8")
    table = score_table(report_rows, "all", speed=True)
    halves = md_table(
        ("extractor", "F1 tune half", "F1 held-out half"),
        [
            (f"**{n}**" if n == "newsdesk" else n, f"{r['tune'].f1:.3f}", f"{r['held-out'].f1:.3f}")
            for n, r in sorted(report_rows.items(), key=lambda kv: -kv[1]["all"].f1)
        ],
    )
    body = f"{start}\n{table}\n\n{halves}\n{end}"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    doc.write_text(head + body + tail, "utf-8")


def render_section(render_rows: dict, render_note: str) -> list[str]:
    """The ``## Text renders`` section of the results file."""
    out = [
        "## Text renders",
        "",
        "The same 181 pages rendered to text by Debian's text browsers (`w3m -dump`, "
        "`lynx -dump -nolist`; install with `apt-get install -y w3m lynx`), then extracted "
        "with `newsdesk.extract.text` and scored against the same ground truth. Renders are "
        "made by the benchmark and cached in `bench/.cache/renders/` (not committed).",
        "",
    ]
    if not render_rows:
        return [*out, render_note or "Skipped.", ""]
    return out + part_sections(render_rows, "All pages", "###")


def update_render_section(path: Path, section: list[str], render_rows: dict) -> None:
    """Replace the ``## Text renders`` section of an existing results file, and the
    text-render rows of its targets table."""
    text = path.read_text("utf-8") if path.exists() else ""
    start, end = "## Text renders\n", "## Memory on a 50 MB page"
    if start not in text or end not in text:
        raise SystemExit(f"{path} has no text-render section to update; run the full benchmark")
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    lines = head.split("\n")
    old = [k for k, line in enumerate(lines) if line.startswith("| renders F1")]
    if old:
        rows = [f"| {' | '.join(row)} |" for row in render_target_rows(render_rows)]
        lines[old[0] : old[-1] + 1] = rows
    path.write_text("\n".join(lines) + "\n".join(section) + "\n" + end + tail, "utf-8")


def build_report(
    rows, render_rows, render_note, big, meta_table, duel=None, wcxb_lines=(), wcxb_targets=()
) -> str:
    """The Markdown results file: targets, then Scrapinghub, then WCXB dev."""
    if not rows:
        table = md_table(("target", "measured", "met"), wcxb_targets)
        command = " ".join(["python bench/extraction.py", *sys.argv[1:]])
        head = ["# Article extraction: newsdesk and its peers", "",
                f"Generated by `{command}`. Versions: {versions()}.",
                "", "## Targets", "", table]  # fmt: skip
        return "\n".join([*head, "", *wcxb_lines])
    nd = rows.get("newsdesk")
    tr = rows.get("trafilatura")
    out = [
        "# Article extraction: newsdesk and its peers",
        "",
        f"Generated by `python bench/extraction.py{''.join(' ' + a for a in sys.argv[1:])}`. "
        "Data: the Scrapinghub/Zyte "
        "article-extraction benchmark (181 news and blog pages, ground truth by hand; MIT), "
        "read from `../shared/bench/extraction/scrapinghub`. Scoring as in its README: "
        "4-gram shingles of `\\w+` tokens, precision and recall averaged over pages, F1 from "
        "the two means, accuracy = exact token-sequence match; ± is the standard deviation "
        "over 1000 bootstrap resamples of the pages. A page where an extractor returns "
        "nothing (tp = fp = 0) is left out of its precision mean and counts as recall 0, "
        "as the README says.",
        "",
        "Each extractor runs in a process of its own, pinned to one core, on the same pages "
        "(decoded once by newsdesk's decoder for the peers; newsdesk's time includes its own "
        "decoding). Time is per page, after one untimed warm-up page; peak RSS is the whole "
        "process (interpreter, libraries and the 181 pages held in memory).",
        "",
        f"Versions: {versions()}; Python {sys.version.split()[0]}.",
        "",
        "The pages are split in two halves by sorted page id (even index = *tune*, odd = "
        "*held-out*); the extractor's rules were only tuned on the *tune* half.",
        "",
    ]
    if nd and tr:
        ratio = nd["median_ms"] / tr["median_ms"] if tr["median_ms"] else float("nan")
        out += [
            f"Median time per page, newsdesk / trafilatura default, from the per-extractor "
            f"runs: **{ratio:.2f}** ({nd['median_ms']:.1f} ms vs {tr['median_ms']:.1f} ms).",
            "",
        ]
    if duel and "ratio" in duel:
        out += [
            "The same ratio measured robustly (both extractors alternating page by page in "
            "one process on one core, best of 3 runs per page, so that other load on the "
            f"machine hits both alike, so this is the ratio to quote): **{duel['ratio']:.2f}** "
            f"({duel['newsdesk_ms']:.1f} ms vs {duel['trafilatura_ms']:.1f} ms median).",
            "",
        ]
    out += targets(rows, render_rows, duel, big, list(wcxb_targets))
    out += ["# Scrapinghub (181 news and blog pages)", ""]
    out += part_sections(rows, "All 181 pages", "##")
    out += [
        "## Published figures on this set (for reference)",
        "",
        md_table(
            ("extractor", "F1", "precision", "recall", "accuracy"),
            [(k, *(f"{x:.3f}" for x in v)) for k, v in PUBLISHED.items()],
        ),
        "",
        *render_section(render_rows, render_note),
    ]
    out += ["## Memory on a 50 MB page", ""]
    if big is None:
        out += ["Skipped.", ""]
    elif big.get("error") and "seconds" not in big:
        out += [f"Failed: {big['error']}", ""]
    else:
        out += [
            f"A synthetic {big['page_mb']:.0f} MB page (navigation plus a very long article): "
            f"newsdesk took {big['seconds']:.1f} s, peak RSS {big['peak_rss_mb']:.0f} MiB "
            f"(the process held {big['rss_before_mb']:.0f} MiB with the page in memory before "
            f"extracting), {big['chars_out']:,} characters out"
            + (f", error: {big['error']}" if big.get("error") else "")
            + ". Pages longer than 5 million characters are truncated before parsing.",
            "",
        ]
    out += ["## Metadata on the demo corpus", ""]
    out += [meta_table or "The demo corpus (`src/newsdesk/demo/truth.json`) is not there yet.", ""]
    if wcxb_lines:
        out += ["# WCXB dev", "", *wcxb_lines]
    return "\n".join(out)


if __name__ == "__main__":
    main()
