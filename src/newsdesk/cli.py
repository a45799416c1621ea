"""The ``newsdesk`` command."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from newsdesk.config import DEFAULT_CONTACT, Config, ConfigError, load_config
from newsdesk.sources import SourceError, expand_paths, read_file

if TYPE_CHECKING:  # the rest is imported where it is used, so that `--help` starts at once
    from newsdesk.cluster import StoryClusterer
    from newsdesk.model import RawDocument
    from newsdesk.pipeline import IngestReport, Pipeline
    from newsdesk.scale import Executor
    from newsdesk.sources.live import RoundReport, Watcher
    from newsdesk.sources.state import Registry
    from newsdesk.store import Store
    from newsdesk.summarize import Summarizer

app = typer.Typer(
    help="newsdesk: news pages in, attributed stories out.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
# dateutil warns on stderr about every time-zone name it does not know, for libraries that
# call it without ``tzinfos`` (htmldate reading og:updated_time): the date is kept either
# way, and a page's odd time zone is no reason to write to a cron job's mail.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"dateutil(\.|$)")

WorkersOption = Annotated[
    int, typer.Option("--workers", "-j", min=1, help="Processes for extraction (1 = in-process).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        envvar="NEWSDESK_SCHEDULER",
        help="Extract on a Dask cluster: its scheduler's address (tcp://host:8786).",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="NEWSDESK_DB", help="SQLAlchemy URL of the store."),
]


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


@app.command("extract")
def extract_command(
    file: Annotated[Path, typer.Argument(help="An HTML page or text render (.gz too).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print all fields as JSON.")] = False,
) -> None:
    """Extract the article of one page and print it."""
    from newsdesk.extract import ExtractionError, extract

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
    print(f"page type: {article.page_type} ({article.page_type_confidence:.2f})")
    print()
    print(article.text)
    if article.rights:
        print(f"\n{article.rights}")
    for warning in article.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)


def _documents(files: list[Path]) -> Iterator[RawDocument | SourceError]:
    for file in files:
        try:
            yield read_file(file)
        except SourceError as exc:
            yield exc


def ingest_with_progress(
    pipeline: Pipeline,
    documents: Iterable[RawDocument | SourceError],
    total: int | None = None,
    label: str = "ingesting",
) -> IngestReport:
    """Run documents through the pipeline under a progress bar; errors are printed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)

        def advance(name: str, outcome: str) -> None:
            progress.advance(task)
            if outcome == "error":
                progress.console.print(f"[red]skipped[/] {escape(name)}", highlight=False)

        report = pipeline.ingest(documents, progress=advance)
    for error in report.errors:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
    return report


