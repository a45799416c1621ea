"""Live sources against a real HTTP server on loopback: what is fetched, refused, and why.

The site below serves feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed), sitemaps,
demo-corpus articles, a robots.txt, slow responses, 429s with Retry-After,
500s, redirects, conditional-GET paths, oversized bodies, compression bombs,
a malformed feed and a billion-laughs feed. Delays and timeouts are tiny.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.config import FetchConfig
from newsdesk.demo import CORPUS
from newsdesk.model import RawDocument, utcnow
from newsdesk.pipeline import IngestReport, Pipeline
from newsdesk.sources.errors import SourceError
from newsdesk.sources.fetcher import Fetched, Fetcher
from newsdesk.sources.live import Harvest, RoundReport, poll
from newsdesk.sources.state import Registry, Source
from newsdesk.store import Store

Handler = Callable[[BaseHTTPRequestHandler], None]
ARTICLES = sorted(CORPUS.glob("northwind-wire/*.html"))[:4]
SETTINGS = FetchConfig(
    delay=0.0,
    retries=1,
    backoff=0.01,
    max_backoff=0.05,
    connect_timeout=1.0,
    read_timeout=0.3,
    total_timeout=2.0,
    max_bytes=512 * 1024,
    max_retry_after=2.0,
    allow_private=True,
)


# the site --------------------------------------------------------------------


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """Routes by path; every request is logged before it is answered."""

    host: str = "127.0.0.1"
    routes: dict[str, Handler] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)

    def start(self) -> Site:
        site = self

        class Request(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.log.append(Hit(self.path, dict(self.headers), time.monotonic()))
                handler = site.routes.get(self.path.split("?")[0])
                if handler is None:
                    send(self, 404, b"not found", "text/plain")
                else:
                    handler(self)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((self.host, 0), Request)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}{path}"

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path.split("?")[0] == path]

    def page(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        etag: str | None = None,
        last_modified: float | None = None,
    ) -> None:
        """Serve ``body`` at ``path``, answering 304 to a matching conditional GET."""
        data = body.encode() if isinstance(body, str) else body
        stamp = formatdate(last_modified, usegmt=True) if last_modified else None

        def handler(request: BaseHTTPRequestHandler) -> None:
            fresh = (etag and request.headers.get("If-None-Match") == etag) or (
                stamp and request.headers.get("If-Modified-Since") == stamp
            )
            headers = {"ETag": etag, "Last-Modified": stamp}
            send(request, 304 if fresh else 200, b"" if fresh else data, content_type, headers)

        self.routes[path] = handler


def send(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None,
    headers: dict[str, str | None] | None = None,
) -> None:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        if value is not None:
            request.send_header(name, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site().start()
    served.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    for path in ARTICLES:
        served.page(f"/news/{path.name}", path.read_bytes(), etag=f'"{path.stem[:12]}"')
    yield served
    served.stop()


def rss(site: Site, links: list[str], extra: str = "") -> str:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link><category>World</category></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test feed</title><link>{site.url('/')}</link>{items}{extra}</channel></rss>"
    )


def article_url(site: Site, n: int) -> str:
    return site.url(f"/news/{ARTICLES[n].name}")


def run(store: Store, sources: list[Source], settings: FetchConfig = SETTINGS) -> RoundReport:
    registry = Registry(store)
    return poll(sources, settings, registry, Pipeline(store).ingest)


def fetch_one(url: str, settings: FetchConfig = SETTINGS, **kwargs) -> Fetched:
    async def go() -> Fetched:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return asyncio.run(go())


def refused(url: str, settings: FetchConfig = SETTINGS) -> SourceError:
    with pytest.raises(SourceError) as caught:
        fetch_one(url, settings)
    assert url in str(caught.value)
    return caught.value


# feeds, conditional GET, idempotency -----------------------------------------


def test_every_feed_format_gives_each_article_once(site: Site, store: Store) -> None:
    a = [article_url(site, i) for i in range(4)]
    site.page("/rss.xml", rss(site, [a[0], a[1] + "?utm_source=rss"]), "application/rss+xml")
    site.page(
        "/atom.xml",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        f'<entry><title>x</title><link href="{a[1]}"/><id>1</id>'
        "<updated>2026-11-17T10:00:00Z</updated></entry>"
        f'<entry><title>y</title><link href="{a[2]}"/><id>2</id>'
        "<updated>2026-11-17T11:00:00Z</updated></entry></feed>",
        "application/atom+xml",
    )
    site.page(
        "/rdf.xml",
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R</title></channel>'
        f'<item rdf:about="{a[3]}"><title>z</title><link>{a[3]}</link></item></rdf:RDF>',
        "application/rdf+xml",
    )
    site.page(
        "/feed.json",
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "J",
                "items": [{"id": "1", "url": a[0], "tags": ["Politics"]}, {"id": "2"}],
            }
        ),
        "application/feed+json",
    )
    sources = [Source(site.url(p)) for p in ("/rss.xml", "/atom.xml", "/rdf.xml", "/feed.json")]
    report = run(store, sources)
    assert report.ingest.new == 4 and not report.errors, report.ingest.errors
    assert store.count()["articles"] == 4
    for path in ARTICLES:
        assert len(site.hits(f"/news/{path.name}")) == 1, path.name
    agents = {h.headers.get("User-Agent") for h in site.log}
    assert len(agents) == 1 and agents.pop().startswith("newsdesk/")


def test_a_second_poll_sends_conditional_gets_and_ingests_nothing(site: Site, store: Store) -> None:
    site.page("/rss.xml", rss(site, [article_url(site, 0)]), "application/rss+xml", etag='"v1"')
    site.page(
        "/lm.xml", rss(site, [article_url(site, 1)]), "application/rss+xml", last_modified=1e9
    )
    registry = Registry(store)
    for url in ("/rss.xml", "/lm.xml"):
        registry.add(Source(site.url(url), kind="feed"))
    first = run(store, registry.sources())
    assert first.ingest.new == 2
    before = store.count()
    second = run(store, registry.sources())
    assert second.ingest.new == 0 and second.harvest.unchanged == 2
    assert store.count() == before
    assert site.hits("/rss.xml")[-1].headers.get("If-None-Match") == '"v1"'
    assert site.hits("/lm.xml")[-1].headers.get("If-Modified-Since") == formatdate(1e9, usegmt=True)
    for n in (0, 1):
        assert len(site.hits(f"/news/{ARTICLES[n].name}")) == 1
    polled = {s.url: s for s in registry.sources()}
    assert all(s.idle_polls == 1 and s.next_poll > utcnow() for s in polled.values())

    # the feed changes: only the new entry is fetched; a known page is conditional-GET'd
    # only when the feed says it was updated after we fetched it.
    later = formatdate(time.time() + 3600, usegmt=True)
    site.page(
        "/rss.xml",
        rss(site, [article_url(site, 2)])
        .replace("<item>", f"<item><pubDate>{later}</pubDate>", 1)
        .replace(
            "</channel>",
            f"<item><link>{article_url(site, 0)}</link><pubDate>{later}</pubDate></item></channel>",
        ),
        "application/rss+xml",
        etag='"v2"',
    )
    third = run(store, registry.sources())
    assert third.ingest.new == 1 and third.harvest.unchanged == 2  # lm.xml 304, article 0 304
    assert site.hits(f"/news/{ARTICLES[0].name}")[-1].headers.get("If-None-Match")
    assert store.count()["articles"] == 3


def test_links_from_a_feed_are_untrusted(site: Site, store: Store) -> None:
    links = [
        site.url("/private/secret.html"),
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.org/file",
        article_url(site, 0),
    ]
    site.page("/rss.xml", rss(site, links), "application/rss+xml")
    report = run(store, [Source(site.url("/rss.xml"))])
    assert report.ingest.new == 1
    assert report.errors == {"robots": 1, "blocked": 3}
    text = "\n".join(report.ingest.errors)
    assert "secret.html: disallowed by" in text and "robots.txt" in text
    assert "169.254.169.254, a cloud metadata address" in text
    assert "/passwd: refused: only http and https" in text  # feedparser may mangle the URL
    assert not site.hits("/private/secret.html")


def test_private_addresses_need_allow_private(site: Site, store: Store) -> None:
    strict = replace(SETTINGS, allow_private=False)
    for url in (site.url("/rss.xml"), site.url("/rss.xml").replace("127.0.0.1", "localhost")):
        error = refused(url, strict)
        assert error.kind == "blocked"
        assert "127.0.0.1, a loopback address" in str(error) and "--allow-private" in str(error)
    for url in ("http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://10.1.2.3/"):
        assert refused(url, strict).kind == "blocked"
    assert site.log == []


def test_sitemap_index_with_news_and_gzipped_sitemaps(site: Site, store: Store) -> None:
    news = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{article_url(site, 0)}</loc><news:news><news:publication>"
        "<news:name>NW</news:name><news:language>en</news:language></news:publication>"
        "<news:publication_date>2026-11-17T10:00:00Z</news:publication_date>"
        "<news:title>Quake</news:title></news:news></url></urlset>"
    )
    plain = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{article_url(site, 1)}</loc><lastmod>2026-11-17</lastmod></url>"
        f"<url><loc>{article_url(site, 0)}</loc></url></urlset>"
    )
    site.page("/news-sitemap.xml", news, "application/xml")
    site.page("/sitemap-2.xml.gz", gzip.compress(plain.encode()), "application/gzip")
    site.page(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news-sitemap.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap-2.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/missing.xml')}</loc></sitemap></sitemapindex>",
        "application/xml",
    )
    report = run(store, [Source(site.url("/sitemap.xml"))])
    assert report.ingest.new == 2 and report.errors == {"http": 1}
    assert "missing.xml: HTTP 404" in report.ingest.errors[0]
    assert len(site.hits(f"/news/{ARTICLES[0].name}")) == 1


# retries, timeouts, redirects ------------------------------------------------


def flaky(statuses: list[int], headers: dict[str, str] | None = None) -> Handler:
    """Answers the given statuses in turn, then the first article."""
    left = list(statuses)
    body = ARTICLES[0].read_bytes()

    def handler(request: BaseHTTPRequestHandler) -> None:
        if left:
            send(request, left.pop(0), b"busy", "text/plain", headers)
        else:
            send(request, 200, body, "text/html")

    return handler


def test_5xx_is_retried_with_backoff_then_given_up(site: Site) -> None:
    site.routes["/flaky"] = flaky([503, 502])
    assert fetch_one(site.url("/flaky"), replace(SETTINGS, retries=2)).status == 200
    assert len(site.hits("/flaky")) == 3
    site.routes["/down"] = flaky([500] * 10)
    error = refused(site.url("/down"))
    assert error.kind == "http" and "HTTP 500 after 2 tries" in str(error)
    assert len(site.hits("/down")) == 2


def test_429_retry_after_is_honoured(site: Site, store: Store) -> None:
    site.routes["/busy"] = flaky([429], {"Retry-After": "1"})
    assert fetch_one(site.url("/busy")).status == 200
    first, second = site.hits("/busy")
    assert second.at - first.at >= 0.9  # the host was left alone for the second it asked

    site.routes["/rss.xml"] = flaky([429] * 5, {"Retry-After": "3600"})
    registry = Registry(store)
    registry.add(Source(site.url("/rss.xml"), kind="feed"))
    report = run(store, registry.sources())
    assert report.errors == {"http": 1} and "retry after 3600s" in report.ingest.errors[0]
    assert len(site.hits("/rss.xml")) == 1  # not retried sooner than asked
    (source,) = registry.sources()
    assert source.next_poll >= utcnow() + timedelta(seconds=3500)
    assert "429" in source.last_error


def test_slow_responses_time_out(site: Site) -> None:
    def stall(request: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        send(request, 200, b"late", "text/html")

    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", "100")
        request.end_headers()
        for _ in range(100):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(0.05)

    site.routes["/stall"] = stall
    site.routes["/trickle"] = trickle
    quick = replace(SETTINGS, retries=0, read_timeout=0.2, total_timeout=0.6)
    for path in ("/stall", "/trickle"):
        error = refused(site.url(path), quick)
        assert error.kind == "timeout" and "timed out" in str(error)


def slowloris(request: BaseHTTPRequestHandler) -> None:
    """Headers at once, then the body a byte at a time, each well within the read timeout,
    until the client hangs up."""
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Content-Length", "100000")
    request.end_headers()
    try:
        for _ in range(600):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass  # the client gave up


def test_a_slow_server_cannot_hold_a_url_past_its_deadline(site: Site) -> None:
    site.routes["/drip"] = slowloris
    # Every try may take 3 s and there are 4: without a deadline for the URL it would take 12.
    patient = replace(SETTINGS, retries=3, read_timeout=1.0, total_timeout=3.0, url_timeout=1.0)
    started = time.monotonic()
    error = refused(site.url("/drip"), patient)
    assert time.monotonic() - started < 6  # a bound on the run, far from the 12 s
    assert error.kind == "timeout" and "url_timeout" in str(error)
    assert len(site.hits("/drip")) == 1  # the first try used up the URL's time: no retries
    assert site.url("/drip") in str(error)


def test_a_poll_ends_at_its_deadline_naming_the_slow_host(site: Site, store: Store) -> None:
    slow = Site().start()
    try:
        slow.routes["/drip"] = slowloris
        links = [article_url(site, 0), *(slow.url(f"/drip?n={n}") for n in range(3))]
        site.page("/rss.xml", rss(site, links), "application/rss+xml")
        settings = replace(
            SETTINGS, read_timeout=5.0, total_timeout=30.0, url_timeout=30.0, poll_timeout=1.5
        )
        started = time.monotonic()
        report = run(store, [Source(site.url("/rss.xml"), kind="feed")], settings)
        assert time.monotonic() - started < 15  # a bound on the run, far from the 30 s
    finally:
        slow.stop()
    assert report.ingest.new == 1  # what came in before the deadline is kept
    assert report.errors == {"timeout": 1}
    (error,) = report.ingest.errors
    slow_host = slow.url("").removeprefix("http://")
    assert "poll_timeout" in error and f"still waiting on {slow_host}" in error
    assert site.url("").removeprefix("http://") not in error.split("still waiting on")[1]


def test_redirects_are_followed_within_the_limit_and_checked(site: Site) -> None:
    def to(location: str) -> Handler:
        return lambda request: send(request, 301, b"", None, {"Location": location})

    site.routes["/r1"] = to("/r2")
    site.routes["/r2"] = to(f"/news/{ARTICLES[0].name}")
    fetched = fetch_one(site.url("/r1"))
    assert fetched.final_url == article_url(site, 0) and fetched.status == 200
    assert fetched.document().final_url == article_url(site, 0)

    site.routes["/loop"] = to("/loop")
    error = refused(site.url("/loop"))
    assert error.kind == "redirects" and "more than 5 redirects" in str(error)
    assert len(site.hits("/loop")) == 6

    site.routes["/meta"] = to("http://169.254.169.254/latest/meta-data/")
    assert "cloud metadata" in str(refused(site.url("/meta")))
    site.routes["/gopher"] = to("gopher://example.org/")
    assert refused(site.url("/gopher")).kind == "blocked"


# sizes and bombs -------------------------------------------------------------


def test_size_cap_holds_while_streaming_and_decompressing(site: Site) -> None:
    cap = SETTINGS.max_bytes
    site.page("/big", b"<p>" + b"x" * (2 * cap))

    def unannounced(request: BaseHTTPRequestHandler) -> None:  # no Content-Length
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        for _ in range(40):
            request.wfile.write(b"y" * 65536)
        request.close_connection = True

    zeros = b"\0" * (8 * 2**20)
    site.routes["/stream"] = unannounced
    for path, body, encoding in (
        ("/gzip-bomb", gzip.compress(zeros), "gzip"),
        ("/brotli-bomb", brotli.compress(zeros), "br"),
    ):
        site.routes[path] = lambda r, b=body, e=encoding: send(
            r, 200, b, "text/html", {"Content-Encoding": e}
        )
    assert "over the 512 KB limit" in str(refused(site.url("/big")))
    assert "is more than 512 KB" in str(refused(site.url("/stream")))
    for path in ("/gzip-bomb", "/brotli-bomb"):
        error = refused(site.url(path))
        assert error.kind == "too-large" and "decompresses to more than 512 KB" in str(error)
    # compression that stays under the cap is undone
    site.routes["/zipped"] = lambda r: send(
        r, 200, gzip.compress(ARTICLES[0].read_bytes()), "text/html", {"Content-Encoding": "gzip"}
    )
    assert fetch_one(site.url("/zipped")).content == ARTICLES[0].read_bytes()


def test_malformed_and_billion_laughs_feeds_fail_with_clear_errors(
    site: Site, store: Store
) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    laughs = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]>'
        '<rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
    )
    site.page("/laughs.xml", laughs, "application/rss+xml")
    site.page("/broken.xml", '<rss version="2.0"><channel><title>Broken</title><item><ti')
    site.page("/empty.json", '{"version": "https://jsonfeed.org/version/1.1", "items": 7}')
    report = run(
        store,
        [Source(site.url(p), kind="feed") for p in ("/laughs.xml", "/broken.xml", "/empty.json")],
    )
    assert report.errors == {"unsafe-xml": 1, "malformed": 2}
    text = "\n".join(report.ingest.errors)
    assert "laughs.xml: refused: the XML declares entities" in text
    assert "broken.xml: malformed feed" in text and "empty.json: malformed JSON feed" in text
    assert store.count()["articles"] == 0


def test_robots_crawl_delay_spaces_requests_to_its_host(store: Store) -> None:
    other = Site(host="127.0.0.2").start()
    try:
        other.page("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", "text/plain")
        for path in ARTICLES[:2]:
            other.page(f"/a/{path.name}", path.read_bytes())
        pages = [Source(other.url(f"/a/{p.name}"), kind="page") for p in ARTICLES[:2]]
        report = run(store, pages, replace(SETTINGS, per_host=4))
        assert report.ingest.new == 2
        first, second = sorted(h.at for h in other.log if h.path.startswith("/a/"))
        assert second - first >= 0.9  # server clock: a little slack
    finally:
        other.stop()


def test_non_pages_are_not_ingested(site: Site, store: Store) -> None:
    site.page("/doc.pdf", b"%PDF-1.4", "application/pdf")
    report = run(store, [Source(site.url("/doc.pdf"), kind="page")])
    assert report.errors == {"content-type": 1}
    assert "not a page (content type application/pdf)" in report.ingest.errors[0]


def test_stopping_mid_poll_stores_what_was_fetched_and_rereads_the_feed(
    site: Site, store: Store
) -> None:
    release = threading.Event()

    def stall(request: BaseHTTPRequestHandler) -> None:
        release.wait(10)
        send(request, 200, ARTICLES[1].read_bytes(), "text/html")

    site.routes["/slow.html"] = stall
    site.page("/rss.xml", rss(site, [article_url(site, 0), site.url("/slow.html")]), etag='"s"')
    registry = Registry(store)
    registry.add(Source(site.url("/rss.xml"), kind="feed"))
    harvests: list[Harvest] = []

    def ingest(items: Iterable[RawDocument | SourceError]) -> IngestReport:
        def stop_after_first() -> Iterator[RawDocument | SourceError]:
            for item in items:
                yield item
                harvests[0].stop()  # what a signal handler does

        return Pipeline(store).ingest(stop_after_first())

    slow = replace(SETTINGS, read_timeout=20.0, total_timeout=20.0)
    try:
        report = poll(registry.sources(), slow, registry, ingest, on_start=harvests.append)
    finally:
        release.set()
    assert report.ingest.new == 1 and report.harvest.polled == 0
    assert store.count()["articles"] == 1
    (source,) = registry.sources()
    assert source.last_polled is None  # still due
    assert list(registry.states([site.url("/rss.xml"), site.url("/slow.html")])) == []
    resumed = run(store, registry.sources())
    assert resumed.ingest.new == 1 and store.count()["articles"] == 2
    assert site.hits("/rss.xml")[-1].headers.get("If-None-Match") is None
    assert len(site.hits(f"/news/{ARTICLES[0].name}")) == 1


# the commands ----------------------------------------------------------------


def test_sources_commands_and_fetch(site: Site, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    site.page("/rss.xml", rss(site, [article_url(site, i) for i in range(3)]))
    config = tmp_path / "newsdesk.toml"
    config.write_text(
        f'[fetch]\ndelay = 0\ncontact = "https://example.org/bot"\n\n'
        f'[[sources]]\nurl = "{site.url("/page.html")}"\nname = "one page"\nkind = "page"\n'
        "\n[web]\nport = 8080\n"
    )
    site.page("/page.html", ARTICLES[3].read_bytes())
    base = ["--db", db_url, "--config", str(config)]
    added = runner.invoke(app, ["sources", "add", site.url("/rss.xml"), "--name", "wire", *base])
    assert added.exit_code == 0, added.output
    again = runner.invoke(app, ["sources", "add", site.url("/rss.xml"), *base])
    assert again.exit_code == 1 and "already a source" in again.output
    bad = runner.invoke(app, ["sources", "add", "ftp://example.org/x", *base])
    assert bad.exit_code == 1 and "only http and https" in bad.output
    metadata = runner.invoke(app, ["sources", "add", "http://169.254.169.254/latest/", *base])
    assert metadata.exit_code == 1 and "cloud metadata" in metadata.output
    listed = runner.invoke(app, ["sources", "list", *base])
    assert "wire" in listed.stdout and "one page" in listed.stdout and "config" in listed.stdout

    refused_run = runner.invoke(app, ["fetch", *base])
    assert "2 errors (blocked 2)" in refused_run.output and "loopback" in refused_run.output
    result = runner.invoke(app, ["fetch", *base, "--allow-private"])
    assert result.exit_code == 0, result.output
    assert (
        "2 sources polled: 4 new articles, 0 copies (not extracted), 0 unchanged, 0 errors"
        in result.output
    )
    rerun = runner.invoke(app, ["fetch", *base, "--allow-private"])
    assert "0 new articles, 0 copies (not extracted), 4 unchanged" in rerun.output

    assert runner.invoke(app, ["sources", "remove", "one page", *base]).exit_code == 1
    assert runner.invoke(app, ["sources", "remove", "wire", *base]).exit_code == 0
    listed = runner.invoke(app, ["sources", "list", *base])
    assert "wire" not in listed.stdout
    with Store(db_url) as store:
        assert store.count()["articles"] == 4


def test_fetch_ends_at_the_configured_poll_deadline(
    site: Site, db_url: str, tmp_path: Path
) -> None:
    site.routes["/drip"] = slowloris
    site.page("/rss.xml", rss(site, [article_url(site, 0), site.url("/drip")]))
    config = tmp_path / "newsdesk.toml"
    config.write_text(
        '[fetch]\ndelay = 0\ncontact = "https://example.org/bot"\nread_timeout = 5.0\n'
        "total_timeout = 30.0\nurl_timeout = 30.0\npoll_timeout = 1.5\n"
    )
    base = ["--db", db_url, "--config", str(config), "--allow-private"]
    result = CliRunner().invoke(app, ["fetch", site.url("/rss.xml"), *base])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "1 new articles" in output and "1 errors (timeout 1)" in output
    assert "1.5s deadline ([fetch] poll_timeout)" in output
    assert f"still waiting on {site.url('').removeprefix('http://')}" in output


def test_watch_stops_cleanly_on_sigterm(site: Site, db_url: str, tmp_path: Path) -> None:
    site.page("/rss.xml", rss(site, [article_url(site, i) for i in range(2)]), etag='"w"')
    config = tmp_path / "newsdesk.toml"
    config.write_text(
        f"[fetch]\ndelay = 0\npoll_interval = 0.2\nmax_poll_interval = 0.4\n\n"
        f'[[sources]]\nurl = "{site.url("/rss.xml")}"\n'
    )
    env = {**os.environ, "NEWSDESK_DB": db_url, "NEWSDESK_CONFIG": str(config)}
    command = [sys.executable, "-c", "from newsdesk.cli import app; app()", "watch"]
    proc = subprocess.Popen(
        [*command, "--allow-private"], env=env, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    guard = threading.Timer(60, proc.kill)  # a hung watch fails the test instead of hanging it
    guard.start()
    rounds = []
    for line in proc.stderr:
        if "sources polled" in line:
            rounds.append(line)
            if len(rounds) == 2:
                break
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    guard.cancel()
    assert proc.wait(timeout=30) == 0, rest
    assert (
        "2 new articles" in rounds[0]
        and "0 new articles, 0 copies (not extracted), 1 unchanged" in rounds[1]
    )
    assert "stopped after" in rest and "Traceback" not in rest
    with Store(db_url) as store:
        assert store.count()["articles"] == 2
