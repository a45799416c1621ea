"""The JSON API (``/api/v1``): stories, articles, outlets, categories, search; two writes.

Reads are short local queries and run on the event loop (under the GIL a hop to
the thread pool costs more than they do); writes run in the thread pool.
Listings are paginated (``page``, ``per_page`` up to 100). Writes (adding a
page, adding a source to poll, re-running the story refresh) need
``Authorization: Bearer <token>`` with the token the server was started with;
without one they are disabled.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from newsdesk.model import Article, RawDocument
from newsdesk.render import story_dict
from newsdesk.render.common import web_link, web_url
from newsdesk.sources import SourceError
from newsdesk.sources.safety import door_problem
from newsdesk.sources.state import Registry, Source, source_target
from newsdesk.store.queries import (
    CATEGORY_SLUGS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    Page,
    StoryCard,
)
from newsdesk.web.app import Site
from newsdesk.web.guard import token_refusal

router = APIRouter(tags=["newsdesk"])
T = TypeVar("T")

PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page.")]
Slug = Annotated[str | None, Query(max_length=100, pattern=r"^[\w-]+$")]
StoryId = Annotated[str, Path(max_length=64)]


async def site(request: Request) -> Site:
    """The app's Site (an async dependency: no thread hop)."""
    return request.app.state.site


SiteDep = Annotated[Site, Depends(site)]


class Error(BaseModel):
    detail: str


ERROR = {"model": Error, "description": "What went wrong."}


class StoryCardOut(BaseModel):
    id: str
    headline: str
    category: str | None
    first_seen: datetime
    last_seen: datetime
    n_articles: int
    n_outlets: int
    teaser: str
    outlets: list[str]
    url: str = Field(description="The story's page on this site.")


