"""The demo analyses the bundled sample corpus into a local DuckDB file and summarises it."""

from __future__ import annotations

import pytest

from newsgraph import api
from newsgraph.errors import Problem


def test_sample_corpus_reads_cleanly_in_every_format():
    items = list(api.read([str(api.sample_corpus())]))
    assert [str(i) for i in items if isinstance(i, Problem)] == []
    sources = {i.source.split("/sample/")[1].split("/")[0] for i in items}
    assert sources == {"txt", "html", "jsonl", "rss"}
    assert 28 <= len(items) <= 36
    for article in items:
        assert article.date and article.date[:4] in {"2019", "2020", "2021", "2022", "2023", "2024"}
        assert article.outlet and article.title
        assert 150 <= len(article.text.split()) <= 420, article.id


@pytest.mark.slow
def test_demo_without_server(cli, tmp_path):
    db = tmp_path / "demo.duckdb"
    result = cli("demo", "--no-serve", "--db", db)
    assert result.code == 0, result.err
    assert "1 duplicate(s) linked to their first copy, 1 not in English" in result.err
    assert result.out.startswith("articles 32 · ")
    with api.open_store(db, read_only=True) as store:
        statuses = dict(store.con.execute("SELECT status, count(*) FROM articles GROUP BY ALL").fetchall())
    assert statuses == {"analyzed": 30, "duplicate": 1, "not_analyzed": 1}
    again = cli("demo", "--no-serve", "--db", db)
    assert "32 already stored" in again.err
