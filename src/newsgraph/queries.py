"""Questions asked of the store: summaries, dyads and the actor graph. SQL is parameterised only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph.knowledge.plover import score_sql, weights_cte
from newsgraph.store.duckdb import DuckDBStore

_NARRATIVE_SQL = "EXISTS (SELECT 1 FROM narratives n WHERE n.article_id = a.id AND n.narrative = ?)"


@dataclass(slots=True)
class GraphFilter:
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    outlet: str | None = None
    event_type: str | None = None
    min_weight: int = 1
    narrative: str | None = None  # only events in articles that push this narrative

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
            (_NARRATIVE_SQL, self.narrative),
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
    sql, params = _actors_sql(kind, country)
    return store.query(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])


def _actors_sql(kind: str | None, country: str | None, name: str | None = None) -> tuple[str, list[Any]]:
    clauses: list[str] = ["a.status = 'analyzed'"]
    params: list[Any] = []
    add_filters(
        clauses,
        params,
        ("ac.kind = ?", kind),
        ("ac.country = ?", country.upper() if country else None),
        ("ac.name ILIKE ?", f"%{name}%" if name else None),
    )
    sql = (
        "WITH m AS (SELECT article_id, actor_id, count(*) AS n FROM mentions GROUP BY ALL) "
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, count(*) AS articles, "
        "coalesce(sum(m.n), 0) AS mentions, round(avg(l.salience), 3) AS mean_salience "
        "FROM actors ac JOIN article_actors l ON l.actor_id = ac.id JOIN articles a ON a.id = l.article_id "
        "LEFT JOIN m ON m.article_id = l.article_id AND m.actor_id = l.actor_id "
        f"WHERE {' AND '.join(clauses)} GROUP BY ALL "
        "ORDER BY mentions DESC, ac.id"
    )
    return sql, params


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
    sql, params = _quotes_sql(store, QuoteFilter(speaker, about, since, until))
    return store.query(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])


@dataclass(slots=True)
class QuoteFilter:
    speaker: str | None = None  # an actor id or name, or the text naming the speaker
    about: str | None = None  # an actor named inside the quote
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    article: str | None = None


def _quotes_sql(store: DuckDBStore, where: QuoteFilter) -> tuple[str, list[Any]]:
    clauses, params = ["TRUE"], []
    if where.speaker is not None:
        clauses.append("(q.speaker_id IN (SELECT unnest(?::VARCHAR[])) OR q.speaker_text ILIKE ?)")
        params += [resolve_actor(store, where.speaker), where.speaker]
    if where.about is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM quote_actors qa WHERE qa.article_id = q.article_id "
            "AND qa.quote_seq = q.seq AND qa.actor_id IN (SELECT unnest(?::VARCHAR[])))"
        )
        params.append(resolve_actor(store, where.about))
    add_filters(
        clauses,
        params,
        ("a.date >= ?::DATE", where.since),
        ("a.date <= ?::DATE", where.until),
        ("a.outlet = ?", where.outlet),
        ("q.article_id = ?", where.article),
    )
    sql = (
        "SELECT q.article_id, q.seq, a.date, a.outlet, q.speaker_id, s.name AS speaker_name, q.speaker_text, "
        'q.text, q.direct, q.cue, q.start, q."end" FROM quotes q JOIN articles a ON a.id = q.article_id '
        "LEFT JOIN actors s ON s.id = q.speaker_id "
        f"WHERE {' AND '.join(clauses)} "
        "ORDER BY a.date DESC NULLS LAST, q.article_id, q.seq"
    )
    return sql, params


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


# -- pages of rows for the HTTP API and the web UI ------------------------------------------------

ARTICLE_COLUMNS = "a.id, a.title, a.date, a.outlet, a.url, a.language, a.status, a.duplicate_of, a.word_count"
PERIODS = ("day", "week", "month", "year")


def paged(store: DuckDBStore, sql: str, params: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of an ordered query's rows, with the total count of rows it matches."""
    total = store.query(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
    items = store.query(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@dataclass(slots=True)
class ArticleFilter:
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    status: str | None = None  # analyzed | not_analyzed | duplicate
    actor: str | None = None  # an actor id the article names
    narrative: str | None = None
    event_type: str | None = None  # only articles with an event of this type


def articles_page(
    store: DuckDBStore, where: ArticleFilter, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Articles, newest first, with their metadata (not their text)."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    add_filters(
        clauses,
        params,
        ("a.date >= ?::DATE", where.since),
        ("a.date <= ?::DATE", where.until),
        ("a.outlet = ?", where.outlet),
        ("a.status = ?", where.status),
        ("EXISTS (SELECT 1 FROM article_actors l WHERE l.article_id = a.id AND l.actor_id = ?)", where.actor),
        (_NARRATIVE_SQL, where.narrative),
        ("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type = ?)", where.event_type),
    )
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {' AND '.join(clauses)} "
    return paged(store, sql + "ORDER BY a.date DESC NULLS LAST, a.id", params, limit, offset)


def actors_page(
    store: DuckDBStore, kind: str | None = None, country: str | None = None, name: str | None = None,
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:  # fmt: skip
    """Actors, most mentioned first, optionally by kind, country or part of their name."""
    sql, params = _actors_sql(kind, country, name)
    return paged(store, sql, params, limit, offset)


def quotes_page(store: DuckDBStore, where: QuoteFilter, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Quotes, newest first, with speaker and offsets."""
    sql, params = _quotes_sql(store, where)
    return paged(store, sql, params, limit, offset)


@dataclass(slots=True)
class EventFilter:
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    event_type: str | None = None
    actor: str | None = None  # source or target
    source: str | None = None
    target: str | None = None
    article: str | None = None
    narrative: str | None = None


def events_page(store: DuckDBStore, where: EventFilter, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Events, newest first, each with its actors' names, article and offsets."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    add_filters(
        clauses,
        params,
        ("coalesce(e.date, a.date) >= ?::DATE", where.since),
        ("coalesce(e.date, a.date) <= ?::DATE", where.until),
        ("a.outlet = ?", where.outlet),
        ("e.type = ?", where.event_type),
        ("? IN (e.source_id, e.target_id)", where.actor),
        ("e.source_id = ?", where.source),
        ("e.target_id = ?", where.target),
        ("e.article_id = ?", where.article),
        (_NARRATIVE_SQL, where.narrative),
    )
    sql = (
        "SELECT a.id AS article_id, e.seq, coalesce(e.date, a.date) AS date, e.type, e.mode, "
        "e.source_id AS source, s.name AS source_name, e.target_id AS target, t.name AS target_name, "
        'e.trigger, e.negated, e.modality, e.claimed_by, a.outlet, a.title, e.start, e."end" '
        "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN actors s ON s.id = e.source_id "
        f"LEFT JOIN actors t ON t.id = e.target_id WHERE {' AND '.join(clauses)} "
        "ORDER BY date DESC NULLS LAST, a.id, e.seq"
    )
    return paged(store, sql, params, limit, offset)


def dyads_page(
    store: DuckDBStore, where: GraphFilter | None = None, actor: str | None = None, limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:  # fmt: skip
    """Ordered actor pairs with their event count and cooperation–conflict score, busiest first."""
    clause, params = (where or GraphFilter()).event_clause()
    if actor is not None:
        clause += " AND ? IN (e.source_id, e.target_id)"
        params.append(actor)
    cte, weights = weights_cte()
    sql = (
        f"WITH {cte} SELECT e.source_id AS source, s.name AS source_name, e.target_id AS target, "
        f"t.name AS target_name, count(*) AS events, round(sum({score_sql()}), 2) AS score, "
        f"round(avg({score_sql()}), 2) AS mean_score, max(coalesce(e.date, a.date)) AS last_date "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN w ON w.type = e.type "
        "JOIN actors s ON s.id = e.source_id JOIN actors t ON t.id = e.target_id "
        f"WHERE e.target_id IS NOT NULL AND e.source_id <> e.target_id AND {clause} "
        "GROUP BY ALL HAVING count(*) >= ? ORDER BY events DESC, source, target"
    )
    return paged(store, sql, [*weights, *params, (where or GraphFilter()).min_weight], limit, offset)


def narratives_page(
    store: DuckDBStore, outlet: str | None = None, since: str | None = None, until: str | None = None,
    limit: int = 50, offset: int = 0,
) -> dict[str, Any]:  # fmt: skip
    """Narratives and subnarratives with the articles and outlets that push them."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    add_filters(
        clauses,
        params,
        ("a.outlet = ?", outlet),
        ("a.date >= ?::DATE", since),
        ("a.date <= ?::DATE", until),
    )
    sql = (
        "SELECT n.narrative, n.subnarrative, count(DISTINCT n.article_id) AS articles, "
        "round(avg(n.score), 2) AS mean_score, histogram(a.outlet) AS outlets "
        f"FROM narratives n JOIN articles a ON a.id = n.article_id WHERE {' AND '.join(clauses)} "
        "GROUP BY ALL ORDER BY articles DESC, n.narrative, n.subnarrative NULLS FIRST"
    )
    return paged(store, sql, params, limit, offset)


def facets(store: DuckDBStore) -> dict[str, Any]:
    """The values filters can take: outlets, event types and narratives present, and the date range."""
    dates = store.query("SELECT min(date) AS first, max(date) AS last FROM articles")[0]

    def distinct(col: str, table: str) -> list[Any]:
        rows = store.con.execute(f"SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY 1")
        return [row[0] for row in rows.fetchall()]

    return {
        "outlets": distinct("outlet", "articles"),
        "event_types": distinct("type", "events"),
        "narratives": distinct("narrative", "narratives"),
        "kinds": distinct("kind", "actors"),
        "first_date": dates["first"],
        "last_date": dates["last"],
    }


# -- one actor --------------------------------------------------------------------------------------


def actor_profile(store: DuckDBStore, actor_id: str) -> dict[str, Any] | None:
    """An actor with how often and when the store sees it; None for an unknown id."""
    rows = store.query(
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, count(l.article_id) AS articles, "
        "(SELECT count(*) FROM mentions m WHERE m.actor_id = ac.id) AS mentions, "
        "round(avg(l.salience), 3) AS mean_salience, "
        "min(a.date) AS first_seen, max(a.date) AS last_seen FROM actors ac "
        "LEFT JOIN article_actors l ON l.actor_id = ac.id LEFT JOIN articles a ON a.id = l.article_id "
        "WHERE ac.id = ? GROUP BY ALL",
        [actor_id],
    )
    return rows[0] if rows else None


def actor_interactions(store: DuckDBStore, actor_id: str, direction: str = "out") -> list[dict[str, Any]]:
    """What the actor does to whom (``out``) or what whom does to it (``in``), grouped by event type."""
    mine, other = ("source_id", "target_id") if direction == "out" else ("target_id", "source_id")
    cte, weights = weights_cte()
    rows = store.query(
        f"WITH {cte} SELECT e.type, e.{other} AS other, o.name AS other_name, count(*) AS events, "
        f"round(sum({score_sql()}), 2) AS score FROM events e JOIN articles a ON a.id = e.article_id "
        f"JOIN w ON w.type = e.type LEFT JOIN actors o ON o.id = e.{other} "
        f"WHERE e.{mine} = ? AND a.status = 'analyzed' GROUP BY ALL ORDER BY events DESC, other NULLS LAST",
        [*weights, actor_id],
    )
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = groups.setdefault(row["type"], {"type": row["type"], "events": 0, "score": 0.0, "actors": []})
        group["events"] += row["events"]
        group["score"] = round(group["score"] + row["score"], 2)
        group["actors"].append({k: row[k] for k in ("other", "other_name", "events", "score")})
    return sorted(groups.values(), key=lambda g: (-g["events"], g["type"]))


def actor_roles_by_outlet(store: DuckDBStore, actor_id: str) -> list[dict[str, Any]]:
    """Per outlet: the articles naming the actor and how many of them cast it in each role."""
    coverage = store.query(
        "SELECT coalesce(a.outlet, '(no outlet)') AS outlet, count(DISTINCT l.article_id) AS articles "
        "FROM article_actors l JOIN articles a ON a.id = l.article_id WHERE l.actor_id = ? "
        "GROUP BY ALL ORDER BY articles DESC, outlet",
        [actor_id],
    )
    roles = store.query(
        "SELECT coalesce(a.outlet, '(no outlet)') AS outlet, r.main, count(DISTINCT r.article_id) AS n, "
        "flatten(list(r.fine)) AS fine FROM roles r JOIN articles a ON a.id = r.article_id "
        "WHERE r.actor_id = ? GROUP BY ALL ORDER BY n DESC, r.main",
        [actor_id],
    )
    by_outlet = {row["outlet"]: {**row, "roles": {}, "fine": {}} for row in coverage}
    for row in roles:
        empty = {"outlet": row["outlet"], "articles": 0, "roles": {}, "fine": {}}
        outlet = by_outlet.setdefault(row["outlet"], empty)
        outlet["roles"][row["main"]] = row["n"]
        for fine in row["fine"]:
            outlet["fine"][fine] = outlet["fine"].get(fine, 0) + 1
    return list(by_outlet.values())


def actor_timeline(store: DuckDBStore, actor_id: str, period: str = "month") -> list[dict[str, Any]]:
    """Per period: the articles naming the actor, the events it did and those done to it."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    cte, weights = weights_cte()
    return store.query(
        f"WITH {cte}, seen AS (SELECT date_trunc('{period}', a.date)::DATE AS period, "
        "count(DISTINCT l.article_id) AS articles "
        "FROM article_actors l JOIN articles a ON a.id = l.article_id "
        "WHERE l.actor_id = ? AND a.date IS NOT NULL GROUP BY ALL), "
        f"acts AS (SELECT date_trunc('{period}', coalesce(e.date, a.date))::DATE AS period, "
        "count(*) FILTER (WHERE e.source_id = ?) AS done, "
        "count(*) FILTER (WHERE e.target_id = ?) AS received, "
        f"round(coalesce(sum({score_sql()}) FILTER (WHERE e.source_id = ?), 0), 2) AS score_done "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN w ON w.type = e.type "
        "WHERE ? IN (e.source_id, e.target_id) AND coalesce(e.date, a.date) IS NOT NULL GROUP BY ALL) "
        "SELECT period, coalesce(articles, 0) AS articles, coalesce(done, 0) AS done, "
        "coalesce(received, 0) AS received, coalesce(score_done, 0) AS score_done "
        "FROM seen FULL JOIN acts USING (period) ORDER BY period",
        [*weights, actor_id, actor_id, actor_id, actor_id, actor_id],
    )


# -- the network and the dyads ---------------------------------------------------------------------


def graph_view(store: DuckDBStore, where: GraphFilter | None = None, max_edges: int = 3000) -> dict[str, Any]:
    """The actor network for drawing: the ``max_edges`` busiest dyads aggregated in SQL and the
    actors they join, with salience (summed over articles) for node size."""
    where = where or GraphFilter()
    clause, params = where.event_clause()
    cte, weights = weights_cte()
    # Counting per type first, then per dyad, finds each dyad's main type (arg_max) at half the
    # cost of mode() over every event.
    edges = store.query(
        f"WITH {cte}, per_type AS (SELECT e.source_id AS source, e.target_id AS target, e.type, "
        f"count(*) AS n, sum({score_sql()}) AS score FROM events e JOIN articles a ON a.id = e.article_id "
        f"JOIN w ON w.type = e.type WHERE e.target_id IS NOT NULL AND e.source_id <> e.target_id "
        f"AND {clause} GROUP BY ALL) "
        "SELECT source, target, sum(n)::INTEGER AS weight, round(sum(score) / sum(n), 2) AS score, "
        "arg_max(type, (n, type)) AS type FROM per_type GROUP BY ALL HAVING sum(n) >= ? "
        "ORDER BY weight DESC, source, target LIMIT ?",
        [*weights, *params, where.min_weight, max_edges + 1],
    )
    truncated = len(edges) > max_edges
    edges = edges[:max_edges]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = store.query(
        "WITH ids AS (SELECT unnest(?::VARCHAR[]) AS id), seen AS (SELECT actor_id, count(*) AS articles, "
        "round(sum(coalesce(salience, 0)), 3) AS salience FROM article_actors GROUP BY ALL) "
        "SELECT ac.id, ac.name, ac.kind, ac.country, coalesce(seen.articles, 0) AS articles, "
        "coalesce(seen.salience, 0) AS salience FROM ids JOIN actors ac ON ac.id = ids.id "
        "LEFT JOIN seen ON seen.actor_id = ac.id ORDER BY salience DESC, articles DESC, ac.id",
        [ids],
    )
    return {"nodes": nodes, "edges": edges, "truncated": truncated, "max_edges": max_edges}


ESCALATION_WINDOW = 4  # weeks in each rolling window
ESCALATION_DROP = 1.0  # score points per week


def escalation_series(
    series: list[dict[str, Any]], window: int = ESCALATION_WINDOW, drop: float = ESCALATION_DROP
) -> list[dict[str, Any]]:
    """Weekly dyad scores with quiet weeks filled in as 0, each with its ``window``-week rolling mean,
    the mean of the window before it, and ``escalation`` on the first week where the rolling mean is
    at most ``-drop`` and more than ``drop`` below the previous window's (weeks before the first event
    count as quiet; the flag marks the onset, not every week the fall lasts)."""
    if not series:
        return []
    by_week = {row["period"]: row for row in series}
    first, last = min(by_week), max(by_week)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    scores = [float(by_week[w]["score"]) if w in by_week else 0.0 for w in weeks]
    padded = [0.0] * (2 * window) + scores
    out: list[dict[str, Any]] = []
    falling = False
    for i, week in enumerate(weeks):
        end = i + 2 * window + 1
        current = sum(padded[end - window : end]) / window
        previous = sum(padded[end - 2 * window : end - window]) / window
        was_falling, falling = falling, current <= -drop and previous - current > drop
        row = by_week.get(week, {"events": 0, "types": {}, "score": 0.0})
        out.append({
            "period": week, "events": row["events"], "types": dict(row["types"]), "score": row["score"],
            "rolling": round(current, 2), "previous": round(previous, 2),
            "escalation": falling and not was_falling,
        })  # fmt: skip
    return out


def dyad_report(store: DuckDBStore, source: str, target: str, limit: int = 500) -> dict[str, Any]:
    """A dyad's weekly series with escalation flags, and its events grouped under their week."""
    weeks = escalation_series(dyad_series(store, source, target, "week"))
    events = dyad_events(store, source, target, limit)
    by_week: dict[date, list[dict[str, Any]]] = {}
    for event in events:
        if event["date"] is not None:
            by_week.setdefault(event["date"] - timedelta(days=event["date"].weekday()), []).append(event)
    for week in weeks:
        week["items"] = by_week.get(week["period"], [])
    undated = [e for e in events if e["date"] is None]
    return {"source": source, "target": target, "weeks": weeks, "events": events, "undated": undated}
