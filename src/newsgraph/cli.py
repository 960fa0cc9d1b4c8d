"""The newsgraph command line: a thin layer that parses arguments, calls the API and prints.

Exit codes: 0 all inputs handled; 1 done, but some inputs were skipped (each
named on stderr); 2 usage error; 3 cannot run (store locked or too new, model
missing); 130 interrupted (committed work is kept; run the command again).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsgraph import __version__, api
from newsgraph.errors import NewsgraphError, Problem
from newsgraph.exports import TextOut, export_table, write_csv, write_graph, write_jsonl
from newsgraph.predict import predict_app
from newsgraph.progress import ProgressReporter, format_report
from newsgraph.store.rows import EXPORTABLE_TABLES

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    name="newsgraph",
    help="News articles in; a sourced graph of actors, events, quotes and framings out.",
    epilog="Exit codes: 0 ok · 1 some inputs skipped · 2 usage error · 3 cannot run · 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
app.add_typer(predict_app, name="predict")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.")]
TableName = Enum("TableName", {name: name for name in EXPORTABLE_TABLES}, type=str)  # type: ignore[misc]


class TableFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[IO[bytes]]:
    """The binary stream every listing command writes to: a file, or standard output."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    else:
        with path.open("wb") as out:
            yield out


ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="table, jsonl or csv.")]
LimitOption = Annotated[int, typer.Option(min=1, help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many rows first.")]


def print_rows(rows: list[dict], fmt: ListFormat, columns: tuple[str, ...] | None = None) -> None:
    """The one output helper of every listing command: a table on a terminal, or JSONL/CSV."""
    if fmt == ListFormat.table:
        names = columns or (tuple(rows[0]) if rows else ())
        table = Table(*names, box=None, pad_edge=False)
        for row in rows:
            table.add_row(*(_cell(row.get(name)) for name in names))
        Console(highlight=False).print(table)
        return
    out = TextOut(sys.stdout.buffer)
    (write_csv if fmt == ListFormat.csv else write_jsonl)(rows, out)
    out.flush()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 90 else text[:87] + "…"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newsgraph: rebuild the situation news describes as a sourced, time-aware graph."""


def _print_problem(problem: Problem) -> None:
    stderr.print(str(problem), style="red" if problem.is_error else "yellow", markup=False)


@app.command()
def analyze(
    files: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = 32,
) -> None:
    """Print one Analysis JSON line per article (no database; one model load for all files)."""
    problems = 0
    articles = []
    for item in api.read(files):
        if isinstance(item, Problem):
            _print_problem(item)
            problems += item.is_error
        else:
            articles.append(item)
    if any(a.language != "en" for a in articles):
        stderr.print("note: analysis is English-only for now; other languages get empty analyses")
    out = sys.stdout
    for result in api.analyze(articles, api.load_pipeline(batch_size=batch_size)):
        if isinstance(result, Problem):
            _print_problem(result)
            problems += 1
            continue
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    raise typer.Exit(EXIT_SKIPPED if problems else EXIT_OK)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), feeds, JSONL, or -.")],
    db: DbOption = Path(api.DEFAULT_DB),
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per committed batch.")] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, deduplicate, analyse and store articles; resumable, and safe to run again."""
    with ProgressReporter(stderr, enabled=not quiet) as progress:
        report = api.ingest(
            paths, db, batch_size=batch_size, on_problem=_print_problem, on_progress=progress.update
        )
    for line in format_report(report, db):
        stderr.print(line, markup=False)
    raise typer.Exit(EXIT_SKIPPED if report.skipped else EXIT_OK)


@app.command()
def export(
    db: DbOption = Path(api.DEFAULT_DB),
    table: Annotated[TableName, typer.Option(help="Table to export.")] = "articles",  # type: ignore[assignment]
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.jsonl,
    output: OutputOption = None,
) -> None:
    """Stream a stored table as JSON Lines, CSV or Parquet."""
    with api.open_store(db, read_only=True) as store, open_output(output) as out:
        export_table(store, table.value, fmt.value, out)


@app.command()
def graph(
    db: DbOption = Path(api.DEFAULT_DB),
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f", help="Output format.")] = GraphFormat.graphml,
    output: OutputOption = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[
        str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER event type.")] = None,
    min_weight: Annotated[int, typer.Option(min=1, help="Drop edges with fewer events.")] = 1,
) -> None:
    """Export the actor graph (nodes: actors; edges: events between them) for Gephi and friends."""
    where = api.GraphFilter(since, until, outlet, event_type.upper() if event_type else None, min_weight)
    with api.open_store(db, read_only=True) as store, open_output(output) as out:
        write_graph(api.actor_graph(store, where), fmt.value, out)


@app.command()
def actors(
    db: DbOption = Path(api.DEFAULT_DB),
    kind: Annotated[str | None, typer.Option(help="country, person, organization, group or other.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 of the actors' affiliation.")] = None,
    fmt: ListFormatOption = ListFormat.table,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List canonical actors with the articles and mentions they have across the store."""
    with api.open_store(db, read_only=True) as store:
        rows = api.list_actors(store, kind, country, limit, offset)
    print_rows(rows, fmt, ("id", "name", "kind", "country", "articles", "mentions", "mean_salience"))


@app.command()
def quotes(
    db: DbOption = Path(api.DEFAULT_DB),
    speaker: Annotated[str | None, typer.Option(help="Actor id or name of the speaker.")] = None,
    about: Annotated[str | None, typer.Option(help="Only quotes that name this actor (id or name).")] = None,
    since: Annotated[str | None, typer.Option(help="Articles on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Articles on or before this date (YYYY-MM-DD).")] = None,
    fmt: ListFormatOption = ListFormat.table,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
) -> None:
    """List quotes, newest first: who said what, where, with a link back to the article offsets."""
    with api.open_store(db, read_only=True) as store:
        rows = api.list_quotes(store, speaker, about, since, until, limit, offset)
    print_rows(rows, fmt, ("date", "speaker_name", "speaker_text", "text", "article_id", "start"))


@app.command()
def dyad(
    source: Annotated[str, typer.Argument(help="The acting actor: an id (Q403) or a name.")],
    target: Annotated[str, typer.Argument(help="The actor acted on: an id or a name.")],
    db: DbOption = Path(api.DEFAULT_DB),
    period: Annotated[str, typer.Option(help="day, week or month.")] = "week",
    fmt: ListFormatOption = ListFormat.table,
    limit: LimitOption = 50,
) -> None:
    """Print how SOURCE has acted towards TARGET over time (cooperation–conflict score per period)
    and the events behind it, each with its article and offsets."""
    if period not in ("day", "week", "month"):
        raise typer.BadParameter("--period must be day, week or month")
    with api.open_store(db, read_only=True) as store:
        pair = [api.resolve_actor(store, name) for name in (source, target)]
        for name, ids in zip((source, target), pair, strict=True):
            if not ids:
                raise typer.BadParameter(f"no stored actor is called {name!r}; try `newsgraph actors`")
        series = api.dyad_series(store, pair[0][0], pair[1][0], period)
        found = api.dyad_events(store, pair[0][0], pair[1][0], limit)
    print_rows(series, fmt, ("period", "events", "score", "types"))
    print_rows(
        found, fmt, ("date", "type", "trigger", "modality", "negated", "outlet", "article_id", "start")
    )


@app.command()
def summary(db: DbOption = Path(api.DEFAULT_DB)) -> None:
    """Print what the store holds as JSON: articles, actors, events, quotes, top dyads."""
    with api.open_store(db, read_only=True) as store:
        typer.echo(json.dumps(api.summary(store), ensure_ascii=False, indent=2, default=str))


AllowIngestOption = Annotated[
    bool, typer.Option("--allow-ingest", help="Accept POST /articles (needs --token or NEWSGRAPH_TOKEN).")
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token", envvar="NEWSGRAPH_TOKEN", show_envvar=True, help="Bearer token POST /articles must send."
    ),
]


def _serve(db: Path, host: str, port: int, allow_ingest: bool, token: str | None) -> None:
    """Start the web app; refuses to accept ingest without a token."""
    if allow_ingest and not token:
        raise typer.BadParameter("--allow-ingest needs --token or the NEWSGRAPH_TOKEN environment variable")
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(f"note: serving on {host}: other machines can reach this server", style="yellow")
    from newsgraph.web.app import run_server

    run_server(db, host, port, allow_ingest=allow_ingest, token=token)


@app.command()
def serve(
    db: DbOption = Path(api.DEFAULT_DB),
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    allow_ingest: AllowIngestOption = False,
    token: TokenOption = None,
) -> None:
    """Serve the HTTP API and web UI over a store (read-only unless --allow-ingest)."""
    _serve(db, host, port, allow_ingest, token)


@app.command()
def demo(
    db: DbOption = Path("newsgraph-demo.duckdb"),
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    serve_ui: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the web UI afterwards.")] = True,
    allow_ingest: AllowIngestOption = False,
    token: TokenOption = None,
) -> None:
    """Analyse the bundled sample corpus into a local DuckDB file, summarise it, and serve the UI."""
    if serve_ui and allow_ingest and not token:
        raise typer.BadParameter("--allow-ingest needs --token or the NEWSGRAPH_TOKEN environment variable")
    corpus = api.sample_corpus()
    stderr.print(f"Analysing the sample corpus in {corpus} into {db} …", markup=False)
    with ProgressReporter(stderr) as progress:
        report = api.ingest([str(corpus)], db, on_problem=_print_problem, on_progress=progress.update)
    for line in format_report(report, db):
        stderr.print(line, markup=False)
    with api.open_store(db, read_only=True) as store:
        facts = api.summary(store)
    typer.echo(_summary_text(facts))
    if serve_ui:
        _serve(db, host, port, allow_ingest, token)


def _summary_text(facts: dict) -> str:
    lines = [
        f"articles {facts['articles']} · actors {facts['actors']} · events {facts['events']} "
        f"· quotes {facts['quotes']} · outlets {facts['outlets']}"
    ]
    if facts["top_dyads"]:
        lines.append("top dyads:")
        lines += [
            f"  {d['source_name']} → {d['target_name']}: {d['events']} events" for d in facts["top_dyads"]
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning known failures into one line and an exit code."""
    try:
        code = app(args=argv, prog_name="newsgraph", standalone_mode=False)
    except NewsgraphError as exc:
        stderr.print(str(exc), style="red", markup=False)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        stderr.print("interrupted: committed batches are kept; run the same command again to finish")
        sys.exit(EXIT_INTERRUPTED)
    except typer.Abort:
        sys.exit(EXIT_INTERRUPTED)
    except typer.TyperException as exc:  # usage errors: unknown option, bad value, missing argument
        exc.show()
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
