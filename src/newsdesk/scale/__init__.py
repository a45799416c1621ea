"""Executors: where a stage's work runs, kept apart from the stages themselves.

A stage is a plain function over picklable data, so the same function runs
in this process (``SerialExecutor``), spread over local cores
(``ProcessExecutor``) or over the workers of a Dask cluster on other machines
(``DaskExecutor``, the ``distributed`` extra). Extraction is the stage that
benefits: it is CPU-bound and independent per page, while dedup and clustering
are online and ordered, and stay with the caller next to the store.
"""

from __future__ import annotations

import os
import signal
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 10
_POLL_S = 2


class ScaleError(Exception):
    """An executor cannot start or go on: a missing extra, a scheduler out of reach or
    without workers, workers dying on a task, a cluster gone during a run."""


class Executor(Protocol):
    """Maps a function over items, returning results in input order.

    An executor that runs elsewhere starts on the items when ``map`` is called, so a
    caller can hand over the next batch before it reads this one's results.
    """

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialExecutor:
    """Runs everything in this process, in order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Spreads work over ``workers`` processes (default: every core).

    The workers ignore Ctrl-C, which the terminal sends to them too: stopping is the
    caller's decision, and ``close`` drops the work not started yet. Pages go to the
    workers two at a time: a stop then waits for at most two pages per worker (a task
    costs well under a millisecond here, against about 0.2 s of extraction per page).
    """

    def __init__(self, workers: int | None = None, chunksize: int = 2) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.chunksize = chunksize
        self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_ignore_sigint)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return self._pool.map(fn, items, chunksize=self.chunksize)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskExecutor:
    """Spreads work over the workers of a Dask cluster (``tcp://host:8786``).

    The workers need newsdesk installed (the same version); they only run the
    function, so they need no store and no access to the sources. Start a
    cluster with ``dask scheduler`` on one machine and ``dask worker
    tcp://host:8786`` on each of the others.

    Items travel in chunks of up to ``max_chunk``, smaller when the cluster has
    threads to spare. A cluster without workers for ``timeout_s`` (at the start
    or during a map) is an error rather than a wait without end.
    """

    def __init__(
        self, address: str, timeout_s: float = CONNECT_TIMEOUT_S, max_chunk: int = 8
    ) -> None:
        try:
            from distributed import Client
            from distributed.comm.addressing import parse_address, parse_host_port
        except ImportError:
            raise ScaleError(
                "a Dask scheduler needs the distributed extra: pip install 'newsdesk[distributed]'"
            ) from None
        self.address = address
        self.timeout_s = timeout_s
        self.max_chunk = max_chunk
        # Checked before connecting: a client that fails on a bad address stalls on its way out.
        try:
            scheme, location = parse_address(address)
            parse_host_port(location)
        except ValueError as exc:
            raise ScaleError(f"not a Dask scheduler address: {address} ({exc})") from None
        if scheme != "tcp":
            raise ScaleError(f"not a Dask scheduler address: {address} (use tcp://host:port)")
        try:
            self._client: Any = Client(address, timeout=timeout_s, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            self._client.wait_for_workers(1, timeout=timeout_s)
        except TimeoutError:
            self._client.close()
            raise ScaleError(
                f"the Dask scheduler at {address} has no workers (waited {timeout_s:g} s); "
                f"start some with: dask worker {address}"
            ) from None

    @property
    def workers(self) -> int:
        """The workers the cluster has now."""
        return len(self._client.nthreads())

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Submits every item now; the results come back as they are read, in order."""
        items = list(items)
        # Per-task scheduling costs about a millisecond, as much as extracting a small
        # page: chunks amortize it, but not at the cost of idle threads.
        threads = sum(self._client.nthreads().values()) or 1
        size = max(1, min(self.max_chunk, len(items) // (2 * threads)))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        # pure=False: two equal pages fetched at different times are two tasks.
        with warnings.catch_warnings():  # pages travel with the tasks, by design
            warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
            futures = self._client.map(_map_chunk, [fn] * len(chunks), chunks, pure=False)
        return self._gather(chunks, futures)

    def _gather(self, chunks: list[list[T]], futures: list[Any]) -> Iterator[R]:
        from distributed.scheduler import KilledWorker

        try:
            for chunk, future in zip(chunks, futures, strict=True):
                try:
                    yield from self._result(future)
                except KilledWorker:
                    names = ", ".join(_label(item) for item in chunk)
                    raise ScaleError(
                        f"workers of the Dask cluster at {self.address} died running {names} "
                        "(see the workers' logs)"
                    ) from None
                except CancelledError:
                    raise ScaleError(
                        f"the Dask cluster at {self.address} went away during the run"
                    ) from None
        finally:
            for future in futures:
                future.release()

    def _result(self, future: Any) -> Any:
        """The future's result; a ScaleError once the cluster has had no workers for a while."""
        idle_since: float | None = None
        while True:
            try:
                return future.result(timeout=_POLL_S)
            except TimeoutError:
                try:
                    workers = self.workers
                except OSError:  # the scheduler itself is gone: the future says so next
                    workers = 0
                if workers:
                    idle_since = None
                    continue
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= self.timeout_s:
                    raise ScaleError(
                        f"the Dask cluster at {self.address} has had no workers for "
                        f"{self.timeout_s:g} s"
                    ) from None

    def close(self) -> None:
        self._client.close()


def _label(item: object) -> str:
    """How an error names an item: a page's URL, else its text."""
    return str(getattr(item, "url", item))[:200]


def _map_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    """One Dask task: ``fn`` over a chunk of items, on a worker."""
    return [fn(item) for item in chunk]


def executor_for(workers: int = 1, scheduler: str | None = None) -> Executor:
    """A Dask cluster's executor when a ``scheduler`` address is given; else a serial
    executor for one worker, a local process pool for more."""
    if scheduler:
        return DaskExecutor(scheduler)
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers)


def run_outcome(store: Any) -> list[dict[str, Any]]:
    """What a run made of its input, to compare runs: per story its articles, headline,
    summary, category, origin, near-duplicate groups and provenance (who copied whom).

    Ingesting a stream in one run, or stopped and resumed, or cut into N runs, must give
    the same outcome; only the time stories were refreshed (and so their related
    stories, ranked among the stories of that moment) may differ.
    """
    from newsdesk.dedup import provenance

    out = []
    for story in sorted(store.stories(), key=lambda s: s.id):
        origin = provenance(story.articles)
        out.append(
            {
                "id": story.id,
                "articles": sorted(a.id for a in story.articles),
                "headline": story.headline,
                "summary": [(s.text, s.article_id) for s in story.summary],
                "category": story.category,
                "origin": story.origin,
                "duplicates": dict(sorted(story.duplicates.items())),
                "provenance": (origin.earliest, origin.links, origin.groups),
            }
        )
    return out
