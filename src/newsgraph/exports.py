"""Streamed exports of stored tables (JSON Lines, CSV, Parquet) and of the actor graph."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from typing import IO, Any, Literal

import networkx as nx

from newsgraph.queries import ActorGraph
from newsgraph.store.duckdb import DuckDBStore, dumps_row, to_json_value
from newsgraph.store.rows import EXPORTABLE_TABLES, TABLE_COLUMNS

TableFormat = Literal["jsonl", "csv", "parquet"]
GraphFormat = Literal["graphml", "gexf", "json"]


def table_query(table: str) -> str:
    """The SELECT behind ``export --table``: the table's columns in insertion order."""
    if table not in EXPORTABLE_TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(EXPORTABLE_TABLES)}")
    names = ", ".join(f'"{c}"' for c in TABLE_COLUMNS[table])
    return f"SELECT {names} FROM {table} ORDER BY rowid"


def export_table(store: DuckDBStore, table: str, fmt: TableFormat, out: IO[bytes]) -> int:
    """Stream ``table`` to the binary stream ``out``; return the number of rows written."""
    sql = table_query(table)
    if fmt == "parquet":
        return _export_parquet(store, sql, out)
    rows = store.iter_rows(sql)
    text = TextOut(out)
    count = write_csv(rows, text) if fmt == "csv" else write_jsonl(rows, text)
    text.flush()
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        out.write(dumps_row(row) + "\n")
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """CSV with a header; lists become JSON arrays so that they read back unambiguously."""
    writer = None
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return to_json_value(value)


def _export_parquet(store: DuckDBStore, sql: str, out: IO[bytes]) -> int:
    """Parquet needs a seekable file: DuckDB writes one, then it is copied to ``out``."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "export.parquet")
        store.copy_to_parquet(sql, path)
        with open(path, "rb") as written:
            shutil.copyfileobj(written, out)
    return store.con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]


class TextOut:
    """A text writer over a binary stream that does not close it."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(text.encode("utf-8"))

    def flush(self) -> None:
        self._out.flush()


def to_networkx(graph: ActorGraph) -> nx.DiGraph:
    """The actor graph as a networkx DiGraph with plain attribute values (for GraphML/GEXF)."""
    digraph = nx.DiGraph()
    for node in graph.nodes:
        attrs = {k: v for k, v in node.items() if k != "id" and v is not None}
        digraph.add_node(node["id"], label=node["name"], **attrs)
    for edge in graph.edges:
        counts = {f"count_{name}": n for name, n in sorted(edge["types"].items())}
        scores = {key: edge[key] for key in ("score", "mean_score") if edge.get(key) is not None}
        digraph.add_edge(edge["source"], edge["target"], weight=edge["weight"], **scores, **counts)
    return digraph


def write_graph(graph: ActorGraph, fmt: GraphFormat, out: IO[bytes]) -> None:
    """Write the actor graph for Gephi, Cytoscape, networkx and friends."""
    if fmt == "json":
        data = {"directed": True, "nodes": graph.nodes, "edges": graph.edges}
        out.write(json.dumps(data, ensure_ascii=False, default=to_json_value).encode("utf-8"))
        out.write(b"\n")
    elif fmt == "gexf":
        nx.write_gexf(to_networkx(graph), out)
    else:
        nx.write_graphml(to_networkx(graph), out)
