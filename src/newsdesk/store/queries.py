"""Read-side queries for the site, the API and the feeds: listings, rankings, search.

Listings return light ``StoryCard`` rows (no article bodies) so a page of
stories costs two queries whatever the size of the store. Full-text search
runs on SQLite's FTS5 index ``articles_fts`` (migration 0004, kept in step by
triggers) or on PostgreSQL's ``to_tsvector`` with the GIN index of the same
migration; both rank stories by their best-matching article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import Select, bindparam, func, select, text, update

from newsdesk.classify import CATEGORIES
from newsdesk.model import Article, as_utc
from newsdesk.nlp import STOPWORDS
from newsdesk.store.repository import Store, article_from_row
from newsdesk.store.schema import articles, stories

T = TypeVar("T")

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MAX_PER_PAGE = 100
MAX_PAGE = 1000
SEARCH_DEPTH = 1000  # best-matching articles ranked per query
TOP_WINDOW = 200
# Ranking: outlets count like log2, age halves the score every HALF_LIFE_HOURS.
HALF_LIFE_HOURS = 24.0
PG_TS_CONFIG = "english"
PG_DOCUMENT = f"to_tsvector('{PG_TS_CONFIG}', coalesce(title, '') || ' ' || text)"


def slugify(name: str) -> str:
    """URL slug of a category or outlet name: ``Science/Tech`` -> ``science-tech``."""
    return "-".join(re.findall(r"\w+", name.lower()))


CATEGORY_SLUGS = {slugify(c): c for c in CATEGORIES}
CARD_COLUMNS = (
    stories.c.id,
    stories.c.headline,
    stories.c.category,
    stories.c.first_seen,
    stories.c.last_seen,
    stories.c.n_articles,
    stories.c.n_outlets,
    stories.c.summary,
)


@dataclass(frozen=True)
class StoryCard:
    """What a listing shows of a story."""

    id: str
    headline: str
    category: str | None
    first_seen: datetime
    last_seen: datetime
    n_articles: int
    n_outlets: int
    teaser: str
    outlets: tuple[str, ...] = ()
    image: str | None = None  # id of the article whose lead image shows the story (/img/)
    image_url: str | None = None  # where that image is (fetched by the proxy, not the reader)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    n_articles: int
    n_stories: int
    last_seen: datetime | None


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    n_stories: int


@dataclass(frozen=True)
class StoryProfile:
    """The text a story is compared by when finding related stories."""

    id: str
    headline: str
    summary: str
    category: str | None
    last_seen: datetime
    titles: tuple[str, ...] = ()


def clamp_page(page: int, per_page: int) -> tuple[int, int]:
    """Page and page size within the limits (1..MAX_PAGE, 1..MAX_PER_PAGE)."""
    return min(max(page, 1), MAX_PAGE), min(max(per_page, 1), MAX_PER_PAGE)


class Queries:
    """Read-side queries over one Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # stories -----------------------------------------------------------------

    def _cards(self, query: Select) -> list[StoryCard]:
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
            ids = [r.id for r in rows]
            outlets: dict[str, list[str]] = {}
            images: dict[str, str] = {}
            if ids:
                first = func.min(func.coalesce(articles.c.published, articles.c.fetched_at))
                per_story = (
                    select(articles.c.story_id, articles.c.outlet)
                    .where(articles.c.story_id.in_(ids), articles.c.outlet.is_not(None))
                    .group_by(articles.c.story_id, articles.c.outlet)
                    .order_by(first)
                )
                for story_id, outlet in conn.execute(per_story):
                    outlets.setdefault(story_id, []).append(outlet)
                pictured = (  # the first reported article with a lead image
                    select(articles.c.story_id, articles.c.id, articles.c.image_url)
                    .where(articles.c.story_id.in_(ids), articles.c.image_url.is_not(None))
                    .order_by(
                        func.coalesce(articles.c.published, articles.c.fetched_at).desc(),
                        articles.c.id.desc(),
                    )
                )
                images = {row.story_id: (row.id, row.image_url) for row in conn.execute(pictured)}
        return [
            StoryCard(
                id=r.id,
                headline=r.headline,
                category=r.category,
                first_seen=as_utc(r.first_seen),
                last_seen=as_utc(r.last_seen),
                n_articles=r.n_articles,
                n_outlets=r.n_outlets,
                teaser=r.summary[0]["text"] if r.summary else "",
                outlets=tuple(outlets.get(r.id, ())),
                image=images.get(r.id, (None, None))[0],
                image_url=images.get(r.id, (None, None))[1],
            )
            for r in rows
        ]

    def _page(self, query: Select, page: int, per_page: int) -> Page[StoryCard]:
        page, per_page = clamp_page(page, per_page)
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).select_from(query.order_by(None).subquery())
            ).scalar_one()
        items = self._cards(query.limit(per_page).offset((page - 1) * per_page))
        return Page(items, total, page, per_page)

    def latest(
        self,
        category: str | None = None,
        outlet: str | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[StoryCard]:
        """Stories newest first, optionally of one category or with an article from one outlet."""
        query = select(*CARD_COLUMNS).order_by(stories.c.last_seen.desc(), stories.c.id)
        if category is not None:
            query = query.where(stories.c.category == category)
        if outlet is not None:
            members = select(articles.c.story_id).where(articles.c.outlet == outlet)
            query = query.where(stories.c.id.in_(members))
        return self._page(query, page, per_page)

    def top(self, limit: int = 10, window: int = TOP_WINDOW) -> list[StoryCard]:
        """The front page: recent stories ranked by independent outlets and freshness.

        Among the ``window`` most recent stories, each scores
        ``log2(1 + independent outlets) * 0.5 ** (age / HALF_LIFE_HOURS)``, age
        measured from the newest story, so an old store still has a front page.
        Independent outlets are those with an article that is not a copy of another.
        """
        recent = (
            select(stories.c.id, stories.c.last_seen)
            .order_by(stories.c.last_seen.desc(), stories.c.id)
            .limit(window)
        )
        with self.engine.connect() as conn:
            seen = {story_id: as_utc(last) for story_id, last in conn.execute(recent)}
            independent = (
                select(articles.c.story_id, func.count(func.distinct(articles.c.outlet)))
                .where(articles.c.story_id.in_(list(seen)), articles.c.dup_group == articles.c.id)
                .group_by(articles.c.story_id)
            )
            n_independent = {k: v for k, v in conn.execute(independent)}
        if not seen:
            return []
        newest = max(seen.values())

        def rank(story_id: str) -> tuple[float, float, str]:
            age = (newest - seen[story_id]).total_seconds() / 3600
            score = math.log2(1 + n_independent.get(story_id, 1)) * 0.5 ** (age / HALF_LIFE_HOURS)
            return -score, -seen[story_id].timestamp(), story_id

        return self.cards(sorted(seen, key=rank)[:limit])

    def cards(self, ids: list[str]) -> list[StoryCard]:
        """Cards for these story ids, in the order given (unknown ids are left out)."""
        if not ids:
            return []
        found = {c.id: c for c in self._cards(select(*CARD_COLUMNS).where(stories.c.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def categories(self) -> list[Category]:
        """Every category, in menu order, with how many stories it holds."""
        query = select(stories.c.category, func.count()).group_by(stories.c.category)
        with self.engine.connect() as conn:
            counts = {k: v for k, v in conn.execute(query)}
        return [Category(c, slugify(c), counts.get(c, 0)) for c in CATEGORIES]

    # outlets and articles ----------------------------------------------------

    def outlets(self) -> list[Outlet]:
        """Every outlet with its article and story counts, most articles first."""
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = (
            select(
                articles.c.outlet,
                func.count(),
                func.count(func.distinct(articles.c.story_id)),
                func.max(when),
            )
            .where(articles.c.outlet.is_not(None))
            .group_by(articles.c.outlet)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        out = [Outlet(r[0], slugify(r[0]), r[1], r[2], as_utc(r[3])) for r in rows]
        return sorted(out, key=lambda o: (-o.n_articles, o.name))

    def outlet(self, slug: str) -> Outlet | None:
        return next((o for o in self.outlets() if o.slug == slug), None)

    def articles(
        self,
        story_id: str | None = None,
        outlet: str | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> Page[tuple[Article, str]]:
        """Articles newest first with their story id, optionally of one story or outlet."""
        page, per_page = clamp_page(page, per_page)
        when = func.coalesce(articles.c.published, articles.c.fetched_at)
        query = select(articles).order_by(when.desc(), articles.c.id)
        if story_id is not None:
            query = query.where(articles.c.story_id == story_id)
        if outlet is not None:
            query = query.where(articles.c.outlet == outlet)
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).select_from(query.order_by(None).subquery())
            ).scalar_one()
            rows = conn.execute(query.limit(per_page).offset((page - 1) * per_page))
            items = [(article_from_row(r), r.story_id) for r in rows]
        return Page(items, total, page, per_page)

    def picture(self, article_id: str, kind: str) -> str | None:
        """The URL of an article's ``lead`` image or outlet ``icon``, if it has one."""
        column = articles.c.image_url if kind == "lead" else articles.c.icon_url
        with self.engine.connect() as conn:
            return conn.execute(select(column).where(articles.c.id == article_id)).scalar()

    def article(self, article_id: str) -> tuple[Article, str] | None:
        """One article with its story id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        return (article_from_row(row), row.story_id) if row else None

    # search ------------------------------------------------------------------

    def search(self, query: str, page: int = 1, per_page: int = 20) -> Page[StoryCard]:
        """Stories whose articles match every word of ``query``, best match first.

        Only the SEARCH_DEPTH best-matching articles are ranked (a query that matches
        half the store would otherwise cost a scan of it): ``total`` counts the stories
        among them.
        """
        page, per_page = clamp_page(page, per_page)
        tokens = search_terms(query)
        if not tokens:
            return Page([], 0, page, per_page)
        if self.engine.dialect.name == "postgresql":
            matches = (
                "SELECT story_id, max(score) AS score FROM ("
                f"SELECT story_id, ts_rank({PG_DOCUMENT}, q) AS score "
                f"FROM articles, to_tsquery('{PG_TS_CONFIG}', :q) AS q WHERE {PG_DOCUMENT} @@ q "
                "ORDER BY score DESC LIMIT :depth) AS hits GROUP BY story_id"
            )
            params = {"q": " & ".join(tokens), "depth": SEARCH_DEPTH}
            order = "score DESC"
        else:
            matches = (
                "SELECT story_id, min(score) AS score FROM ("
                "SELECT story_id, rank AS score FROM articles_fts WHERE articles_fts MATCH :q "
                "ORDER BY rank LIMIT :depth) AS hits GROUP BY story_id"
            )
            params = {"q": " ".join(f'"{t}"' for t in tokens), "depth": SEARCH_DEPTH}
            order = "score ASC"
        ranked = text(
            f"SELECT story_id, count(*) OVER () AS total FROM ({matches}) AS m "
            f"ORDER BY {order}, story_id LIMIT :limit OFFSET :offset"
        )
        window = {"limit": per_page, "offset": (page - 1) * per_page}
        with self.engine.connect() as conn:
            rows = list(conn.execute(ranked, {**params, **window}))
            if rows:
                total = rows[0].total
            else:  # past the last page: count on its own
                counted = text(f"SELECT count(*) FROM ({matches}) AS m")
                total = conn.execute(counted, params).scalar_one()
        ids = [r.story_id for r in rows]
        return Page(self.cards(ids), total, page, per_page)

    # related -----------------------------------------------------------------

    def profiles(self, limit: int, include: list[str] = ()) -> list[StoryProfile]:
        """Headline, summary and article titles of the ``limit`` newest stories and ``include``."""
        columns = (
            stories.c.id,
            stories.c.headline,
            stories.c.summary,
            stories.c.category,
            stories.c.last_seen,
        )
        newest = stories.c.last_seen.desc(), stories.c.id
        with self.engine.connect() as conn:
            rows = list(conn.execute(select(*columns).order_by(*newest).limit(limit)))
            missing = set(include) - {r.id for r in rows}
            if missing:
                query = select(*columns).where(stories.c.id.in_(missing)).order_by(*newest)
                rows += list(conn.execute(query))
            titles: dict[str, list[str]] = {}
            ids = [r.id for r in rows]
            for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
                query = select(articles.c.story_id, articles.c.title).where(
                    articles.c.story_id.in_(ids[start : start + 900])
                )
                for story_id, title in conn.execute(query):
                    titles.setdefault(story_id, []).append(title)
        return [
            StoryProfile(
                r.id,
                r.headline,
                " ".join(s["text"] for s in r.summary),
                r.category,
                as_utc(r.last_seen),
                tuple(titles.get(r.id, ())),
            )
            for r in rows
        ]

    def set_related(self, related: dict[str, list[str]]) -> None:
        """Store each story's related story ids."""
        if not related:
            return
        statement = (
            update(stories)
            .where(stories.c.id == bindparam("story_id"))
            .values(related=bindparam("ids"))
        )
        with self.engine.begin() as conn:
            conn.execute(statement, [{"story_id": k, "ids": v} for k, v in related.items()])


def search_terms(query: str) -> list[str]:
    """The words of a user's query, safe to quote into FTS syntax: no operators, stopwords
    dropped (unless that leaves nothing), at most MAX_QUERY_TERMS."""
    found = re.findall(r"\w+", query[:MAX_QUERY_CHARS].lower())
    content = [w for w in found if w not in STOPWORDS]
    return (content or found)[:MAX_QUERY_TERMS]
