"""Page types on WCXB dev: is newsdesk's ``page_type`` right about what is an article?

    python bench/extraction_pagetype.py          # the tables -> results/extraction_pagetype.md
    python bench/extraction_pagetype.py --train  # refit the gate -> pagetype_weights.json
    python bench/extraction_pagetype.py --calibrate  # the article threshold sweep

Each page goes through ``newsdesk.extract.extract`` as in ingest; a page the extractor
rejects (no article text) counts as ``error``. Pages are split by domain
(``common.split_by_domain``): the gate's weights are fitted on the tune half only, so the
held-out half measures pages from sites it never saw. ``page_type_table()`` is what
``bench/extraction.py`` embeds in its report.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from html import escape
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    CACHE,
    RESULTS,
    WCXB_TYPES,
    load_ground_truth,
    load_page,
    load_wcxb,
    load_wcxb_page,
    md_table,
    split_by_domain,
)

from newsdesk.extract import ExtractionError, extract, is_text_render, text_page_type
from newsdesk.extract.html import extract_html
from newsdesk.extract.pagetype import (
    ARTICLE,
    ARTICLE_THRESHOLD,
    FEATURES,
    PAGE_TYPES,
    WEIGHTS,
    features_page_type,
    html_features,
    html_page_type,
)
from newsdesk.model import Article, RawDocument

OUT = RESULTS / "extraction_pagetype.md"
GATE_CACHE = CACHE / "pagetype-gate.json"
RECALL_AIM = 0.97
"""The article recall the threshold is chosen for on the tune half: losing a news article
costs more than storing a listing."""


def _extractor_hash() -> str:
    """A hash of the extraction code, the article threshold's line left out (it does not
    change what the gate reads): the gate cache is only reused for the same code."""
    digest = hashlib.sha256()
    for path in sorted((Path(extract.__code__.co_filename).parent).glob("*.py")):
        lines = path.read_bytes().splitlines()
        digest.update(b"\n".join(x for x in lines if not x.startswith(b"ARTICLE_THRESHOLD =")))
    return digest.hexdigest()[:16]


def gate_inputs(dataset: str, pages: dict[str, dict]) -> dict[str, dict | None]:
    """``{page id: {"text": text gate verdict, "features": HTML features or None}}`` for
    every page as ingest extracts it (None where the extractor rejects the page), cached
    in ``GATE_CACHE`` per dataset for the same extraction code, so threshold sweeps and
    reruns do not extract again."""
    key = f"{dataset}:{_extractor_hash()}"
    cached = json.loads(GATE_CACHE.read_text("utf-8")) if GATE_CACHE.exists() else {}
    if set(cached.get(key, {})) == set(pages):
        return cached[key]
    load = load_wcxb_page if dataset == "wcxb" else load_page
    out: dict[str, dict | None] = {}
    for page_id, page in pages.items():
        raw = RawDocument(url=page["url"], content=load(page_id))
        try:
            article = gate_view(raw)
        except ExtractionError:
            out[page_id] = None
            continue
        html = not is_text_render(raw)
        features = html_features(raw, article) if html else None
        out[page_id] = {"text": list(text_page_type(article.text)), "features": features}
    cached = {k: v for k, v in cached.items() if not k.startswith(f"{dataset}:")}
    GATE_CACHE.parent.mkdir(parents=True, exist_ok=True)
    GATE_CACHE.write_text(json.dumps({**cached, key: out}), encoding="utf-8")
    return out


def gate_view(raw: RawDocument) -> Article:
    """The article the page-type gate judges, as ``extract`` hands it over: for HTML, the
    balanced pass's article, before the recall pass or the main landmark extend its text
    (they run on the gate's verdict). Raises ExtractionError as ``extract`` does."""
    if is_text_render(raw):
        return extract(raw)
    seen: list[Article] = []

    def gate(page: RawDocument, article: Article) -> tuple[str, float]:
        seen.append(article)
        return html_page_type(page, article)

    extract_html(raw, gate)
    return seen[0]


def verdicts(inputs: dict[str, dict | None], threshold: float | None = None) -> dict[str, str]:
    """``{page id: page_type}`` from ``gate_inputs`` as ``extract`` decides it, at the
    article ``threshold`` (default the gate's own); ``error`` where the extractor rejects."""
    out = {}
    for page_id, seen in inputs.items():
        if seen is None:
            out[page_id] = "error"
            continue
        by_text = (seen["text"][0], seen["text"][1])
        if by_text[0] == "error" or seen["features"] is None:
            out[page_id] = by_text[0]
        else:
            out[page_id] = features_page_type(seen["features"], by_text, threshold)[0]
    return out


def predict(pages: dict[str, dict]) -> dict[str, str]:
    """``{page id: page_type}`` as newsdesk's extractor reports it (``error`` if it rejects)."""
    return verdicts(gate_inputs("wcxb", pages))


def article_prf(truth: list[str], predicted: list[str]) -> tuple[float, float, int, int]:
    """Article vs not-article: (precision, recall, false articles, missed articles)."""
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(t == ARTICLE and p == ARTICLE for t, p in pairs)
    fp = sum(t != ARTICLE and p == ARTICLE for t, p in pairs)
    fn = sum(t == ARTICLE and p != ARTICLE for t, p in pairs)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), fp, fn


