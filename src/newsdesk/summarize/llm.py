"""Optional LLM summaries, checked against the sources, with the extractive one as fallback.

Any OpenAI-compatible chat endpoint works (llama.cpp server, vLLM, Ollama, a hosted
API): ``POST {url}/chat/completions``. The model never sees whole articles: it gets the
story's best sentences, picked by the extractive summarizer and numbered, and must write
a few sentences, each ending with the numbers of the sentences it rests on (``[2][5]``).

The answer is then checked, and rejected in favour of the extractive summary when

- a sentence cites nothing, cites a number it was not given, or shares too few content
  words with what it cites (the citation does not hold);
- it holds a number or a name (a capitalized phrase: ``newsdesk.nlp.entities``) that
  none of the story's articles contains;
- the endpoint fails, times out or answers something that is not a chat completion.

Each sentence is attributed to the article of the first sentence it cites.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import httpx

from newsdesk.model import Article, SummarySentence
from newsdesk.nlp import entities, sentences, terms, words
from newsdesk.summarize.extractive import ExtractiveSummarizer

log = logging.getLogger(__name__)

_CITED = re.compile(r"^(?P<text>.*?\S)\s*(?P<cites>(?:\[\s*\d+(?:\s*,\s*\d+)*\s*\]\s*)+)[.!?]?$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ENUMERATOR = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
SYSTEM_PROMPT = (
    "You summarize news stories for a digest. You are given numbered sentences taken "
    "verbatim from the articles of one story. Write {n} short sentences that together "
    "summarize the story, one per line, in plain text. Use only facts stated in the given "
    "sentences: no other names, numbers or dates. End every sentence with the numbers of "
    "the sentences it draws on, in brackets, like [2] or [1][4]."
)


class LLMError(RuntimeError):
    """The endpoint failed or its answer was rejected; the message says why."""


@dataclass(frozen=True)
class LLMSettings:
    """Where the endpoint is and how to call it (``[summarize.llm]`` in newsdesk.toml)."""

    url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    temperature: float = 0.2


class LLMSummarizer:
    """Summaries written by a chat model from numbered extracted sentences.

    ``max_sentences`` is the length of the summary, ``pool`` how many extracted
    sentences the model is shown, ``min_support`` the share of a sentence's content
    words that must appear in the sentences it cites. ``fallback`` (by default an
    ``ExtractiveSummarizer`` of the same length) gives the summary when the model's is
    rejected.
    """

    def __init__(
        self,
        settings: LLMSettings,
        max_sentences: int = 3,
        pool: int = 12,
        min_support: float = 0.5,
        fallback: ExtractiveSummarizer | None = None,
    ) -> None:
        self.settings = settings
        self.max_sentences = max_sentences
        self.min_support = min_support
        self.fallback = fallback or ExtractiveSummarizer(max_sentences=max_sentences)
        self.extractor = ExtractiveSummarizer(max_sentences=pool, max_words=None)
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self.client = httpx.Client(
            base_url=settings.url.rstrip("/"),
            headers=headers,
            timeout=settings.timeout,
        )

    def summarize(self, articles: list[Article]) -> list[SummarySentence]:
        """The model's summary if it passes every check, else the extractive one."""
        extracted = self.extractor.summarize(articles)
        if len(extracted) <= 1:
            return self.fallback.summarize(articles)
        try:
            answer = self.complete(prompt(extracted))
            return check(answer, extracted, articles, self.min_support)[: self.max_sentences]
        except LLMError as exc:
            story = articles[0].title or articles[0].url if articles else "empty story"
            log.warning("LLM summary of %r rejected, using the extractive one: %s", story, exc)
            return self.fallback.summarize(articles)

    def complete(self, user: str) -> str:
        """The model's reply to one user message (raises ``LLMError``)."""
        body = {
            "model": self.settings.model,
            "temperature": self.settings.temperature,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT.format(n=self.max_sentences)},
                {"role": "user", "content": user},
            ],
        }
        try:
            response = self.client.post("/chat/completions", json=body)
            response.raise_for_status()
            return str(response.json()["choices"][0]["message"]["content"])
        except httpx.HTTPError as exc:
            raise LLMError(f"{self.settings.url}: {exc}") from exc
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError(f"{self.settings.url}: not a chat completion ({exc!r})") from exc

    def close(self) -> None:
        self.client.close()


def prompt(extracted: list[SummarySentence]) -> str:
    """The user message: the extracted sentences, numbered from 1."""
    lines = [f"[{i}] {s.text}" for i, s in enumerate(extracted, 1)]
    return "Sentences:\n" + "\n".join(lines)


def check(
    answer: str,
    extracted: list[SummarySentence],
    articles: list[Article],
    min_support: float = 0.5,
) -> list[SummarySentence]:
    """The answer's sentences with their citations, or ``LLMError`` naming the first fault."""
    source_text = "\n".join(a.text for a in articles)
    known_words = set(words(source_text))
    known_numbers = {_plain(n) for n in _NUMBER.findall(source_text)}
    out: list[SummarySentence] = []
    for line in _lines(answer):
        match = _CITED.match(line)
        if not match:
            raise LLMError(f"sentence without citations: {line!r}")
        text = match.group("text").rstrip()
        text = text if text.endswith((".", "!", "?", '"', "”")) else text + "."
        cited = [int(n) for n in re.findall(r"\d+", match.group("cites"))]
        if any(not 1 <= n <= len(extracted) for n in cited):
            raise LLMError(f"cites a sentence it was not given: {line!r}")
        for number in _NUMBER.findall(text):
            if _plain(number) not in known_numbers:
                raise LLMError(f"number {number!r} is in no source: {line!r}")
        for entity in entities(text):  # numbers among them were checked above
            if not _NUMBER.fullmatch(entity) and not set(words(entity)) <= known_words:
                raise LLMError(f"name {entity!r} is in no source: {line!r}")
        support = set(terms(" ".join(extracted[n - 1].text for n in cited)))
        own = set(terms(text))
        if own and len(own & support) / len(own) < min_support:
            raise LLMError(f"citations do not support the sentence: {line!r}")
        out.append(SummarySentence(text, extracted[cited[0] - 1].article_id))
    if not out:
        raise LLMError("empty answer")
    return out


def _lines(answer: str) -> list[str]:
    """Answer sentences: one per line, else the sentences of the whole answer."""
    lines = [_ENUMERATOR.sub("", line).strip() for line in answer.strip().splitlines()]
    lines = [line for line in lines if line]
    return lines if len(lines) > 1 else sentences(" ".join(lines))


def _plain(number: str) -> str:
    """A number without thousands separators or a trailing point: "1,800" -> "1800"."""
    return number.replace(",", "").rstrip(".")
