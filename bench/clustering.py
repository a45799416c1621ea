"""Story clustering, pair similarity, dedup and clustering throughput, side by side.

Data (read from ``../shared`` beside the repository, never copied):

- SemEval-2022 Task 8 pairs with text (HFL's files): our same-story score against
  ``Overall`` (Pearson, sign flipped: 1 = same story) and ROC AUC for ``Overall <= 2``.
  The original (untranslated) pairs of both HFL files, per language pair with at least 25
  pairs, on both files and on the held-out file alone (the train file is where the pair
  weighting was tuned).
- Multi-News validation sample, pooled: every document of the 250 examples in one
  stream, shuffled with a fixed seed; each example is one true story. Tuned on the
  examples with an even index ("tune"), reported on both halves.
  Two "hindsight" rows say what is reachable at all, knowing the answers: the best
  offline average-link clustering (threshold picked on the set) and the true stories with
  the documents that share no vocabulary with the rest of their story standing alone.
- WikiRef220 (5 topics + noise; noise documents are singletons in the truth).
- The demo corpus against ``newsdesk/demo/truth.json``.

Every newsdesk row runs the pipeline's page-type gate first (``text_page_type``: crawl
notices, "Tweet with a location", sign-in walls stand alone, as the pipeline never
clusters them). The wrong-merge pairs of the pooled Multi-News run are counted by cause.

With ``newsdesk[embeddings]`` (MiniLM, English) or ``newsdesk[multilingual]`` (USE
multilingual v3) installed, newsdesk also runs with that optional signal (title and lead
embedded) inside its clusterer, and the SemEval table adds each model's raw cosine.

Peers, on the same streams in the same order: a one-pass TF-IDF cosine clusterer
(scikit-learn vectors fitted on the whole set, centroid cosine, threshold tuned on the
Multi-News tune half) and, where ``newsdesk[embeddings]`` is installed, the same
one-pass clusterer over MiniLM embeddings. Sets without dates are streamed as if every
article arrived at the same moment.

Throughput: 100k synthetic articles made from the demo pages (per story a fresh set of
names and numbers, per article dropped/shuffled paragraphs and word noise; 30 s apart,
so stories age out of the 3-day window), dedup and clustering timed separately on one
core (CPU time of the process, so other load on the machine does not count), resident
memory sampled along the way.

    python bench/clustering.py               # everything -> bench/results/clustering.md
    python bench/clustering.py --quick       # 20k synthetic articles
    python bench/clustering.py --only multinews,demo --skip-throughput   # while tuning
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.stats import pearsonr
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE, RESULTS, SHARED, md_table, pin_one_core, require  # noqa: E402

from newsdesk import embeddings, multilingual  # noqa: E402
from newsdesk.cluster import LEAD_WORDS, StoryClusterer  # noqa: E402
from newsdesk.dedup import NUM_PERM, Deduplicator  # noqa: E402
from newsdesk.dedup import THRESHOLD as DEDUP_THRESHOLD  # noqa: E402
from newsdesk.demo import CORPUS, truth  # noqa: E402
from newsdesk.extract import extract  # noqa: E402
from newsdesk.extract.pagetype import ARTICLE, text_page_type  # noqa: E402
from newsdesk.metrics import bcubed  # noqa: E402
from newsdesk.model import Article  # noqa: E402
from newsdesk.nlp import entities, shingles  # noqa: E402
from newsdesk.sources import read_file  # noqa: E402

SEED = 13
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
SEMEVAL = SHARED / "bench" / "clustering" / "semeval2022_task8"
MULTINEWS = SHARED / "bench" / "summarization" / "multinews-val250" / "validation.jsonl"
WIKIREF = SHARED / "bench" / "clustering" / "wikiref220" / "wikiref220.jsonl"

Labelled = list[tuple[Article, str]]


def as_article(text: str, url: str, when: datetime = EPOCH) -> Article:
    """An undated benchmark text as an Article: a short first line is its title."""
    text = text.replace("\r\n", "\n").strip()
    first, _, rest = text.partition("\n")
    if len(first) <= 150 and rest.strip():
        title, body = first.strip(), rest.strip()
    else:
        title, body = "", text
    body = re.sub(r"\n\s*\n", "\n\n", body)
    return Article(url=url, title=title, text=body, fetched_at=when)


# --- data sets ----------------------------------------------------------------------------


def multinews() -> dict[str, Labelled]:
    """Every Multi-News document in one shuffled stream; halves by example index."""
    rows = [json.loads(line) for line in require(MULTINEWS, "Multi-News sample").open()]
    items = [
        (as_article(doc, f"mn:{i}:{j}"), f"mn{i}", i % 2)
        for i, row in enumerate(rows)
        for j, doc in enumerate(row["documents"])
        if doc.strip()
    ]
    random.Random(SEED).shuffle(items)
    return {
        "all": [(a, t) for a, t, _ in items],
        "tune": [(a, t) for a, t, h in items if h == 0],
        "held-out": [(a, t) for a, t, h in items if h == 1],
    }


def wikiref() -> Labelled:
    """WikiRef220 in a shuffled stream; each noise document is a story of its own."""
    rows = [json.loads(line) for line in require(WIKIREF, "WikiRef220").open()]
    items = [
        (
            as_article(r["text"], f"wr:{r['file']}"),
            r["label"] if r["label"] != "noise" else r["file"],
        )
        for r in rows
    ]
    random.Random(SEED).shuffle(items)
    return items


def demo() -> Labelled:
    """The demo corpus pages in publication order, with their true stories."""
    items = []
    for page in truth()["pages"]:
        items.append((extract(read_file(CORPUS / page["file"])), page["story"]))
    return sorted(items, key=lambda pair: pair[0].when)


def semeval() -> list[tuple[Article, Article, float, str, str]]:
    """Original (untranslated) SemEval pairs from both HFL files, once each, with the
    file each came from ("train": where weights were tuned, "held-out": the other)."""
    pairs, seen = [], set()
    files = {
        "train": "hfl_texts_train_augmented.csv",
        "held-out": "hfl_texts_heldout_augmented.csv",
    }
    for part, name in files.items():
        with require(SEMEVAL / name, "SemEval-2022 Task 8 pairs").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                pid = row["pair_id"]
                if not re.fullmatch(r"[0-9_]+", pid) or pid in seen:
                    continue
                seen.add(pid)
                a = replace(as_article(row["text1"], f"se:{pid}:1"), language=row["lang1"])
                b = replace(as_article(row["text2"], f"se:{pid}:2"), language=row["lang2"])
                lang = f"{row['lang1']}-{row['lang2']}"
                pairs.append((a, b, float(row["Overall"]), lang, part))
    return pairs


# --- clusterers --------------------------------------------------------------------------


def is_news(article: Article) -> bool:
    """The pipeline's page-type gate on plain text: crawl notices, "Tweet with a location",
    sign-in walls and the like never reach the clusterer."""
    return text_page_type(f"{article.title}\n{article.text}")[0] == ARTICLE


def run_newsdesk(items: Labelled, **params) -> dict[str, str]:
    """The pipeline's path: the page-type gate (a text that is not news stands alone), dedup,
    then online clustering, in stream order."""
    dedup, clusterer = Deduplicator(), StoryClusterer(**params)
    out, gated = {}, {}
    for article, _ in items:
        if not is_news(article):
            gated[article.url] = f"gated:{article.url}"
            continue
        match = dedup.add(article)
        out[article.url] = clusterer.assign(article, duplicate_of=match.group if match else None)
    # A story merged later into another counts as that one.
    return gated | {url: clusterer.resolve(decision.story_id) for url, decision in out.items()}


def one_pass(vectors: np.ndarray, threshold: float) -> list[int]:
    """Single-pass centroid clustering of unit vectors: join the closest centroid or open one.

    Works on the Gram matrix: a centroid's cosine with a vector is the sum of the
    member similarities over the centroid's norm, kept up to date as members join.
    """
    gram = vectors @ vectors.T
    gram = gram.toarray() if hasattr(gram, "toarray") else np.asarray(gram)
    n = vectors.shape[0]
    members = np.zeros((n, n), dtype=np.float32)  # cluster x item indicator
    norms2 = np.zeros(n, dtype=np.float64)
    labels: list[int] = []
    k = 0
    for i in range(n):
        dots = members[:k] @ gram[i] if k else np.zeros(0)
        sims = dots / np.sqrt(np.maximum(norms2[:k], 1e-12))
        j = int(np.argmax(sims)) if k else -1
        if j < 0 or sims[j] < threshold:
            j, k = k, k + 1
            dots = np.append(dots, 0.0)
        norms2[j] += 2 * dots[j] + gram[i, i]
        members[j, i] = 1.0
        labels.append(j)
    return labels


def tfidf_vectors(texts: list[str]):
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    return vec.fit_transform(texts).astype(np.float32)


def minilm_vectors(texts: list[str]) -> np.ndarray | None:
    """MiniLM embeddings of the texts (cached in bench/.cache), or None when not installed."""
    model = embeddings.load()
    if model is None:
        return None
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:20]
    path = CACHE / f"minilm-{key}.npy"
    if path.exists():
        return np.load(path)
    vectors = model.encode(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def texts(articles: list[Article]) -> list[str]:
    return [f"{a.title}\n{a.text}" for a in articles]


def texts_of(items: Labelled) -> list[str]:
    return texts([a for a, _ in items])


def scores(predicted: dict[str, object], items: Labelled) -> dict[str, float]:
    truth_map = {a.url: t for a, t in items}
    b3 = bcubed(predicted, truth_map)
    urls = [a.url for a, _ in items]
    b3["ari"] = adjusted_rand_score([truth_map[u] for u in urls], [str(predicted[u]) for u in urls])
    b3["clusters"] = len(set(predicted.values()))
    return b3


def peer_predictions(items: Labelled, vectors: np.ndarray, threshold: float) -> dict[str, int]:
    return dict(zip([a.url for a, _ in items], one_pass(vectors, threshold), strict=True))


def tune_threshold(items: Labelled, vectors: np.ndarray, grid: np.ndarray) -> float:
    """The one-pass threshold with the best B-cubed F1 on ``items``."""
    best = max(grid, key=lambda t: scores(peer_predictions(items, vectors, t), items)["f1"])
    return float(best)


# --- synthetic stream ----------------------------------------------------------------------

_SYLLABLES = "ka lo mi ra te su vo ne zi pa dor len tas mer vin bro hal qui fen gar".split()


def synthetic(n: int, seed: int = SEED) -> Iterator[tuple[Article, str]]:
    """``n`` articles made from the demo pages: stories with their own names and numbers."""
    rng = random.Random(seed)
    pages = truth()["pages"]
    open_stories: list[dict] = []
    story_no = 0
    for i in range(n):
        while len(open_stories) < 40:
            story_no += 1
            base = rng.choice(pages)
            # sorted: the same names in every run (a set's order changes with the hash seed)
            capitalized = re.findall(r"\b[A-Z][a-z]{2,}\b", base["body"] + base["title"])
            names = {
                w: "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()
                for w in sorted(set(capitalized))
            }
            open_stories.append(
                {"id": f"syn{story_no}", "base": base, "names": names, "left": rng.randint(1, 8)}
            )
        story = rng.choice(open_stories)
        story["left"] -= 1
        if story["left"] == 0:
            open_stories.remove(story)
        yield _perturb(story, rng, EPOCH + timedelta(seconds=30 * i), i), story["id"]


def _perturb(story: dict, rng: random.Random, when: datetime, i: int) -> Article:
    names, base = story["names"], story["base"]

    def rename(text: str) -> str:
        text = re.sub(r"\b[A-Z][a-z]{2,}\b", lambda m: names.get(m.group(0), m.group(0)), text)
        return re.sub(r"\d+", lambda m: str(int(m.group(0)) + len(story["id"]) * 7), text)

    paragraphs = [rename(p) for p in base["body"].split("\n\n") if p.strip()]
    if len(paragraphs) > 3 and rng.random() < 0.7:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    if rng.random() < 0.5:
        tail = paragraphs[1:]
        rng.shuffle(tail)
        paragraphs = paragraphs[:1] + tail
    if rng.random() < 0.6:
        words = paragraphs[0].split()
        for _ in range(max(1, len(words) // 10)):
            words[rng.randrange(len(words))] = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)
        paragraphs[0] = " ".join(words)
    return Article(
        url=f"https://synthetic.example/{i}",
        title=rename(base["title"]),
        text="\n\n".join(paragraphs),
        published=when,
        outlet=f"Outlet {rng.randrange(12)}",
    )


def rss_mb() -> float:
    """Current resident set size in MiB (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


class DatasketchDedup:
    """The closest library, as a peer: datasketch MinHash + MinHashLSH over the same word
    5-grams, threshold and permutation count as newsdesk's numpy MinHash (no capacity)."""

    def __init__(self) -> None:
        from datasketch import MinHash, MinHashLSH

        self._minhash = MinHash
        self._lsh = MinHashLSH(threshold=DEDUP_THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, object] = {}

    def add(self, article: Article) -> str | None:
        signature = self._minhash(num_perm=NUM_PERM)
        signature.update_batch([s.encode() for s in shingles(article.text)])
        best, best_sim = None, 0.0
        for other in self._lsh.query(signature):
            sim = signature.jaccard(self._signatures[other])
            if sim > best_sim:
                best, best_sim = other, sim
        if article.id not in self._signatures:
            self._lsh.insert(article.id, signature)
            self._signatures[article.id] = signature
        return best if best_sim >= DEDUP_THRESHOLD else None

    def __len__(self) -> int:
        return len(self._signatures)


def throughput(n: int) -> list[list[object]]:
    """Articles/s for dedup (newsdesk and datasketch) and clustering over ``n`` synthetic
    articles, memory sampled; the dedup rows also say how often the two agree."""
    pin_one_core()
    rows = []
    dedup = Deduplicator(capacity=20_000)
    clusterer = StoryClusterer()
    stages: list[tuple[str, Callable[[Article], object], Callable[[], str]]] = [
        ("dedup (MinHash LSH, capacity 20k)", dedup.add, lambda: f"{len(dedup)} indexed"),
    ]
    stages.append(
        (
            "clustering (online)",
            clusterer.assign,
            lambda: f"{clusterer.open_stories} open stories, {len(clusterer.stats):,} terms",
        )
    )
    try:  # last, so its unbounded index does not weigh on the memory of the rows above
        peer = DatasketchDedup()
        stages.append(("dedup, datasketch peer", peer.add, lambda: f"{len(peer)} indexed"))
    except ImportError:
        print("datasketch not installed (pip install -e '.[bench]'): peer row skipped")
    decisions: dict[str, list[bool]] = {}
    for name, step, state in stages:
        samples, spent, found = [], 0.0, []
        for i, (article, _) in enumerate(synthetic(n), 1):
            start = time.process_time()  # CPU time: other processes on the core don't count
            result = step(article)
            spent += time.process_time() - start
            found.append(result is not None)
            if i % (n // 5) == 0:
                samples.append(f"{i // 1000}k: {rss_mb():.0f} MiB, {state()}")
        decisions[name] = found
        rows.append([name, n, f"{n / spent:,.0f}", "; ".join(samples)])
    ours, theirs = decisions.get(stages[0][0]), decisions.get("dedup, datasketch peer")
    if ours and theirs:
        agree = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(ours)
        rows[-1][3] += f"; same copy/not-copy call as newsdesk on {agree:.1%} of articles"
    model = multilingual.load()
    if model is not None:  # the extra embeds every article: a smaller stream says enough
        m = max(500, n // 50)
        clusterer, spent = StoryClusterer(embedder=model), 0.0
        before = rss_mb()
        for article, _ in synthetic(m):
            start = time.process_time()
            clusterer.assign(article)
            spent += time.process_time() - start
        rows.append(
            [
                "clustering + USE multilingual signal",
                m,
                f"{m / spent:,.0f}",
                f"{rss_mb():.0f} MiB at the end ({rss_mb() - before:+.0f} MiB over the run)",
            ]
        )
    return rows


# --- main ----------------------------------------------------------------------------------


def fmt(s: dict[str, float]) -> list[str]:
    return [
        f"{s['precision']:.3f}",
        f"{s['recall']:.3f}",
        f"{s['f1']:.3f}",
        f"{s['ari']:.3f}",
        str(s["clusters"]),
    ]


class Memo:
    """An embedding model whose vectors are kept by text: the bench embeds each text once,
    however many rows (raw cosine, newsdesk with the signal, three halves) need it."""

    def __init__(self, model) -> None:  # noqa: ANN001 - MiniLM or MultilingualUSE
        self.model, self.languages = model, model.languages
        self._rows: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._rows))
        if missing:
            self._rows.update(zip(missing, self.model.encode(missing), strict=True))
        return np.stack([self._rows[t] for t in texts])


_EXTRAS: dict[str, Memo] = {}


def extras() -> dict[str, Memo]:
    """The installed embedding extras, by label: MiniLM (``newsdesk[embeddings]``) and the
    multilingual USE (``newsdesk[multilingual]``)."""
    if not _EXTRAS:
        for label, module in (("MiniLM", embeddings), ("USE multilingual", multilingual)):
            model = module.load()
            if model is not None:
                _EXTRAS[label] = Memo(model)
            else:
                print(f"{label} extra not installed: its rows are skipped")
    return _EXTRAS


def lead_text(article: Article) -> str:
    """What the clusterer embeds: the title and the first LEAD_WORDS words."""
    return f"{article.title}\n{' '.join(article.text.split()[:LEAD_WORDS])}"


def wrong_merges(items: Labelled) -> str:
    """The pairs newsdesk put in one story that the truth keeps apart, counted by cause."""
    predicted = run_newsdesk(items)
    clusterer = StoryClusterer()
    for article, _ in items:
        clusterer.learn(article)
    clusters: dict[str, list[tuple[Article, str]]] = {}
    for article, true in items:
        clusters.setdefault(predicted[article.url], []).append((article, true))
    causes: dict[str, int] = {}
    for members in clusters.values():
        for i, (a, ta) in enumerate(members):
            for b, tb in members[i + 1 :]:
                if ta == tb:
                    continue
                guards = clusterer.guards(a, b) or clusterer.guards(b, a)
                shared = entities(f"{a.title} {a.text}") & entities(f"{b.title} {b.text}")
                if guards:
                    cause = "guard evidence, cut too soft: " + ", ".join(
                        sorted(g.removeprefix("guard_") for g in guards)
                    )
                elif not {e for e in shared if not e.isdigit()}:
                    cause = "topic words only (no shared name)"
                else:
                    cause = "same beat: shared names, no date or year evidence"
                causes[cause] = causes.get(cause, 0) + 1
    rows = [[cause, n] for cause, n in sorted(causes.items(), key=lambda kv: -kv[1])]
    total = sum(causes.values())
    return md_table(["cause (pooled Multi-News, all 250)", "wrong-merge pairs"], rows) + (
        f"\n\n{total} wrong-merge pairs in all; texts the page-type gate holds back "
        f"({sum(not is_news(a) for a, _ in items)} of {len(items)}) stand alone.\n"
    )


def clustering_table(only: set[str] | None = None) -> str:
    """The B-cubed table; ``only``: the sets to run (``multinews``, ``wikiref``, ``demo``)."""
    mn = multinews()
    sets: dict[str, Labelled] = {}
    if not only or "multinews" in only:
        sets["Multi-News pooled (tune)"] = mn["tune"]
        sets["Multi-News pooled (held-out)"] = mn["held-out"]
        sets["Multi-News pooled (all 250)"] = mn["all"]
    if not only or "wikiref" in only:
        sets["WikiRef220"] = wikiref()
    if not only or "demo" in only:
        sets["demo corpus"] = demo()
    grid = np.round(np.arange(0.10, 0.80, 0.025), 3)
    tune = mn["tune"]
    t_tfidf = tune_threshold(tune, tfidf_vectors(texts_of(tune)), grid)
    mini_tune = minilm_vectors(texts_of(tune))
    t_mini = tune_threshold(tune, mini_tune, grid) if mini_tune is not None else None
    rows = []
    for name, items in sets.items():
        n_true = len({t for _, t in items})
        rows.append(
            [
                name,
                f"newsdesk ({len(items)} docs, {n_true} stories)",
                *fmt(scores(run_newsdesk(items), items)),
            ]
        )
        for label, model in extras().items():
            predicted = run_newsdesk(items, embedder=model)
            rows.append(["", f"newsdesk + {label} signal", *fmt(scores(predicted, items))])
        tfidf = tfidf_vectors(texts_of(items))
        rows.append(
            [
                "",
                f"TF-IDF one-pass (t={t_tfidf})",
                *fmt(scores(peer_predictions(items, tfidf, t_tfidf), items)),
            ]
        )
        if t_mini is not None:
            vecs = minilm_vectors(texts_of(items))
            rows.append(
                [
                    "",
                    f"MiniLM one-pass (t={t_mini})",
                    *fmt(scores(peer_predictions(items, vecs, t_mini), items)),
                ]
            )
        if name.startswith("Multi-News"):
            rows += [["", label, *fmt(s)] for label, s in hindsight(items, tfidf)]
    header = ["set", "method", "B³ P", "B³ R", "B³ F1", "ARI", "clusters"]
    return md_table(header, rows)


def hindsight(items: Labelled, tfidf: csr_matrix) -> list[tuple[str, dict[str, float]]]:
    """What is reachable on a pooled set at all, knowing the answers (not online methods).

    - the best offline clustering: average-link agglomerative over TF-IDF cosines, and over
      newsdesk's own pair score (IDF learned on the whole set first), each with its
      threshold picked on the set itself: what a better clustering of the same
      similarities could reach;
    - the true stories, except that a document sharing no vocabulary with the rest of its
      story (TF-IDF cosine < 0.1 to every other one of its documents: page furniture, or
      another angle in other words) stands alone: the ceiling of any similarity method.
    """
    gram = (tfidf @ tfidf.T).toarray()
    articles = [a for a, _ in items]
    clusterer = StoryClusterer()
    for article in articles:
        clusterer.learn(article)
    pair_scores = np.array(clusterer.similarities(articles))
    truths = np.array([t for _, t in items])
    mates = np.where(truths[:, None] == truths[None, :], gram, -1.0)
    np.fill_diagonal(mates, -1.0)
    tied = mates.max(axis=1) >= 0.1
    ceiling = {a.url: t if tied[i] else a.url for i, (a, t) in enumerate(items)}
    return [
        best_average_link(items, gram, np.arange(0.025, 0.5, 0.025), "TF-IDF cosine"),
        best_average_link(items, pair_scores, np.arange(0.02, 0.4, 0.01), "newsdesk pair score"),
        (f"hindsight: ceiling, {int((~tied).sum())} untied docs alone", scores(ceiling, items)),
    ]


def best_average_link(
    items: Labelled, similarity: np.ndarray, grid: np.ndarray, name: str
) -> tuple[str, dict[str, float]]:
    """Average-link agglomerative clustering at the similarity cut (from ``grid``) that
    scores best on ``items`` themselves."""
    best: dict[str, float] = {"f1": -1.0}
    urls = [a.url for a, _ in items]
    for cut in grid:
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - cut
        )
        result = scores(dict(zip(urls, model.fit_predict(1 - similarity), strict=True)), items)
        if result["f1"] > best["f1"]:
            best, best_cut = result, cut
    return f"hindsight: best offline average-link, {name} ≥ {best_cut:.3f}", best