def run_ingest(
    store: Store,
    paths: list[str],
    workers: int = 1,
    summarizer: Summarizer | None = None,
    clusterer: StoryClusterer | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Ingest files with a progress bar; errors are printed as they happen."""
    from newsdesk.pipeline import Pipeline

    try:
        files = list(expand_paths(paths))
    except SourceError as exc:
        raise _fail(str(exc)) from None
    with _executor(workers, scheduler) as executor:
        pipeline = Pipeline(store, summarizer=summarizer, clusterer=clusterer, executor=executor)
        with _stop_on_signals(pipeline.stop):
            report = ingest_with_progress(pipeline, _documents(files), total=len(files))
    err.print(f"{len(files)} files: {report.line()}", highlight=False, soft_wrap=True)
    if report.stopped:
        err.print(
            f"stopped: {report.done} of {len(files)} files done and stored in "
            f"{escape(store.url)}; run the same command again to go on (the files stored "
            "are skipped without extraction)",
            highlight=False,
            soft_wrap=True,
        )
    return report


EXIT_SOME_FAILED = 3
EXIT_NONE_INGESTED = 4
INGEST_EXIT = (
    "Exit status: 0 when every input was stored (or already was, or was skipped as not an "
    f"article); {EXIT_SOME_FAILED} when some inputs failed and the rest were stored; "
    f"{EXIT_NONE_INGESTED} when every input failed, so nothing was ingested; 1 when the run "
    "could not start (no such path, a bad config); 2 for a wrong option."
)


def ingest_status(report: IngestReport) -> int:
    """The exit status of an ingest run, as ``INGEST_EXIT`` says."""
    if not report.errors:
        return 0
    handled = sum(report.outcomes.values())  # errors are not counted there
    return EXIT_SOME_FAILED if handled else EXIT_NONE_INGESTED


@app.command(epilog=INGEST_EXIT)
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs of pages.")],
    db: DbOption = None,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    summary_sentences: Annotated[
        int | None, typer.Option(min=0, help="Summary length in sentences (0: no limit).")
    ] = None,
    summary_words: Annotated[
        int | None, typer.Option(min=0, help="Summary length in words (0: no limit).")
    ] = None,
) -> None:
    """Extract, de-duplicate, cluster, summarize and store pages. Re-runs change nothing."""
    from newsdesk.store import Store

    config = _config(None)
    summarizer = _summarizer(config, summary_sentences, summary_words)
    clusterer = _clusterer(config)
    with Store(db) as store:
        report = run_ingest(store, paths, workers, summarizer, clusterer, scheduler)
    if not report.stopped:
        raise typer.Exit(ingest_status(report))


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
    from newsdesk.extract.fields import parse_datetime
    from newsdesk.render import FORMATS, render_digest
    from newsdesk.store import Store

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    cutoff = parse_datetime(since) if since else None
    if since and cutoff is None:
        raise _fail(f"cannot read --since {since!r} as a date")
    with Store(db) as store:
        print(render_digest(store.stories(since=cutoff, limit=limit), fmt), end="")


@app.command()
def stories(
    db: DbOption = None,
    explain: Annotated[
        str | None, typer.Option(help="Show each article's score and signals for this story.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None,
) -> None:
    """Stories with their articles, near-duplicate groups, provenance and merges."""
    from newsdesk.store import Store
    from newsdesk.storyview import story_report

    with Store(db) as store:
        chosen = [store.story(explain)] if explain else store.stories(limit=limit)
        if explain and chosen[0] is None:
            raise _fail(f"no story {explain!r} in {store.url}")
        for story in chosen:
            decisions = store.article_decisions(story.id)
            print(story_report(story, decisions, store.merges(story.id), bool(explain)))
            print()


@app.command()
def demo(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text, markdown or json.")] = "text",
) -> None:
    """Ingest the bundled demo corpus into a fresh database and print the digest.

    Without --db the database is demo.db in the user cache directory, made afresh on each
    run (one file, however often the demo runs)."""
    from newsdesk.demo import CORPUS
    from newsdesk.render import render_digest
    from newsdesk.store import Store

    if db is None:
        db = f"sqlite:///{fresh_demo_database()}"
    started = datetime.now(UTC)
    with Store(db) as store:
        run_ingest(store, [str(CORPUS)])
        print(render_digest(store.stories(), fmt), end="")
    elapsed = (datetime.now(UTC) - started).total_seconds()
    done = f"demo done in {elapsed:.1f}s; database: {escape(db)}"
    err.print(done, highlight=False, soft_wrap=True)
    err.print(
        f"open the demo site: {escape(_own_command())} serve --db {escape(db)}  "
        "(then http://127.0.0.1:8000/)",
        highlight=False,
        soft_wrap=True,
    )


def fresh_demo_database() -> Path:
    """The demo's own SQLite file, in the user cache directory, removed if a run left one."""
    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("newsdesk")) / "demo.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    return path


def _own_command() -> str:
    """How the user can call this command again: ``newsdesk`` if that is on PATH, else its path."""
    argv0 = Path(sys.argv[0])
    on_path = shutil.which("newsdesk")
    if argv0.name != "newsdesk" or (on_path and Path(on_path).resolve() == argv0.resolve()):
        return "newsdesk"
    return str(argv0)


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
    cache_seconds: Annotated[
        float, typer.Option(help="Serve pages and feeds from memory for this long (0: off).")
    ] = 5.0,
    allow_private: AllowPrivateOption = False,
    max_in_flight: Annotated[
        int,
        typer.Option(min=1, help="Requests served at once; more get 503 (Retry-After: 1)."),
    ] = 64,
) -> None:
    """Serve the site, the JSON API (/api/v1) and the feeds over the store."""
    import uvicorn

    from newsdesk.store import Store
    from newsdesk.web import create_app

    with Store(db) as store:
        err.print(f"serving {escape(store.url)} on http://{host}:{port}/", highlight=False)
        app = create_app(
            store,
            token=token,
            cache_seconds=cache_seconds,
            allow_private=allow_private,
            max_in_flight=max_in_flight,
        )
        uvicorn.run(app, host=host, port=port, log_level="warning")


