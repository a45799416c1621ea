"""The door of the write API: the token is checked before a body is read, and bodies are capped.

A request body is only read after the routing layer has decided what to do
with it, and FastAPI reads (and buffers) the whole body before it runs a
route's dependencies, the token check included. So a write without a valid
token is refused here, from its headers alone, and every body is counted while
it streams in, whatever its transfer encoding: a chunked body (no
Content-Length) is cut off with 413 as soon as it passes the cap, and the
connection is closed without reading the rest.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def token_refusal(token: str | None, authorization: str | None) -> HTTPException | None:
    """Why a write with this ``Authorization`` header is refused (None: it may go ahead)."""
    if token is None:
        return HTTPException(403, "write operations are disabled: start the server with a token")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        return HTTPException(
            401, "a valid bearer token is required", {"WWW-Authenticate": "Bearer"}
        )
    return None


class _TooLarge(Exception):
    """The body passed the cap while it streamed in (the 413 is already sent)."""


class WriteGuard:
    """ASGI middleware: refuse unauthorized writes under ``prefix`` unread; cap every body."""

    def __init__(self, app: ASGIApp, *, token: str | None, prefix: str, max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.prefix = prefix
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        refusal = None
        if length is not None and not length.isdigit():
            refusal = HTTPException(400, "invalid Content-Length")
        elif scope["method"] not in SAFE_METHODS and scope["path"].startswith(self.prefix):
            refusal = token_refusal(self.token, headers.get("authorization"))
        if refusal is None and length is not None and int(length) > self.max_bytes:
            refusal = self._too_large()
        if refusal is not None:
            await _reply(refusal, scope, receive, send)
            return

        received = 0
        started = False
        taken_over = False

        async def counted_receive() -> Message:
            nonlocal received, taken_over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    if not started:
                        taken_over = True
                        await _reply(self._too_large(), scope, receive, send)
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if taken_over:
                return  # the 413 went out; whatever the app makes of the cut body is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not taken_over:
                raise  # after the 413, what the app made of the cut body does not matter

    def _too_large(self) -> HTTPException:
        return HTTPException(413, f"request body over {self.max_bytes} bytes")


async def _reply(refusal: HTTPException, scope: Scope, receive: Receive, send: Send) -> None:
    """Send ``refusal`` as the API's JSON error and close the connection (the body is unread)."""
    headers = {**(refusal.headers or {}), "Connection": "close"}
    response = JSONResponse({"detail": refusal.detail}, refusal.status_code, headers=headers)
    await response(scope, receive, send)
