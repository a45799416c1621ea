"""Streaming decompression with a size cap, so a small bomb cannot become a big allocation.

Every decoder produces at most ``limit + 1`` bytes in all: a body that would
inflate past the cap raises SourceError (kind ``too-large``) as soon as the
cap is crossed, not after the whole thing has been expanded in memory.
"""

from __future__ import annotations

import zlib

import brotli

from newsdesk.sources.errors import SourceError

ENCODINGS = ("identity", "gzip", "x-gzip", "deflate", "br")


def size_text(n: int) -> str:
    """A byte count for people: ``20.0 MB``, ``512 KB``, ``300 bytes``."""
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    return f"{n >> 10} KB" if n >= 2**10 else f"{n} bytes"


class CappedDecoder:
    """Incremental decoder for one Content-Encoding that stops at ``limit`` output bytes."""

    def __init__(self, encoding: str | None, limit: int, name: str) -> None:
        encoding = (encoding or "identity").strip().lower()
        if encoding not in ENCODINGS:
            raise SourceError(f"{name}: unsupported content encoding {encoding!r}", "malformed")
        self.encoding = encoding
        self.limit = limit
        self.name = name
        self.size = 0
        self._raw_deflate = False
        self._zlib = self._new_zlib() if encoding != "br" else None
        self._brotli = brotli.Decompressor() if encoding == "br" else None

    def _new_zlib(self) -> zlib._Decompress | None:
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.encoding == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)
        return None

    def _count(self, out: bytes) -> bytes:
        self.size += len(out)
        if self.size > self.limit:
            what = "is" if self.encoding == "identity" else "decompresses to"
            raise SourceError(
                f"{self.name}: {what} more than {size_text(self.limit)}, the size limit",
                "too-large",
            )
        return out

    def feed(self, data: bytes) -> bytes:
        """Decode the next chunk; raises SourceError once the output passes the cap."""
        if self.encoding == "identity":
            return self._count(data)
        try:
            if self._brotli is not None:
                return self._feed_brotli(data)
            return self._feed_zlib(data)
        except (zlib.error, brotli.error) as exc:
            raise SourceError(f"{self.name}: corrupt {self.encoding} ({exc})", "malformed") from exc

    def _feed_zlib(self, data: bytes) -> bytes:
        parts = []
        while data:
            assert self._zlib is not None
            if self._zlib.eof:
                if self.encoding == "deflate" or not data.strip(b"\0"):
                    break  # trailing padding after the stream
                self._zlib = self._new_zlib()  # a further gzip member
            try:
                out = self._zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if self.encoding != "deflate" or self._raw_deflate or self.size:
                    raise
                self._raw_deflate = True  # servers send raw deflate as often as zlib
                self._zlib = self._new_zlib()
                continue
            parts.append(self._count(out))
            data = self._zlib.unused_data if self._zlib.eof else self._zlib.unconsumed_tail
        return b"".join(parts)

    def _feed_brotli(self, data: bytes) -> bytes:
        assert self._brotli is not None
        parts = [self._count(self._brotli.process(data, output_buffer_limit=self._room()))]
        while not self._brotli.can_accept_more_data():
            parts.append(self._count(self._brotli.process(b"", output_buffer_limit=self._room())))
        return b"".join(parts)

    def _room(self) -> int:
        return max(self.limit - self.size + 1, 1)

    def finish(self) -> None:
        """Raise if the stream ended before the compressed data did."""
        done = True
        if self._zlib is not None:
            done = self._zlib.eof
        elif self._brotli is not None:
            done = self._brotli.is_finished()
        if not done:
            raise SourceError(
                f"{self.name}: corrupt {self.encoding} (truncated stream)", "malformed"
            )


def decompress(data: bytes, encoding: str, limit: int, name: str) -> bytes:
    """Decode a whole buffer with the cap; raises SourceError naming ``name``."""
    decoder = CappedDecoder(encoding, limit, name)
    out = decoder.feed(data)
    decoder.finish()
    return out
