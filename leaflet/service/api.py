"""The JSON API, ``/api/v1``: the leaflets, their formats, and any variant as a file.

``GET /api/v1/leaflets/<id>/<format>?size=..`` answers 200 with the file when it is kept or made
within a few seconds; 202 with ``Retry-After`` while it is being made (ask the same URL again);
400 for a wrong option (the command line's message); 404 for an unknown leaflet or format;
503 with ``Retry-After`` when the queue is full; 500 when making it failed.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from leaflet.core.diagnostics import OptionError
from leaflet.pipeline.manifest import publisher_version
from leaflet.service import jobs
from leaflet.service.catalogue import Item
from leaflet.service.core import Service, file_response, option_values
from leaflet.service.openapi import document
from leaflet.service.runner import State

RETRY_SECONDS = {"making": 2, "busy": 5, "unreachable": 60}


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def error(status: int, code: str, message: str, retry: int = RETRY_SECONDS["busy"], **extra: Any) -> JSONResponse:
    headers = {"Retry-After": str(retry)} if status == 503 else None
    return JSONResponse({"error": {"code": code, "message": message, **extra}}, status_code=status, headers=headers)


def summary(item: Item, request: Request) -> dict[str, Any]:
    meta = item.leaflet.meta
    return {
        "id": item.id,
        "title": meta.title,
        "language": meta.language,
        "published": meta.published.isoformat(),
        "updated": meta.updated.isoformat() if meta.updated else None,
        "formats": [f.name for f in jobs.offered(item.leaflet)],
        "url": f"/api/v1/leaflets/{item.id}",
    }


async def leaflets(request: Request) -> Response:
    items = await service(request).offered()
    return JSONResponse({"leaflets": [summary(item, request) for item in items]})


async def leaflet(request: Request) -> Response:
    item = await service(request).find(request.path_params["leaflet_id"])
    if item is None:
        return error(404, "unknown_leaflet", "There is no leaflet with this id.")
    body = summary(item, request)
    meta = item.leaflet.meta
    body |= {"publisher": meta.publisher, "isbn": meta.isbn, "source_url": meta.url}
    body["formats"] = [
        {
            "name": f.name,
            "summary": f.summary,
            "options": sorted(f.option_names),
            "defaults": {o.name: f.default(o.name) for o in f.takes},
            "available": jobs.unavailable(item.leaflet, f.name) is None,
            "url": f"/api/v1/leaflets/{item.id}/{f.name}",
        }
        for f in service(request).formats
    ]
    return JSONResponse(body)


async def variant(request: Request) -> Response:
    found = await _state(request)
    if isinstance(found, Response):
        return found
    return answer(request, found)


async def variant_status(request: Request) -> Response:
    """The state of a variant as JSON, never the file: for the progress page's script."""
    found = await _state(request, wait=0.0)
    if isinstance(found, Response):
        return found
    body = {"status": found.status, "message": found.message}
    status = {"ready": 200, "making": 202, "busy": 503, "failed": 500, "unavailable": 404, "unreachable": 503}[
        found.status
    ]
    headers = {"Retry-After": str(RETRY_SECONDS[found.status])} if found.status in RETRY_SECONDS else None
    return JSONResponse(body, status_code=status, headers=headers)


async def _state(request: Request, wait: float | None = None) -> State | Response:
    svc = service(request)
    item = await svc.find(request.path_params["leaflet_id"])
    if item is None:
        return error(404, "unknown_leaflet", "There is no leaflet with this id.")
    format_name = request.path_params["format"]
    if format_name not in svc.format_names:
        message = f"unknown format {format_name[:40]!r}; choose one of: {', '.join(svc.format_names)}"
        return error(404, "unknown_format", message, formats=list(svc.format_names))
    try:
        spec = svc.spec(item, format_name, option_values(request.query_params))
    except OptionError as problem:
        return error(400, "bad_option", str(problem), option=problem.option, allowed=problem.allowed)
    return await svc.state(spec, wait)


def answer(request: Request, state: State) -> Response:
    if state.status == "ready" and state.entry is not None:
        return file_response(request, state.entry)
    if state.status == "making":
        body = {"status": "making", "message": "The file is being made; ask this address again."}
        return JSONResponse(body, status_code=202, headers={"Retry-After": str(RETRY_SECONDS["making"])})
    if state.status == "busy":
        return error(503, "busy", state.message)
    if state.status == "unavailable":
        return error(404, "not_available", state.message)
    if state.status == "unreachable":
        return error(503, "unreachable", f"{state.message} Try again later.", RETRY_SECONDS["unreachable"])
    return error(500, "failed", f"The file could not be made: {state.message}")


async def status(request: Request) -> Response:
    """How the service is doing: jobs made and failed, jobs under way, what the cache holds, and which
    leaflets have a mistake in their source now (each served as it last read cleanly, if it ever did)."""
    svc = service(request)
    runner = svc.runner
    broken = await svc.broken()
    body = {
        "publisher_version": publisher_version(),
        "jobs_made": runner.made,
        "jobs_failed": runner.failed,
        "jobs_under_way": len(runner.inflight),
        "queue_limit": runner.queue_limit,
        "cache_files": len(svc.cache),
        "cache_bytes": svc.cache.total,
        "cache_limit_bytes": svc.cache.max_bytes,
        "leaflets_broken": [found.as_json() for found in broken],
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


async def openapi(request: Request) -> Response:
    svc = service(request)
    return JSONResponse(document(svc.formats))


routes = [
    Route("/api/v1/openapi.json", openapi),
    Route("/api/v1/status", status),
    Route("/api/v1/leaflets", leaflets),
    Route("/api/v1/leaflets/{leaflet_id}", leaflet),
    Route("/api/v1/leaflets/{leaflet_id}/{format}", variant),
    Route("/api/v1/leaflets/{leaflet_id}/{format}/status", variant_status),
]
