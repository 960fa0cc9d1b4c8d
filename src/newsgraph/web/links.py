"""URLs of the app's pages, in one place: every row links back to its article at its offsets."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """The article page, at a span of its text (``#o-START-END``) when offsets are given."""
    href = f"/articles/{quote(article_id, safe='')}"
    return href if start is None or end is None else f"{href}#o-{start}-{end}"


def actor_href(actor_id: str | None) -> str | None:
    return None if actor_id is None else f"/actors/{quote(actor_id, safe='')}"


def dyad_href(source: str | None, target: str | None) -> str | None:
    if source is None or target is None:
        return None
    return f"/dyads/{quote(source, safe='')}/{quote(target, safe='')}"


def with_params(path: str, **params: object) -> str:
    """``path`` with the given non-empty query parameters."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path