PARTS = ("multinews", "wikiref", "demo", "wrong-merges", "semeval", "throughput")
LANGUAGE_PAIRS = ("en-en", "de-de", "es-es", "tr-tr", "pl-pl", "ar-ar", "fr-fr", "de-en")


def pairs_table() -> str:
    """ROC AUC and Pearson per language pair (those with at least 25 original pairs), for
    newsdesk's pair score alone and with each extra, TF-IDF cosine and each model's raw
    cosine; the whole set and the held-out file apart."""
    pairs = semeval()
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]

    def newsdesk_scores(clusterer: StoryClusterer) -> np.ndarray:
        for article in first + second:
            clusterer.learn(article)
        return np.array(
            [clusterer.similarity(a, b)["score"] for a, b in zip(first, second, strict=True)]
        )

    methods = {"newsdesk": newsdesk_scores(StoryClusterer())}
    vec = TfidfVectorizer(sublinear_tf=True)
    vec.fit(texts(first + second))
    ta, tb = vec.transform(texts(first)), vec.transform(texts(second))
    methods["TF-IDF cosine"] = np.asarray(ta.multiply(tb).sum(axis=1)).ravel()
    for label, model in extras().items():
        methods[f"newsdesk + {label}"] = newsdesk_scores(StoryClusterer(embedder=model))
        ea = model.encode([lead_text(a) for a in first])
        eb = model.encode([lead_text(b) for b in second])
        methods[f"{label} cosine"] = (ea * eb).sum(axis=1)
    overall = np.array([p[2] for p in pairs])
    langs = np.array([p[3] for p in pairs])
    parts = np.array([p[4] for p in pairs])
    tables = []
    for title, part in (("all original pairs", None), ("held-out file only", "held-out")):
        rows = []
        for pair in (*LANGUAGE_PAIRS, "all languages"):
            mask = (langs == pair) if pair != "all languages" else np.ones_like(overall, bool)
            if part:
                mask &= parts == part
            cells = []
            for s in methods.values():
                auc = roc_auc_score(overall[mask] <= 2, s[mask])
                r = pearsonr(s[mask], -overall[mask]).statistic
                cells.append(f"{auc:.3f} / {r:.3f}")
            rows.append([pair, int(mask.sum()), *cells])
        header = ["pairs", "n", *methods]
        tables.append(f"{title}, ROC AUC (Overall ≤ 2) / Pearson (vs −Overall):\n\n")
        tables[-1] += md_table(header, rows)
    return "\n\n".join(tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20k synthetic articles")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--only",
        type=lambda text: set(text.split(",")),
        metavar="PARTS",
        help=f"comma-separated parts to run, of {','.join(PARTS)} (results go to "
        "clustering-quick.md): for iterating on one set",
    )
    args = parser.parse_args()
    only = args.only or set(PARTS)
    if unknown := only - set(PARTS):
        parser.error(f"--only: unknown parts {', '.join(sorted(unknown))}")
    parts = ["# Story clustering and dedup benchmark", ""]
    if sets := only & {"multinews", "wikiref", "demo"}:
        parts += ["## Clustering (B-cubed, ARI)", "", clustering_table(sets), ""]
    if "wrong-merges" in only:
        parts += ["## Wrong merges by cause", "", wrong_merges(multinews()["all"]), ""]
    if "semeval" in only:
        parts += [
            "## Pair similarity: SemEval-2022 Task 8 (original pairs with text)",
            "",
            pairs_table(),
            "",
        ]
    if not args.skip_throughput and "throughput" in only:
        n = 20_000 if args.quick else 100_000
        rows = throughput(n)
        parts += [
            "## Throughput, one pinned core (CPU time), synthetic stream",
            "",
            md_table(["stage", "articles", "articles/s", "memory (RSS) along the run"], rows),
            "",
        ]
    report = "\n".join(parts)
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    partial = args.quick or args.skip_throughput or args.only
    name = "clustering-quick.md" if partial else "clustering.md"
    (RESULTS / name).write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
