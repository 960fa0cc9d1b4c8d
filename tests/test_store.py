"""The DuckDB store: Analysis round-trip, streamed exports of every table, migrations, locking."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.exports import export_table
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.store.migrations import current_version, latest_version, migrate
from newsgraph.store.rows import EXPORTABLE_TABLES

from factories import full_analysis, stored


@pytest.fixture
def store(tmp_path):
    with DuckDBStore(tmp_path / "s.duckdb") as opened:
        opened.write([stored(full_analysis())])
        yield opened


def export(store, table, fmt) -> bytes:
    out = io.BytesIO()
    export_table(store, table, fmt, out)
    return out.getvalue()


def test_analysis_round_trips_through_the_store(store):
    assert store.get_analysis("a1") == full_analysis()
    assert store.get_analysis("missing") is None


def test_every_table_exports_as_jsonl_csv_and_parquet(store, tmp_path):
    expected_rows = {"articles": 1, "actors": 3, "mentions": 3, "roles": 1, "quotes": 1, "events": 1,
                     "narratives": 1}  # fmt: skip
    for table in EXPORTABLE_TABLES:
        rows = [json.loads(line) for line in export(store, table, "jsonl").splitlines()]
        assert len(rows) == expected_rows[table], table
        assert all("article_id" in row or table in ("articles", "actors") for row in rows)
        assert len(list(csv.DictReader(io.StringIO(export(store, table, "csv").decode())))) == len(rows)
        parquet = tmp_path / f"{table}.parquet"
        parquet.write_bytes(export(store, table, "parquet"))
        assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] == len(rows)
    event = json.loads(export(store, "events", "jsonl"))
    assert event == {
        "article_id": "a1", "seq": 0, "type": "CONSULT", "mode": "visit", "source_id": "Q222031",
        "target_id": "Q7747", "trigger": "met", "start": 6, "end": 9, "date": "2019-01-17",
        "negated": False, "modality": "asserted", "claimed_by": None,
    }  # fmt: skip
    text = full_analysis().article.text
    quote = json.loads(export(store, "quotes", "jsonl"))
    assert text[quote["start"] : quote["end"]] == quote["text"]  # provenance: offsets into the text
    article = next(csv.DictReader(io.StringIO(export(store, "articles", "csv").decode())))
    assert json.loads(article["byline"]) == ["Mila Kos"]


def test_actor_facts_are_upserted_across_articles(store):
    later = full_analysis()
    later.article.id = "a2"
    later.actors[1].name = "Vladimir Vladimirovich Putin"
    store.write([stored(later)])
    assert store.query("SELECT name FROM actors WHERE id = 'Q7747'") == [
        {"name": "Vladimir Vladimirovich Putin"}
    ]
    assert store.query("SELECT count(*) AS n FROM article_actors WHERE actor_id = 'Q7747'") == [{"n": 2}]


def test_a_failed_batch_leaves_nothing_half_written(store):
    bad = full_analysis()  # same id as the stored one: the primary key refuses it
    fresh = full_analysis()
    fresh.article.id = "a3"
    with pytest.raises(duckdb.ConstraintException):
        store.write([stored(fresh), stored(bad)])
    assert store.table_counts()["articles"] == 1
    assert store.query("SELECT count(*) AS n FROM mentions WHERE article_id = 'a3'") == [{"n": 0}]


def test_migration_from_the_first_schema_keeps_data(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, str(path), target=1) == [1]
    con.execute(
        "INSERT INTO articles (id, text, language, content_hash, status, word_count) "
        "VALUES ('old', 'Kosovo declared independence in 2008.', 'en', 'h', 'analyzed', 5)"
    )
    con.close()
    with DuckDBStore(path) as upgraded:
        assert current_version(upgraded.con) == latest_version() >= 2
        assert upgraded.query("SELECT id FROM articles") == [{"id": "old"}]
        assert upgraded.find_band_candidates([1, 2]) == []  # the dedup tables came with migration 2


def test_a_database_from_a_newer_newsgraph_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    DuckDBStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
    con.close()
    with pytest.raises(NewsgraphError, match=r"E302: .*schema version 99, newer than this newsgraph knows"):
        DuckDBStore(path)


def test_a_database_open_in_another_process_gives_one_clear_line(tmp_path):
    path = tmp_path / "busy.duckdb"
    DuckDBStore(path).close()
    script = (
        f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('ok', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(NewsgraphError, match=r"E301: .*busy.duckdb is open in another process"):
            DuckDBStore(path)
    finally:
        holder.communicate("")


def test_read_only_needs_an_existing_database(tmp_path):
    with pytest.raises(NewsgraphError, match=r"E303: no database at .*; run newsgraph ingest first"):
        DuckDBStore(tmp_path / "none.duckdb", read_only=True)
