"""Server-rendered pages: every listing links to the article at its offsets; no page needs JS
except the network canvas (which has a plain table beside it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph import __version__, queries
from newsgraph.store.duckdb import DuckDBStore
from newsgraph.store.search import has_search_index, search_articles
from newsgraph.web import charts
from newsgraph.web.deps import (
    Common,
    DatesOutlet,
    Filters,
    Page,
    Store,
    article_filter,
    blank,
    event_filter,
    graph_filter,
)
from newsgraph.web.highlight import analysis_spans, highlight
from newsgraph.web.links import actor_href, article_href, dyad_href, with_params

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals.update(
    article_href=article_href, actor_href=actor_href, dyad_href=dyad_href, version=__version__
)
KINDS = ("country", "person", "organization", "group", "other")
NETWORK_TABLE_ROWS = 150


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def pager(request: Request, page: dict[str, Any]) -> dict[str, str | None]:
    """Links to the previous and next pages of a listing, keeping its filters."""
    limit, offset, total = page["limit"], page["offset"], page["total"]
    url = request.url
    prev_url = str(url.include_query_params(offset=max(0, offset - limit))) if offset > 0 else None
    next_url = str(url.include_query_params(offset=offset + limit)) if offset + limit < total else None
    return {"prev": prev_url, "next": next_url}


def render_list(request: Request, name: str, found: dict[str, Any], **context: Any) -> HTMLResponse:
    """A listing page: its rows and the pager, with whatever else the template shows."""
    return render(request, name, page=found, pager=pager(request, found), **context)


def render_filtered(
    request: Request, db: DuckDBStore, name: str, found: dict[str, Any], common: Common
) -> HTMLResponse:
    """A listing page with the shared filter bar (dates, outlet, event type, narrative)."""
    return render_list(request, name, found, filters=common, facets=queries.facets(db))


@router.get("/", response_class=HTMLResponse)
def index(request: Request, db: Store) -> HTMLResponse:
    articles = queries.articles_page(db, queries.ArticleFilter(), 20, 0)
    return render(
        request,
        "index.html",
        summary=queries.summary(db),
        articles=articles["items"],
        actors=queries.actors_page(db, limit=15)["items"],
    )


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    db: Store,
    common: Filters,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=100_000)] = 3000,
) -> HTMLResponse:
    where = graph_filter(common, min_weight)
    graph = queries.graph_view(db, where, max_edges=min(max_edges, NETWORK_TABLE_ROWS))
    # The canvas asks /api/graph for the same filters, checked here once.
    params = {"since": common.since, "until": common.until, "outlet": common.outlet,
              "type": common.event_type, "narrative": common.narrative}  # fmt: skip
    query = with_params("", **params, min_weight=min_weight, max_edges=max_edges).lstrip("?")
    return render(
        request,
        "network.html",
        facets=queries.facets(db),
        filters=common,
        min_weight=min_weight,
        max_edges=max_edges,
        graph=graph,
        names={node["id"]: node["name"] for node in graph["nodes"]},
        query=query,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, db: Store, page: Page, kind: str | None = None, q: str | None = None):
    kind = blank(kind) if blank(kind) in KINDS else None
    found = queries.actors_page(db, kind, None, blank(q), page.limit, page.offset)
    return render_list(request, "actors.html", found, kind=kind, q=q, kinds=KINDS)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, db: Store, actor_id: str) -> HTMLResponse:
    profile = queries.actor_profile(db, actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    timeline = queries.actor_timeline(db, actor_id, "month")
    return render(
        request,
        "actor.html",
        actor=profile,
        does=queries.actor_interactions(db, actor_id, "out"),
        receives=queries.actor_interactions(db, actor_id, "in"),
        framing=queries.actor_roles_by_outlet(db, actor_id),
        quotes=queries.quotes_page(db, queries.QuoteFilter(speaker=actor_id), 50, 0),
        events=queries.events_page(db, queries.EventFilter(actor=actor_id), 100, 0),
        timeline=timeline,
        chart=charts.timeline_bars(timeline),
        dyads=queries.dyads_page(db, actor=actor_id, limit=20)["items"],
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyads(request: Request, db: Store, page: Page, common: Filters, actor: str | None = None) -> HTMLResponse:
    found = queries.dyads_page(db, graph_filter(common, 1), blank(actor), page.limit, page.offset)
    return render_filtered(request, db, "dyads.html", found, common)


@router.get("/dyads/{source}/{target}", response_class=HTMLResponse)
def dyad(request: Request, db: Store, source: str, target: str) -> HTMLResponse:
    names = {}
    for actor_id in (source, target):
        profile = queries.actor_profile(db, actor_id)
        if profile is None:
            raise HTTPException(404, f"no actor with id {actor_id!r}")
        names[actor_id] = profile["name"]
    report = queries.dyad_report(db, source, target)
    return render(
        request,
        "dyad.html",
        source=source,
        target=target,
        names=names,
        report=report,
        chart=charts.dyad_chart(report["weeks"]),
        window=queries.ESCALATION_WINDOW,
        drop=queries.ESCALATION_DROP,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    db: Store,
    page: Page,
    common: Filters,
    status: str | None = None,
    actor: str | None = None,
) -> HTMLResponse:
    found = queries.articles_page(db, article_filter(common, status, actor), page.limit, page.offset)
    return render_filtered(request, db, "articles.html", found, common)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, db: Store, article_id: str) -> HTMLResponse:
    analysis = db.get_analysis(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    row = db.query("SELECT status, duplicate_of FROM articles WHERE id = ?", [article_id])[0]
    names = {a.id: a.name for a in analysis.actors}
    return render(
        request,
        "article.html",
        analysis=analysis,
        row=row,
        names=names,
        text=highlight(analysis.article.text, analysis_spans(analysis)),
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, db: Store, page: Page, common: Filters, actor: str | None = None
) -> HTMLResponse:
    found = queries.events_page(db, event_filter(common, actor=actor), page.limit, page.offset)
    return render_filtered(request, db, "events.html", found, common)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request, db: Store, page: Page, common: DatesOutlet, speaker: str | None = None
) -> HTMLResponse:
    where = queries.QuoteFilter(blank(speaker), None, common.since, common.until, common.outlet)
    found = queries.quotes_page(db, where, page.limit, page.offset)
    return render_list(request, "quotes.html", found, speaker=speaker or "")


@router.get("/narratives", response_class=HTMLResponse)
def narratives(request: Request, db: Store, page: Page, common: DatesOutlet) -> HTMLResponse:
    found = queries.narratives_page(db, common.outlet, common.since, common.until, page.limit, page.offset)
    return render_list(request, "narratives.html", found)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, db: Store, page: Page, q: Annotated[str, Query(max_length=500)] = ""
) -> HTMLResponse:
    found = search_articles(db, q, page.limit, page.offset) if q.strip() else None
    actors_found = queries.actors_page(db, name=q.strip(), limit=20) if q.strip() else None
    return render(
        request,
        "search.html",
        q=q,
        found=found,
        pager=pager(request, found) if found else {},
        actors=actors_found,
        indexed=has_search_index(db),
    )


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """A reference of the API built from its OpenAPI schema (served offline; no CDN)."""
    schema = request.app.openapi()
    return render(
        request, "docs.html", schema=schema, example=with_params("/api/events", type="THREATEN", limit=5)
    )
