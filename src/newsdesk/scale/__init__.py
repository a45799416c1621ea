"""Executors: where a stage's work runs, kept apart from the stages themselves.

A stage is a plain function over picklable data, so the same function runs
in this process (``SerialExecutor``) or spread over local cores
(``ProcessExecutor``). Extraction is the stage that benefits: it is CPU-bound
and independent per page, while dedup and clustering are online and ordered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


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


def executor_for(workers: int) -> Executor:
    """A serial executor for one worker, a process pool for more."""
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers)
