"""newsdesk's own image proxy: lead images and outlet icons without the reader's browser
ever contacting an outlet.

Pages link ``/img/{article_id}/lead`` and ``/img/{article_id}/icon``; the proxy
looks the picture's URL up in the store (so it is no open proxy: only URLs that
extraction found can be fetched), fetches it with the fetcher's safety policy
(http(s) only, every hop's addresses public, metadata addresses always
refused, a byte cap, a deadline), and serves it only if its first bytes are
those of a raster image (PNG, JPEG, GIF, WebP, AVIF, ICO; SVG, which can carry
script, is refused), with the type it sniffed rather than the one declared. Images
are cached on disk, least recently used first out past ``max_cache_bytes``; a
failure is remembered for FAILURE_SECONDS so a page full of dead icons costs one
try each. The site's CSP (``img-src 'self'``) keeps every other image out.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from dataclasses import replace
from pathlib import Path

from newsdesk.config import FetchConfig
from newsdesk.sources.errors import SourceError
from newsdesk.sources.fetcher import Fetcher

MAX_IMAGE_BYTES = 2 * 2**20
MAX_CACHE_BYTES = 256 * 2**20
FAILURE_SECONDS = 600.0
MAX_FAILURES_KEPT = 10_000
MAX_FETCHES = 8  # images fetched at once; more wait their turn
FETCH_SECONDS = 10.0
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
)


class ImageUnavailable(Exception):
    """The picture cannot be served (not found, refused, failed, or not an image)."""


def sniff(content: bytes) -> str | None:
    """The image type ``content`` starts like, or None if it is no raster image we serve."""
    for signature, kind in SIGNATURES:
        if content.startswith(signature):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    return None


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/newsdesk/images`` (``~/.cache`` without it)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsdesk" / "images"


class ImageProxy:
    """Fetches, checks and caches pictures for the site (one per app)."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        max_cache_bytes: int = MAX_CACHE_BYTES,
        config: FetchConfig | None = None,
    ) -> None:
        self.cache_dir = cache_dir or default_cache_dir()
        self.max_cache_bytes = max_cache_bytes
        # a reader is waiting: no politeness delay, one quick retry, a short deadline
        self.config = replace(
            config or FetchConfig(),
            delay=0.0,
            retries=1,
            backoff=0.2,
            connect_timeout=min((config or FetchConfig()).connect_timeout, FETCH_SECONDS),
            read_timeout=FETCH_SECONDS,
            total_timeout=FETCH_SECONDS,
            max_bytes=MAX_IMAGE_BYTES,
        )
        self._failed: dict[str, tuple[float, str]] = {}
        self._pending: dict[str, asyncio.Future[tuple[bytes, str]]] = {}
        self._gate: asyncio.Semaphore | None = None
        self._cached_bytes: int | None = None

    def usable(self, url: str | None) -> bool:
        """False for a picture that failed within FAILURE_SECONDS: pages leave it out
        rather than show an empty frame."""
        failed = self._failed.get(url or "")
        return bool(url) and not (failed and failed[0] > time.monotonic())

    def _path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode()).hexdigest()
        return self.cache_dir / key[:2] / key

    async def get(self, url: str) -> tuple[bytes, str]:
        """The image at ``url`` and its sniffed type, from the cache or fetched now;
        ImageUnavailable says why not."""
        cached = self._read(url)
        if cached is not None:
            return cached
        failed = self._failed.get(url)
        if failed and failed[0] > time.monotonic():
            raise ImageUnavailable(failed[1])
        if url in self._pending:  # the same picture asked for twice at once: one fetch
            return await asyncio.shield(self._pending[url])
        future: asyncio.Future[tuple[bytes, str]] = asyncio.get_running_loop().create_future()
        self._pending[url] = future
        try:
            result = await self._fetch(url)
        except ImageUnavailable as exc:
            if len(self._failed) >= MAX_FAILURES_KEPT:
                self._failed.clear()
            self._failed[url] = (time.monotonic() + FAILURE_SECONDS, str(exc))
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when no one waits
            raise
        finally:
            del self._pending[url]
        future.set_result(result)
        self._write(url, *result)
        return result

    async def _fetch(self, url: str) -> tuple[bytes, str]:
        if self._gate is None:
            self._gate = asyncio.Semaphore(MAX_FETCHES)
        async with self._gate:
            try:
                async with Fetcher(self.config) as fetcher:
                    fetched = await fetcher.fetch(url, accept="image/*", robots=False)
            except SourceError as exc:
                raise ImageUnavailable(str(exc)) from None
        kind = sniff(fetched.content)
        if kind is None:
            raise ImageUnavailable(f"{url}: not a PNG, JPEG, GIF, WebP, AVIF or ICO image")
        return fetched.content, kind

    def _read(self, url: str) -> tuple[bytes, str] | None:
        path = self._path(url)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: last out
        except OSError:
            return None
        kind, _, body = data.partition(b"\n")
        return body, kind.decode()

    def _write(self, url: str, content: bytes, kind: str) -> None:
        path = self._path(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(kind.encode() + b"\n" + content)
            partial.replace(path)
        except OSError:
            return  # a full or read-only disk: serve the image uncached
        if self._cached_bytes is None:
            self._cached_bytes = sum(p.stat().st_size for p in self._files())
        else:
            self._cached_bytes += len(content) + len(kind) + 1
        if self._cached_bytes > self.max_cache_bytes:
            self._evict()

    def _files(self) -> list[Path]:
        return [p for p in self.cache_dir.glob("??/*") if p.suffix != ".part"]

    def _evict(self) -> None:
        """Remove least recently used images until the cache is at 90% of its size."""
        entries = []
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total <= 0.9 * self.max_cache_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
        self._cached_bytes = total

    def cached_bytes(self) -> int:
        """Bytes the cache holds on disk now."""
        return sum(p.stat().st_size for p in self._files())
