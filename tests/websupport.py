"""Shared by the web tests: a store of the demo corpus plus one hostile page, and a real server.

The store is built once per test session (``demo_site_db``); each test module
opens its own ``Store`` on it, read-only by convention.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from newsdesk.demo import CORPUS
from newsdesk.model import Article, Assignment, RawDocument, Story
from newsdesk.pipeline import Pipeline
from newsdesk.sources import expand_paths, read_file
from newsdesk.store import Store
from newsdesk.store.queries import slugify

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_URL = "https://evil.example/quillmoor-marmalade"
HOSTILE_PAGE = b"""<!doctype html><html lang="en"><head>
<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
<link rel="canonical" href="javascript:alert(2)">
<meta property="og:site_name" content="Evil &lt;img src=x onerror=alert(3)&gt; Times">
<meta name="author" content="&lt;b&gt;Mallory&lt;/b&gt;">
<meta property="article:published_time" content="2026-11-17T09:00:00Z">
</head><body><article><h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>The Quillmoor marmalade fair opened on Tuesday with a record 412 stalls along the old canal,
organisers said, and the queue for the bitter-orange tasting tent stretched past the lock gates
before noon.</p>
<p>Judges at the Quillmoor fair awarded the gold jar to a three-citrus blend from a family kitchen
in the hills above the town, the first time an amateur has won since the contest began.</p>
<p>The fair runs until Sunday. Organisers expect more than 20,000 visitors and have laid on extra
buses from the station.</p>
</article></body></html>"""


def hostile_document() -> RawDocument:
    """A page whose title, outlet, byline and canonical URL are all attacks."""
    return RawDocument(url=HOSTILE_URL, content=HOSTILE_PAGE, content_type="text/html")


@cache
def demo_site_db() -> str:
    """URL of a SQLite store holding the demo corpus and the hostile page (built once)."""
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-web-tests-"))
    atexit.register(shutil.rmtree, workdir, True)
    url = f"sqlite:///{workdir / 'site.db'}"
    documents = [read_file(path) for path in expand_paths([str(CORPUS)])]
    with Store(url) as store:
        Pipeline(store).ingest([*documents, hostile_document()])
    return url


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def add_story(
    store: Store, story_id: str, outlets: list[str], when: datetime, text: str = ""
) -> None:
    """A story with one article per outlet, stored without the pipeline's judgement."""
    for n, outlet in enumerate(outlets):
        article = Article(
            url=f"https://{slugify(outlet)}.example/{story_id}",
            title=f"{story_id} headline",
            text=f"{story_id} body {n}. {text}",
            outlet=outlet,
            published=when,
        )
        raw = RawDocument(url=article.url, content=article.text.encode())
        store.add_article(raw, article, Assignment(article.id, story_id, 1.0, n == 0), None)
    articles = store.story_articles(story_id)
    store.save_story(Story(story_id, f"{story_id} headline", articles, category="World"))
