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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 10


class ScaleError(Exception):
    """An executor could not be set up (a scheduler out of reach, a missing extra)."""


class Executor(Protocol):
    """Maps a function over items, returning results in input order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialExecutor:
    """Runs everything in this process, in order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Spreads work over ``workers`` processes (default: every core)."""

    def __init__(self, workers: int | None = None, chunksize: int = 8) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.chunksize = chunksize
        self._pool = ProcessPoolExecutor(max_workers=self.workers)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return self._pool.map(fn, items, chunksize=self.chunksize)

    def close(self) -> None:
        self._pool.shutdown()


class DaskExecutor:
    """Spreads work over the workers of a Dask cluster (``tcp://host:8786``).

    The workers need newsdesk installed (the same version); they only run the
    function, so they need no store and no access to the sources. Start a
    cluster with ``dask scheduler`` on one machine and ``dask worker
    tcp://host:8786`` on each of the others.
    """

    def __init__(
        self, address: str, timeout_s: float = CONNECT_TIMEOUT_S, chunksize: int = 8
    ) -> None:
        self.chunksize = chunksize
        try:
            from distributed import Client
            from distributed.comm.addressing import parse_address, parse_host_port
        except ImportError:
            raise ScaleError(
                "a Dask scheduler needs the distributed extra: pip install 'newsdesk[distributed]'"
            ) from None
        self.address = address
        try:  # checked first: a client that fails on a bad address hangs on its way out
            parse_host_port(parse_address(address)[1])
        except ValueError as exc:
            raise ScaleError(f"not a Dask scheduler address: {address} ({exc})") from None
        try:
            self._client: Any = Client(address, timeout=timeout_s, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    @property
    def workers(self) -> int:
        """The workers the cluster has now."""
        return len(self._client.scheduler_info()["workers"])

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        from distributed.scheduler import KilledWorker

        # One task per chunk of items: per-task scheduling costs about a millisecond,
        # as much as extracting a small page. pure=False: two equal pages fetched at
        # different times are two tasks.
        items = list(items)
        chunks = [items[i : i + self.chunksize] for i in range(0, len(items), self.chunksize)]
        futures = self._client.map(_map_chunk, [fn] * len(chunks), chunks, pure=False)
        try:
            for index, future in enumerate(futures):
                try:
                    yield from future.result()
                except (KilledWorker, CancelledError) as exc:
                    # A worker died on the task more than the scheduler allows, or the
                    # cluster went away: the run cannot go on, what came before is kept.
                    first = index * self.chunksize + 1
                    raise ScaleError(
                        f"the Dask cluster at {self.address} lost items {first}-"
                        f"{min(first + self.chunksize - 1, len(items))} of {len(items)}: "
                        f"{type(exc).__name__}: {exc}"
                    ) from None
        finally:
            for future in futures:
                future.release()

    def close(self) -> None:
        self._client.close()


def _map_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def executor_for(workers: int = 1, scheduler: str | None = None) -> Executor:
    """A Dask cluster's executor when a ``scheduler`` address is given; else a serial
    executor for one worker, a local process pool for more."""
    if scheduler:
        return DaskExecutor(scheduler)
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers)