def page_type_table(pages: dict[str, dict] | None = None, predicted: dict | None = None) -> str:
    """Markdown: article vs not-article precision/recall on all pages and each domain half,
    and the confusion of WCXB's page types with newsdesk's, per half."""
    pages = pages if pages is not None else load_wcxb()
    predicted = predicted if predicted is not None else predict(pages)
    halves = split_by_domain(pages)
    rows = []
    for part in ("all", "tune", "held-out"):
        ids = halves[part]
        p, r, fp, fn = article_prf(
            [pages[i]["page_type"] for i in ids], [predicted[i] for i in ids]
        )
        met = "met" if p >= 0.95 and r >= 0.95 else "missed"
        rows.append((part, len(ids), f"{p:.3f}", f"{r:.3f}", fp, fn, met))
    lines = [
        "Article vs not-article (target: precision and recall both ≥ 0.95):",
        "",
        md_table(
            (
                "pages",
                "n",
                "precision",
                "recall",
                "non-articles called articles",
                "articles called non-articles",
                "target",
            ),
            rows,
        ),
    ]
    for part in ("all", "tune", "held-out"):
        ids = halves[part]
        counts = Counter((pages[i]["page_type"], predicted[i]) for i in ids)
        lines += [
            "",
            f"Confusion, {part} pages (rows: WCXB page type; columns: newsdesk page_type):",
            "",
            md_table(
                ("WCXB \\ newsdesk", *PAGE_TYPES),
                [(t, *(counts[(t, p)] for p in PAGE_TYPES)) for t in WCXB_TYPES],
            ),
        ]
    return "\n".join(lines)


def scrapinghub_line(threshold: float | None = None) -> str:
    """How many Scrapinghub pages (every one a news article) the gate calls something else."""
    pages = load_ground_truth()
    called = Counter(verdicts(gate_inputs("scrapinghub", pages), threshold).values())
    others = ", ".join(f"{kind} {n}" for kind, n in sorted(called.items()) if kind != ARTICLE)
    wrong = len(pages) - called[ARTICLE]
    return f"Scrapinghub (all {len(pages)} pages are articles): {wrong} called non-articles" + (
        f" ({others})" if others else ""
    )


def sweep(pages: dict[str, dict]) -> tuple[float, str]:
    """The article threshold chosen on the tune half (the highest whose tune article recall
    is at least ``RECALL_AIM``: the best precision that keeps nearly every article), and a
    markdown table of precision and recall per half at each threshold tried."""
    inputs = gate_inputs("wcxb", pages)
    shub = gate_inputs("scrapinghub", load_ground_truth())
    halves = split_by_domain(pages)
    rows, chosen = [], 0.05
    for threshold in np.round(np.arange(0.05, 0.55, 0.05), 2):
        called = verdicts(inputs, float(threshold))
        cells = []
        for part in ("tune", "held-out", "all"):
            ids = halves[part]
            p, r, _fp, _fn = article_prf(
                [pages[i]["page_type"] for i in ids], [called[i] for i in ids]
            )
            cells += [f"{p:.3f}", f"{r:.3f}"]
            if part == "tune" and r >= RECALL_AIM:
                chosen = float(threshold)
        missed = sum(v != ARTICLE for v in verdicts(shub, float(threshold)).values())
        rows.append((f"{threshold:.2f}", *cells, missed))
    header = ("threshold", "tune P", "tune R", "held-out P", "held-out R", "all P", "all R")
    table = md_table((*header, "Scrapinghub non-articles"), rows)
    return chosen, table


def render_line() -> str | None:
    """How many w3m/lynx text renders of the Scrapinghub pages (``bench/extraction.py``
    caches them) the text gate calls something other than an article; None without them."""
    renders = sorted((CACHE / "renders").glob("*/*.txt"))
    if not renders:
        return None
    wrong = 0
    for path in renders:
        raw = RawDocument(url=path.as_uri(), content=path.read_bytes(), content_type="text/plain")
        try:
            wrong += extract(raw).page_type != ARTICLE
        except ExtractionError:
            wrong += 1
    return f"Text renders of those pages (w3m, lynx): {wrong} of {len(renders)} called non-articles"


# --- training (offline; writes newsdesk/extract/pagetype_weights.json) -----------------


def extracted(pages: dict[str, dict]) -> dict[str, Article]:
    """``{page id: Article}`` as the gate sees it (``gate_view``) for every page the
    extractor accepts: the gate is fitted on what it reads at run time."""
    out = {}
    for page_id, page in pages.items():
        try:
            out[page_id] = gate_view(RawDocument(url=page["url"], content=load_wcxb_page(page_id)))
        except ExtractionError:
            continue
    return out


