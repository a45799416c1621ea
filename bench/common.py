"""Shared helpers for the benchmarks: where the data lives, scoring, process stats.

Benchmark data is never copied into the repository: it is read from ``../shared``
beside the repository (``Path(__file__).resolve().parents[2] / "shared"``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import resource
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CACHE = REPO / "bench" / ".cache"
RESULTS = REPO / "bench" / "results"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def require(path: Path, what: str) -> Path:
    """``path`` if it exists, else exit with a message saying what is missing and where."""
    if not path.exists():
        sys.exit(
            f"{what} not found at {path}.\n"
            f"The benchmarks read their data from ../shared beside the repository "
            f"({SHARED}); it is not part of the repository."
        )
    return path


# --- the Scrapinghub article-extraction benchmark --------------------------------------


def scrapinghub_dir() -> Path:
    """The Scrapinghub/Zyte article-extraction benchmark data, or exit with a message."""
    return require(SHARED / "bench" / "extraction" / "scrapinghub", "Scrapinghub benchmark data")


def load_ground_truth() -> dict[str, dict]:
    """``{page id: {"articleBody": ..., "url": ...}}``."""
    return json.loads((scrapinghub_dir() / "ground-truth.json").read_text("utf-8"))


def load_page(page_id: str) -> bytes:
    """The raw bytes of one benchmark page (un-gzipped, not decoded)."""
    return gzip.decompress((scrapinghub_dir() / "html" / f"{page_id}.html.gz").read_bytes())


def split_pages(ids: Iterable[str]) -> dict[str, list[str]]:
    """Deterministic halves: by sorted page id, even index = ``tune``, odd = ``held-out``."""
    ordered = sorted(ids)
    return {"all": ordered, "tune": ordered[0::2], "held-out": ordered[1::2]}


# --- WCXB dev (Web Content eXtraction Benchmark, development pages) ---------------------


WCXB_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def wcxb_dir() -> Path:
    """The WCXB dev pages (``../shared/bench/extraction/wcxb-dev``), or exit with a message."""
    return require(SHARED / "bench" / "extraction" / "wcxb-dev", "WCXB dev benchmark data")


def _wcxb_page_type(data: dict) -> str:
    """The page type as upstream ``evaluate.py`` reads it (``category`` is a collection)."""
    kind = (data.get("_internal") or {}).get("page_type", {})
    kind = kind.get("primary", "article") if isinstance(kind, dict) else kind
    kind = kind if isinstance(kind, str) else "article"
    return "collection" if kind == "category" else kind


def load_wcxb() -> dict[str, dict]:
    """``{page id: {"url", "domain", "page_type", "main_content", "title", "author",
    "publish_date"}}`` for every WCXB dev page with ground truth."""
    root = wcxb_dir()
    files = json.loads((root / "metadata.json").read_text("utf-8"))["files"]
    out = {}
    for path in sorted((root / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        gt = data.get("ground_truth")
        if not isinstance(gt, dict):
            continue
        meta = files.get(path.stem, {})
        out[path.stem] = {
            "url": data.get("url") or "",
            "domain": meta.get("domain") or "",
            "page_type": _wcxb_page_type(data),
            "main_content": gt.get("main_content") or "",
            "title": gt.get("title"),
            "author": gt.get("author"),
            "publish_date": gt.get("publish_date"),
        }
    return out


def load_wcxb_page(page_id: str) -> bytes:
    """The raw bytes of one WCXB page (un-gzipped, not decoded)."""
    return gzip.decompress((wcxb_dir() / "html" / f"{page_id}.html.gz").read_bytes())


def domain_half(domain: str) -> str:
    """``tune`` or ``held-out`` for a domain, from a stable hash (the same on every run)."""
    return "tune" if hashlib.sha256(domain.lower().encode()).digest()[0] % 2 == 0 else "held-out"


def split_by_domain(pages: dict[str, dict]) -> dict[str, list[str]]:
    """Page ids in domain halves: every page of a domain falls in the same half."""
    ordered = sorted(pages)
    halves = {i: domain_half(pages[i]["domain"]) for i in ordered}
    return {
        "all": ordered,
        "tune": [i for i in ordered if halves[i] == "tune"],
        "held-out": [i for i in ordered if halves[i] == "held-out"],
    }


def word_prf(predicted: str | None, reference: str | None) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of one page, as WCXB's ``evaluate.py``.

    Words are lower-cased ``\\w+`` tokens, overlap is the multiset intersection; an empty
    reference scores 1 for an empty prediction and 0 otherwise.
    """
    pred = _TOKEN_RE.findall((predicted or "").lower())
    ref = _TOKEN_RE.findall((reference or "").lower())
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(pred) & Counter(ref)).values())
    precision, recall = overlap / len(pred), overlap / len(ref)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


# --- scoring, exactly as in the benchmark's evaluation ----------------------------------


def tokenize(text: str | None) -> list[str]:
    """``\\w+`` tokens (Unicode, case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    """Multiset of ``n``-gram shingles; a text shorter than ``n`` tokens gives one shingle."""
    tokens = tokenize(text)
    out: Counter = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = " ".join(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def tp_fp_fn(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """Shingle matches of one page, normalised so that tp + fp + fn = 1 (when non-zero)."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def page_scores(true: str | None, pred: str | None) -> tuple[float | None, float | None, bool]:
    """(precision, recall, exact) for one page; ``None`` where a mean leaves the page out."""
    tp, fp, fn = tp_fp_fn(true, pred)
    if fp == 0 and fn == 0:
        return 1.0, 1.0, tokenize(true) == tokenize(pred)
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall, tokenize(true) == tokenize(pred)


@dataclass
class Score:
    """Averages over pages with bootstrap standard deviations."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_sd: float
    precision_sd: float
    recall_sd: float
    accuracy_sd: float
    pages: int


def _means(rows: np.ndarray) -> tuple[float, float, float, float]:
    p = rows[:, 0][~np.isnan(rows[:, 0])]
    r = rows[:, 1][~np.isnan(rows[:, 1])]
    precision = float(p.mean()) if len(p) else 0.0
    recall = float(r.mean()) if len(r) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall, float(rows[:, 2].mean())


def score(
    truth: dict[str, str], predicted: dict[str, str | None], n_bootstrap: int = 1000
) -> Score:
    """Score predictions on the pages of ``truth``; a missing prediction counts as empty."""
    rows = []
    for page_id, true in truth.items():
        precision, recall, exact = page_scores(true, predicted.get(page_id))
        rows.append(
            (
                np.nan if precision is None else precision,
                np.nan if recall is None else recall,
                float(exact),
            )
        )
    arr = np.array(rows, dtype=float)
    f1, precision, recall, accuracy = _means(arr)
    rng = np.random.RandomState(42)
    boots = np.array([_means(arr[rng.randint(0, len(arr), len(arr))]) for _ in range(n_bootstrap)])
    sd = boots.std(axis=0)
    return Score(f1, precision, recall, accuracy, *map(float, sd), pages=len(arr))


# --- process stats ---------------------------------------------------------------------


def pin_one_core(cpu: int | None = None) -> int | None:
    """Pin this process to one CPU (``cpu``, else the last one it may use); returns it,
    or None."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        cpu = cpu if cpu in cpus else cpus[-1]
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def publish(name: str, text: str) -> Path:
    """Print a benchmark's report and write it to ``bench/results/<name>``, where anyone
    who reruns the benchmark finds it."""
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(text, encoding="utf-8")
    return path


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
