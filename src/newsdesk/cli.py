"""The ``newsdesk`` command."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsdesk.demo import CORPUS
from newsdesk.extract import ExtractionError, extract
from newsdesk.extract.fields import parse_datetime
from newsdesk.model import RawDocument
from newsdesk.pipeline import IngestReport, Pipeline
from newsdesk.render import FORMATS, render_digest
from newsdesk.scale import executor_for
from newsdesk.sources import SourceError, expand_paths, read_file
from newsdesk.store import Store

app = typer.Typer(
    help="newsdesk: news pages in, attributed stories out.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

WorkersOption = Annotated[
    int, typer.Option("--workers", "-j", min=1, help="Processes for extraction (1 = in-process).")
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="NEWSDESK_DB", help="SQLAlchemy URL of the store."),
]


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


@app.command("extract")
def extract_command(
    file: Annotated[Path, typer.Argument(help="An HTML page or text render (.gz too).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print all fields as JSON.")] = False,
) -> None:
    """Extract the article of one page and print it."""
    try:
        article = extract(read_file(file))
    except (SourceError, ExtractionError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(article.to_dict(), indent=2, ensure_ascii=False))
        return
    meta = [article.outlet, article.author, article.published and article.published.isoformat()]
    print(article.title)
    if article.subtitle:
        print(article.subtitle)
    print(" | ".join(m for m in meta if m))
    print()
    print(article.text)
    if article.rights:
        print(f"\n{article.rights}")
    for warning in article.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)


def _documents(files: list[Path]) -> Iterator[RawDocument | SourceError]:
    for file in files:
        try:
            yield read_file(file)
        except SourceError as exc:
            yield exc


def run_ingest(store: Store, paths: list[str], workers: int = 1) -> IngestReport:
    """Ingest files with a progress bar; errors are printed as they happen."""
    try:
        files = list(expand_paths(paths))
    except SourceError as exc:
        raise _fail(str(exc)) from None
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        executor = executor_for(workers)
        pipeline = Pipeline(store, executor=executor)

        def advance(name: str, outcome: str) -> None:
            progress.advance(task)
            if outcome == "error":
                progress.console.print(f"[red]skipped[/] {name}", highlight=False)

        try:
            report = pipeline.ingest(_documents(files), progress=advance)
        finally:
            executor.close()
    for error in report.errors:
        err.print(f"[red]error:[/] {error}", highlight=False)
    err.print(f"{len(files)} files: {report.line()}", highlight=False)
    return report


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs of pages.")],
    db: DbOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Extract, de-duplicate, cluster, summarize and store pages. Re-runs change nothing."""
    with Store(db) as store:
        run_ingest(store, paths, workers)


@app.command()
def digest(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only stories updated since this date (ISO 8601).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, markdown or json.")] = "text",
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None,
) -> None:
    """Print the stories, newest first."""
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    cutoff = parse_datetime(since) if since else None
    if since and cutoff is None:
        raise _fail(f"cannot read --since {since!r} as a date")
    with Store(db) as store:
        print(render_digest(store.stories(since=cutoff, limit=limit), fmt), end="")


@app.command()
def demo(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text, markdown or json.")] = "text",
) -> None:
    """Ingest the bundled demo corpus into a fresh database and print the digest."""
    workdir = None
    if db is None:
        workdir = tempfile.mkdtemp(prefix="newsdesk-demo-")
        db = f"sqlite:///{workdir}/newsdesk.db"
    started = datetime.now(UTC)
    with Store(db) as store:
        run_ingest(store, [str(CORPUS)])
        print(render_digest(store.stories(), fmt), end="")
    elapsed = (datetime.now(UTC) - started).total_seconds()
    err.print(f"demo done in {elapsed:.1f}s; database: {db}", highlight=False)
    err.print(
        f"open the demo site: newsdesk serve --db {db}  (then http://127.0.0.1:8000/)",
        highlight=False,
    )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSDESK_TOKEN",
            help="Bearer token that enables the API's write operations (off without one).",
        ),
    ] = None,
) -> None:
    """Serve the site, the JSON API (/api/v1) and the feeds over the store."""
    import uvicorn

    from newsdesk.web import create_app

    with Store(db) as store:
        err.print(f"serving {store.url} on http://{host}:{port}/", highlight=False)
        uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning")
