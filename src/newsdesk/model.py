"""The data that flows between stages.

Every stage takes these dataclasses and returns them; nothing else crosses a
stage boundary. They are plain data: no I/O, no database handles.

    RawDocument --extract--> Article --dedup--> DuplicateMatch
                                     --cluster--> Assignment --summarize--> Story
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime; naive values (as SQLite returns them) are taken as UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def normalize_text(text: str) -> str:
    """Text reduced to what identifies it: NFKC, lower case, words only."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def content_hash(text: str) -> str:
    """Hash of the normalized text: equal for exact copies that differ in markup or spacing."""
    return hashlib.sha256(normalize_text(text).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class RawDocument:
    """One page as it arrived, before anything is made of it.

    ``url`` is where it came from: an http(s) URL, or a ``file://`` URL for
    local files. ``content_type`` decides the extractor: ``text/html`` or
    ``text/plain`` (a text render of a page).
    """

    url: str
    content: bytes
    content_type: str = "text/html"
    fetched_at: datetime = field(default_factory=utcnow)
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    feed_category: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class Article:
    """A clean article pulled out of one page."""

    url: str
    title: str
    text: str
    fetched_at: datetime = field(default_factory=utcnow)
    subtitle: str | None = None
    author: str | None = None
    published: datetime | None = None
    dateline: str | None = None
    outlet: str | None = None
    section: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    rights: str | None = None
    image_url: str | None = None  # the lead image the page names (og:image, JSON-LD image)
    icon_url: str | None = None  # the outlet's icon (link rel=icon, else /favicon.ico)
    warnings: list[str] = field(default_factory=list)
    page_type: str = "article"
    """What the page is (``newsdesk.extract.pagetype.PAGE_TYPES``): ``article``, or a kind
    that is not news (``listing``, ``product``, ``service``, ``forum``, ``documentation``,
    ``collection``, ``error``); ``page_type_confidence`` (0..1) is how sure the gate is."""
    page_type_confidence: float = 1.0

    # Cached: both are read at every stage (dedup, clustering, store) and hash the whole text.
    # Articles are not mutated after extraction; dataclasses.replace makes a fresh instance.
    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @cached_property
    def id(self) -> str:
        """Stable id: the same page (by URL and body) always gets the same id."""
        key = f"{self.canonical_url or self.url}\n{self.content_hash}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]

    @property
    def when(self) -> datetime:
        """The time the article speaks for: its publish date, else when it was fetched."""
        return self.published or self.fetched_at

    def to_dict(self) -> dict:
        """JSON-ready fields (what ``newsdesk extract --json`` prints)."""
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "dateline": self.dateline,
            "outlet": self.outlet,
            "section": self.section,
            "language": self.language,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "text": self.text,
            "rights": self.rights,
            "fetched_at": self.fetched_at.isoformat(),
            "image_url": self.image_url,
            "icon_url": self.icon_url,
            "warnings": list(self.warnings),
            "page_type": self.page_type,
            "page_type_confidence": self.page_type_confidence,
        }


@dataclass(frozen=True)
class DuplicateMatch:
    """How an article relates to text already seen.

    ``group`` is the id of the near-duplicate group (the id of its first
    member); ``similarity`` the estimated Jaccard similarity to it; ``exact``
    is true when the normalized text is identical.
    """

    article_id: str
    group: str
    similarity: float
    exact: bool = False


@dataclass(frozen=True)
class Assignment:
    """The clustering decision for one article, kept so it can be explained.

    ``merged`` names open stories that this article showed to be the same
    event: they are folded into ``story_id``.
    """

    article_id: str
    story_id: str
    score: float
    new_story: bool
    features: dict[str, float] = field(default_factory=dict)
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class CopyLink:
    """Who copied whom: ``article_id`` carries text from ``source_id`` or credits ``credit``.

    ``how`` is ``exact``, ``near-duplicate`` (most of the text is shared),
    ``contained`` (one text holds the other), ``reuses`` (a rewrite keeping
    phrases of an earlier article) or ``credit`` (the page names its source).
    """

    article_id: str
    how: str
    source_id: str | None = None
    credit: str | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a story's text came from: its first article, origin, copies and their groups."""

    earliest: str
    origin: str | None
    links: list[CopyLink] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)

    def link(self, article_id: str) -> CopyLink | None:
        return next((link for link in self.links if link.article_id == article_id), None)


@dataclass(frozen=True)
class SummarySentence:
    """One summary sentence and the article it cites: quoted verbatim by the extractive
    summarizer, checked against the cited sentences on the LLM path."""

    text: str
    article_id: str


@dataclass
class Story:
    """One event, as reported by one or more articles."""

    id: str
    headline: str
    articles: list[Article]
    summary: list[SummarySentence] = field(default_factory=list)
    category: str | None = None
    related: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    origin: str | None = None
    updated_at: datetime = field(default_factory=utcnow)

    @property
    def first_seen(self) -> datetime:
        return min(a.when for a in self.articles)

    @property
    def last_seen(self) -> datetime:
        return max(a.when for a in self.articles)

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets, in order of first appearance."""
        seen: dict[str, None] = {}
        for a in sorted(self.articles, key=lambda a: a.when):
            seen.setdefault(a.outlet or "unknown", None)
        return list(seen)

    @property
    def languages(self) -> list[str]:
        """Distinct languages of the articles (``de`` for ``de-AT``), in order of first
        appearance; articles of unknown language are left out."""
        seen: dict[str, None] = {}
        for a in sorted(self.articles, key=lambda a: a.when):
            if a.language:
                seen.setdefault(a.language.replace("_", "-").split("-")[0].lower(), None)
        return list(seen)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
