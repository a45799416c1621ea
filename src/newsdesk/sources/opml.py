"""OPML subscription lists in and out: bring the feeds from another reader, take them away.

Readers export OPML in a few shapes: Miniflux and FreshRSS nest feeds in one
level of folder outlines, others nest deeper, put the folder in a ``category``
attribute (``/Tech/Linux,/News``), write ``xmlurl`` in lower case, or leave
``type`` out. ``read_opml`` takes all of them: every outline with an ``xmlUrl``
is a feed, its folder the path of the outlines around it (else the first
``category``). The file is untrusted: it is parsed with defusedxml (entities
and external references refused, so billion-laughs and XXE files fail before
any expansion), capped in size and in feeds, and a feed URL that is not http(s)
is reported, not imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from newsdesk.model import utcnow
from newsdesk.sources.errors import SourceError
from newsdesk.sources.safety import door_problem
from newsdesk.sources.state import Registry, Source
from newsdesk.sources.xmlsafe import local_name, parse_xml

MAX_OPML_BYTES = 8 * 1024 * 1024
MAX_FEEDS = 10_000
MAX_DEPTH = 32


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription: the feed's URL, its title, its site and the folder it sits in."""

    url: str
    title: str | None = None
    html_url: str | None = None
    folder: str | None = None


def _attribute(outline: Element, name: str) -> str | None:
    """An attribute by name, whatever its case (``xmlUrl``, ``xmlurl``, ``XMLURL``)."""
    wanted = name.lower()
    for key, value in outline.attrib.items():
        if key.lower() == wanted and value.strip():
            return value.strip()
    return None


def read_opml(content: bytes, name: str) -> list[OpmlFeed]:
    """The feeds an OPML file subscribes to, in file order, each URL once.

    SourceError names ``name`` when the file is too big, unsafe XML, malformed, not
    OPML, or lists more than MAX_FEEDS feeds.
    """
    if len(content) > MAX_OPML_BYTES:
        raise SourceError(f"{name}: {len(content):,} bytes, over the {MAX_OPML_BYTES:,} limit")
    root = parse_xml(content, name)
    if local_name(root) != "opml":
        raise SourceError(f"{name}: not OPML (the root element is <{local_name(root)}>)")
    body = next((child for child in root if local_name(child) == "body"), None)
    if body is None:
        raise SourceError(f"{name}: OPML without a <body>")
    found: dict[str, OpmlFeed] = {}

    def walk(parent: Element, path: tuple[str, ...]) -> None:
        if len(path) > MAX_DEPTH:
            raise SourceError(f"{name}: outlines nested more than {MAX_DEPTH} deep")
        for outline in parent:
            if local_name(outline) != "outline":
                continue
            label = _attribute(outline, "title") or _attribute(outline, "text")
            url = _attribute(outline, "xmlUrl")
            if url is None:
                walk(outline, (*path, label) if label else path)
                continue
            if url not in found:
                if len(found) >= MAX_FEEDS:
                    raise SourceError(f"{name}: more than {MAX_FEEDS:,} feeds")
                category = (_attribute(outline, "category") or "").split(",")[0].strip("/ ")
                found[url] = OpmlFeed(
                    url, label, _attribute(outline, "htmlUrl"), "/".join(path) or category or None
                )

    walk(body, ())
    return list(found.values())


def write_opml(feeds: Iterable[OpmlFeed], title: str = "newsdesk sources") -> bytes:
    """An OPML 2.0 document of ``feeds``: one outline per feed, in a folder outline where
    the feed has one (nested by ``/``), as Miniflux and FreshRSS read them."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = utcnow().strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = SubElement(root, "body")
    folders: dict[str, Element] = {}

    def folder(path: str) -> Element:
        if not path:
            return body
        if path not in folders:
            parent, _, label = path.rpartition("/")
            folders[path] = SubElement(folder(parent), "outline", text=label, title=label)
        return folders[path]

    for feed in feeds:
        label = feed.title or feed.url
        attributes = {"type": "rss", "text": label, "title": label, "xmlUrl": feed.url}
        if feed.html_url:
            attributes["htmlUrl"] = feed.html_url
        path = "/".join(p for p in (feed.folder or "").split("/") if p)
        SubElement(folder(path), "outline", attributes)
    indent(root)
    return tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@dataclass
class ImportReport:
    """What ``import_feeds`` did with each feed of a file."""

    added: list[Source] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "URL: why", for the user


def import_feeds(registry: Registry, feeds: Iterable[OpmlFeed]) -> ImportReport:
    """Add each feed as a ``feed`` source named by its title; those already there are
    counted, those refused at the door reported."""
    report = ImportReport()
    known = {s.url for s in registry.sources()}
    for feed in feeds:
        problem = door_problem(feed.url)
        if problem:
            report.refused.append(problem)
        elif feed.url in known:
            report.present.append(feed.url)
        else:
            report.added.append(registry.add(Source(feed.url, "feed", feed.title)))
            known.add(feed.url)
    return report


def exported_feeds(registry: Registry) -> list[OpmlFeed]:
    """The sources another reader can subscribe to: http(s) feeds (and ``auto`` sources,
    which are feeds unless they turn out to be sitemaps), in the order they were added.
    Local WARC files, pages and sitemaps stay out."""
    return [
        OpmlFeed(s.url, s.name)
        for s in registry.sources()
        if s.kind in ("feed", "auto") and door_problem(s.url) is None
    ]
