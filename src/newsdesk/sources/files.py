"""Local files: HTML pages and text renders, plain or gzipped, by path, directory or glob."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.model import RawDocument
from newsdesk.sources.compress import decompress
from newsdesk.sources.errors import SourceError

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}


def expand_paths(patterns: Iterable[str | Path]) -> Iterator[Path]:
    """Files named by paths, directories (recursively) and glob patterns, sorted, once each."""
    seen: set[Path] = set()
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _page_suffix(p))
        elif path.exists():
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
            if not found:
                raise SourceError(f"{pattern}: no such file, directory or matching glob")
        for file in found:
            resolved = file.resolve()
            if resolved not in seen and file.is_file():
                seen.add(resolved)
                yield file


def _page_suffix(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    return suffix if suffix in HTML_SUFFIXES | TEXT_SUFFIXES else None


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read one page file; gzip is undone with the same size cap (no gzip bombs)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"{path}: {size / 2**20:.1f} MB is over the {max_bytes >> 20} MB limit"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(path, data, max_bytes)
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    suffix = _page_suffix(path)
    content_type = "text/plain" if suffix in TEXT_SUFFIXES else "text/html"
    # fetched_at is when newsdesk first saw the page (now), never the file's mtime: a copied
    # or restored file's mtime says nothing about the news, and undated pages sort by it
    return RawDocument(url=path.resolve().as_uri(), content=data, content_type=content_type)


def _gunzip(path: Path, data: bytes, max_bytes: int) -> bytes:
    return decompress(data, "gzip", max_bytes, str(path))
