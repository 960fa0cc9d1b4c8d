"""Ingest through the web app: one writer at a time over the app's read-write connection.

A server started with ``--allow-ingest`` opens its store read-write once (DuckDB allows one
writing process per file) and every request reads through a cursor of that connection, so
readers see each ingest as soon as its transaction commits. Posted records go through the same
JSON reader, duplicate finder, pipeline and store write as ``newsgraph ingest``.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException

from newsgraph.analysis.pipeline import Pipeline
from newsgraph.errors import Problem
from newsgraph.runner import IngestRun
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.web.links import article_href

log = logging.getLogger(__name__)


class Writer:
    """Serialises writes to the store and remembers the pipeline once loaded."""

    def __init__(self, store: DuckDBStore, pipeline_factory: Callable[[], Pipeline]) -> None:
        self.store = store
        self.pipeline_factory = pipeline_factory
        self.lock = threading.Lock()

    def ingest(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        """Store posted article records; returns what happened to each and any problems."""
        problems: list[Problem] = []
        lines = b"".join(json.dumps(record, ensure_ascii=False).encode() + b"\n" for record in records)
        with self.lock:
            cursor = self.store.cursor()
            try:
                run = IngestRun(cursor, self._pipeline, on_problem=problems.append)
                report = run.run(["-"], stdin=io.BytesIO(lines))
                stored = cursor.known_articles([str(r.get("id")) for r in records if r.get("id")])
            finally:
                cursor.close()
        return {
            "analyzed": report.analyzed,
            "duplicates": report.duplicates,
            "already_stored": report.already_stored,
            "not_analyzed": sum(report.not_analyzed.values()),
            "articles": [{"id": aid, "href": article_href(aid)} for aid in stored],
            "problems": [{"code": p.code.value, "reason": p.reason, "where": p.position} for p in problems],
        }

    def _pipeline(self) -> Pipeline:
        """The pipeline, or a 503 that says why it cannot load (a missing model, say)."""
        try:
            return self.pipeline_factory()
        except Exception as exc:
            log.exception("cannot load the analysis pipeline")
            raise HTTPException(503, f"the analysis pipeline cannot load: {exc}") from exc
