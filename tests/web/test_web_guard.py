"""The write API's door, against a real uvicorn on loopback: the token is checked before the
body is read, and a body is cut off at the cap while it streams in, chunked or not."""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from websupport import HOSTILE_URL, hostile_document, running

from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.app import MAX_BODY_BYTES

CHUNK = b"x" * 65536
TOKEN = "s3cret"


@pytest.fixture
def site(db_url: str) -> Iterator[str]:
    with Store(db_url) as store, running(create_app(store, token=TOKEN)) as url:
        yield url


def _open(base: str, path: str, headers: dict[str, str]) -> socket.socket:
    """A connection with a chunked POST's head sent and its body still to come."""
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    head = [f"POST {path} HTTP/1.1", f"Host: {parts.netloc}", "Transfer-Encoding: chunked"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    return sock


def _status(sock: socket.socket) -> int:
    """The status code of the response on ``sock`` (waits up to the socket's timeout)."""
    data = b""
    while b"\r\n" not in data:
        more = sock.recv(4096)
        if not more:
            break
        data += more
    return int(data.split(b" ", 2)[1])


def _stream_until_answered(sock: socket.socket, most: int) -> int:
    """Send body chunks until the server answers or closes (or ``most`` bytes); bytes sent."""
    sent = 0
    while sent < most:
        if select.select([sock], [], [], 0)[0]:
            break  # the server has answered
        try:
            sock.sendall(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(CHUNK)
    return sent


def test_a_write_without_the_token_is_refused_before_its_body_is_read(site: str) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": f"Basic {TOKEN}"}):
        with _open(site, "/api/v1/documents", headers) as sock:
            sock.sendall(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))  # and the rest never comes
            assert _status(sock) == 401


def test_a_chunked_body_over_the_cap_is_cut_off_while_it_streams_in(site: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    most = 16 * MAX_BODY_BYTES
    with _open(site, "/api/v1/documents", auth) as sock:
        sent = _stream_until_answered(sock, most)
        assert _status(sock) == 413
    # The server stopped reading near the cap; the rest would have waited in socket buffers.
    assert sent < most / 2


def test_a_chunked_body_within_the_cap_still_goes_through(site: str) -> None:
    document = {"url": HOSTILE_URL, "content": hostile_document().content.decode()}
    body = json.dumps(document).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: httpx sends it chunked
        yield body[:100]
        yield body[100:]

    response = httpx.post(
        f"{site}/api/v1/documents",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["new"] == 1


def test_a_declared_length_over_the_cap_is_refused_unread(db_url: str) -> None:
    with Store(db_url) as store:
        client = TestClient(create_app(store, token=TOKEN))
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = client.post(
            "/api/v1/documents", content=b"x" * (MAX_BODY_BYTES + 1), headers=auth
        )
        assert response.status_code == 413
        assert "default-src 'none'" in response.headers["content-security-policy"]
        bad = client.post("/api/v1/documents", content=b"{}", headers={"Content-Length": "x1"})
        assert bad.status_code == 400


UNSAFE_PAGE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://files.example/page",
    "http:///no-host",
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/",  # 169.254.169.254 as one number
    "http://[::ffff:169.254.169.254]/",
    "http://[fd00:ec2::254]/",
    "http://127.0.0.1/admin",
]


@pytest.mark.parametrize("url", UNSAFE_PAGE_URLS)
def test_urls_the_fetcher_would_refuse_are_refused_at_the_door(db_url: str, url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with Store(db_url) as store:
        client = TestClient(create_app(store, token=TOKEN))
        page = {"url": url, "content": hostile_document().content.decode()}
        added = client.post("/api/v1/documents", json=page, headers=auth)
        assert added.status_code == 422, added.text
        assert store.count()["articles"] == 0
        source = client.post("/api/v1/sources", json={"url": url}, headers=auth)
        assert source.status_code == 422, source.text
        assert client.get("/api/v1/stories").json()["total"] == 0


def test_private_addresses_are_taken_where_the_server_allows_them(db_url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with Store(db_url) as store:
        client = TestClient(create_app(store, token=TOKEN, allow_private=True))
        feed = {"url": "http://127.0.0.1:8080/feed.xml"}
        assert client.post("/api/v1/sources", json=feed, headers=auth).status_code == 201
        metadata = {"url": "http://169.254.169.254/latest/meta-data/"}
        refused = client.post("/api/v1/sources", json=metadata, headers=auth)
        assert refused.status_code == 422 and "cloud metadata" in refused.json()["detail"]


def test_json_carries_only_web_links(db_url: str, tmp_path) -> None:
    """A page read from a local file, and a page whose canonical URL is ``javascript:``."""
    from newsdesk.pipeline import Pipeline
    from newsdesk.sources import read_file

    local = tmp_path / "local.html"
    local.write_text(
        "<html><head><title>Brackenby ferry resumes</title></head><body><article>"
        "<h1>Brackenby ferry resumes</h1><p>The Brackenby ferry carried its first passengers"
        " in three months on Monday after engineers replaced a cracked propeller shaft, the"
        " operator said.</p><p>Commuters had faced a two-hour detour by road since August,"
        " when the fault was found during a routine inspection of the vessel.</p>"
        "</article></body></html>"
    )
    with Store(db_url) as store:
        Pipeline(store).ingest([read_file(local), hostile_document()])
        client = TestClient(create_app(store))
        articles = client.get("/api/v1/articles").json()["items"]
        assert len(articles) == 2
        for article in articles:
            assert article["canonical_url"] is None  # javascript:alert(2)
            assert article["url"] in (HOSTILE_URL, None)
            story = client.get(f"/api/v1/stories/{article['story_id']}").json()
            assert [s["url"] for s in story["sources"]] == [article["url"]], story
        assert "file:" not in client.get("/api/v1/stories").text