def bare_page(article: Article, paragraphs: int | None = None) -> RawDocument:
    """The article's text alone in minimal markup (a title, an h1, paragraphs): how a
    hand-made page or a feed's content looks. Training on these too teaches the gate
    that a page without rich markup is not evidence against an article."""
    body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs[:paragraphs])
    title = escape(article.title)
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    return RawDocument(url=article.url, content=html.encode())


def feature_rows(
    pages: dict[str, dict], articles: dict[str, Article]
) -> tuple[np.ndarray, list[str]]:
    """The gate's features with labels: each extracted page as it is, and its text in bare
    markup, whole and cut to its first three paragraphs."""
    rows, labels = [], []
    for page_id, article in articles.items():
        raw = RawDocument(url=pages[page_id]["url"], content=load_wcxb_page(page_id))
        variants = [(raw, article)]
        for cut in (None, 3):
            bare = bare_page(article, cut)
            text = "\n\n".join(article.paragraphs[:cut])
            variants.append((bare, Article(url=article.url, title=article.title, text=text)))
        for page, seen in variants:
            features = html_features(page, seen)
            if features is not None:
                rows.append([features[name] for name in FEATURES])
                labels.append(pages[page_id]["page_type"])
    return np.array(rows, dtype=float), labels


def fit_softmax(
    x: np.ndarray, y: np.ndarray, classes: int, l2: float = 0.01, steps: int = 3000
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch Adam on standardized features;
    returns (weights, biases) for the raw features (the scaling folded in)."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    onehot = np.eye(classes)[y]
    weight_of = len(y) / (classes * np.bincount(y, minlength=classes).clip(min=1))
    sample = weight_of[y][:, None]
    w, b = np.zeros((z.shape[1], classes)), np.zeros(classes)
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for step in range(1, steps + 1):
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        grad = sample * (prob - onehot) / len(y)
        grads = [z.T @ grad + l2 * w, grad.sum(axis=0)]
        for k, (param, g) in enumerate(zip((w, b), grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            param -= 0.05 * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
    raw_w = w / scale[:, None]
    return raw_w, b - mean @ raw_w


def write_weights(
    article: tuple[float, np.ndarray], kinds: dict[str, tuple[float, np.ndarray]]
) -> None:
    """Write the fitted models to ``pagetype.WEIGHTS`` (4 significant digits), one line per
    weight vector."""

    def entry(bias: float, weights: np.ndarray) -> str:
        numbers = ", ".join(f"{c:.4g}" for c in weights)
        return f'{{"bias": {bias:.4g}, "weights": [{numbers}]}}'

    names = ", ".join(f'"{name}"' for name in FEATURES)
    body = ",\n".join(f'  "{kind}": {entry(*model)}' for kind, model in kinds.items())
    WEIGHTS.write_text(
        f'{{\n "_comment": "written by bench/extraction_pagetype.py --train",\n'
        f' "features": [{names}],\n "article": {entry(*article)},\n'
        f' "kinds": {{\n{body}\n }}\n}}\n',
        encoding="utf-8",
    )


def train(l2: float = 0.01) -> None:
    """Fit the gate on the tune half, article vs not and which kind of non-article (fitted
    on the non-articles), and write both to ``pagetype.WEIGHTS``."""
    pages = load_wcxb()
    tune = split_by_domain(pages)["tune"]
    tune_pages = {i: pages[i] for i in tune}
    x, labels = feature_rows(tune_pages, extracted(tune_pages))
    is_article = np.array([t == ARTICLE for t in labels])
    w, b = fit_softmax(x, is_article.astype(int), 2, l2=l2)
    kinds = [t for t in PAGE_TYPES if t != ARTICLE and t in set(labels)]
    others = [t for t in labels if t != ARTICLE]
    kw, kb = fit_softmax(x[~is_article], np.array([kinds.index(t) for t in others]), len(kinds), l2)
    write_weights(
        (b[1] - b[0], w[:, 1] - w[:, 0]), {kind: (kb[k], kw[:, k]) for k, kind in enumerate(kinds)}
    )
    print(f"written to {WEIGHTS}")


def main() -> None:
    if "--train" in sys.argv[1:]:
        train()
        return
    if "--calibrate" in sys.argv[1:]:
        chosen, table = sweep(load_wcxb())
        print(f"{table}\n\nthreshold for tune article recall >= {RECALL_AIM}: {chosen:.2f}")
        return
    pages = load_wcxb()
    chosen, table = sweep(pages)
    lines = [
        f"Article threshold {ARTICLE_THRESHOLD}; the highest threshold whose tune-half "
        f"article recall is ≥ {RECALL_AIM} is {chosen:.2f} (the sweep below; `--calibrate` "
        "prints it alone).",
        "",
        page_type_table(pages),
        "",
        f"{scrapinghub_line()}.",
        "",
        "The sweep (article vs not-article at each threshold):",
        "",
        table,
    ]
    renders = render_line()
    lines += ["", f"{renders}."] if renders else []
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    OUT.write_text(f"# Page types on WCXB dev\n\n{table}\n", encoding="utf-8")
    print(f"\nwritten to {OUT}")


if __name__ == "__main__":
    main()
