"""The plain-text digest: one entry per story, in the layout of the sample digest.

<date>: Summary:

<summary sentences, each citing its source as [n]>

News Article:

<headline>

<lead of the representative article>

— <outlet>, by <byline>

Read More
[1] <outlet> – <headline> – <url or file path>
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.model import Story
from newsdesk.render.common import (
    citation_numbers,
    copy_note,
    date_stamp,
    dated_attribution,
    lead,
    location,
    representative,
    sources,
)
from newsdesk.render.formats import digest_json, story_markdown


def summary_text(story: Story, numbers: dict[str, int]) -> str:
    """Summary sentences with their citation marks."""
    return " ".join(f"{s.text} [{numbers[s.article_id]}]" for s in story.summary)


def story_text(story: Story) -> str:
    """One digest entry."""
    numbers = citation_numbers(story)
    main = representative(story)
    lines = [f"{date_stamp(story)}: Summary:", "", summary_text(story, numbers), ""]
    lines += ["News Article:", "", story.headline, ""]
    for paragraph in lead(main):
        lines += [paragraph, ""]
    lines += [f"— {dated_attribution(main)}", "", "Read More"]
    for article in sources(story):
        note = copy_note(story, article, numbers)
        lines.append(
            f"[{numbers[article.id]}] {article.outlet or 'Unknown outlet'} – "
            f"{article.title} – {location(article)}{note}"
        )
    return "\n".join(lines) + "\n"


def render_digest(stories: Iterable[Story], fmt: str = "text") -> str:
    """All stories in one of ``text``, ``markdown`` or ``json``."""
    stories = list(stories)
    if fmt == "json":
        return digest_json(stories)
    if fmt == "markdown":
        return "\n---\n\n".join(story_markdown(s) for s in stories)
    if fmt == "text":
        return "\n".join(story_text(s) for s in stories)
    raise ValueError(f"unknown format {fmt!r}: choose text, markdown or json")