class Paged(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
    pages: int
    next_page: int | None


class Citation(BaseModel):
    text: str
    article_id: str
    citation: int


WEB_ONLY = "An http(s) URL only: null for a page read from a local file."


class SourceArticle(BaseModel):
    citation: int
    id: str
    outlet: str | None
    title: str
    author: str | None
    published: datetime | None
    url: str | None = Field(description=f"The page's canonical address, else its own. {WEB_ONLY}")
    duplicate_of: str | None


class StoryOut(BaseModel):
    id: str
    headline: str
    category: str | None
    updated_at: datetime
    first_seen: datetime
    last_seen: datetime
    origin: str | None
    outlets: list[str]
    related: list[str]
    summary: list[Citation]
    sources: list[SourceArticle]
    url: str


class ArticleOut(BaseModel):
    id: str
    story_id: str
    title: str
    subtitle: str | None
    author: str | None
    published: datetime | None
    dateline: str | None
    outlet: str | None
    section: str | None
    language: str | None
    url: str | None = Field(description=f"Where the page came from. {WEB_ONLY}")
    canonical_url: str | None = Field(description=f"The address the page gives. {WEB_ONLY}")
    text: str
    rights: str | None
    fetched_at: datetime
    warnings: list[str]


class OutletOut(BaseModel):
    name: str
    slug: str
    n_articles: int
    n_stories: int
    last_seen: datetime | None


class CategoryOut(BaseModel):
    name: str
    slug: str
    n_stories: int


class DocumentIn(BaseModel):
    url: str = Field(
        min_length=1,
        max_length=2048,
        description="Where the page came from: an http(s) URL the fetcher would fetch.",
    )
    content: str = Field(max_length=2_000_000, description="The page: HTML or a text render.")
    content_type: Literal["text/html", "text/plain"] = "text/html"


class SourceIn(BaseModel):
    url: str = Field(
        max_length=2048,
        pattern=r"^[hH][tT][tT][pP][sS]?://",
        description="An http(s) URL the fetcher would fetch.",
    )
    kind: Literal["auto", "feed", "sitemap", "page", "warc"] = "auto"
    name: str | None = Field(None, max_length=200)
    interval: float | None = Field(None, gt=0, le=7 * 86400, description="Seconds between polls.")


class SourceOut(BaseModel):
    id: int
    url: str
    kind: str
    name: str | None
    interval: float | None


class IngestOut(BaseModel):
    new: int
    unchanged: int
    errors: list[str]
    stories_updated: int


class RefreshOut(BaseModel):
    stories_updated: int


def _card(card: StoryCard) -> StoryCardOut:
    return StoryCardOut(**{**card.__dict__, "outlets": list(card.outlets)}, url=story_path(card.id))


def _paged(page: Page[StoryCard]) -> Paged[StoryCardOut]:
    return Paged[StoryCardOut](
        items=[_card(c) for c in page.items],
        total=page.total,
        page=page.page,
        per_page=page.per_page,
        pages=page.pages,
        next_page=page.page + 1 if page.has_next else None,
    )


def story_path(story_id: str) -> str:
    return f"/story/{story_id}"


def _category(slug: str | None) -> str | None:
    if slug is None:
        return None
    if slug not in CATEGORY_SLUGS:
        raise HTTPException(404, f"unknown category {slug!r}")
    return CATEGORY_SLUGS[slug]


def _outlet(site: Site, slug: str | None) -> str | None:
    if slug is None:
        return None
    outlet = site.queries.outlet(slug)
    if outlet is None:
        raise HTTPException(404, f"unknown outlet {slug!r}")
    return outlet.name


@router.get("/stories", response_model=Paged[StoryCardOut], responses={404: ERROR})
async def list_stories(
    site: SiteDep,
    category: Slug = None,
    outlet: Slug = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> Paged[StoryCardOut]:
    """Stories newest first, optionally of one category or outlet (by slug)."""
    name = _category(category)
    return _paged(site.queries.latest(name, _outlet(site, outlet), page, per_page))


@router.get("/stories/{story_id}", response_model=StoryOut, responses={404: ERROR})
async def get_story(site: SiteDep, story_id: StoryId) -> StoryOut:
    """One story: summary with citations, every source, related story ids."""
    story = site.store.story(story_id)
    if story is None or not story.articles:
        raise HTTPException(404, f"no story {story_id!r}")
    data = story_dict(story)
    links = {a.id: web_link(a) for a in story.articles}
    data["sources"] = [{**s, "url": links[s["id"]]} for s in data["sources"]]
    return StoryOut(**data, url=story_path(story.id))


@router.get("/articles", response_model=Paged[ArticleOut], responses={404: ERROR})
async def list_articles(
    site: SiteDep,
    story: Annotated[str | None, Query(max_length=64)] = None,
    outlet: Slug = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> Paged[ArticleOut]:
    """Articles newest first, optionally of one story or outlet."""
    found = site.queries.articles(story, _outlet(site, outlet), page, per_page)
    return Paged[ArticleOut](
        items=[_article(a, s) for a, s in found.items],
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        pages=found.pages,
        next_page=found.page + 1 if found.has_next else None,
    )


@router.get("/articles/{article_id}", response_model=ArticleOut, responses={404: ERROR})
async def get_article(site: SiteDep, article_id: StoryId) -> ArticleOut:
    """One article as extracted, with its story id."""
    found = site.queries.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return _article(*found)


def _article(article: Article, story_id: str) -> ArticleOut:
    """An article for JSON: its links only where they are http(s)."""
    urls = {"url": web_url(article.url), "canonical_url": web_url(article.canonical_url)}
    return ArticleOut(**{**article.to_dict(), **urls}, story_id=story_id)


@router.get("/outlets", response_model=list[OutletOut])
async def list_outlets(site: SiteDep) -> list[OutletOut]:
    """Every outlet, most articles first."""
    return [OutletOut(**o.__dict__) for o in site.queries.outlets()]


@router.get("/categories", response_model=list[CategoryOut])
async def list_categories(site: SiteDep) -> list[CategoryOut]:
    """Every category in menu order, with its number of stories."""
    return [CategoryOut(**c.__dict__) for c in site.queries.categories()]


@router.get("/search", response_model=Paged[StoryCardOut])
async def search(
    site: SiteDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Words.")],
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> Paged[StoryCardOut]:
    """Stories whose articles contain every word of ``q``, best match first."""
    return _paged(site.queries.search(q, page, per_page))


bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


async def require_token(
    site: SiteDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Let a write through only with the configured token (``WriteGuard`` checked it first,
    before the body was read; this keeps the route safe wherever it is mounted)."""
    header = f"Bearer {credentials.credentials}" if credentials else None
    refusal = token_refusal(site.token, header)
    if refusal is not None:
        raise refusal


WRITE = {
    "dependencies": [Depends(require_token)],
    "responses": {401: ERROR, 403: ERROR},
}


def _check_door(site: Site, url: str) -> None:
    """422 for a URL the fetcher would never fetch: not http(s), or a refused literal address."""
    problem = door_problem(url, site.allow_private)
    if problem:
        raise HTTPException(422, problem)


@router.post(
    "/documents",
    response_model=IngestOut,
    dependencies=WRITE["dependencies"],
    responses={**WRITE["responses"], 422: ERROR},
)
def add_document(site: SiteDep, document: DocumentIn) -> IngestOut:
    """Ingest one page (HTML or text render) and refresh the stories it touches."""
    _check_door(site, document.url)
    raw = RawDocument(
        url=document.url,
        content=document.content.encode("utf-8", "replace"),
        content_type=document.content_type,
    )
    pipeline, lock = site.pipeline()
    with lock:
        report = pipeline.ingest([raw])
    site.forget()
    return IngestOut(
        new=report.new,
        unchanged=report.unchanged,
        errors=report.errors,
        stories_updated=report.stories_updated,
    )


@router.post(
    "/sources",
    response_model=SourceOut,
    status_code=201,
    dependencies=WRITE["dependencies"],
    responses={**WRITE["responses"], 409: ERROR, 422: ERROR},
)
def add_source(site: SiteDep, source: SourceIn) -> SourceOut:
    """Add a feed, sitemap, page or WARC URL for ``newsdesk watch`` to poll."""
    _check_door(site, source.url)
    registry = Registry(site.store)
    try:
        url, kind = source_target(source.url, source.kind)
        if any(s.url == url for s in registry.sources()):
            raise HTTPException(409, f"{url}: already a source")
        added = registry.add(Source(url, kind, source.name, source.interval))
    except SourceError as exc:
        raise HTTPException(422, str(exc)) from None
    return SourceOut(
        id=added.id, url=added.url, kind=added.kind, name=added.name, interval=added.interval
    )


@router.post("/refresh", response_model=RefreshOut, **WRITE)
def refresh(site: SiteDep) -> RefreshOut:
    """Re-summarize, re-classify and re-link every story that changed."""
    pipeline, lock = site.pipeline()
    with lock:
        updated = pipeline.refresh_stories()
    site.forget()
    return RefreshOut(stories_updated=updated)
