"""The Python API that every face (CLI, web app, scripts) calls.

>>> from newsgraph import api
>>> report = api.ingest(["articles/"], db="newsgraph.duckdb")
>>> with api.open_store("newsgraph.duckdb", read_only=True) as store:
...     api.summary(store)["articles"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from newsgraph.analysis.pipeline import DEFAULT_STAGES, Pipeline
from newsgraph.errors import Problem
from newsgraph.ingest.readers import estimate_count, read_inputs
from newsgraph.queries import (
    ActorGraph,
    GraphFilter,
    actor_graph,
    dyad_events,
    dyad_series,
    list_actors,
    list_quotes,
    resolve_actor,
    summary,
    top_dyads,
)
from newsgraph.records import Analysis, Article
from newsgraph.runner import IngestReport, IngestRun, ProblemHandler, ProgressHandler
from newsgraph.store.duckdb import DuckDBStore

DEFAULT_DB = "newsgraph.duckdb"

__all__ = [
    "DEFAULT_DB",
    "ActorGraph",
    "GraphFilter",
    "IngestReport",
    "actor_graph",
    "analyze",
    "dyad_events",
    "dyad_series",
    "ingest",
    "list_actors",
    "list_quotes",
    "load_pipeline",
    "open_store",
    "read",
    "resolve_actor",
    "sample_corpus",
    "summary",
    "top_dyads",
]


def read(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Article | Problem]:
    """Clean articles (and one Problem per bad input) from files, folders, feeds, JSONL or stdin."""
    return read_inputs(paths, stdin)


def load_pipeline(stages: Sequence[str] = DEFAULT_STAGES, batch_size: int = 32) -> Pipeline:
    """The analysis pipeline: the spaCy model and the stages over it, loaded once per process."""
    return _cached_pipeline(tuple(stages), batch_size)


@lru_cache(maxsize=4)
def _cached_pipeline(stages: tuple[str, ...], batch_size: int) -> Pipeline:
    return Pipeline(stages=stages, batch_size=batch_size)


def analyze(articles: Iterable[Article], pipeline: Pipeline | None = None) -> Iterator[Analysis | Problem]:
    """One Analysis per article, in order (a Problem where an article's analysis failed)."""
    return (pipeline or load_pipeline()).analyze_many(articles)


def open_store(path: str | Path = DEFAULT_DB, read_only: bool = False) -> DuckDBStore:
    """Open (creating and migrating if needed) the DuckDB store at ``path``."""
    return DuckDBStore(path, read_only=read_only)


def ingest(
    paths: Sequence[str],
    db: str | Path = DEFAULT_DB,
    *,
    batch_size: int = 32,
    on_problem: ProblemHandler | None = None,
    on_progress: ProgressHandler | None = None,
    stdin: BinaryIO | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
) -> IngestReport:
    """Read, deduplicate, analyse and store ``paths``; safe to run again on the same inputs."""
    with open_store(db) as store:
        run = IngestRun(
            store,
            pipeline_factory=pipeline_factory or (lambda: load_pipeline(batch_size=batch_size)),
            batch_size=batch_size,
            on_problem=on_problem,
            on_progress=on_progress,
        )
        return run.run(paths, total=estimate_count(paths), stdin=stdin)


def sample_corpus() -> Path:
    """The folder of sample articles bundled with newsgraph."""
    return Path(str(resources.files("newsgraph") / "data" / "sample"))
