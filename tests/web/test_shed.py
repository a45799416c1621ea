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


def test_requests_that_waited_behind_a_busy_loop_are_shed(store: Store) -> None:
    """Pages are built on the event loop: a request that arrives while it is busy waits in
    its ready list, where no in-flight count sees it; past max_delay it gets 503."""

    async def app(scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        if scope["path"] == "/slow":
            busy_until = time.thread_time() + 0.5  # builds a page for 0.5 CPU s, never yielding
            while time.thread_time() < busy_until:
                pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    shedder = LoadShedder(app, max_in_flight=100, max_delay=0.1)
    with running(shedder) as base:
        statuses: list[int] = []

        def get(path: str) -> None:
            statuses.append(httpx.get(base + path, timeout=10).status_code)

        get("/")  # the loop's heartbeat starts
        time.sleep(0.05)
        slow = threading.Thread(target=get, args=("/slow",))
        slow.start()
        time.sleep(0.1)  # /slow holds the loop; these arrive behind it
        quick = [threading.Thread(target=get, args=("/",)) for _ in range(5)]
        for thread in quick:
            thread.start()
        for thread in [slow, *quick]:
            thread.join()
        assert sorted(statuses) == [200, 200] + [503] * 5
        assert shedder.shed == 5
        assert httpx.get(base + "/", timeout=10).status_code == 200  # the loop is free again
