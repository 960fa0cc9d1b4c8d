"""Request dependencies shared by the API and the pages: the store, paging and validated filters.

Filters arrive as strings so that an empty form field means "no filter"; each is checked here
and a bad one answers 422 with a message that names it, before any SQL runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from newsgraph.queries import ArticleFilter, EventFilter, GraphFilter
from newsgraph.records import EVENT_TYPES
from newsgraph.store.duckdb import DuckDBStore

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
STATUSES = ("analyzed", "not_analyzed", "duplicate")


def request_store(request: Request) -> Iterator[DuckDBStore]:
    """A store over its own cursor for each request (DuckDB connections are not thread-safe)."""
    view = request.app.state.store.cursor()
    try:
        yield view
    finally:
        view.close()


Store = Annotated[DuckDBStore, Depends(request_store)]


def blank(value: str | None) -> str | None:
    """None for a missing or empty parameter, else the stripped value."""
    return value.strip() or None if value is not None else None


def parse_date(name: str, value: str | None) -> str | None:
    """An ISO date parameter, checked; 422 naming the parameter when it is not a real date."""
    value = blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def parse_choice(name: str, value: str | None, choices: tuple[str, ...], upper: bool = False) -> str | None:
    value = blank(value)
    if value is None:
        return None
    value = value.upper() if upper else value
    if value not in choices:
        raise HTTPException(422, f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


@dataclass(slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


Page = Annotated[Paging, Depends(paging)]

SinceQuery = Annotated[str | None, Query(description="On or after this date (YYYY-MM-DD).")]
UntilQuery = Annotated[str | None, Query(description="On or before this date (YYYY-MM-DD).")]
OutletQuery = Annotated[str | None, Query(description="Only articles from this outlet.")]
TypeQuery = Annotated[str | None, Query(alias="type", description="A PLOVER event type, e.g. THREATEN.")]
NarrativeQuery = Annotated[str | None, Query(description="Only articles that push this narrative.")]


@dataclass(slots=True)
class Common:
    since: str | None
    until: str | None
    outlet: str | None
    event_type: str | None
    narrative: str | None


def common_filters(
    since: SinceQuery = None,
    until: UntilQuery = None,
    outlet: OutletQuery = None,
    event_type: TypeQuery = None,
    narrative: NarrativeQuery = None,
) -> Common:
    """The filters most listings share, validated."""
    return Common(
        parse_date("since", since),
        parse_date("until", until),
        blank(outlet),
        parse_choice("type", event_type, EVENT_TYPES, upper=True),
        blank(narrative),
    )


Filters = Annotated[Common, Depends(common_filters)]


def dates_and_outlet(
    since: SinceQuery = None, until: UntilQuery = None, outlet: OutletQuery = None
) -> Common:
    """The filters of listings that have no event type or narrative (quotes, narratives)."""
    return Common(parse_date("since", since), parse_date("until", until), blank(outlet), None, None)


DatesOutlet = Annotated[Common, Depends(dates_and_outlet)]


def graph_filter(common: Common, min_weight: int) -> GraphFilter:
    return GraphFilter(
        common.since, common.until, common.outlet, common.event_type, min_weight, common.narrative
    )


def article_filter(common: Common, status: str | None, actor: str | None) -> ArticleFilter:
    status = parse_choice("status", status, STATUSES)
    return ArticleFilter(
        common.since, common.until, common.outlet, status, blank(actor), common.narrative, common.event_type
    )


def event_filter(common: Common, **actors: str | None) -> EventFilter:
    named = {key: blank(value) for key, value in actors.items()}
    return EventFilter(
        common.since, common.until, common.outlet, common.event_type, narrative=common.narrative, **named
    )
