"""Summarization benchmark: newsdesk's summarizer side by side with LEAD-3 and sumy.

Data (read from ``../shared`` beside the repository, never copied into it):

- ``bench/summarization/multinews-val250``: 250 multi-document news stories (2-10
  articles) with a professional summary of about 260 words. Compared at the reference
  length: every system gets the same budget of words (the mean reference length).
- ``bench/summarization/cnndm-gpt4-val``: 100 CNN/DailyMail articles with GPT-4
  summaries of 3-4 sentences. Every system picks 3 sentences.
- The demo corpus stories, with the reference summaries of ``demo/truth.json``
  (3 sentences).

Every system works on the same sentences (``newsdesk.nlp.sentences``: nupunkt, offline)
and the same length rule: sentences are taken best first, a sentence that would overshoot
the word budget is skipped. sumy's default tokenizer needs NLTK's punkt data, which cannot
be downloaded here: sumy gets the same nupunkt sentences and a regex word tokenizer, and
its Snowball English stemmer and stop words (both ship with sumy / NLTK's code).

Scores: ROUGE-1/2/Lsum F1 (Google's ``rouge-score``, stemming on, summary and reference
sentences on separate lines for Lsum), mean length in words and sentences,
faithfulness: the share of summary sentences found verbatim in one of the sources, and
furniture: how many summary sentences are on the set's furniture list (sentences its
documents share across three or more stories: crawl notices, "Tweet with a location",
newsletter prompts).
Each set is scored on its ``tune`` half (even index: the half the weights were tuned on),
its ``held-out`` half (odd index) and in full.

    python bench/summarization.py            # writes bench/results/summarization.md
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, RESULTS, SHARED, md_table, pin_one_core, require  # noqa: E402

from newsdesk.model import Article  # noqa: E402
from newsdesk.nlp import sentences as split_sentences  # noqa: E402
from newsdesk.nlp import words  # noqa: E402
from newsdesk.summarize import ExtractiveSummarizer  # noqa: E402

DATA = SHARED / "bench" / "summarization"
HI_MAP = {"rouge1": 43.47, "rouge2": 14.89}


@dataclass
class Example:
    """One story: its articles, the reference summary and the length budget."""

    id: str
    articles: list[Article]
    reference: str
    max_sentences: int | None
    max_words: int | None


# --- data -------------------------------------------------------------------------------


def _paragraphs(text: str) -> str:
    """Blank-line paragraphs, whatever whitespace the data set put around its newlines."""
    return "\n\n".join(p.strip() for p in re.split(r"\s*\n\s*\n\s*", text) if p.strip())


def load_multinews() -> list[Example]:
    rows = [json.loads(line) for line in (DATA / "multinews-val250" / "validation.jsonl").open()]
    budget = round(statistics.mean(len(r["summary"].split()) for r in rows))
    return [
        Example(
            r["id"],
            [
                Article(url=f"mn://{r['id']}/{i}", title="", text=_paragraphs(d))
                for i, d in enumerate(r["documents"])
                if d.strip()
            ],
            r["summary"].lstrip("–- "),
            None,
            budget,
        )
        for r in rows
    ]


def load_cnndm() -> list[Example]:
    path = DATA / "cnndm-gpt4-val" / "val.jsonl"
    return [
        Example(
            f"cnndm-{i}",
            [Article(url=f"cnndm://{i}", title="", text=_paragraphs(r["article"]))],
            r["abstract"],
            3,
            None,
        )
        for i, r in enumerate(json.loads(line) for line in path.open())
    ]


def load_demo() -> list[Example]:
    truth = json.loads((REPO / "src" / "newsdesk" / "demo" / "truth.json").read_text("utf-8"))
    from datetime import datetime

    out = []
    for story_id, story in sorted(truth["stories"].items()):
        pages = [p for p in truth["pages"] if p["story"] == story_id and p.get("body")]
        if not pages or not story.get("reference_summary"):
            continue
        articles = [
            Article(
                url=p["url"],
                title=p["title"],
                text=p["body"],
                outlet=p["outlet"],
                published=datetime.fromisoformat(p["published"]) if p.get("published") else None,
            )
            for p in pages
        ]
        out.append(Example(story_id, articles, story["reference_summary"], 3, None))
    return out


SETS: dict[str, tuple[Callable[[], list[Example]], Path]] = {
    "multinews-val250": (load_multinews, DATA / "multinews-val250"),
    "cnndm-gpt4-val": (load_cnndm, DATA / "cnndm-gpt4-val"),
    "demo": (load_demo, REPO / "src" / "newsdesk" / "demo" / "truth.json"),
}


# --- systems ----------------------------------------------------------------------------


def fill(ranked: list[str], max_sentences: int | None, max_words: int | None) -> list[str]:
    """Best-first sentences up to the budget; one that would overshoot the words is skipped."""
    chosen: list[str] = []
    n_words = 0
    for sentence in ranked:
        if max_sentences and len(chosen) >= max_sentences:
            break
        length = len(sentence.split())
        if max_words and chosen and n_words + length > max_words:
            continue
        chosen.append(sentence)
        n_words += length
    return chosen


def doc_sentences(example: Example) -> list[list[str]]:
    return [split_sentences(a.text) for a in example.articles]


def lead(example: Example) -> list[str]:
    """LEAD-3: first sentences of each article, round-robin over the articles."""
    docs = doc_sentences(example)
    ranked = [doc[i] for i in range(max(map(len, docs), default=0)) for doc in docs if i < len(doc)]
    return fill(ranked, example.max_sentences, example.max_words)


class OfflineTokenizer:
    """A sumy tokenizer that needs no NLTK data: nupunkt sentences, regex words."""

    language = "english"
    _WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*", re.UNICODE)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


def sumy_system(name: str) -> Callable[[Example], list[str]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}
    summarizer = cls[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = OfflineTokenizer()

    def run(example: Example) -> list[str]:
        paragraphs = [
            Paragraph([Sentence(s, tokenizer) for s in doc]) for doc in doc_sentences(example)
        ]
        document = ObjectDocumentModel(paragraphs)
        n_sentences = len(document.sentences)
        ranked: list[str] = []

        def take_all(infos):  # sumy hands over every sentence, best first
            ranked.extend(str(i.sentence) for i in infos)
            return infos

        summarizer(document, take_all if n_sentences else 0)
        return fill(ranked, example.max_sentences, example.max_words)

    return run


def newsdesk_system(**options) -> Callable[[Example], list[str]]:
    def run(example: Example) -> list[str]:
        summarizer = ExtractiveSummarizer(
            max_sentences=example.max_sentences, max_words=example.max_words, **options
        )
        return [s.text for s in summarizer.summarize(example.articles)]

    return run


def systems() -> dict[str, Callable[[Example], list[str]]]:
    out: dict[str, Callable[[Example], list[str]]] = {"newsdesk": newsdesk_system()}
    try:  # the optional MiniLM extra (newsdesk.embeddings)
        from newsdesk.embeddings import load
    except ImportError:
        load = None
    model = load() if load else None
    if model is not None:
        out["newsdesk+minilm"] = newsdesk_system(embedder=model.encode)
    out["LEAD-3"] = lead
    for name in ("lexrank", "textrank", "lsa"):
        out[f"sumy {name}"] = sumy_system(name)
    return out


# --- scoring ----------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _key(sentence: str) -> str:
    return " ".join(words(sentence))


def furniture_list(examples: list[Example], stories: int = 3) -> set[str]:
    """Sentences of the set's documents found in ``stories`` or more different stories:
    what one story's documents share with unrelated ones is the sites' furniture (crawl
    notices, "Tweet with a location", newsletter and sign-in prompts), not news."""
    where: dict[str, set[str]] = {}
    for example in examples:
        for article in example.articles:
            for sentence in split_sentences(article.text):
                where.setdefault(_key(sentence), set()).add(example.id)
    return {key for key, ids in where.items() if key and len(ids) >= stories}


def score_set(
    examples: list[Example], system: Callable[[Example], list[str]], furniture: set[str]
) -> list[dict]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    rows = []
    for example in examples:
        summary = system(example)
        sources = [_squash(a.text) for a in example.articles]
        verbatim = sum(any(_squash(s) in src for src in sources) for s in summary)
        reference = "\n".join(split_sentences(example.reference))
        scores = scorer.score(reference, "\n".join(summary))
        rows.append(
            {
                **{k: 100 * v.fmeasure for k, v in scores.items()},
                "words": sum(len(s.split()) for s in summary),
                "sentences": len(summary),
                "faithful": verbatim / len(summary) if summary else 1.0,
                "furniture": sum(_key(s) in furniture for s in summary),
            }
        )
    return rows


def mean(rows: list[dict], key: str) -> float:
    return statistics.mean(r[key] for r in rows) if rows else 0.0


def speed(examples: list[Example]) -> float:
    """Single-article summaries per second on one core (default settings)."""
    summarizer = ExtractiveSummarizer()
    articles = [e.articles[0] for e in examples]
    start = time.perf_counter()
    rounds = 3
    for _ in range(rounds):
        for article in articles:
            summarizer.summarize([article])
    return rounds * len(articles) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--systems", nargs="*", help="only these systems")
    parser.add_argument("--out", default=str(RESULTS / "summarization.md"))
    args = parser.parse_args()
    core = pin_one_core()
    chosen = systems()
    if args.systems:
        chosen = {k: v for k, v in chosen.items() if k in args.systems}
    sections = [
        "# Summarization benchmark\n",
        "ROUGE F1 (rouge-score, stemming on) ×100. `tune` = even-indexed examples (the half "
        "the summarizer's weights were tuned on), `held-out` = odd-indexed. sumy runs with an "
        "offline tokenizer (nupunkt sentences + regex words) because its default needs NLTK "
        "punkt data that cannot be downloaded; every system sees the same sentences and the "
        "same length rule. Faithful = share of summary sentences found verbatim in a source.\n",
    ]
    cnndm: list[Example] = []
    for set_name in args.sets:
        loader, path = SETS[set_name]
        require(path, f"{set_name} data")
        examples = loader()
        if set_name == "cnndm-gpt4-val":
            cnndm = examples
        budget = examples[0].max_words or examples[0].max_sentences
        unit = "words" if examples[0].max_words else "sentences"
        furniture = furniture_list(examples)
        table = []
        for name, system in chosen.items():
            start = time.perf_counter()
            rows = score_set(examples, system, furniture)
            elapsed = time.perf_counter() - start
            halves = {"tune": rows[0::2], "held-out": rows[1::2], "all": rows}
            for half, part in halves.items():
                if set_name == "demo" and half != "all":
                    continue
                table.append(
                    [
                        name,
                        half,
                        *(f"{mean(part, k):.2f}" for k in ("rouge1", "rouge2", "rougeLsum")),
                        f"{mean(part, 'words'):.0f}",
                        f"{mean(part, 'sentences'):.1f}",
                        f"{100 * mean(part, 'faithful'):.0f}%",
                        str(sum(r["furniture"] for r in part)),
                        f"{elapsed:.1f}" if half == "all" else "",
                    ]
                )
            print(set_name, name, f"R1 {mean(rows, 'rouge1'):.2f} R2 {mean(rows, 'rouge2'):.2f}")
        header = [
            "system",
            "half",
            "R-1",
            "R-2",
            "R-Lsum",
            "words",
            "sents",
            "faithful",
            "furniture",
            "s",
        ]
        sections.append(
            f"## {set_name} ({len(examples)} stories, budget {budget} {unit})\n\n"
            + md_table(header, table)
            + f"\n\nFurniture: summary sentences found in the list of {len(furniture)} "
            "sentences that the set's documents share across 3 or more stories.\n"
        )
        if set_name == "multinews-val250":
            sections.append(
                f"Published anchor (full test set, abstractive, trained): Hi-MAP R-1 "
                f"{HI_MAP['rouge1']}, R-2 {HI_MAP['rouge2']}.\n"
            )
    if cnndm:
        rate = speed(cnndm)
        sections.append(
            f"## Speed\n\nnewsdesk extractive, default settings, single CNN/DM articles: "
            f"**{rate:.0f} summaries/s** on one core (core {core}).\n"
        )
        print(f"speed {rate:.0f} summaries/s")
    text = "\n".join(sections)
    Path(args.out).write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
