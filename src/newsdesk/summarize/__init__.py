"""Story summaries. ``ExtractiveSummarizer`` is the default and needs no model.

``summarizer_from_config`` picks one from newsdesk.toml::

    [summarize]
    sentences = 3            # at most this many sentences (0 = no limit)
    words = 110              # and at most this many words (0 = no limit)
    embeddings = false       # blend MiniLM similarity in (needs the embeddings extra)
    language = "en"          # the summary's language (default: the story's commonest)

    [summarize.llm]          # optional: any OpenAI-compatible chat endpoint
    url = "http://127.0.0.1:8080/v1"
    model = "qwen2.5-7b-instruct"
    api_key_env = "OPENAI_API_KEY"   # the environment variable holding the key
    timeout = 60

Without a ``[summarize.llm]`` url, ``$NEWSDESK_LLM_URL`` (with ``$NEWSDESK_LLM_MODEL``
and ``$NEWSDESK_LLM_KEY``) turns the LLM summarizer on too.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from newsdesk import embeddings
from newsdesk.config import Config, ConfigError
from newsdesk.model import Article, SummarySentence
from newsdesk.summarize.extractive import ExtractiveSummarizer, clean_headline, story_headline
from newsdesk.summarize.llm import LLMSettings, LLMSummarizer


class Summarizer(Protocol):
    """Anything that turns a story's articles into cited summary sentences."""

    def summarize(self, articles: list[Article]) -> list[SummarySentence]: ...


def summarizer_from_config(
    config: Config, sentences: int | None = None, words: int | None = None
) -> Summarizer:
    """The summarizer newsdesk.toml asks for; ``sentences``/``words`` override its length."""
    section = config.section("summarize")
    where = f"{config.path or 'config'}: [summarize]"
    max_sentences = _count(section, "sentences", 3, where) if sentences is None else sentences
    max_words = _count(section, "words", 110, where) if words is None else words
    if not max_sentences and not max_words:
        raise ConfigError(f"{where}: a summary needs a length (sentences or words above 0)")
    embedder = None
    if section.get("embeddings"):
        embedder = embeddings.required(where).encode
    language = section.get("language")
    if language is not None and not (isinstance(language, str) and language.strip()):
        raise ConfigError(f'{where}: language must be a language code such as "en"')
    extractive = ExtractiveSummarizer(
        max_sentences or None, max_words or None, embedder=embedder, language=language
    )
    llm = _llm_settings(config.section("summarize.llm"), f"{config.path or 'config'}")
    if llm is None:
        return extractive
    return LLMSummarizer(llm, max_sentences=max_sentences or 3, fallback=extractive)


def _count(section: dict[str, Any], key: str, default: int, where: str) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where}: {key} must be a whole number ≥ 0, not {value!r}")
    return value


def _llm_settings(section: dict[str, Any], where: str) -> LLMSettings | None:
    """``LLMSettings`` from ``[summarize.llm]`` or the environment; None when neither has a url."""
    url = section.get("url") or os.environ.get("NEWSDESK_LLM_URL")
    if not url:
        return None
    model = section.get("model") or os.environ.get("NEWSDESK_LLM_MODEL")
    if not isinstance(url, str) or not isinstance(model, str) or not model:
        raise ConfigError(f"{where}: [summarize.llm] needs a url and a model (strings)")
    key_env = section.get("api_key_env", "NEWSDESK_LLM_KEY")
    timeout = section.get("timeout", 60.0)
    if not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError(f"{where}: [summarize.llm] timeout must be a positive number")
    return LLMSettings(url, model, os.environ.get(str(key_env)), float(timeout))


__all__ = [
    "ExtractiveSummarizer",
    "LLMSettings",
    "LLMSummarizer",
    "Summarizer",
    "clean_headline",
    "story_headline",
    "summarizer_from_config",
]