# live sources ----------------------------------------------------------------

sources_app = typer.Typer(
    help="The feeds, sitemaps, pages and WARC files that fetch and watch poll.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", envvar="NEWSDESK_CONFIG", help="Config file (default ./newsdesk.toml)."
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Allow requests to loopback and private network addresses."
    ),
]


def _config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _summarizer(
    config: Config, sentences: int | None = None, words: int | None = None
) -> Summarizer:
    """The summarizer ``[summarize]`` asks for (see ``newsdesk.summarize``)."""
    from newsdesk.summarize import summarizer_from_config

    try:
        return summarizer_from_config(config, sentences, words)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _clusterer(config: Config) -> StoryClusterer:
    """The clusterer ``[stories]`` asks for (see ``newsdesk.cluster``)."""
    from newsdesk.cluster import clusterer_from_config

    try:
        return clusterer_from_config(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _registry(store: Store, config: Config) -> Registry:
    """The store's sources, with the config file's brought in line first."""
    from newsdesk.sources.state import Registry

    registry = Registry(store)
    try:
        registry.sync_config(config.sources)
    except SourceError as exc:
        raise _fail(f"{config.path}: {exc}") from None
    return registry


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="Feed, sitemap or article URL, or a WARC file.")],
    name: Annotated[str | None, typer.Option(help="A short name to show and remove it by.")] = None,
    kind: Annotated[str, typer.Option(help="auto, feed, sitemap, page or warc.")] = "auto",
    interval: Annotated[
        float | None, typer.Option(help="Seconds between polls (default [fetch] poll_interval).")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Add a source to poll."""
    from newsdesk.sources.state import Source, source_target
    from newsdesk.store import Store

    with Store(db) as store:
        registry = _registry(store, _config(config))
        try:
            target, kind = source_target(url, kind)
            source = registry.add(Source(target, kind, name, interval))
        except SourceError as exc:
            raise _fail(str(exc)) from None
    err.print(f"added {source.kind} source {escape(source.label)}", highlight=False)


@sources_app.command("list")
def sources_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """List the sources with their schedule and last error."""
    from rich.table import Table

    from newsdesk.store import Store

    with Store(db) as store:
        found = _registry(store, _config(config)).sources()
    table = Table("name", "kind", "url", "from", "last polled", "next poll", "last error")
    for s in found:
        cells = (s.name or "", s.kind, s.url, s.origin, _when(s.last_polled), _when(s.next_poll))
        table.add_row(*map(escape, (*cells, s.last_error or "")))
    if found:
        Console(width=200).print(table)
    else:
        err.print("no sources")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


@sources_app.command("remove")
def sources_remove(
    key: Annotated[str, typer.Argument(help="The source's URL or name.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove a source added with `sources add`."""
    from newsdesk.store import Store

    with Store(db) as store:
        try:
            source = _registry(store, _config(config)).remove(key)
        except SourceError as exc:
            raise _fail(str(exc)) from None
    err.print(f"removed {escape(source.label)}", highlight=False)


@sources_app.command("import")
def sources_import(
    file: Annotated[Path, typer.Argument(help="An OPML file exported by a feed reader.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Add the feeds of an OPML file (Miniflux, FreshRSS, any reader's export)."""
    from newsdesk.sources.opml import import_feeds, read_opml
    from newsdesk.store import Store

    try:
        feeds = read_opml(file.read_bytes(), str(file))
    except OSError as exc:
        raise _fail(f"{file}: cannot read ({exc.strerror or exc})") from None
    except SourceError as exc:
        raise _fail(str(exc)) from None
    with Store(db) as store:
        report = import_feeds(_registry(store, _config(config)), feeds)
    for problem in report.refused:
        err.print(f"skipped {escape(problem)}", highlight=False)
    err.print(
        f"{file}: {len(feeds)} feeds: {len(report.added)} added, {len(report.present)} already"
        f" sources, {len(report.refused)} refused",
        highlight=False,
    )


@sources_app.command("export")
def sources_export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the feeds as OPML, for another reader to import."""
    from newsdesk.sources.opml import exported_feeds, write_opml
    from newsdesk.store import Store

    with Store(db) as store:
        body = write_opml(exported_feeds(_registry(store, _config(config))))
    if output is None:
        sys.stdout.buffer.write(body)
    else:
        output.write_bytes(body)


def _watcher(
    store: Store, config: Config, allow_private: bool, executor: Executor | None = None
) -> Watcher:
    from newsdesk.pipeline import Pipeline
    from newsdesk.sources.live import Watcher

    settings = replace(config.fetch, allow_private=True) if allow_private else config.fetch
    if settings.contact == DEFAULT_CONTACT:
        err.print(
            "[yellow]warning:[/] set [fetch] contact in newsdesk.toml to a page about your "
            "crawler, so that site operators can reach you",
            highlight=False,
        )
    pipeline = Pipeline(
        store, summarizer=_summarizer(config), clusterer=_clusterer(config), executor=executor
    )
    return Watcher(
        _registry(store, config),
        settings,
        lambda docs: ingest_with_progress(pipeline, docs, label="fetching"),
        on_stop=pipeline.stop,
    )


def _quiet_dask() -> None:
    """Dask logs each failure with a traceback; the command's one-line errors say it all."""
    try:
        import distributed  # noqa: F401 - sets up its loggers, each with its own level
    except ImportError:
        return  # executor_for says which extra is missing
    for name in list(logging.root.manager.loggerDict):
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[Executor]:
    """Where extraction runs (see newsdesk.scale), closed when the run ends."""
    from newsdesk.scale import ScaleError, executor_for

    if scheduler:
        _quiet_dask()
    try:
        executor = executor_for(workers, scheduler)
    except ScaleError as exc:
        raise _fail(str(exc)) from None
    if scheduler:
        note = f" (--workers {workers} is for this machine, ignored)" if workers > 1 else ""
        err.print(f"extracting on the Dask cluster at {escape(scheduler)}{note}", highlight=False)
    try:
        yield executor
    except ScaleError as exc:
        raise _fail(f"{exc} (what was stored before stays; run again to go on)") from None
    finally:
        executor.close()


@contextmanager
def _stop_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """SIGINT/SIGTERM stop the run cleanly: no more pages are read, the batch in hand is
    stored or dropped, and the run ends with a summary. A second one aborts at once; what
    was stored stays (each batch is one transaction)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can take signals
        return
    hits = 0

    def handler(_signum: int, _frame: object) -> None:
        nonlocal hits
        hits += 1
        if hits > 1:
            raise KeyboardInterrupt
        err.print("stopping: storing the batch in hand (again to abort)", highlight=False)
        stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@app.command()
def fetch(
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="URLs or WARC files to fetch instead of the configured sources."),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    allow_private: AllowPrivateOption = False,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Poll every source once and ingest what is new."""
    from newsdesk.sources.state import Source, source_target
    from newsdesk.store import Store

    settings = _config(config)
    with Store(db) as store, _executor(workers, scheduler) as executor:
        watcher = _watcher(store, settings, allow_private, executor)
        try:
            sources = [Source(*source_target(t)) for t in targets or []]
        except SourceError as exc:
            raise _fail(str(exc)) from None
        sources = sources or watcher.registry.sources()
        if not sources:
            raise _fail("no sources: add one with `newsdesk sources add URL` or in newsdesk.toml")
        with _stop_on_signals(watcher.stop):
            report = watcher.poll_once(sources)
    err.print(report.line(), highlight=False, soft_wrap=True)
    for archive, records in report.harvest.resume.items():
        err.print(
            f"stopped: {records} records of {escape(archive)} stored in {escape(store.url)}; "
            f"run the same command again to resume at record {records}",
            highlight=False,
            soft_wrap=True,
        )


@app.command()
def watch(
    db: DbOption = None,
    config: ConfigOption = None,
    allow_private: AllowPrivateOption = False,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Poll each source at its own interval until stopped (Ctrl-C or SIGTERM)."""
    from newsdesk.store import Store

    settings = _config(config)
    with Store(db) as store, _executor(workers, scheduler) as executor:
        watcher = _watcher(store, settings, allow_private, executor)
        count = len(watcher.registry.sources())
        err.print(f"watching {count} sources; Ctrl-C to stop", highlight=False)

        def on_round(report: RoundReport) -> None:
            stamp = datetime.now(UTC).strftime("%H:%M:%S")
            err.print(f"{stamp} {report.line()}", highlight=False, soft_wrap=True)

        with _stop_on_signals(watcher.stop):
            rounds = watcher.run(on_round)
    err.print(f"stopped after {rounds} rounds", highlight=False)
