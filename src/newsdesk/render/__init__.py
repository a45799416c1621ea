"""Stories out: the plain-text digest, Markdown and JSON."""

from newsdesk.render.digest import render_digest, story_text
from newsdesk.render.formats import story_dict, story_markdown

FORMATS = ("text", "markdown", "json")

__all__ = ["FORMATS", "render_digest", "story_dict", "story_markdown", "story_text"]
