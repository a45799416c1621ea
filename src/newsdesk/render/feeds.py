"""Atom and RSS 2.0 feeds of stories (feedgen).

Each entry links to the story page and to every source article, and carries
the summary with its citations and the Read More list as HTML.

Every string comes from untrusted pages. Atom says what its text is: titles,
names and the summary are ``type="text"`` and the content is escaped HTML. RSS
does not, and readers take its ``<title>`` and ``<description>`` as HTML, so
there they are HTML-escaped text: a page's ``<script>`` shows as text in both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from feedgen.feed import FeedGenerator
from lxml import etree

from newsdesk.model import Story
from newsdesk.render.common import (
    attribution,
    citation_numbers,
    copy_note,
    sources,
    web_link,
)
from newsdesk.render.digest import summary_text

FEED_FORMATS = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
ATOM = "{http://www.w3.org/2005/Atom}"

# Characters XML 1.0 forbids; untrusted pages do contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text)


def _entry_html(story: Story) -> str:
    numbers = citation_numbers(story)
    items = []
    for article in sources(story):
        href = web_link(article)
        title = html.escape(article.title)
        link = f'<a href="{html.escape(href)}">{title}</a>' if href else title
        note = html.escape(copy_note(story, article, numbers))
        items.append(
            f"<li>[{numbers[article.id]}] {link} – {html.escape(attribution(article))}{note}</li>"
        )
    summary = html.escape(summary_text(story, numbers))
    return f"<p>{summary}</p><p><strong>Read More</strong></p><ul>{''.join(items)}</ul>"


def story_feed(
    stories: list[Story],
    fmt: str,
    *,
    title: str,
    site_url: str,
    self_url: str,
    story_url: Callable[[Story], str],
) -> bytes:
    """An Atom (``fmt="atom"``) or RSS 2.0 (``"rss"``) feed of the stories, newest first."""
    if fmt not in FEED_FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}: choose one of {', '.join(FEED_FORMATS)}")
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(xml_safe(_plain(title, fmt)))  # a search feed's title carries the query
    subtitle = f"{title}: stories from newsdesk, with links to every source"
    feed.subtitle(xml_safe(_plain(subtitle, fmt)))
    feed.author({"name": "newsdesk"})
    feed.link(href=self_url, rel="self")
    feed.link(href=site_url, rel="alternate")  # last: feedgen makes it the RSS <link>
    feed.generator("newsdesk")
    feed.language("en")
    if stories:
        feed.updated(max(s.updated_at for s in stories))
    for story in stories:
        entry = feed.add_entry(order="append")
        page = story_url(story)
        entry.id(page)
        entry.guid(page, permalink=True)
        entry.title(xml_safe(_plain(story.headline, fmt)))
        entry.link(href=page, rel="alternate")
        hrefs = {web_link(a): a.title for a in sources(story)}
        for href, source_title in hrefs.items():
            if href and href != page:
                entry.link(href=xml_safe(href), rel="related", title=xml_safe(source_title))
        summary = summary_text(story, citation_numbers(story))
        entry.summary(xml_safe(_plain(summary, fmt)) or None)
        entry.content(xml_safe(_entry_html(story)), type="CDATA" if fmt == "rss" else "html")
        entry.published(story.first_seen)
        entry.updated(story.updated_at)
        if story.category:
            entry.category(term=story.category, label=story.category)
        for outlet in story.outlets:
            entry.author({"name": xml_safe(outlet)})
    return (
        _restore_link_rels(feed.atom_str(pretty=True))
        if fmt == "atom"
        else feed.rss_str(pretty=True)
    )


def _plain(text: str, fmt: str) -> str:
    """Text for an element a reader shows as is: Atom marks it text, RSS readers parse HTML."""
    return html.escape(text, quote=False) if fmt == "rss" else text


def _restore_link_rels(atom: bytes) -> bytes:
    """feedgen 1.0 writes entry links without their ``rel``: every link but the story page's
    is a source, so mark it ``related`` (an Atom entry may have one ``alternate`` only)."""
    root = etree.fromstring(atom)
    for entry in root.iter(f"{ATOM}entry"):
        page = entry.findtext(f"{ATOM}id")
        for link in entry.iter(f"{ATOM}link"):
            if link.get("href") != page:
                link.set("rel", "related")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
