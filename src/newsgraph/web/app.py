"""The web app: a JSON API (reference at /docs, schema at /openapi.json) and server-rendered pages.

The store is opened read-only and shared through one cursor per request. Started with
``allow_ingest`` and a token, the app instead holds one read-write connection (DuckDB lets one
process write a file) and serialises posted articles through ``web.writer.Writer``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsgraph import __version__, api
from newsgraph.analysis.pipeline import Pipeline
from newsgraph.web import routes_api, routes_pages
from newsgraph.web.security import add_security_headers, allowed_hosts
from newsgraph.web.writer import Writer

STATIC = Path(__file__).parent / "static"
TOKEN_ENV = "NEWSGRAPH_TOKEN"


def create_app(
    db: str | Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    hosts: list[str] | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
) -> FastAPI:
    """The app over the store at ``db``: read-only unless ``allow_ingest`` (which needs a token)."""
    if allow_ingest and not token:
        raise ValueError(f"allow_ingest needs a token (--token or {TOKEN_ENV})")
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Actors, events, quotes and narratives from news; every fact links to its source text.",
        docs_url=None,  # the Swagger UI loads from a CDN; /docs is served from our own templates
        redoc_url=None,
    )
    app.state.allow_ingest, app.state.token = allow_ingest, token
    app.state.store = api.open_store(db, read_only=not allow_ingest)
    if allow_ingest:
        app.state.writer = Writer(app.state.store, pipeline_factory or api.load_pipeline)
    app.middleware("http")(add_security_headers)
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.post("/articles", status_code=201, include_in_schema=False, dependencies=routes_api.WRITE_DEPS)(
        routes_api.post_articles
    )
    _add_error_handlers(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """4xx answers: JSON ``{"detail": …}`` under /api, an error page elsewhere; bad values that only
    the database notices (an out-of-range number) are the client's too, never a 500."""

    def answer(request: Request, status: int, detail: object, headers: dict | None = None) -> Response:
        if request.url.path.startswith("/api") or request.method != "GET":
            return JSONResponse({"detail": detail}, status, headers=headers)
        message = detail if isinstance(detail, str) else _validation_text(detail)
        context = {"status": status, "message": message}
        return routes_pages.templates.TemplateResponse(request, "error.html", context, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return answer(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return answer(request, 422, _plain(exc.errors()))

    @app.exception_handler(duckdb.ConversionException)
    @app.exception_handler(duckdb.InvalidInputException)
    @app.exception_handler(duckdb.OutOfRangeException)
    async def bad_value(request: Request, exc: Exception) -> Response:
        return answer(request, 400, f"bad parameter value: {str(exc).splitlines()[0]}")


def _plain(errors: object) -> object:
    """Validation errors without the raw input objects (bodies may not be JSON-serialisable)."""
    if not isinstance(errors, list | tuple):
        return errors
    return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]


def _validation_text(errors: object) -> str:
    if isinstance(errors, list):
        return "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in errors)
    return str(errors)


def run_server(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    allow_ingest: bool = False,
    token: str | None = None,
) -> None:
    """Serve the app with uvicorn until Ctrl-C."""
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None
    app = create_app(db, allow_ingest=allow_ingest, token=token, hosts=allowed_hosts(host))
    mode = "read-write: POST /articles with the bearer token" if allow_ingest else "read-only"
    print(f"newsgraph is serving {db} ({mode}) on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
