"""WCXB dev in the extraction benchmark: scores, per page type, domain halves, speed duel.

WCXB (Web Content eXtraction Benchmark v1.0, dev pages, CC-BY-4.0) is read from
``../shared/bench/extraction/wcxb-dev``. Scoring is its ``evaluate.py``: bag-of-words F1
of lower-cased ``\\w+`` tokens per page, macro-averaged over pages (``common.word_prf``).
The text of every page is scored, a non-article's too. The pages are split in halves
by a stable hash of their domain (``common.split_by_domain``): the rules were tuned
looking at the *tune* half only; the *held-out* half is domains nobody tuned on.

``bench/extraction.py`` runs the extractors (one process each) and calls
``summarise`` and ``report`` here; ``duel`` times newsdesk and trafilatura alternating.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from common import WCXB_TYPES, md_table, word_prf

EXTRACTORS = [
    "newspaper4k",  # the slowest first: it has a core to itself while the others run
    "newsdesk",
    "trafilatura",
    "trafilatura-recall",
    "trafilatura-fast",
    "readability-lxml",
    "resiliparse",
]
HALVES = ("all", "tune", "held-out")
PUBLISHED = (
    "Published on WCXB (its README, all pages): rs-trafilatura 0.859 dev / 0.893 test, "
    "trafilatura 2.x 0.791 dev, newspaper4k 0.720, Readability.js 0.675, MinerU-HTML 0.827 "
    "dev; on article pages trafilatura 2.3.1 0.937 (dev)."
)


def subset(ids: list[str], limit: int | None) -> list[str]:
    """``limit`` pages spread evenly over the sorted ids (all of them when ``None``)."""
    if not limit or limit >= len(ids):
        return ids
    step = len(ids) / limit
    return [ids[int(k * step)] for k in range(limit)]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    if not values:
        return float("nan")
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def summarise(results: dict[str, dict], pages: dict[str, dict], split: dict) -> dict:
    """Per extractor: mean P/R/F1 on article pages and on all pages for each half, F1 per
    page type, median time, pages raised."""
    rows = {}
    for name, res in results.items():
        if not res:
            continue
        scores = {i: word_prf(res["texts"].get(i), pages[i]["main_content"]) for i in res["texts"]}
        row: dict = {
            "errors": res["errors"],
            "median_ms": 1000 * _median(list(res["times"].values())),
        }
        for half in HALVES:
            ids = [i for i in split[half] if i in scores]
            arts = [i for i in ids if pages[i]["page_type"] == "article"]
            for label, group in (("article", arts), ("pages", ids)):
                row[(label, half)] = tuple(_mean([scores[i][k] for i in group]) for k in range(3))
                row[(label, half, "n")] = len(group)
        for kind in WCXB_TYPES:
            group = [i for i in scores if pages[i]["page_type"] == kind]
            row[("type", kind)] = _mean([scores[i][2] for i in group])
            row[("type", kind, "n")] = len(group)
        rows[name] = row
    return rows


def _order(rows: dict) -> list[str]:
    return sorted(rows, key=lambda n: -rows[n][("article", "all")][2])


def _name(name: str) -> str:
    return f"**{name}**" if name == "newsdesk" else name


def tables(rows: dict) -> list[str]:
    """Markdown: article pages and all pages (F1 for each half, P/R), then per page type."""
    if not rows:
        return []
    nd = rows[next(iter(rows))]
    counts = ", ".join(
        f"{half} {nd[('pages', half, 'n')]} pages ({nd[('article', half, 'n')]} articles)"
        for half in HALVES
    )
    out = [f"Pages: {counts}.", ""]
    for label, title in (("article", "Article pages"), ("pages", "All pages")):
        body = []
        for name in _order(rows):
            r = rows[name]
            p, rec, f1 = r[(label, "all")]
            halves = (f"{r[(label, half)][2]:.3f}" for half in ("tune", "held-out"))
            body.append((_name(name), f"{f1:.3f}", f"{p:.3f}", f"{rec:.3f}", *halves))
        header = ("extractor", "F1", "precision", "recall", "F1 tune half", "F1 held-out half")
        out += [f"### {title}", "", md_table(header, body), ""]
    header = ("extractor", *(f"{k} ({nd[('type', k, 'n')]})" for k in WCXB_TYPES))
    body = [(_name(n), *(f"{rows[n][('type', k)]:.3f}" for k in WCXB_TYPES)) for n in _order(rows)]
    out += ["### F1 per page type (all pages)", "", md_table(header, body), ""]
    speed = [(_name(n), f"{rows[n]['median_ms']:.1f}", str(len(rows[n]["errors"])))
             for n in _order(rows)]  # fmt: skip
    out += ["### Time per page (each in its own process) and pages that raised", "",
            md_table(("extractor", "median ms/page", "pages raised"), speed), ""]  # fmt: skip
    return out


def target_rows(rows: dict, duel: dict | None) -> list[tuple[str, str, str]]:
    """The issue's WCXB targets, each on all pages and on the held-out half."""
    nd = rows.get("newsdesk")
    if not nd:
        return []
    ok = {True: "yes", False: "**no**"}
    out = []
    for half in ("all", "held-out"):
        f1 = nd[("article", half)][2]
        peers = [(r[("article", half)][2], n) for n, r in rows.items() if n != "newsdesk"]
        label = "all domains" if half == "all" else "held-out half"
        out.append((f"WCXB articles F1 ≥ 0.96 ({label})", f"{f1:.3f}", ok[f1 >= 0.96]))
        if peers:
            best = max(peers)
            out.append((f"WCXB articles above every peer ({label})",
                        f"best peer {best[1]} {best[0]:.3f}", ok[f1 > best[0]]))  # fmt: skip
        f1 = nd[("pages", half)][2]
        out.append((f"WCXB all pages F1 ≥ 0.88 ({label})", f"{f1:.3f}", ok[f1 >= 0.88]))
    if duel and "ratio" in duel:
        out.append(("WCXB median time ≤ trafilatura default (alternating, one process)",
                    f"{duel['ratio']:.2f}× ({duel['newsdesk_ms']:.1f} vs "
                    f"{duel['trafilatura_ms']:.1f} ms)", ok[duel["ratio"] <= 1.0]))  # fmt: skip
    return out


