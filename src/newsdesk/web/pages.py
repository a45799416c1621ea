"""The HTML pages and the feeds: front page, categories, stories, outlets, search."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsdesk.model import Article, Story
from newsdesk.render.common import (
    attribution,
    lead,
    representative,
    sources,
)
from newsdesk.render.feeds import FEED_FORMATS, story_feed
from newsdesk.sources.opml import exported_feeds, write_opml
from newsdesk.sources.state import Registry
from newsdesk.store.queries import (
    CATEGORY_SLUGS,
    MAX_QUERY_CHARS,
    Page,
    StoryCard,
    slugify,
)
from newsdesk.web.api import PageNumber, SiteDep, story_path
from newsdesk.web.app import Site
from newsdesk.web.images import ImageUnavailable

router = APIRouter(include_in_schema=False)
SearchQuery = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]
FeedFormat = Literal["atom", "rss"]
TOP_STORIES = 10
PER_PAGE = 20
FEED_SIZE = 30


@dataclass
class Source:
    """One entry of a story's Read More list, with the near-duplicate copies folded under it."""

    number: int
    article: Article
    copies: list[Source] = field(default_factory=list)


@dataclass
class Moment:
    """One line of the coverage timeline."""

    when: datetime
    after: str
    number: int
    article: Article


def read_more(story: Story, ordered: list[Article]) -> tuple[list[Source], dict[str, int]]:
    """The Read More list and the number each article is cited by.

    Originals come in publication order, numbered 1..k with no gaps; a near-duplicate
    sits folded under the original it copies and is numbered after all the originals,
    so the visible list never skips a number.
    """
    entries = {a.id: Source(0, a) for a in ordered}
    top: list[Source] = []
    for article_id, entry in entries.items():
        original = story.duplicates.get(article_id)
        if original in entries and original != article_id:
            entries[original].copies.append(entry)
        else:
            top.append(entry)
    for number, entry in enumerate([*top, *(c for e in top for c in e.copies)], start=1):
        entry.number = number
    return top, {article_id: entry.number for article_id, entry in entries.items()}


