"""The web app: a JSON API (OpenAPI at /docs) and server-rendered pages over a read-only store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph import __version__, api
from newsgraph.store.duckdb import DuckDBStore

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
_ARTICLE_COLUMNS = "id, title, date, outlet, url, language, status, duplicate_of, word_count"


def request_store(request: Request) -> Iterator[DuckDBStore]:
    """A store over its own cursor for each request (DuckDB connections are not thread-safe)."""
    view = request.app.state.store.cursor()
    try:
        yield view
    finally:
        view.close()


Store = Annotated[DuckDBStore, Depends(request_store)]


def create_app(db: str | Path) -> FastAPI:
    """The app over the store at ``db``, opened read-only once and shared through cursors."""
    app = FastAPI(title="newsgraph", version=__version__, description="Actors, events and quotes from news.")
    app.state.store = api.open_store(db, read_only=True)

    @app.get("/api/summary")
    def get_summary(db: Store) -> dict[str, Any]:
        return api.summary(db)

    @app.get("/api/articles")
    def list_articles(
        db: Store,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        rows = db.query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [limit, offset],
        )
        total = db.query("SELECT count(*) AS n FROM articles")[0]["n"]
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/articles/{article_id}")
    def get_article(db: Store, article_id: str) -> dict[str, Any]:
        analysis = db.get_analysis(article_id)
        if analysis is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return analysis.to_dict()

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, db: Store) -> HTMLResponse:
        articles = db.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY date DESC NULLS LAST, id")
        context = {"summary": api.summary(db), "articles": articles, "version": __version__}
        return _TEMPLATES.TemplateResponse(request, "index.html", context)

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, db: Store, article_id: str) -> HTMLResponse:
        analysis = db.get_analysis(article_id)
        if analysis is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return _TEMPLATES.TemplateResponse(request, "article.html", {"analysis": analysis})

    return app


def run_server(db: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    import uvicorn

    app = create_app(db)
    print(f"newsgraph is serving {db} on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
