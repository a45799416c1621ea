"""Extraction on a real Dask cluster (scheduler and two worker processes on loopback)."""

from __future__ import annotations

import json
import os
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


@pytest.fixture(scope="module")
def scheduler() -> str:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
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


@pytest.mark.parametrize("address", ["garbage", "tcp://scheduler-without-port"])
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
        with pytest.raises(ScaleError, match=r"lost items 1-1 of 1: KilledWorker"):
            list(executor.map(os._exit, [0]))  # exit code 0 is still a dead worker
    finally:
        executor.close()