def duel(
    pages: list[tuple[str, bytes, str, str]],
    ours: Callable[[bytes, str], object],
    theirs: Callable[[str, str], object],
    rounds: int = 1,
) -> dict:
    """Median time per page of ``ours(raw, url)`` and ``theirs(html, url)``, alternating
    page by page in this process, best of ``rounds``: other load hits both alike."""
    mine = [float("inf")] * len(pages)
    other = [float("inf")] * len(pages)
    for _ in range(rounds):
        for k, (_, raw, html, url) in enumerate(pages):
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                ours(raw, url)
            mine[k] = min(mine[k], time.perf_counter() - start)
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                theirs(html, url)
            other[k] = min(other[k], time.perf_counter() - start)
    result = {"newsdesk_ms": 1000 * _median(mine), "trafilatura_ms": 1000 * _median(other),
              "pages": len(pages), "rounds": rounds}  # fmt: skip
    result["ratio"] = result["newsdesk_ms"] / result["trafilatura_ms"]
    return result


def report(
    rows: dict, duel_result: dict | None, page_types: str | None, metadata: str | None
) -> list[str]:
    """The ``## WCXB dev`` section of the results file."""
    first = rows[next(iter(rows))] if rows else {}
    n = first.get(("pages", "all", "n"), 0)
    out = [
        f"## WCXB dev ({n:,} of its 1,358 pages, about 1,100 domains)",
        "",
        "Data: `../shared/bench/extraction/wcxb-dev` (WCXB v1.0 dev split, CC-BY-4.0). "
        "Scoring as its `evaluate.py`: bag-of-words F1 of lower-cased `\\w+` tokens per "
        "page, macro-averaged; precision and recall are the per-page means. Every page's "
        "text is scored, non-articles too (for a page newsdesk rejects, the empty text). "
        "Halves by a stable hash of the domain (`bench/common.py: domain_half`); rules were "
        "tuned on the tune half only. trafilatura is `trafilatura.extract` with its default "
        "settings (the full pass with its fallback extractors), `-recall` with "
        "`favor_recall=True`, `-fast` with `fast=True`.",
        "",
        *tables(rows),
    ]
    if duel_result and "ratio" in duel_result:
        out += [
            f"Speed, alternating page by page in one process on one core "
            f"({duel_result['pages']} pages, best of {duel_result['rounds']}): newsdesk "
            f"`extract` {duel_result['newsdesk_ms']:.1f} ms vs `trafilatura.extract` "
            f"{duel_result['trafilatura_ms']:.1f} ms median, ratio "
            f"**{duel_result['ratio']:.2f}**.",
            "",
        ]
    elif duel_result:
        out += [f"Speed duel failed: {duel_result.get('error', '')[:300]}", ""]
    out += [PUBLISHED, ""]
    if page_types:
        out += ["### Page type: article vs not-article (newsdesk's `page_type`)", "",
                page_types, ""]  # fmt: skip
    if metadata:
        out += ["### Metadata on WCXB-dev article pages", "", metadata, ""]
    return out
