"""Full-text search over articles with DuckDB's FTS extension, loaded offline from its PyPI package.

The index (schema ``fts_main_articles``) is refreshed by ``refresh_search_index`` at the end of
every ingest (the CLI's and the web app's). Readers never need it: articles the index lacks (a
store built before it, or rows added since) are matched with ILIKE, and a store without any
index is searched with ILIKE alone, so a read-only store is always searchable and nothing is
ever downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.store.duckdb import DuckDBStore

INDEX_SCHEMA = "fts_main_articles"
_WORD = re.compile(r"\w+", re.UNICODE)
_SNIPPET_CHARS = 220


@lru_cache(maxsize=1)
def fts_extension_path() -> Path | None:
    """The FTS extension file shipped by ``duckdb-extension-fts`` for this DuckDB, if installed."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    found = sorted(path.glob("**/fts.duckdb_extension"))
    return found[0] if found else None


def load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    """Load FTS into ``con`` by path; False when the package is missing (never INSTALLs)."""
    path = fts_extension_path()
    if path is None:
        return False
    try:
        # Without this, touching an FTS macro before loading would try to download the extension.
        con.execute("SET autoinstall_known_extensions = false")
        con.load_extension(str(path))
    except duckdb.Error:
        return False
    return True


def _connection(target: DuckDBStore | duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return target.con if isinstance(target, DuckDBStore) else target


def build_search_index(con: DuckDBStore | duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 index over article titles and texts; False if FTS cannot be loaded."""
    con = _connection(con)
    if not load_fts(con):
        return False
    con.execute(
        "PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
        "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
    )
    return True


# Rebuilding the index is a pass over every article, so a store that has one waits until enough
# articles are missing from it; until then search matches those with ILIKE.
REINDEX_MIN_UNINDEXED = 50
REINDEX_SHARE = 0.05


def refresh_search_index(store: DuckDBStore) -> bool:
    """Build the index when the store has none, rebuild it when enough articles are unindexed;
    True when it was (re)built."""
    if has_search_index(store):
        row = store.query(
            "SELECT count(*) AS total, count(*) FILTER "
            f"(WHERE id NOT IN (SELECT name FROM {INDEX_SCHEMA}.docs)) AS missing FROM articles"
        )[0]
        if row["missing"] < max(REINDEX_MIN_UNINDEXED, REINDEX_SHARE * row["total"]):
            return False
    return build_search_index(store)


def has_search_index(store: DuckDBStore) -> bool:
    """Whether the store holds an FTS index (built by ``build_search_index``)."""
    rows = store.query(
        "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'docs'",
        [INDEX_SCHEMA],
    )
    return rows[0]["n"] > 0


def search_articles(store: DuckDBStore, q: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching ``q``, best first: BM25 where indexed, ILIKE on every word elsewhere."""
    words = _WORD.findall(q)
    if not words:
        return {"query": q, "mode": "none", "total": 0, "limit": limit, "offset": offset, "items": []}
    indexed = has_search_index(store) and load_fts(store.con)
    sql, params = _search_sql(words, indexed)
    total = store.query(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
    rows = store.query(
        f"{sql} ORDER BY score DESC, date DESC NULLS LAST, id LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    for row in rows:
        row["snippet"], row["start"], row["end"] = _snippet(row.pop("text"), words)
    mode = "fts" if indexed else "ilike"
    return {"query": q, "mode": mode, "total": total, "limit": limit, "offset": offset, "items": rows}


def _search_sql(words: list[str], indexed: bool) -> tuple[str, list[Any]]:
    """SQL for the matching articles with a score; every word must occur (ILIKE fallback)."""
    columns = "a.id, a.title, a.date, a.outlet, a.status, a.text"
    like = " AND ".join("(a.text ILIKE ? OR coalesce(a.title, '') ILIKE ?)" for _ in words)
    like_params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
    if not indexed:
        return f"SELECT {columns}, 0.0 AS score FROM articles a WHERE {like}", like_params
    # conjunctive := 1: every word must match, as in the ILIKE branch.
    bm25 = f"{INDEX_SCHEMA}.match_bm25(a.id, ?, conjunctive := 1)"
    sql = (
        f"SELECT * FROM (SELECT {columns}, {bm25} AS score FROM articles a) WHERE score IS NOT NULL "
        f"UNION ALL SELECT {columns}, 0.0 AS score FROM articles a "
        f"WHERE a.id NOT IN (SELECT name FROM {INDEX_SCHEMA}.docs) AND {like}"
    )
    return sql, [" ".join(words), *like_params]


def _snippet(text: str, words: list[str]) -> tuple[str, int, int]:
    """A window of ``text`` around the first word found, with its offsets (for article links)."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    first = min(hits) if hits else 0
    start = max(0, first - _SNIPPET_CHARS // 3)
    end = min(len(text), start + _SNIPPET_CHARS)
    if hits:
        word_end = first + len(next(w for w in words if lowered.find(w.lower()) == first))
        return text[start:end], first, word_end
    return text[start:end], start, end
