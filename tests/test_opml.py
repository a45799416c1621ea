# ruff: noqa: E501  (OPML as the readers write it: long lines)
"""OPML import and export: the files other readers write, hostile files, the CLI and the site."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.sources.errors import SourceError
from newsdesk.sources.opml import OpmlFeed, import_feeds, read_opml, write_opml
from newsdesk.sources.state import Registry
from newsdesk.store import Store
from newsdesk.web import create_app

MINIFLUX = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Miniflux</title>
    <dateCreated>Tue, 01 Dec 2026 10:00:00 UTC</dateCreated>
  </head>
  <body>
    <outline text="All">
      <outline title="Northwind Wire" text="Northwind Wire" xmlUrl="https://northwind.example/feed.xml" htmlUrl="https://northwind.example/" type="rss"></outline>
    </outline>
    <outline text="Local">
      <outline title="Harbor City Tribune" text="Harbor City Tribune" xmlUrl="https://tribune.example/rss" htmlUrl="https://tribune.example/" type="rss"></outline>
    </outline>
  </body>
</opml>
"""
FRESHRSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:frss="https://freshrss.org/opml">
\t<head>
\t\t<title>FreshRSS</title>
\t\t<dateCreated>Tue, 01 Dec 2026 10:00:00 +0000</dateCreated>
\t</head>
\t<body>
\t\t<outline text="Uncategorized">
\t\t\t<outline text="FreshRSS releases" type="rss" xmlUrl="https://github.example/FreshRSS/releases.atom" htmlUrl="https://github.example/FreshRSS/" description="FreshRSS releases @ GitHub" frss:cssFullContent="article"/>
\t\t</outline>
\t\t<outline text="Tech">
\t\t\t<outline text="TechPulse &amp; Daily" type="rss" xmlUrl="https://techpulse.example/atom.xml?x=1&amp;y=2" htmlUrl="https://techpulse.example/"/>
\t\t</outline>
\t</body>
</opml>
"""
# OPML 2.0's own example forms: nesting two deep, a category attribute, lower-case
# attribute names (old NetNewsWire and others), a feed listed twice, a folder with no feed.
OTHERS = b"""<?xml version="1.0"?>
<opml version="1.0">
  <head><title>mySubscriptions.opml</title></head>
  <body>
    <outline text="News">
      <outline text="World">
        <outline text="Valley Ledger" xmlurl="http://ledger.example/feed" htmlurl="http://ledger.example/"/>
      </outline>
    </outline>
    <outline text="Gazette" type="rss" xmlUrl="https://gazette.example/feed" category="/Regional/Lakes,/Other"/>
    <outline text="Valley Ledger again" xmlUrl="http://ledger.example/feed"/>
    <outline text="Empty folder"/>
    <outline text="A page, not a feed" type="link" url="https://blog.example/"/>
  </body>
