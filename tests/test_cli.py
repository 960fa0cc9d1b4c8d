"""The command line: analyze, ingest → export round trip, graph, summary, help and version."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
import spacy

from newsgraph import __version__, api
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.store.rows import EXPORTABLE_TABLES

from conftest import FIXTURES
from factories import full_analysis, stored

COMMANDS = ["analyze", "ingest", "export", "graph", "summary", "serve", "demo"]


def test_version(cli):
    assert cli("--version").out.strip() == f"newsgraph {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(cli, command):
    result = cli(command, "--help")
    assert result.code == 0
    assert "Usage: newsgraph " + command in " ".join(result.out.split())


def test_bad_option_is_a_usage_error(cli):
    result = cli("export", "--table", "nonsense")
    assert result.code == 2 and "nonsense" in result.err


@pytest.mark.slow
def test_analyze_prints_one_schema_valid_record_per_file_with_one_model_load(
    cli, analysis_schema, monkeypatch
):
    loads = []
    real_load = spacy.load
    monkeypatch.setattr(spacy, "load", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    api._cached_pipeline.cache_clear()
    files = [FIXTURES / "semeval_layout.txt", FIXTURES / "page_jsonld.html", FIXTURES / "dateline.txt"]
    result = cli("analyze", *files)
    assert result.code == 0, result.err
    records = result.jsonl()
    assert [r["article"]["id"] for r in records] == ["semeval_layout", "page_jsonld", "dateline"]
    for record in records:
        assert list(analysis_schema.iter_errors(record)) == []
    assert records[1]["article"]["outlet"] == "Adriatic Observer"
    assert len(loads) == 1


@pytest.mark.slow
def test_analyze_reads_stdin_and_flags_other_languages(cli, analysis_schema):
    result = cli(
        "analyze",
        "-",
        FIXTURES / "german.txt",
        stdin=b"Kosovo and Serbia\n\nKosovo and Serbia met in Brussels.",
    )
    records = result.jsonl()
    assert [r["article"]["language"] for r in records] == ["en", "de"]
    assert records[1]["actors"] == [] and "English-only" in result.err
    assert all(analysis_schema.is_valid(r) for r in records)


@pytest.mark.slow
def test_ingest_then_export_round_trips_the_articles(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    assert cli("ingest", FIXTURES, "--db", db, "--quiet").code == 0
    analysed = {r["article"]["id"]: r for r in cli("analyze", FIXTURES).jsonl()}
    exported = cli("export", "--db", db, "--table", "articles").jsonl()
    assert {row["id"] for row in exported} == set(analysed)
    for row in exported:
        article = analysed[row["id"]]["article"]
        assert {k: row[k] for k in article} == article
    for table in EXPORTABLE_TABLES:
        for fmt in ("jsonl", "csv", "parquet"):
            out = tmp_path / f"{table}.{fmt}"
            assert cli("export", "--db", db, "--table", table, "--format", fmt, "-o", out).code == 0
            assert out.exists()


def graph_store(tmp_path):
    db = tmp_path / "g.duckdb"
    with DuckDBStore(db) as store:
        store.write([stored(full_analysis())])
    return db


def test_graph_exports_load_in_networkx(cli, tmp_path):
    db = graph_store(tmp_path)
    graphml = cli("graph", "--db", db, "--format", "graphml")
    graph = nx.read_graphml(io.BytesIO(graphml.out.encode()))
    assert graph.nodes["Q222031"]["label"] == "Aleksandar Vučić"
    assert graph.edges["Q222031", "Q7747"]["count_CONSULT"] == 1
    gexf = tmp_path / "g.gexf"
    cli("graph", "--db", db, "--format", "gexf", "-o", gexf)
    assert set(nx.read_gexf(gexf).nodes) == set(graph.nodes)
    data = json.loads(cli("graph", "--db", db, "--format", "json").out)
    assert data["edges"] == [
        {
            "source": "Q222031",
            "target": "Q7747",
            "weight": 1,
            "types": {"CONSULT": 1},
            "score": 1.0,
            "mean_score": 1.0,
        }
    ]
    assert graph.edges["Q222031", "Q7747"]["score"] == 1.0
    empty = json.loads(cli("graph", "--db", db, "--format", "json", "--until", "2018-12-31").out)
    assert empty["edges"] == []


def test_summary_and_a_missing_database(cli, tmp_path):
    facts = json.loads(cli("summary", "--db", graph_store(tmp_path)).out)
    assert (facts["articles"], facts["actors"], facts["events"], facts["quotes"]) == (1, 3, 1, 1)
    assert facts["top_dyads"][0]["source_name"] == "Aleksandar Vučić"
    missing = cli("summary", "--db", tmp_path / "nope.duckdb")
    assert missing.code == 3 and "E303" in missing.err


def test_actors_and_dyad_listings(cli, tmp_path):
    db = graph_store(tmp_path)
    actors = cli("actors", "--db", db, "--kind", "person", "--format", "jsonl").jsonl()
    assert [(a["id"], a["articles"], a["mentions"]) for a in actors] == [
        ("Q222031", 1, 1),
        ("Q7747", 1, 1),
        ("local:ana-peric", 1, 1),
    ]
    args = ("--db", db, "--period", "day", "--format", "jsonl")
    series = cli("dyad", "Aleksandar Vučić", "Q7747", *args).jsonl()
    assert series[0] == {"period": "2019-01-17", "events": 1, "types": {"CONSULT": 1}, "score": 1.0}
    assert series[1]["trigger"] == "met" and series[1]["article_id"] == "a1"
    unknown = cli("dyad", "Nobody", "Q7747", "--db", db)
    assert unknown.code == 2 and "no stored actor is called 'Nobody'" in unknown.err
