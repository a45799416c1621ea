"""Lead images and outlet icons: read at extraction, served only through newsdesk's /img/
proxy, fetched from a real loopback server under the fetcher's safety policy."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsdesk.config import FetchConfig
from newsdesk.extract import extract
from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.images import MAX_IMAGE_BYTES, ImageProxy, sniff


def png(width: int = 8, height: int = 8, noise: int = 0) -> bytes:
    """A real PNG of ``width`` x ``height`` grey pixels (``noise`` varies the bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00" + bytes((noise + x * y) % 256 for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LEAD = png(32, 18)
ICON = png(16, 16, noise=7)
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
)
ROUTES = {
    "/lead.png": ("image/png", LEAD),
    "/apple-icon.png": ("image/png", ICON),
    "/favicon.ico": ("image/x-icon", ICON),
    "/evil.svg": ("image/svg+xml", SVG),
    "/lies.png": ("image/png", b"<html><script>alert(1)</script></html>"),
    "/huge.png": ("image/png", LEAD + b"\x00" * (MAX_IMAGE_BYTES + 1)),
}


class Images:
    """A loopback image server that counts the requests it gets."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.hits: list[str] = []


@contextmanager
def image_server() -> Iterator[Images]:
    state: Images

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            state.hits.append(self.path)
            if self.path == "/to-metadata.png":
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            kind, body = ROUTES.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in ROUTES else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Images(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


TOWNS = ("Quillmoor", "Ashcombe", "Brindle", "Corrowick", "Dunmere")


def article_page(n: int, head: str) -> RawDocument:
    """A news page of its own (town ``n``) with ``head`` in its <head>."""
    town = TOWNS[n - 1]
    title = f"{town} lighthouse repainted {n}"
    html = f"""<!doctype html><html lang="en"><head><title>{town} lighthouse repainted {n}</title>
    {head}<meta name="author" content="Ada Lovelock"><meta property="og:type" content="article">
    <script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>
    <meta property="article:published_time" content="2026-11-1{n}T09:00:00Z">
    </head><body><article><h1>{town} lighthouse repainted {n}</h1>
    <p>The {town} lighthouse was repainted on Tuesday for the first time in forty years,
    volunteers said, after a campaign that raised the cost of the paint in a single week.</p>
    <p>"We did not expect the whole town to turn out," said Mara Quint, who led the {town}
    campaign. Council officials said the work cost 14,000 crowns and took nine days.</p>
    <p>The {town} tower, built in 1861, guided fishing boats past the rocks at the mouth of
    the estuary until an automatic light replaced its keepers in 1974, the council said.</p>
    <p>A ceremony to relight the lamp is planned for Saturday evening, organisers said, with
    a brass band and a procession from the harbour to the headland.</p>
    </article></body></html>"""
    url = f"https://outlet{n}.example/news/2026/11/1{n}/{town.lower()}-lighthouse-repainted"
    return RawDocument(url=url, content=html.encode())


def test_extraction_reads_the_lead_image_and_the_outlets_icon() -> None:
    a = extract(
        article_page(
            1,
            '<meta property="og:image" content="/img/lead.jpg">'
            '<link rel="icon" href="/i.ico"><link rel="apple-touch-icon" href="touch.png">',
        )
    )
    assert a.image_url == "https://outlet1.example/img/lead.jpg"
    # the bigger, PNG icon; relative to the page
    assert a.icon_url == "https://outlet1.example/news/2026/11/11/touch.png"
    b = extract(
        article_page(
            2,
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
            ' "image": [{"@type": "ImageObject", "url": "https://cdn.example/b.jpg"}]}</script>',
        )
    )
    assert b.image_url == "https://cdn.example/b.jpg"
    assert b.icon_url == "https://outlet2.example/favicon.ico"  # no icon link: the site's
    c = extract(
        article_page(
            3,
            '<meta name="twitter:image" content="data:image/png;base64,AAAA">'
            '<link rel="shortcut icon" href="javascript:alert(1)">',
        )
    )
    assert c.image_url is None and c.icon_url is None  # only http(s) pictures


def test_sniffing_knows_images_from_pretenders() -> None:
    assert sniff(LEAD) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff(SVG) is None and sniff(b"<html>") is None and sniff(b"") is None


@pytest.fixture
def pictured(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Images, TestClient]]:
    with image_server() as images, Store(db_url) as store:
        heads = [
            f'<meta property="og:image" content="{images.base}/lead.png">'
            f'<link rel="apple-touch-icon" href="{images.base}/apple-icon.png">',
            f'<meta property="og:image" content="{images.base}/evil.svg">',
            f'<meta property="og:image" content="{images.base}/lies.png">',
            f'<meta property="og:image" content="{images.base}/huge.png">',
            f'<meta property="og:image" content="{images.base}/to-metadata.png">',
        ]
        Pipeline(store).ingest(article_page(n, head) for n, head in enumerate(heads, start=1))
        proxy = ImageProxy(tmp_path / "cache", config=FetchConfig(allow_private=True))
        yield store, images, TestClient(create_app(store, images=proxy))


def by_title(store: Store, n: int) -> str:
    return next(a.id for s in store.stories() for a in s.articles if a.title.endswith(f" {n}"))


def test_the_proxy_serves_real_images_once_from_the_outlet_then_from_its_cache(
    pictured: tuple[Store, Images, TestClient], tmp_path: Path
) -> None:
    store, images, client = pictured
    article = by_title(store, 1)
    for _ in range(3):
        response = client.get(f"/img/{article}/lead")
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        assert response.content == LEAD
    icon = client.get(f"/img/{article}/icon")
    assert icon.status_code == 200 and icon.content == ICON
    assert images.hits.count("/lead.png") == 1 and images.hits.count("/apple-icon.png") == 1
    # a new proxy on the same cache directory does not go back to the outlet either
    again = ImageProxy(tmp_path / "cache", config=FetchConfig(allow_private=True))
    assert TestClient(create_app(store, images=again)).get(f"/img/{article}/lead").content == LEAD
    assert images.hits.count("/lead.png") == 1


def test_the_proxy_refuses_what_is_not_a_safe_raster_image(
    pictured: tuple[Store, Images, TestClient],
) -> None:
    store, images, client = pictured
    for n in (2, 3, 4, 5):  # SVG, HTML sent as image/png, over the size cap, redirect to metadata
        assert client.get(f"/img/{by_title(store, n)}/lead").status_code == 404, n
    assert "/to-metadata.png" in images.hits  # followed no further than the refusal
    assert client.get("/img/0123456789abcdef/lead").status_code == 404  # no such article
    assert client.get(f"/img/{by_title(store, 1)}/other").status_code == 422
    hits = len(images.hits)
    assert client.get(f"/img/{by_title(store, 2)}/lead").status_code == 404
    assert len(images.hits) == hits  # a failure is remembered, not retried at once


def test_without_allow_private_a_loopback_picture_is_never_fetched(
    pictured: tuple[Store, Images, TestClient], tmp_path: Path
) -> None:
    store, images, _client = pictured
    client = TestClient(create_app(store, images=ImageProxy(tmp_path / "other")))
    assert client.get(f"/img/{by_title(store, 1)}/lead").status_code == 404
    assert images.hits == []


def test_pages_show_pictures_only_through_the_proxy(
    pictured: tuple[Store, Images, TestClient],
) -> None:
    store, images, client = pictured
    response = client.get("/")
    assert "img-src 'self'" in response.headers["content-security-policy"]
    doc = lxml.html.fromstring(response.text)
    sources = [img.get("src") for img in doc.cssselect("img")]
    assert f"/img/{by_title(store, 1)}/lead" in sources
    assert all(src.startswith(("/img/", "/static/")) for src in sources)
    story = next(s for s in store.stories() if any(a.title.endswith(" 1") for a in s.articles))
    doc = lxml.html.fromstring(client.get(f"/story/{story.id}").text)
    assert doc.cssselect(f'figure.picture img[src="/img/{by_title(store, 1)}/lead"]')
    assert doc.cssselect(f'.sources img.icon[src="/img/{by_title(store, 1)}/icon"]')
    assert images.base not in client.get(f"/story/{story.id}").text.replace("&#34;", '"')
    # once a picture has failed, pages leave it out instead of showing an empty frame
    svg_story = next(s for s in store.stories() if any(a.title.endswith(" 2") for a in s.articles))
    client.get(f"/img/{by_title(store, 2)}/lead")
    doc = lxml.html.fromstring(client.get(f"/story/{svg_story.id}").text)
    assert not doc.cssselect(f'img[src="/img/{by_title(store, 2)}/lead"]')


def test_the_cache_stays_within_its_size(tmp_path: Path) -> None:
    import asyncio

    with image_server() as images:
        proxy = ImageProxy(
            tmp_path / "c", max_cache_bytes=len(LEAD) * 2, config=FetchConfig(allow_private=True)
        )

        async def fetch_all() -> None:
            for path in ("/lead.png", "/apple-icon.png", "/favicon.ico"):
                await proxy.get(images.base + path)

        asyncio.run(fetch_all())
    assert 0 < proxy.cached_bytes() <= len(LEAD) * 2
