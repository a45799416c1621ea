"""WARC and WARC.gz files in the CC-NEWS layout: HTTP response records of web pages.

Two readers: FastWARC (the default, fast) and warcio (pure Python, optional).
Only ``response`` records with a 2xx status and a page content type become
RawDocuments; a record over the size cap, or whose payload is corrupt,
becomes a SourceError naming the archive and the record's URL, and the rest
of the archive is read on.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from uuid import uuid4

from newsdesk.extract.fields import parse_datetime
from newsdesk.model import RawDocument, utcnow
from newsdesk.sources.compress import CappedDecoder, size_text
from newsdesk.sources.errors import SourceError
from newsdesk.sources.fetcher import KEPT_HEADERS, PAGE_TYPES

BACKENDS = ("fastwarc", "warcio")
MAX_RECORD_BYTES = 20 * 2**20


@dataclass(frozen=True)
class _Record:
    url: str
    date: str | None
    status: int
    headers: dict[str, str]
    body: bytes  # transfer- and content-decoded, at most max_bytes + 1 long


def read_warc(
    path: str | Path,
    backend: str = "fastwarc",
    max_bytes: int = MAX_RECORD_BYTES,
    name: str | None = None,
) -> Iterator[RawDocument | SourceError]:
    """The page responses of a WARC(.gz) file, in archive order."""
    name = name or str(path)
    if backend not in BACKENDS:
        raise ValueError(f"unknown WARC backend {backend!r}: choose one of {BACKENDS}")
    reader = _fastwarc if backend == "fastwarc" else _warcio
    try:
        with open(path, "rb") as stream:
            for record in reader(stream, max_bytes, name):
                if isinstance(record, SourceError):
                    yield record
                    continue
                item = _document(record, max_bytes, name)
                if item is not None:
                    yield item
    except OSError as exc:
        yield SourceError(f"{name}: cannot read ({exc.strerror or exc})")
    except Exception as exc:  # the readers raise their own types on a corrupt archive
        yield SourceError(f"{name}: corrupt WARC ({type(exc).__name__}: {exc})", "malformed")


def _fastwarc(stream: BinaryIO, max_bytes: int, name: str) -> Iterator[_Record | SourceError]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = ArchiveIterator(
        stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="transfer"
    )
    for record in records:
        url = record.headers.get("WARC-Target-URI") or ""
        headers = {k.lower(): v for k, v in record.http_headers.items()}
        if not _wanted(record.http_headers.status_code, headers):
            continue
        raw = record.reader.read(max_bytes + 1)
        try:
            _check_length(headers, len(raw), max_bytes, f"{name}: {url}")
            decoder = CappedDecoder(headers.get("content-encoding"), max_bytes, f"{name}: {url}")
            body = decoder.feed(raw)
            decoder.finish()
        except SourceError as exc:
            yield exc
            continue
        yield _Record(
            url, record.headers.get("WARC-Date"), record.http_headers.status_code, headers, body
        )


def _warcio(stream: BinaryIO, max_bytes: int, name: str) -> Iterator[_Record | SourceError]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise ImportError("the warcio backend needs `pip install warcio`") from exc
    for record in ArchiveIterator(stream):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        status = int(record.http_headers.get_statuscode() or 0)
        headers = {k.lower(): v for k, v in record.http_headers.headers}
        if not _wanted(status, headers):
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        body = record.content_stream().read(max_bytes + 1)  # warcio undoes the encodings
        if "content-encoding" not in headers:
            try:
                _check_length(headers, len(body), max_bytes, f"{name}: {url}")
            except SourceError as exc:
                yield exc
                continue
        yield _Record(url, record.rec_headers.get_header("WARC-Date"), status, headers, body)


def _check_length(headers: dict[str, str], size: int, max_bytes: int, name: str) -> None:
    """A payload shorter than its Content-Length was cut off (a truncated archive)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and size < int(declared) and size <= max_bytes:
        raise SourceError(f"{name}: truncated record ({size} of {declared} bytes)", "malformed")


def _wanted(status: int, headers: dict[str, str]) -> bool:
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    return 200 <= status < 300 and content_type in PAGE_TYPES


def _document(record: _Record, max_bytes: int, name: str) -> RawDocument | SourceError | None:
    if not record.url.startswith(("http://", "https://")):
        return None
    if len(record.body) > max_bytes:
        return SourceError(
            f"{name}: {record.url}: record over the {size_text(max_bytes)} limit", "too-large"
        )
    content_type = record.headers.get("content-type", "")
    return RawDocument(
        url=record.url,
        content=record.body,
        content_type=content_type.split(";")[0].strip().lower(),
        fetched_at=_warc_date(record.date),
        status=record.status,
        headers={k: v for k, v in record.headers.items() if k in KEPT_HEADERS},
    )


def _warc_date(value: str | None) -> datetime:
    """WARC-Date is ISO 8601 in UTC (``2026-11-16T12:00:00Z``); anything else is parsed loosely."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except (AttributeError, ValueError):
        return parse_datetime(value) or utcnow()


def write_warc(path: str | Path, pages: Iterable[RawDocument]) -> int:
    """Write pages as a WARC.gz of response records (one gzip member each); returns the count.

    What CC-NEWS holds, in small: used to make archives for tests and benchmarks.
    """
    count = 0
    with open(path, "wb") as out:
        for page in pages:
            out.write(warc_record(page))
            count += 1
    return count


def warc_record(page: RawDocument, level: int = 9) -> bytes:
    """One page as a gzipped WARC response record, as CC-NEWS stores it."""
    headers = {"content-type": page.content_type, **page.headers}
    headers["content-length"] = str(len(page.content))
    lines = "".join(f"{k.title()}: {v}\r\n" for k, v in headers.items())
    http = f"HTTP/1.1 {page.status or 200} OK\r\n{lines}\r\n".encode() + page.content
    when = page.fetched_at.astimezone(UTC) if page.fetched_at else datetime.now(UTC)
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {page.url}\r\n"
        f"WARC-Date: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid4()}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=level)