</opml>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="https://a.example/feed"/></body></opml>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.example/feed"/></body></opml>
"""


def test_miniflux_export_gives_feeds_with_their_folders() -> None:
    assert read_opml(MINIFLUX, "miniflux.opml") == [
        OpmlFeed(
            "https://northwind.example/feed.xml",
            "Northwind Wire",
            "https://northwind.example/",
            "All",
        ),
        OpmlFeed(
            "https://tribune.example/rss",
            "Harbor City Tribune",
            "https://tribune.example/",
            "Local",
        ),
    ]


def test_freshrss_export_with_its_namespace_and_escaped_urls() -> None:
    feeds = read_opml(FRESHRSS, "freshrss.opml")
    assert [(f.title, f.url, f.folder) for f in feeds] == [
        ("FreshRSS releases", "https://github.example/FreshRSS/releases.atom", "Uncategorized"),
        ("TechPulse & Daily", "https://techpulse.example/atom.xml?x=1&y=2", "Tech"),
    ]


def test_nested_outlines_category_attribute_and_lower_case_names() -> None:
    feeds = read_opml(OTHERS, "others.opml")
    assert [(f.url, f.title, f.html_url, f.folder) for f in feeds] == [
        ("http://ledger.example/feed", "Valley Ledger", "http://ledger.example/", "News/World"),
        ("https://gazette.example/feed", "Gazette", None, "Regional/Lakes"),
    ]


@pytest.mark.parametrize("content", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_hostile_opml_is_refused_before_any_expansion(content: bytes) -> None:
    with pytest.raises(SourceError, match=r"evil\.opml: refused: .*entities") as caught:
        read_opml(content, "evil.opml")
    assert caught.value.kind == "unsafe-xml"
    assert "root:" not in str(caught.value)  # /etc/passwd was never read into the message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<opml><body><outline", "malformed XML"),
        (b"<rss><channel/></rss>", "not OPML"),
        (b"<opml version='2.0'><head/></opml>", "OPML without a <body>"),
    ],
)
def test_files_that_are_not_opml_get_a_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=f"bad.opml: {message}"):
        read_opml(content, "bad.opml")


def test_export_nests_folders_and_reads_back_the_same(tmp_path: Path) -> None:
    feeds = [
        *read_opml(MINIFLUX, "m"),
        *read_opml(OTHERS, "o"),
        OpmlFeed("https://x.example/f?a=1&b=<2>", 'Quotes "and" <tags>'),
    ]
    body = write_opml(feeds)
    root = ET.fromstring(body)
    assert root.get("version") == "2.0"
    news = root.find("body/outline[@text='News']")
    assert news is not None and news.find("outline[@text='World']/outline") is not None
    assert read_opml(body, "round-trip") == feeds


def test_import_adds_feeds_once_and_refuses_unsafe_urls(db_url: str) -> None:
    hostile = b"""<opml version="2.0"><body>
      <outline text="ok" xmlUrl="https://ok.example/feed"/>
      <outline text="script" xmlUrl="javascript:alert(1)"/>
      <outline text="metadata" xmlUrl="http://169.254.169.254/latest/meta-data/"/>
      <outline text="local file" xmlUrl="file:///etc/passwd"/>
    </body></opml>"""
    with Store(db_url) as store:
        registry = Registry(store)
        report = import_feeds(registry, read_opml(hostile, "h.opml"))
        assert [s.url for s in report.added] == ["https://ok.example/feed"]
        assert len(report.refused) == 3
        assert any("cloud metadata" in r for r in report.refused)
        again = import_feeds(registry, read_opml(hostile, "h.opml"))
        assert again.added == [] and again.present == ["https://ok.example/feed"]
        assert [(s.url, s.kind, s.name) for s in registry.sources()] == [
            ("https://ok.example/feed", "feed", "ok")
        ]


def newsdesk(*args: str, cwd: Path) -> Result:
    with chdir(cwd):
        return CliRunner().invoke(app, list(args))


def test_cli_import_then_export_and_the_site_download(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    (tmp_path / "freshrss.opml").write_bytes(FRESHRSS)
    done = newsdesk("sources", "import", "freshrss.opml", "--db", db, cwd=tmp_path)
    assert done.exit_code == 0, done.stderr
    assert "2 feeds: 2 added, 0 already sources, 0 refused" in done.stderr
    exported = newsdesk("sources", "export", "--db", db, cwd=tmp_path)
    assert exported.exit_code == 0, exported.stderr
    urls = [f.url for f in read_opml(exported.stdout_bytes, "stdout")]
    assert urls == [f.url for f in read_opml(FRESHRSS, "f")]

    (tmp_path / "evil.opml").write_bytes(BILLION_LAUGHS)
    refused = newsdesk("sources", "import", "evil.opml", "--db", db, cwd=tmp_path)
    assert refused.exit_code != 0 and "evil.opml: refused" in refused.stderr
    missing = newsdesk("sources", "import", "nope.opml", "--db", db, cwd=tmp_path)
    assert missing.exit_code != 0 and "nope.opml: cannot read" in missing.stderr

    with Store(db) as store:
        response = TestClient(create_app(store)).get("/sources.opml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/x-opml")
    assert "attachment" in response.headers["content-disposition"]
    titles = [f.title for f in read_opml(response.content, "site")]
    assert titles == ["FreshRSS releases", "TechPulse & Daily"]


def test_the_site_links_its_opml_from_every_page(db_url: str) -> None:
    with Store(db_url) as store:
        html = TestClient(create_app(store)).get("/").text
    assert '<a href="/sources.opml">' in html
