"""Questions asked of the store: summaries, dyads and the actor graph. SQL is parameterised only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.store.duckdb import DuckDBStore


@dataclass(slots=True)
class GraphFilter:
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    outlet: str | None = None
    event_type: str | None = None
    min_weight: int = 1

    def event_clause(self) -> tuple[str, list[Any]]:
        """A WHERE clause over events ``e`` joined to articles ``a``, with its parameters."""
        clauses, params = ["a.status = 'analyzed'"], []
        for sql, value in (
            ("coalesce(e.date, a.date) >= ?::DATE", self.since),
            ("coalesce(e.date, a.date) <= ?::DATE", self.until),
            ("a.outlet = ?", self.outlet),
            ("e.type = ?", self.event_type),
        ):
            if value is not None:
                clauses.append(sql)
                params.append(value)
        return " AND ".join(clauses), params


@dataclass(slots=True)
class ActorGraph:
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


def summary(store: DuckDBStore, top: int = 10) -> dict[str, Any]:
    """Counts of what the store holds and its busiest dyads."""
    by_status = dict(
        store.con.execute("SELECT status, count(*) FROM articles GROUP BY status ORDER BY status").fetchall()
    )
    counts = store.table_counts()
    return {
        "articles": sum(by_status.values()),
        "articles_by_status": by_status,
        "actors": store.con.execute("SELECT count(DISTINCT actor_id) FROM article_actors").fetchone()[0],
        "mentions": counts["mentions"],
        "quotes": counts["quotes"],
        "events": counts["events"],
        "outlets": store.con.execute("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0],
        "top_dyads": top_dyads(store, top),
    }


def top_dyads(store: DuckDBStore, limit: int = 10, where: GraphFilter | None = None) -> list[dict[str, Any]]:
    """Ordered actor pairs with the most events between them."""
    clause, params = (where or GraphFilter()).event_clause()
    return store.query(
        "SELECT e.source_id AS source, s.name AS source_name, e.target_id AS target, "
        "t.name AS target_name, count(*) AS events "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "JOIN actors s ON s.id = e.source_id JOIN actors t ON t.id = e.target_id "
        f"WHERE e.target_id IS NOT NULL AND {clause} "
        "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?",
        [*params, limit],
    )


def actor_graph(store: DuckDBStore, where: GraphFilter | None = None) -> ActorGraph:
    """Actors as nodes (with salience) and their events as directed, typed, weighted edges."""
    where = where or GraphFilter()
    clause, params = where.event_clause()
    edges = store.query(
        "SELECT e.source_id AS source, e.target_id AS target, count(*) AS weight, "
        "histogram(e.type) AS types "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.target_id IS NOT NULL AND e.source_id <> e.target_id AND {clause} "
        "GROUP BY ALL HAVING count(*) >= ? ORDER BY weight DESC, source, target",
        [*params, where.min_weight],
    )
    nodes = store.query(
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, "
        "count(DISTINCT l.article_id) AS articles, "
        "(SELECT count(*) FROM mentions m WHERE m.actor_id = ac.id) AS mentions "
        "FROM actors ac JOIN article_actors l ON l.actor_id = ac.id "
        "JOIN articles a ON a.id = l.article_id WHERE a.status = 'analyzed' "
        "GROUP BY ALL ORDER BY mentions DESC, ac.id"
    )
    for edge in edges:
        edge["types"] = dict(edge["types"])
    return ActorGraph(nodes=nodes, edges=edges)
