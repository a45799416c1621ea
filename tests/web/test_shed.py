"""Load shedding on a real uvicorn server: past the in-flight limit, 503 at once."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest
from websupport import running

from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.shed import LoadShedder


def test_requests_past_the_limit_get_503_with_retry_after(store: Store) -> None:
    app = create_app(store, token="sekrit", max_in_flight=1)
    with running(app) as base:
        # one request in flight: a write whose body has not all arrived yet
        address = urlsplit(base)
        stalled = socket.create_connection((address.hostname, address.port))
        stalled.sendall(
            b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sekrit\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"url":'
        )
        time.sleep(0.3)  # the server has taken it in and waits for the rest
        with httpx.Client(base_url=base, timeout=10) as client:
            started = time.monotonic()
            busy = client.get("/")
            assert busy.status_code == 503 and time.monotonic() - started < 2
            assert busy.headers["retry-after"] == "1"
            assert "too many requests" in busy.text
            assert busy.headers["content-security-policy"]  # refusals carry the headers too
            api = client.get("/api/v1/stories")
            assert api.status_code == 503 and "busy" in api.json()["detail"]
            stalled.close()  # the write ends (its client went away): the slot is free
            deadline = time.monotonic() + 5
            while (status := client.get("/").status_code) == 503 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert status == 200


def test_the_limit_must_allow_a_request() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LoadShedder(lambda *a: None, max_in_flight=0)


def test_requests_that_waited_behind_a_busy_loop_are_shed() -> None:
    """Pages are built on the event loop: requests that arrive together wait in its ready
    list, where no in-flight count sees them; past max_delay of CPU the rest get 503. One
    slow page followed by a few requests (its stylesheet, its pictures) sheds nothing."""

    async def app(scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        cpu = {"/slow": 0.5, "/page": 0.03}.get(scope["path"], 0.0)
        busy_until = time.thread_time() + cpu  # builds a page, never yielding
        while time.thread_time() < busy_until:
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    shedder = LoadShedder(app, max_in_flight=1000, max_delay=0.1)
    with running(shedder) as base:

        def burst(path: str, n: int, first: str | None = None) -> list[int]:
            statuses: list[int] = []

            def get(p: str) -> None:
                statuses.append(httpx.get(base + p, timeout=30).status_code)

            threads = [threading.Thread(target=get, args=(first,))] if first else []
            threads += [threading.Thread(target=get, args=(path,)) for _ in range(n)]
            for i, thread in enumerate(threads):
                thread.start()
                if i == 0 and first:
                    time.sleep(0.1)  # the slow page holds the loop; the rest arrive behind it
            for thread in threads:
                thread.join()
            return sorted(statuses)

        warm = httpx.get(base + "/", timeout=10)  # the loop's heartbeat starts
        assert warm.status_code == 200
        assert burst("/", 4, first="/slow") == [200] * 5  # a slow page is no queue
        statuses = burst("/page", 60)  # 60 pages of 30 ms at once: 1.8 s of work
        assert statuses.count(200) >= 3 and statuses.count(503) >= 20, statuses
        assert shedder.shed == statuses.count(503)
        assert httpx.get(base + "/", timeout=10).status_code == 200  # the loop is free again