def _elapsed(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"+{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"+{hours} h {minutes:02d} min"
    return f"+{hours // 24} days"


def timeline(ordered: list[Article], numbers: dict[str, int]) -> list[Moment]:
    """Every article in order of publication, with the time since the first."""
    start = ordered[0].when
    return [
        Moment(
            a.when, _elapsed((a.when - start).total_seconds()) if i else "first", numbers[a.id], a
        )
        for i, a in enumerate(ordered)
    ]


def cached(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Serve a page handler's response through the site's short-lived cache, on the event
    loop like the API's reads (see ``newsdesk.web.api``)."""

    @functools.wraps(handler)
    async def serve(**params) -> Response:
        return params["site"].cached(params["request"], lambda: handler(**params))

    return serve


def _listing(
    site: Site,
    request: Request,
    title: str,
    page: Page[StoryCard] | None,
    feed: str | None = None,
    **extra,
) -> HTMLResponse:
    return site.page(request, "listing.html", {"title": title, "page": page, "feed": feed, **extra})


@router.get("/", response_class=HTMLResponse)
@cached
def front_page(request: Request, site: SiteDep, page: PageNumber = 1) -> HTMLResponse:
    """Top stories by outlets and freshness, then all stories newest first, a page at a time.

    Page 1 leaves out of its Latest the top stories shown above it; page n > 1 is the
    n-th page of the newest-first listing, so paging on never skips or repeats a story.
    """
    top = site.queries.top(TOP_STORIES) if page == 1 else []
    shown = {c.id for c in top}
    latest = site.queries.latest(page=page, per_page=PER_PAGE)
    context = {
        "top": top,
        "latest": [c for c in latest.items if c.id not in shown],
        "page": latest,
        "feed": "/feed.atom",
    }
    return site.page(request, "front.html", context)


def _category_name(slug: str) -> str:
    if slug not in CATEGORY_SLUGS:
        raise HTTPException(404, f"There is no category “{slug}”.")
    return CATEGORY_SLUGS[slug]


@router.get("/category/{slug}", response_class=HTMLResponse)
@cached
def category_page(request: Request, site: SiteDep, slug: str, page: PageNumber = 1) -> HTMLResponse:
    name = _category_name(slug)
    found = site.queries.latest(category=name, page=page, per_page=PER_PAGE)
    return _listing(site, request, name, found, feed=f"/category/{slug}/feed.atom", current=slug)


@router.get("/outlets", response_class=HTMLResponse)
@cached
def outlets_page(request: Request, site: SiteDep) -> HTMLResponse:
    return site.page(request, "outlets.html", {"outlets": site.queries.outlets()})


@router.get("/outlet/{slug}", response_class=HTMLResponse)
@cached
def outlet_page(request: Request, site: SiteDep, slug: str, page: PageNumber = 1) -> HTMLResponse:
    outlet = site.queries.outlet(slug)
    if outlet is None:
        raise HTTPException(404, f"There is no outlet “{slug}”.")
    found = site.queries.latest(outlet=outlet.name, page=page, per_page=PER_PAGE)
    return _listing(site, request, outlet.name, found, outlet=outlet)


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request, site: SiteDep, q: SearchQuery = "", page: PageNumber = 1
) -> HTMLResponse:
    found = site.queries.search(q, page, PER_PAGE) if q.strip() else None
    feed = f"/search/feed.atom?{request.url.query}" if q.strip() else None
    title = f"Search: {q}" if q.strip() else "Search"
    return _listing(site, request, title, found, feed=feed, query=q, searching=True)


@router.get("/story/{story_id}", response_class=HTMLResponse)
@cached
def story_page(request: Request, site: SiteDep, story_id: str) -> HTMLResponse:
    story = site.store.story(story_id)
    if story is None or not story.articles:
        raise HTTPException(404, "There is no such story. It may have been merged into another.")
    main = representative(story)
    ordered = sources(story)
    entries, numbers = read_more(story, ordered)
    context = {
        "story": story,
        "numbers": numbers,
        "read_more": entries,
        "timeline": timeline(ordered, numbers),
        "related": site.queries.cards(story.related),
        "lead": lead(main),
        "picture": next((a for a in [main, *ordered] if site.images.usable(a.image_url)), None),
        "lead_by": attribution(main),
        "n_copies": len(story.duplicates),
        "current": slugify(story.category) if story.category else None,
    }
    return site.page(request, "story.html", context)


@router.get("/img/{article_id}/{kind}")
async def picture(site: SiteDep, article_id: str, kind: Literal["lead", "icon"]) -> Response:
    """An article's lead image or its outlet's icon, through the proxy (never a redirect)."""
    url = site.queries.picture(article_id, kind) if len(article_id) <= 32 else None
    if url is None:
        return Response("no such picture", status_code=404, media_type="text/plain")
    try:
        content, media_type = await site.images.get(url)
    except ImageUnavailable:
        return Response("picture not available", status_code=404, media_type="text/plain")
    return Response(
        content, media_type=media_type, headers={"cache-control": "public, max-age=86400"}
    )


@router.get("/sources.opml")
def sources_opml(site: SiteDep) -> Response:
    """The site's feeds as an OPML download, for a reader to subscribe to the same outlets."""
    body = write_opml(exported_feeds(Registry(site.store)))
    return Response(
        body,
        media_type="text/x-opml; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="newsdesk-sources.opml"'},
    )


# feeds -----------------------------------------------------------------------


def _feed(request: Request, site: Site, cards: list[StoryCard], fmt: str, title: str) -> Response:
    by_id = {s.id: s for s in site.store.stories(ids=[c.id for c in cards])}
    base = str(request.base_url).rstrip("/")
    body = story_feed(
        [by_id[c.id] for c in cards if c.id in by_id],
        fmt,
        title=title,
        site_url=f"{base}/",
        self_url=str(request.url),
        story_url=lambda story: base + story_path(story.id),
    )
    return Response(body, media_type=f"{FEED_FORMATS[fmt]}; charset=utf-8")


@router.get("/feed.{fmt}")
@cached
def feed_all(request: Request, site: SiteDep, fmt: FeedFormat) -> Response:
    cards = site.queries.latest(per_page=FEED_SIZE).items
    return _feed(request, site, cards, fmt, "newsdesk: all stories")


@router.get("/category/{slug}/feed.{fmt}")
@cached
def feed_category(request: Request, site: SiteDep, slug: str, fmt: FeedFormat) -> Response:
    name = _category_name(slug)
    cards = site.queries.latest(category=name, per_page=FEED_SIZE).items
    return _feed(request, site, cards, fmt, f"newsdesk: {name}")


@router.get("/search/feed.{fmt}")
@cached
def feed_search(
    request: Request,
    site: SiteDep,
    fmt: FeedFormat,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
) -> Response:
    cards = site.queries.search(q, per_page=FEED_SIZE).items
    return _feed(request, site, cards, fmt, f"newsdesk: search for {q}")
