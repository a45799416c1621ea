"""Extraction on a real Dask cluster (scheduler and two worker processes on loopback)."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.demo import CORPUS
from newsdesk.pipeline import extract_or_error
from newsdesk.scale import DaskExecutor, ScaleError, SerialExecutor
from newsdesk.sources import expand_paths, read_file

distributed = pytest.importorskip("distributed", reason="the distributed extra is not installed")
runner = CliRunner()
# Each scheduler serves HTTP metrics; the second one on this machine takes another port.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")


def local_cluster(workers: int) -> distributed.LocalCluster:
    """A scheduler and ``workers`` single-threaded worker processes on loopback."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def test_the_cluster_extracts_like_this_process_in_input_order(scheduler: str) -> None:
    pages = [read_file(path) for path in sorted(expand_paths([str(CORPUS)]))]
    executor = DaskExecutor(scheduler)
    try:
        assert executor.workers == 2
        remote = list(executor.map(extract_or_error, pages))
    finally:
        executor.close()
    local = list(SerialExecutor().map(extract_or_error, pages))
    assert [a.url for a in remote] == [p.url for p in pages]
    assert [(a.title, a.text) for a in remote] == [(a.title, a.text) for a in local]


def test_ingest_on_the_cluster_stores_the_same_stories(scheduler: str, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    for path in sorted(CORPUS.glob("northwind-wire/*.html")) + sorted(
        CORPUS.glob("lakeshore-gazette/*.html")
    ):
        (tmp_path / "pages" / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    (tmp_path / "pages" / "broken.html").write_bytes(b"\x00\x01\x02 not a page")
    digests = []
    for extra in ([], ["--scheduler", scheduler]):
        db = f"sqlite:///{tmp_path / f'{len(extra)}.db'}"
        result = runner.invoke(app, ["ingest", str(tmp_path / "pages"), "--db", db, *extra])
        output = result.output.replace("\n", "")
        assert "broken.html" in output and "12 new articles" in output, result.output
        stories = json.loads(runner.invoke(app, ["digest", "--db", db, "--format", "json"]).output)
        digests.append([{**story, "updated_at": None} for story in stories["stories"]])
    assert "extracting on the Dask cluster" in result.output
    assert digests[0] == digests[1] and digests[0]


@pytest.mark.parametrize(
    "address",
    ["garbage", "tcp://scheduler-without-port", "http://127.0.0.1:8786", "tls://127.0.0.1:8786"],
)
def test_a_bad_scheduler_address_is_a_clear_error(address: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["ingest", str(CORPUS), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--scheduler", address],
    )
    assert result.exit_code == 1
    assert f"not a Dask scheduler address: {address}" in result.output


def test_a_scheduler_out_of_reach_is_a_clear_error() -> None:
    with pytest.raises(ScaleError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskExecutor("tcp://127.0.0.1:9", timeout_s=1)


def test_a_task_that_kills_its_workers_stops_the_map_with_a_clear_error(scheduler: str) -> None:
    executor = DaskExecutor(scheduler)
    try:
        with pytest.raises(ScaleError, match=r"workers of the Dask cluster at .* died running 0 "):
            list(executor.map(os._exit, [0]))  # exit code 0 is still a dead worker
    finally:
        executor.close()


def test_a_cluster_without_workers_is_an_error_not_a_wait() -> None:
    with (
        local_cluster(0) as cluster,
        pytest.raises(ScaleError, match=r"has no workers \(waited 1 s\); start some"),
    ):
        DaskExecutor(cluster.scheduler_address, timeout_s=1)


def test_workers_leaving_during_a_map_is_an_error_not_a_wait() -> None:
    with local_cluster(1) as cluster:
        executor = DaskExecutor(cluster.scheduler_address, timeout_s=1)
        try:
            threading.Timer(1, cluster.scale, args=(0,)).start()
            with pytest.raises(ScaleError, match="has had no workers for 1 s"):
                list(executor.map(time.sleep, [5, 5]))
        finally:
            executor.close()
