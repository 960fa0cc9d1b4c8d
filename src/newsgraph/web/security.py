"""Security of the web app: response headers (CSP) and the bearer token that guards ingest."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.responses import Response

# Scripts, styles, data and images come from this server only; no inline script or style, no
# framing, no plugins. Sigma draws with WebGL and styles its canvases through the CSSOM, which
# CSP allows.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_BODY_BYTES = 10_000_000


Next = Callable[[Request], Awaitable[Response]]


async def add_security_headers(request: Request, call_next: Next) -> Response:
    """Middleware: every response carries the CSP and its companions."""
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def allowed_hosts(bind_host: str) -> list[str] | None:
    """Host headers to accept: only local names when bound to loopback (stops DNS rebinding)."""
    if bind_host in LOCAL_HOSTS:
        return ["127.0.0.1", "localhost", "[::1]"]
    return None


def check_token(request: Request) -> None:
    """Dependency for writes: ingest must be enabled and the bearer token must match."""
    expected: str | None = request.app.state.token
    if not request.app.state.allow_ingest or not expected:
        raise HTTPException(403, "ingest is disabled; start the server with --allow-ingest and --token")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": 'Bearer realm="newsgraph"'}
        )
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise HTTPException(413, f"request body over {MAX_BODY_BYTES // 1_000_000} MB")
