"""Analysis records to table rows and back; shared by every store backend."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsgraph.records import Actor, Analysis, Article, Event, Mention, Narrative, Quote, Role, Salience

# Columns written for each table, in order; "end" is quoted where SQL needs it.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "title", "byline", "date", "outlet", "url", "language", "genre", "text", "source",
        "content_hash", "status", "duplicate_of", "similarity", "word_count",
    ),
    "actors": ("id", "name", "kind", "country", "sector"),
    "article_actors": ("article_id", "actor_id", "seq", "mentions", "first_start", "in_title", "salience"),
    "mentions": ("article_id", "actor_id", "seq", "start", "end", "text"),
    "roles": ("article_id", "actor_id", "seq", "main", "fine", "score"),
    "quotes": (
        "article_id", "seq", "speaker_id", "speaker_text", "text", "start", "end", "direct", "cue",
        "speaker_start", "speaker_end",
    ),
    "events": (
        "article_id", "seq", "type", "mode", "source_id", "target_id", "trigger", "start", "end",
        "date", "negated", "modality", "claimed_by",
    ),
    "narratives": ("article_id", "seq", "narrative", "subnarrative", "score"),
    "quote_actors": ("article_id", "quote_seq", "actor_id"),
    "article_signatures": ("article_id", "signature"),
    "lsh_buckets": ("band_key", "article_id"),
}  # fmt: skip
FACT_TABLES = ("article_actors", "mentions", "roles", "quotes", "events", "narratives")
DERIVED_TABLES = ("quote_actors",)  # rebuilt from the facts; not part of the Analysis record
EXPORTABLE_TABLES = ("articles", "actors", "mentions", "roles", "quotes", "events", "narratives")


@dataclass(slots=True)
class StoredItem:
    """One article as the store keeps it: its analysis (empty for a duplicate) and dedup facts."""

    analysis: Analysis
    status: str  # analyzed | not_analyzed | duplicate
    content_hash: str
    signature: bytes | None = None
    bands: tuple[int, ...] = ()
    duplicate_of: str | None = None
    similarity: float | None = None


def item_rows(item: StoredItem) -> dict[str, list[tuple[Any, ...]]]:
    """Rows per table for one stored item, in TABLE_COLUMNS order."""
    analysis, article = item.analysis, item.analysis.article
    aid = article.id
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    rows["articles"].append((
        aid, article.title, article.byline, article.date, article.outlet, article.url,
        article.language, article.genre, article.text, article.source, item.content_hash,
        item.status, item.duplicate_of, item.similarity, len(article.text.split()),
    ))  # fmt: skip
    for seq, actor in enumerate(analysis.actors):
        rows["actors"].append((actor.id, actor.name, actor.kind, actor.country, actor.sector))
        s = actor.salience
        rows["article_actors"].append(
            (aid, actor.id, seq, *((s.mentions, s.first, s.in_title, s.score) if s else (None,) * 4))
        )
        for mseq, m in enumerate(actor.mentions):
            rows["mentions"].append((aid, actor.id, mseq, m.start, m.end, m.text))
        for rseq, role in enumerate(actor.roles):
            rows["roles"].append((aid, actor.id, rseq, role.main, role.fine, role.score))
    for seq, q in enumerate(analysis.quotes):
        named = {a.id for a in analysis.actors for m in a.mentions if q.start <= m.start and m.end <= q.end}
        rows["quote_actors"].extend((aid, seq, actor_id) for actor_id in sorted(named))
        rows["quotes"].append((
            aid, seq, q.speaker, q.speaker_text, q.text, q.start, q.end, q.direct, q.cue,
            q.speaker_start, q.speaker_end,
        ))  # fmt: skip
    for seq, e in enumerate(analysis.events):
        rows["events"].append((
            aid, seq, e.type, e.mode, e.source, e.target, e.trigger, e.start, e.end, e.date,
            e.negated, e.modality, e.claimed_by,
        ))  # fmt: skip
    for seq, n in enumerate(analysis.narratives):
        rows["narratives"].append((aid, seq, n.narrative, n.subnarrative, n.score))
    return rows


def analysis_from_rows(article: dict[str, Any], facts: dict[str, list[dict[str, Any]]]) -> Analysis:
    """Rebuild an Analysis from its article row and its fact rows (each list in seq order)."""
    actors: dict[str, Actor] = {}
    actor_rows = {row["id"]: row for row in facts["actors"]}
    for link in facts["article_actors"]:
        row = actor_rows[link["actor_id"]]
        actor = Actor(row["id"], row["name"], row["kind"], row["country"], row["sector"])
        if link["mentions"] is not None:
            actor.salience = Salience(
                link["mentions"], link["first_start"], link["in_title"], link["salience"]
            )
        actors[row["id"]] = actor
    for m in facts["mentions"]:
        actors[m["actor_id"]].mentions.append(Mention(m["start"], m["end"], m["text"]))
    for r in facts["roles"]:
        actors[r["actor_id"]].roles.append(Role(r["main"], list(r["fine"]), r["score"]))
    return Analysis(
        article=_article_from_row(article),
        actors=list(actors.values()),
        quotes=[
            Quote(
                q["speaker_id"],
                q["speaker_text"],
                q["text"],
                q["start"],
                q["end"],
                q["direct"],
                q["cue"],
                q["speaker_start"],
                q["speaker_end"],
            )
            for q in facts["quotes"]
        ],
        events=[_event_from_row(e) for e in facts["events"]],
        narratives=[Narrative(n["narrative"], n["subnarrative"], n["score"]) for n in facts["narratives"]],
    )


def _article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        byline=list(row["byline"] or []),
        date=_iso(row["date"]),
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        genre=row["genre"],
        source=row["source"],
    )


def _event_from_row(row: dict[str, Any]) -> Event:
    return Event(
        type=row["type"],
        source=row["source_id"],
        target=row["target_id"],
        trigger=row["trigger"],
        start=row["start"],
        end=row["end"],
        mode=row["mode"],
        date=_iso(row["date"]),
        negated=row["negated"],
        modality=row["modality"],
        claimed_by=row["claimed_by"],
    )


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
