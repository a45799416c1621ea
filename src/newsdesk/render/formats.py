"""Markdown and JSON renderings of stories."""

from __future__ import annotations

import json

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


def _md(text: str) -> str:
    """Escape what Markdown would otherwise interpret in untrusted text."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def story_markdown(story: Story) -> str:
    """A story as Markdown: summary with linked citations, lead, sources."""
    numbers = citation_numbers(story)
    links = {a.id: location(a) for a in story.articles}
    main = representative(story)
    summary = " ".join(
        f"{_md(s.text)} [[{numbers[s.article_id]}]]({links[s.article_id]})" for s in story.summary
    )
    out = [f"## {_md(story.headline)}", "", f"*{date_stamp(story)}*"]
    if story.category:
        out[-1] += f" · {story.category}"
    out += [
        "",
        summary,
        "",
        *[f"> {_md(p)}\n>" for p in lead(main)],
        f"> — {_md(dated_attribution(main))}",
    ]
    out += ["", "**Read More**", ""]
    for article in sources(story):
        out.append(
            f"{numbers[article.id]}. [{_md(article.title)}]({location(article)}) – "
            f"{_md(article.outlet or 'Unknown outlet')}{copy_note(story, article, numbers)}"
        )
    return "\n".join(out) + "\n"


def story_dict(story: Story) -> dict:
    """A story as JSON-ready data, with every source and every citation."""
    numbers = citation_numbers(story)
    return {
        "id": story.id,
        "headline": story.headline,
        "category": story.category,
        "updated_at": story.updated_at.isoformat(),
        "first_seen": story.first_seen.isoformat(),
        "last_seen": story.last_seen.isoformat(),
        "origin": story.origin,
        "outlets": story.outlets,
        "related": story.related,
        "summary": [
            {"text": s.text, "article_id": s.article_id, "citation": numbers[s.article_id]}
            for s in story.summary
        ],
        "sources": [
            {
                "citation": numbers[a.id],
                "id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "author": a.author,
                "published": a.published.isoformat() if a.published else None,
                "url": location(a),
                "duplicate_of": story.duplicates.get(a.id),
            }
            for a in sources(story)
        ],
    }


def digest_json(stories: list[Story]) -> str:
    return json.dumps({"stories": [story_dict(s) for s in stories]}, indent=2, ensure_ascii=False)
