"""The ASGI application: routes, limits, security headers, and the jobs' start and end."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from anyio import to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leaflet.service import api, pages
from leaflet.service.core import MAX_QUERY_BYTES, Config, Service

log = logging.getLogger("leaflet.service")
STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 4096
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; media-src 'self'; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Limits:
    """Refuse long query strings and long bodies before any route sees them; add security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            await _refuse(scope, receive, send, 414, "The address is too long.")
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            await _refuse(scope, receive, send, 413, "The request is too large.")
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    response: Response
    if scope["path"].startswith("/api/"):
        response = JSONResponse({"error": {"code": "too_large", "message": message}}, status_code=status)
    else:
        response = PlainTextResponse(message, status_code=status)
    await response(scope, receive, send)


async def not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    if request.url.path.startswith("/api/"):
        message = "There is nothing at this address." if status == 404 else "This method is not allowed here."
        return api.error(status, "not_found" if status == 404 else "method_not_allowed", message)
    if status == 404:
        return pages.not_found(request)
    return PlainTextResponse("This method is not allowed here.", status_code=status)


async def server_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s: %s", request.url.path, type(exc).__name__)
    if request.url.path.startswith("/api/"):
        return api.error(500, "internal_error", "Something went wrong on our side.")
    return pages.page(
        request, "problem.html", 500, title="Sorry, there is a problem", message="Something went wrong on our side."
    )


def create_app(config: Config) -> Starlette:
    """The service for ``config``; the worker processes start with it and end with it."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service = Service(config)
        app.state.service = service
        service.runner.warm_up()
        await to_thread.run_sync(service.catalogue.items)  # read every leaflet once, off the event loop
        log.info("serving %d leaflet(s) from %s", len(service.catalogue.ids()), config.source)
        watching = asyncio.get_running_loop().create_task(service.watch())
        try:
            yield
        finally:
            watching.cancel()
            log.info("stopping: finishing the jobs under way")
            await service.runner.close(grace=30.0)
            log.info("stopped")

    return Starlette(
        routes=[*pages.routes, *api.routes, Mount("/static", StaticFiles(directory=STATIC), name="static")],
        exception_handlers={404: not_found, 405: not_found, 500: server_error},
        middleware=[],
        lifespan=lifespan,
    )


def asgi(config: Config) -> ASGIApp:
    """The application wrapped in its limits."""
    return Limits(create_app(config))
