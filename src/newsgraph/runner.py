"""The ingest run: read → recognise duplicates → analyse → store, in committed batches.

Each batch is one transaction, so a run killed half-way keeps every batch it
committed, and running the same command again skips what is stored and
finishes the rest.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newsgraph.analysis.pipeline import Pipeline, is_analysed
from newsgraph.errors import Code, Problem
from newsgraph.ingest.dedup import DuplicateFinder, Fingerprint, fingerprint
from newsgraph.ingest.readers import ReadItem, read_inputs
from newsgraph.records import Analysis, Article
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.store.rows import StoredItem
from newsgraph.store.search import refresh_search_index

REOPEN_EVERY = 1000  # articles


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did; the CLI prints it as the closing summary."""

    read: int = 0
    analyzed: int = 0
    duplicates: int = 0
    already_stored: int = 0
    not_analyzed: Counter[str] = field(default_factory=Counter)  # language -> articles
    skipped: Counter[str] = field(default_factory=Counter)  # error code -> inputs
    warnings: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)  # code -> first reason seen
    elapsed: float = 0.0

    @property
    def stored(self) -> int:
        return self.analyzed + self.duplicates + sum(self.not_analyzed.values())

    def note(self, problem: Problem) -> None:
        counter = self.skipped if problem.is_error else self.warnings
        counter[problem.code.value] += 1
        self.reasons.setdefault(problem.code.value, problem.reason)


@dataclass(frozen=True, slots=True)
class Progress:
    done: int  # articles handled (stored, or recognised as stored already)
    total: int | None
    elapsed: float


ProblemHandler = Callable[[Problem], None]
ProgressHandler = Callable[[Progress], None]


class IngestRun:
    """One run over some inputs into one store."""

    def __init__(
        self,
        store: DuckDBStore,
        pipeline_factory: Callable[[], Pipeline] = Pipeline,
        batch_size: int = 32,
        on_problem: ProblemHandler | None = None,
        on_progress: ProgressHandler | None = None,
    ) -> None:
        self.store = store
        self.batch_size = batch_size
        self.report = IngestReport()
        self._pipeline_factory = pipeline_factory
        self._pipeline: Pipeline | None = None  # loaded on first need: a resumed run may need none
        self._on_problem = on_problem or (lambda problem: None)
        self._on_progress = on_progress or (lambda progress: None)
        self._finder = DuplicateFinder(store.find_hashes, store.find_band_candidates)
        self._started = time.perf_counter()

    def run(
        self, paths: Iterable[str], total: int | None = None, stdin: BinaryIO | None = None
    ) -> IngestReport:
        since_reopen = 0
        for batch in self._article_batches(read_inputs(paths, stdin)):
            self._ingest_batch(batch)
            self._on_progress(Progress(self._done(), total, self._elapsed()))
            since_reopen += len(batch)
            if since_reopen >= REOPEN_EVERY:
                self.store.reopen()  # keeps memory flat on long runs (see DuckDBStore.reopen)
                since_reopen = 0
        if self.report.stored:
            refresh_search_index(self.store)  # full-text search sees the new articles
        self.report.elapsed = self._elapsed()
        return self.report

    def _article_batches(self, items: Iterable[ReadItem]) -> Iterator[list[Article]]:
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Problem):
                self._problem(item)
                continue
            self.report.read += 1
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _ingest_batch(self, articles: list[Article]) -> None:
        """Store one batch in input order: duplicates linked, the rest analysed."""
        slots: list[StoredItem | tuple[Article, Fingerprint]] = self._sort_out(articles)
        pending = [slot for slot in slots if isinstance(slot, tuple)]
        analysed = dict(zip(map(id, pending), self._analyze(pending), strict=True))
        items = [slot if isinstance(slot, StoredItem) else analysed[id(slot)] for slot in slots]
        self.store.write([item for item in items if item is not None])
        self._finder.forget_pending()

    def _sort_out(self, articles: list[Article]) -> list[StoredItem | tuple[Article, Fingerprint]]:
        """Drop what is stored already, link duplicates, and keep the rest for analysis."""
        known = self.store.known_articles([a.id for a in articles])
        prints = [fingerprint(article.text) for article in articles]
        self._finder.prefetch(prints)
        slots: list[StoredItem | tuple[Article, Fingerprint]] = []
        for article, print_ in zip(articles, prints, strict=True):
            if not self._settle_id(article, print_, known):
                self.report.already_stored += 1
                continue
            known[article.id] = print_.content_hash
            match = self._finder.find(print_)
            if match is None:
                self._finder.remember(article.id, print_)
                slots.append((article, print_))
                continue
            self.report.duplicates += 1
            item = StoredItem(Analysis(article), "duplicate", print_.content_hash)
            item.duplicate_of, item.similarity = match.article_id, match.similarity
            slots.append(item)
        return slots

    def _settle_id(self, article: Article, print_: Fingerprint, known: dict[str, str]) -> bool:
        """False if this very article is stored; renames an id already taken by other text."""
        if article.id not in known:
            return True
        if known[article.id] == print_.content_hash:
            return False
        original = article.id
        article.id = f"{original}~{print_.content_hash[:8]}"
        known.update(self.store.known_articles([article.id]))
        if article.id in known:
            return False
        reason = f"id {original!r} is stored with other text; storing this one as {article.id!r}"
        self._problem(Problem(Code.DUPLICATE_ID, article.source or original, reason))
        return True

    def _analyze(self, pending: list[tuple[Article, Fingerprint]]) -> list[StoredItem | None]:
        """A StoredItem per pending article, or None where its analysis failed."""
        if not pending:
            return []
        if self._pipeline is None:
            self._pipeline = self._pipeline_factory()
        results = self._pipeline.analyze_many(article for article, _ in pending)
        items: list[StoredItem | None] = []
        for (article, print_), result in zip(pending, results, strict=True):
            if isinstance(result, Problem):
                self._problem(result)
                items.append(None)
                continue
            if is_analysed(article):
                status = "analyzed"
                self.report.analyzed += 1
            else:
                status = "not_analyzed"
                self.report.not_analyzed[article.language] += 1
            items.append(StoredItem(result, status, print_.content_hash, print_.signature, print_.bands))
        return items

    def _problem(self, problem: Problem) -> None:
        self.report.note(problem)
        self._on_problem(problem)

    def _done(self) -> int:
        return self.report.stored + self.report.already_stored

    def _elapsed(self) -> float:
        return time.perf_counter() - self._started
