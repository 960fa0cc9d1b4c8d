"""The JSON API under /api: the same query functions as the CLI and the pages, with filters and paging."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newsgraph import queries
from newsgraph.store.search import search_articles
from newsgraph.web.deps import (
    DatesOutlet,
    Filters,
    Page,
    Store,
    article_filter,
    blank,
    event_filter,
    graph_filter,
    parse_choice,
)
from newsgraph.web.security import check_token

router = APIRouter(prefix="/api", tags=["api"])
MAX_GRAPH_EDGES = 100_000
ActorQuery = Annotated[str | None, Query(description="An actor id (Q403, local:…): as source or target.")]
WRITE_DEPS = [Depends(check_token)]
MinWeight = Annotated[
    int, Query(ge=1, le=1_000_000, description="Only dyads with at least this many events.")
]


@router.get("/summary")
def get_summary(db: Store) -> dict[str, Any]:
    """Counts of what the store holds and its busiest dyads."""
    return queries.summary(db)


@router.get("/facets")
def get_facets(db: Store) -> dict[str, Any]:
    """Values the filters can take: outlets, event types, narratives, kinds and the date range."""
    return queries.facets(db)


@router.get("/articles")
def list_articles(
    db: Store,
    page: Page,
    common: Filters,
    status: Annotated[str | None, Query(description="analyzed, not_analyzed or duplicate.")] = None,
    actor: Annotated[str | None, Query(description="Only articles naming this actor id.")] = None,
) -> dict[str, Any]:
    """Articles (metadata, not text), newest first; `type` keeps those with an event of that type."""
    return queries.articles_page(db, article_filter(common, status, actor), page.limit, page.offset)


@router.get("/articles/{article_id:path}")
def get_article(db: Store, article_id: str) -> dict[str, Any]:
    """One article's full Analysis record (schema newsgraph.analysis/1)."""
    analysis = db.get_analysis(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return analysis.to_dict()


class ArticleIn(BaseModel):
    """An article to ingest, with the fields the JSON Lines reader takes."""

    id: str | None = Field(None, max_length=500, description="Stable id; from the URL when missing.")
    text: str = Field(..., min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=100, description="Publication date, ISO or free text.")
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=500)
    byline: list[str] | str | None = None
    genre: str | None = None


@router.post("/articles", status_code=201, dependencies=WRITE_DEPS)
def post_articles(request: Request, body: Annotated[ArticleIn | list[ArticleIn], Body()]) -> dict[str, Any]:
    """Ingest one article (or a list of up to 100): read, deduplicate, analyse, store.
    Needs a server started with --allow-ingest and an `Authorization: Bearer TOKEN` header."""
    records = body if isinstance(body, list) else [body]
    if not 1 <= len(records) <= 100:
        raise HTTPException(422, "post between 1 and 100 articles at a time")
    result = request.app.state.writer.ingest([r.model_dump(exclude_none=True) for r in records])
    if not result["articles"] and result["problems"]:
        raise HTTPException(422, "; ".join(p["reason"] for p in result["problems"]))
    return result


@router.get("/actors")
def list_actors(
    db: Store,
    page: Page,
    kind: str | None = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the actor's name.")] = None,
) -> dict[str, Any]:
    """Actors, most mentioned first."""
    kind = parse_choice("kind", kind, ("country", "person", "organization", "group", "other"))
    return queries.actors_page(db, kind, blank(country), blank(q), page.limit, page.offset)


@router.get("/actors/{actor_id}")
def get_actor(db: Store, actor_id: str, period: str = "month") -> dict[str, Any]:
    """One actor: what it does to whom and what is done to it by event type, how each outlet
    frames it (roles), and its timeline."""
    period = parse_choice("period", period, queries.PERIODS) or "month"
    profile = queries.actor_profile(db, actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return {
        **profile,
        "does": queries.actor_interactions(db, actor_id, "out"),
        "receives": queries.actor_interactions(db, actor_id, "in"),
        "roles_by_outlet": queries.actor_roles_by_outlet(db, actor_id),
        "timeline": queries.actor_timeline(db, actor_id, period),
    }


@router.get("/events")
def list_events(
    db: Store,
    page: Page,
    common: Filters,
    actor: ActorQuery = None,
    source: str | None = None,
    target: str | None = None,
    article: str | None = None,
) -> dict[str, Any]:
    """Events, newest first, each with its article and offsets."""
    where = event_filter(common, actor=actor, source=source, target=target, article=article)
    return queries.events_page(db, where, page.limit, page.offset)


@router.get("/quotes")
def list_quotes(
    db: Store,
    page: Page,
    common: DatesOutlet,
    speaker: Annotated[
        str | None, Query(description="Speaker: actor id, name, or the text naming them.")
    ] = None,
    about: Annotated[str | None, Query(description="An actor named inside the quote.")] = None,
    article: str | None = None,
) -> dict[str, Any]:
    """Quotes, newest first: who said what, with the article and offsets."""
    where = queries.QuoteFilter(
        blank(speaker), blank(about), common.since, common.until, common.outlet, blank(article)
    )
    return queries.quotes_page(db, where, page.limit, page.offset)


@router.get("/dyads")
def list_dyads(
    db: Store, page: Page, common: Filters, actor: ActorQuery = None, min_weight: MinWeight = 1
) -> dict[str, Any]:
    """Actor pairs (source acts on target), busiest first, with their cooperation–conflict score."""
    where = graph_filter(common, min_weight)
    return queries.dyads_page(db, where, blank(actor), page.limit, page.offset)


@router.get("/dyads/{source}/{target}")
def get_dyad(
    db: Store, source: str, target: str, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    """A dyad's weekly series (rolling mean, escalation flags) and the events behind each week."""
    for actor_id in (source, target):
        if queries.actor_profile(db, actor_id) is None:
            raise HTTPException(404, f"no actor with id {actor_id!r}")
    report = queries.dyad_report(db, source, target, limit)
    report["rule"] = {"window_weeks": queries.ESCALATION_WINDOW, "drop": queries.ESCALATION_DROP}
    return report


@router.get("/narratives")
def list_narratives(db: Store, page: Page, common: DatesOutlet) -> dict[str, Any]:
    """Narratives and subnarratives with the articles and outlets that push them."""
    return queries.narratives_page(db, common.outlet, common.since, common.until, page.limit, page.offset)


@router.get("/graph")
def get_graph(
    db: Store,
    common: Filters,
    min_weight: MinWeight = 1,
    max_edges: Annotated[int, Query(ge=1, le=MAX_GRAPH_EDGES, description="Keep the busiest dyads.")] = 3000,
) -> JSONResponse:
    """The actor network: nodes (actors, salience) and edges (dyads: weight, mean score, main type)."""
    graph = queries.graph_view(db, graph_filter(common, min_weight), max_edges)
    return JSONResponse(graph)  # plain numbers and strings: skip the slow generic encoder


@router.get("/search")
def search(
    db: Store,
    page: Page,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
) -> dict[str, Any]:
    """Full-text search over article titles and texts (BM25; ILIKE where the index is missing)."""
    return search_articles(db, q, page.limit, page.offset)
