"""How long newsdesk commands take to start: ``--help``, a few commands on an empty store.

Each command runs as a fresh process ``RUNS`` times; the table gives the median
and the fastest wall time, and the median CPU time (user + system), which
depends much less on what else the machine is running. Beside them, in the
same run: the bare interpreter (the floor) and the imports ``newsdesk --help``
used to pay for (every newsdesk module the CLI imported at its top,
scikit-learn among them), so the figure before the lazy imports is measured on
the same machine at the same load.

    python bench/startup.py [--runs 7]

Writes bench/results/startup.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import md_table, publish

from newsdesk.demo import CORPUS

EAGER = (  # what `newsdesk --help` imported before its imports were made lazy
    "import newsdesk.cli, newsdesk.cluster, newsdesk.extract, newsdesk.pipeline, "
    "newsdesk.render, newsdesk.scale, newsdesk.sources.live, newsdesk.store, "
    "newsdesk.storyview, newsdesk.summarize, sklearn.feature_extraction.text"
)
TARGET = 1.0  # seconds, for `newsdesk --help`


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median and fastest wall time, and median CPU time, of ``command`` over ``runs``
    fresh processes."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    newsdesk = str(Path(sys.executable).with_name("newsdesk"))
    page = str(next(CORPUS.rglob("*.html")))
    with tempfile.TemporaryDirectory(prefix="newsdesk-startup-") as workdir:
        db = f"sqlite:///{workdir}/empty.db"
        subprocess.run([newsdesk, "digest", "--db", db], check=True, stdout=subprocess.DEVNULL)
        rows = [
            ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"]),
            ("newsdesk --help", [newsdesk, "--help"]),
            ("newsdesk ingest --help", [newsdesk, "ingest", "--help"]),
            ("newsdesk sources list (empty store)", [newsdesk, "sources", "list", "--db", db]),
            ("newsdesk digest (empty store)", [newsdesk, "digest", "--db", db]),
            ("newsdesk extract PAGE", [newsdesk, "extract", page]),
            ("the imports --help paid for before", [sys.executable, "-c", EAGER]),
        ]
        results = [(name, *_time(command, args.runs)) for name, command in rows]
    help_median, help_cpu = results[1][1], results[1][3]
    load = os.getloadavg()[0]
    lines = [
        "# Start-up time",
        "",
        f"A fresh process each time, {args.runs} runs, on {os.cpu_count()} cores with a load "
        f"average of {load:.1f} while it ran (`python bench/startup.py`). Wall time grows with "
        "the load; CPU time (user + system) is what the command itself costs.",
        "",
        md_table(
            ("command", "wall median s", "wall fastest s", "CPU median s"),
            ((name, *(f"{t:.3f}" for t in times)) for name, *times in results),
        ),
        "",
        f"`newsdesk --help`: {help_median:.3f} s wall, {help_cpu:.3f} s CPU (target < "
        f"{TARGET:.0f} s: {'met' if help_median < TARGET else 'not met'} on the wall clock); "
        f"{results[-1][3] / help_cpu:.1f}x less CPU than the imports it paid for before.",
        "",
    ]
    table = "\n".join(lines)
    publish("startup.md", table)


if __name__ == "__main__":
    main()
