"""Questions asked of the store: summaries, dyads and the actor graph. SQL is parameterised only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.knowledge.plover import score_sql, weights_cte
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
        clauses: list[str] = ["a.status = 'analyzed'"]
        params: list[Any] = []
        add_filters(
            clauses,
            params,
            ("coalesce(e.date, a.date) >= ?::DATE", self.since),
            ("coalesce(e.date, a.date) <= ?::DATE", self.until),
            ("a.outlet = ?", self.outlet),
            ("e.type = ?", self.event_type),
        )
        return " AND ".join(clauses), params


def add_filters(clauses: list[str], params: list[Any], *filters: tuple[str, Any]) -> None:
    """Add each ``(sql, value)`` condition whose value is given, with its parameter."""
    for sql, value in filters:
        if value is not None:
            clauses.append(sql)
            params.append(value)


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
    """Actors as nodes (with salience) and their events as directed, typed, weighted edges that
    carry the dyad's cooperation–conflict score (see ``knowledge/plover.py``)."""
    where = where or GraphFilter()
    clause, params = where.event_clause()
    cte, weights = weights_cte()
    edges = store.query(
        f"WITH {cte} SELECT e.source_id AS source, e.target_id AS target, count(*) AS weight, "
        f"histogram(e.type) AS types, round(sum({score_sql()}), 2) AS score, "
        f"round(avg({score_sql()}), 2) AS mean_score "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN w ON w.type = e.type "
        f"WHERE e.target_id IS NOT NULL AND e.source_id <> e.target_id AND {clause} "
        "GROUP BY ALL HAVING count(*) >= ? ORDER BY weight DESC, source, target",
        [*weights, *params, where.min_weight],
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


def list_actors(
    store: DuckDBStore, kind: str | None = None, country: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Canonical actors counted across analysed articles, most mentioned first."""
    clauses: list[str] = ["a.status = 'analyzed'"]
    params: list[Any] = []
    add_filters(
        clauses, params, ("ac.kind = ?", kind), ("ac.country = ?", country.upper() if country else None)
    )
    return store.query(
        "WITH m AS (SELECT article_id, actor_id, count(*) AS n FROM mentions GROUP BY ALL) "
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, count(*) AS articles, "
        "coalesce(sum(m.n), 0) AS mentions, round(avg(l.salience), 3) AS mean_salience "
        "FROM actors ac JOIN article_actors l ON l.actor_id = ac.id JOIN articles a ON a.id = l.article_id "
        "LEFT JOIN m ON m.article_id = l.article_id AND m.actor_id = l.actor_id "
        f"WHERE {' AND '.join(clauses)} GROUP BY ALL "
        "ORDER BY mentions DESC, ac.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def resolve_actor(store: DuckDBStore, name_or_id: str) -> list[str]:
    """Actor ids for an id ("Q441633", "local:…") or a name ("Kurti", "Albin Kurti")."""
    if name_or_id.startswith(("Q", "local:")) and store.query(
        "SELECT 1 FROM actors WHERE id = ?", [name_or_id]
    ):
        return [name_or_id]
    rows = store.query(
        "SELECT id FROM actors WHERE name ILIKE ? OR name ILIKE ? ORDER BY id",
        [name_or_id, f"% {name_or_id}"],
    )
    return [row["id"] for row in rows]


def list_quotes(
    store: DuckDBStore,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes with their article, newest first; by speaker, and by an actor named inside them."""
    clauses, params = ["TRUE"], []
    if speaker is not None:
        clauses.append("(q.speaker_id IN (SELECT unnest(?::VARCHAR[])) OR q.speaker_text ILIKE ?)")
        params += [resolve_actor(store, speaker), speaker]
    if about is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM quote_actors qa WHERE qa.article_id = q.article_id "
            "AND qa.quote_seq = q.seq AND qa.actor_id IN (SELECT unnest(?::VARCHAR[])))"
        )
        params.append(resolve_actor(store, about))
    add_filters(clauses, params, ("a.date >= ?::DATE", since), ("a.date <= ?::DATE", until))
    return store.query(
        "SELECT q.article_id, q.seq, a.date, a.outlet, q.speaker_id, s.name AS speaker_name, q.speaker_text, "
        'q.text, q.direct, q.cue, q.start, q."end" FROM quotes q JOIN articles a ON a.id = q.article_id '
        "LEFT JOIN actors s ON s.id = q.speaker_id "
        f"WHERE {' AND '.join(clauses)} "
        "ORDER BY a.date DESC NULLS LAST, q.article_id, q.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def dyad_series(store: DuckDBStore, source: str, target: str, period: str = "week") -> list[dict[str, Any]]:
    """The events from ``source`` to ``target`` per day or week: count, types and score."""
    if period not in ("day", "week", "month"):
        raise ValueError(f"period must be day, week or month, not {period!r}")
    cte, weights = weights_cte()
    return store.query(
        f"WITH {cte} SELECT date_trunc('{period}', coalesce(e.date, a.date))::DATE AS period, "
        f"count(*) AS events, histogram(e.type) AS types, round(sum({score_sql()}), 2) AS score "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN w ON w.type = e.type "
        "WHERE e.source_id = ? AND e.target_id = ? AND coalesce(e.date, a.date) IS NOT NULL "
        "GROUP BY ALL ORDER BY period",
        [*weights, source, target],
    )


def dyad_events(store: DuckDBStore, source: str, target: str, limit: int = 200) -> list[dict[str, Any]]:
    """The events behind a dyad, newest first, each with its sentence's article and offsets."""
    return store.query(
        "SELECT coalesce(e.date, a.date) AS date, e.type, e.mode, e.trigger, e.negated, e.modality, "
        'e.claimed_by, a.id AS article_id, a.outlet, a.title, e.start, e."end" '
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.source_id = ? AND e.target_id = ? ORDER BY date DESC NULLS LAST, a.id, e.seq LIMIT ?",
        [source, target, limit],
    )
