"""The embedded store: one DuckDB file holding articles, facts and the dedup index."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.errors import Code, NewsgraphError
from newsgraph.records import Analysis
from newsgraph.store.migrations import check_not_newer, migrate
from newsgraph.store.rows import (
    DERIVED_TABLES,
    FACT_TABLES,
    TABLE_COLUMNS,
    StoredItem,
    analysis_from_rows,
    item_rows,
)

_FETCH_ROWS = 2000

# DuckDB tries `import pandas` for every bound parameter; without pandas each failed
# import walks sys.path again (about 40% of an insert's time). A None entry in
# sys.modules makes that import fail at once. Nothing changes when pandas is installed.
if importlib.util.find_spec("pandas") is None:
    sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]
# DuckDB caches freely up to 80% of RAM by default. Writing needs little: a small cache and
# regular checkpoints keep an ingest's memory flat however large the file grows. Reading
# (queries, exports, the web app) gets room for aggregations. A checkpoint rewrites every ART
# index whole, so its cost grows with the store: the threshold lets an ingest checkpoint about
# once per reopen (1,000 articles write about 9 MB of WAL) rather than three times as often.
_WRITE_CONFIG = {"memory_limit": "64MB", "checkpoint_threshold": "16MB"}
_READ_CONFIG = {"memory_limit": "1GB"}


class DuckDBStore:
    """Writes and reads Analysis records; knows nothing about NLP."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._schemas: dict[str, str] = {}  # table -> from_json schema of its columns (see _insert)
        if read_only and not Path(self.path).exists():
            raise NewsgraphError(Code.STORE_FAILED, f"no database at {self.path}; run newsgraph ingest first")
        self.con = self._connect()
        if read_only:
            check_not_newer(self.con, self.path)
        else:
            migrate(self.con, self.path)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            config = _READ_CONFIG if self.read_only else _WRITE_CONFIG
            return duckdb.connect(self.path, read_only=self.read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                message = (
                    f"{self.path} is open in another process (an ingest or serve); "
                    "stop it or use another --db"
                )
                raise NewsgraphError(Code.STORE_LOCKED, message) from exc
            raise NewsgraphError(Code.STORE_FAILED, f"cannot open {self.path}: {exc}") from exc

    def reopen(self) -> None:
        """Close and reopen the connection: DuckDB frees the memory a connection accumulates
        while a file grows only when it closes, so long ingests do this every few thousand articles."""
        self.con.close()
        self.con = self._connect()

    def cursor(self) -> DuckDBStore:
        """A store over a new cursor of the same database, for use in another thread."""
        view = object.__new__(DuckDBStore)
        view.path, view.con = self.path, self.con.cursor()
        view.read_only, view._schemas = self.read_only, self._schemas
        return view

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------

    def write(self, items: Sequence[StoredItem]) -> None:
        """Store a batch of articles with all their facts, atomically."""
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLE_COLUMNS}
        signatures, buckets = [], []
        for item in items:
            for table, table_rows in item_rows(item).items():
                rows[table].extend(table_rows)
            if item.signature is not None:
                aid = item.analysis.article.id
                signatures.append((aid, item.signature))
                buckets.extend((key, aid) for key in item.bands)
        with self.transaction():
            self._insert("articles", rows["articles"])
            self._upsert_actors(rows["actors"])
            for table in (*FACT_TABLES, *DERIVED_TABLES):
                self._insert(table, rows[table])
            self._insert("article_signatures", signatures)
            self._insert("lsh_buckets", buckets)

    def _insert(self, table: str, rows: list[tuple[Any, ...]], conflict: str = "") -> None:
        """Insert rows column-wise in one statement: far faster than executemany row by row.

        The columns travel as one JSON document when they can: DuckDB binds a Python list value
        by value, at several microseconds each (most of a batch's write time), while from_json
        parses the whole document natively. The values stored are the same either way."""
        if not rows:
            return
        columns = TABLE_COLUMNS[table]
        names = ", ".join(f'"{c}"' for c in columns)
        values = [list(column) for column in zip(*rows, strict=True)]
        payload = _json_columns(values)
        if payload is None:  # a value JSON cannot carry (bytes, NaN…): bind the lists themselves
            unnests = ", ".join("unnest(?)" for _ in columns)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {unnests} {conflict}", values)
            return
        unnests = ", ".join(f"unnest(j.c{i})" for i in range(len(columns)))
        source = f"(SELECT from_json(?, {_sql_string(self._json_schema(table))}) AS j)"
        self.con.execute(
            f"INSERT INTO {table} ({names}) SELECT {unnests} FROM {source} {conflict}", [payload]
        )

    def _json_schema(self, table: str) -> str:
        """from_json's schema for a table's columns ``c0``, ``c1``…, one list per column, cached."""
        if table not in self._schemas:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?",
                [table],
            ).fetchall()
            types = dict(rows)
            schema = {f"c{i}": _json_type(types[c]) + "[]" for i, c in enumerate(TABLE_COLUMNS[table])}
            self._schemas[table] = json.dumps(schema)
        return self._schemas[table]

    def _upsert_actors(self, rows: list[tuple[Any, ...]]) -> None:
        latest = {row[0]: row for row in rows}  # one write per actor; the latest facts win
        self._insert(
            "actors",
            list(latest.values()),
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "country = excluded.country, sector = excluded.sector",
        )

    # -- lookups for ingest ------------------------------------------------------------------

    def known_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """{article id: content hash} for the ids already stored."""
        rows = self.con.execute(
            f"SELECT id, content_hash FROM articles WHERE id IN {_json_values('VARCHAR')}", [_json_list(ids)]
        ).fetchall()
        return dict(rows)

    def find_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """{content hash: id of the first article stored with it}."""
        rows = self.con.execute(
            "SELECT content_hash, arg_min(id, rowid) FROM articles "
            f"WHERE status <> 'duplicate' AND content_hash IN {_json_values('VARCHAR')} "
            "GROUP BY content_hash",
            [_json_list(hashes)],
        ).fetchall()
        return dict(rows)

    def find_band_candidates(self, bands: Sequence[int]) -> list[tuple[int, str, bytes]]:
        """(band key, article id, signature) of stored articles in these LSH buckets, oldest first.

        The buckets are scanned alone first: most batches hit none, and joining every scanned
        bucket to its signature cost as much again, growing with the store."""
        hits = self.con.execute(
            f"SELECT band_key, article_id FROM lsh_buckets WHERE band_key IN {_json_values('BIGINT')}",
            [_json_list(bands)],
        ).fetchall()
        if not hits:
            return []
        keys: dict[str, list[int]] = defaultdict(list)
        for key, article_id in hits:
            keys[article_id].append(key)
        signatures = self.con.execute(
            "SELECT article_id, signature FROM article_signatures "
            f"WHERE article_id IN {_json_values('VARCHAR')} ORDER BY rowid",
            [_json_list(keys)],
        ).fetchall()
        return [
            (key, article_id, signature) for article_id, signature in signatures for key in keys[article_id]
        ]

    # -- reading ---------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a parameterised query as dicts."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Stream the rows of a query as dicts, a few thousand at a time."""
        cursor = self.con.cursor()
        cursor.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(_FETCH_ROWS):
            for row in batch:
                yield dict(zip(names, row, strict=True))
        cursor.close()

    def copy_to_parquet(self, sql: str, path: str, params: Sequence[Any] = ()) -> None:
        """Write a query's result to a Parquet file with DuckDB's own writer."""
        self.con.execute(f"COPY ({sql}) TO {_sql_string(path)} (FORMAT parquet)", list(params))

    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored Analysis of one article, as the pipeline produced it."""
        articles = self.query("SELECT * FROM articles WHERE id = ?", [article_id])
        if not articles:
            return None
        facts = {
            table: self.query(
                f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {_order(table)}", [article_id]
            )
            for table in FACT_TABLES
        }
        facts["actors"] = self.query(
            "SELECT a.* FROM actors a JOIN article_actors l ON l.actor_id = a.id WHERE l.article_id = ?",
            [article_id],
        )
        return analysis_from_rows(articles[0], facts)

    def table_counts(self) -> dict[str, int]:
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLE_COLUMNS
        }


# Column types that from_json reads as DuckDB would bind the Python value; any other (DATE…)
# is read as text and cast by the INSERT, as a bound string was.
_JSON_TYPES = frozenset({"VARCHAR", "BOOLEAN", "INTEGER", "BIGINT", "DOUBLE"})


def _json_type(column_type: str) -> str:
    base = column_type.removesuffix("[]")
    suffix = column_type[len(base) :]
    return column_type if base in _JSON_TYPES and suffix in ("", "[]") else "VARCHAR" + suffix


def _json_columns(values: list[list[Any]]) -> str | None:
    """The columns as a JSON object ``{"c0": [...], ...}``; None when a value has no exact JSON form."""
    try:
        return json.dumps(
            {f"c{i}": column for i, column in enumerate(values)}, ensure_ascii=False, allow_nan=False
        )
    except (TypeError, ValueError):  # bytes, dates, numpy values; NaN and infinities
        return None


def _json_list(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _json_values(sql_type: str) -> str:
    """A subquery of the values of a JSON array parameter, bound as one string (see _insert)."""
    return f"(SELECT unnest(from_json(?, '[\"{sql_type}\"]')))"


def _order(table: str) -> str:
    return "actor_id, seq" if table in ("mentions", "roles") else "seq"


def _sql_string(value: str) -> str:
    """A SQL string literal (COPY takes no parameter for its file name)."""
    return "'" + value.replace("'", "''") + "'"


def to_json_value(value: Any) -> Any:
    """A JSON-friendly form of a DuckDB value (dates as ISO strings, blobs as hex)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value


def dumps_row(row: dict[str, Any]) -> str:
    return json.dumps({k: to_json_value(v) for k, v in row.items()}, ensure_ascii=False)
