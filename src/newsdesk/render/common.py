"""What every format shows of a story: its sources in order, citations, the lead."""

from __future__ import annotations

from newsdesk.model import Article, Story

LEAD_WORDS = 120


def sources(story: Story) -> list[Article]:
    """The story's articles in the order they are numbered: first published first."""
    return sorted(story.articles, key=lambda a: (a.when, a.id))


def citation_numbers(story: Story) -> dict[str, int]:
    """article id -> its number in the Read More list (1-based)."""
    return {a.id: i for i, a in enumerate(sources(story), start=1)}


def representative(story: Story) -> Article:
    """The article whose headline the story carries, else the earliest."""
    ordered = sources(story)
    return next((a for a in ordered if a.title and a.title in story.headline), ordered[0])


def lead(article: Article, max_words: int = LEAD_WORDS) -> list[str]:
    """The opening paragraphs of an article, at least one, up to ``max_words``."""
    out: list[str] = []
    count = 0
    for paragraph in article.paragraphs:
        n = len(paragraph.split())
        if out and count + n > max_words:
            break
        out.append(paragraph)
        count += n
    return out


def attribution(article: Article) -> str:
    """``Outlet, by Byline`` (either part may be missing)."""
    parts = [article.outlet or "Unknown outlet"]
    if article.author:
        parts.append(f"by {article.author}")
    return ", ".join(parts)


def published_label(article: Article) -> str:
    """When the article came out, as its page gave it: ``Nov 16, 2026 19:30 -05:00`` in the
    page's own offset (``Nov 16, 2026`` for a date without a time), or ``date unknown``."""
    moment = article.published
    if moment is None:
        return "date unknown"
    offset = moment.utcoffset()
    if not offset and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%b %d, %Y")
    zone = moment.strftime("%z") if offset else "UTC"
    zone = f"{zone[:3]}:{zone[3:]}" if offset else zone
    return f"{moment:%b %d, %Y %H:%M} {zone}"


def dated_attribution(article: Article) -> str:
    """``Outlet, by Byline · Nov 16, 2026 08:00 UTC`` (or ``· date unknown``)."""
    return f"{attribution(article)} · {published_label(article)}"


def web_url(url: str | None) -> str | None:
    """The URL if a reader's browser can follow it (http or https), else None."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def web_link(article: Article) -> str | None:
    """The source's web address: its http(s) canonical URL, else its http(s) URL, else None
    (a ``javascript:`` canonical URL from a hostile page is never a link)."""
    return web_url(article.canonical_url) or web_url(article.url)


def location(article: Article) -> str:
    """Where a reader finds the source: its web address, else its file path ('' if neither)."""
    link = web_link(article)
    if link:
        return link
    return article.url.removeprefix("file://") if article.url.startswith("file://") else ""


def copy_note(story: Story, article: Article, numbers: dict[str, int]) -> str:
    """`` (same text as [n])`` for a near-duplicate of another source, else empty."""
    group = story.duplicates.get(article.id)
    if group and group in numbers:
        return f" (same text as [{numbers[group]}])"
    return ""


def date_stamp(story: Story) -> str:
    """The story's update time in the format of the ``date`` command, in UTC."""
    return story.updated_at.strftime("%a %b %d %H:%M:%S UTC %Y")
