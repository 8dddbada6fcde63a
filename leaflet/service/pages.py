"""The pages: find a leaflet, ask for it in a format, wait for it, download it; and choose the pages' colours.

Every page is made on the server and works without JavaScript. The request form uses GET, so
the address of a progress page is the request itself: reloading it loses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from leaflet.core.diagnostics import OptionError
from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES
from leaflet.options import scheme_words
from leaflet.service import forms, jobs
from leaflet.service.api import service
from leaflet.service.catalogue import Item
from leaflet.service.core import file_response
from leaflet.service.styles import scheme_css
from leaflet.writers.registry import format_named, option_named

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
COOKIE = "colours"
MAX_FORM_BYTES = 2048
YEAR = 365 * 24 * 3600


def scheme_of(request: Request) -> str:
    chosen = request.cookies.get(COOKIE, "")
    return chosen if chosen in SCHEMES else DEFAULT_SCHEME


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context |= {"scheme": scheme_of(request), "here": _here(request)}
    return templates.TemplateResponse(request, name, context, status_code=status)


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def home(request: Request) -> Response:
    svc = service(request)
    words = request.query_params.get("q", "")[:100].strip()
    found = await svc.offered(words)
    return page(request, "index.html", words=words, leaflets=found)


async def _item(request: Request) -> Item | None:
    return await service(request).find(request.path_params["leaflet_id"])


async def leaflet(request: Request) -> Response:
    item = await _item(request)
    if item is None:
        return not_found(request)
    return _form(request, item, forms.Submission({}), status=200)


def _form(request: Request, item: Item, sent: forms.Submission, status: int) -> Response:
    svc = service(request)
    form_fields = forms.fields(svc.formats)
    choices = forms.format_choices(jobs.offered(item.leaflet))
    values = {f.name: sent.values.get(f.name, forms.default_for(f, svc.formats)) for f in form_fields}
    values |= {f.other_name: sent.values.get(f.other_name, "") for f in form_fields if f.other}
    values["format"] = sent.values.get("format", "")
    error_order = [name for f in form_fields for name in (f.name, f.other_name)]
    return page(
        request,
        "leaflet.html",
        status,
        item=item,
        meta=item.leaflet.meta,
        formats=choices,
        fields=form_fields,
        values=values,
        errors=sent.errors,
        error_order=error_order,
    )


async def request_file(request: Request) -> Response:
    item = await _item(request)
    if item is None:
        return not_found(request)
    svc = service(request)
    sent = forms.check(request.query_params, svc.formats, forms.fields(svc.formats))
    if sent.errors:
        return _form(request, item, sent, status=400)
    spec = svc.spec(item, sent.format, sent.options)
    state = await svc.state(spec, wait=min(svc.config.wait, 3.0))  # then the progress page
    words = forms.lower_name(format_named(sent.format).label)
    settings = _settings(sent.options)
    download = f"/api/v1/leaflets/{item.id}/{sent.format}" + (f"?{urlencode(sent.options)}" if sent.options else "")
    status_url = f"/api/v1/leaflets/{item.id}/{sent.format}/status" + (
        f"?{urlencode(sent.options)}" if sent.options else ""
    )
    context: dict[str, Any] = {
        "item": item,
        "meta": item.leaflet.meta,
        "words": words,
        "settings": settings,
        "format": sent.format,
    }
    if state.status == "ready" and state.entry is not None:
        entry = state.entry
        return page(request, "done.html", entry=entry, download=download, size=_size(entry.size), **context)
    if state.status == "making":
        return page(request, "progress.html", status_url=status_url, **context)
    if state.status == "unavailable":
        sent.errors["format"] = f"{state.message} Choose another format."
        return _form(request, item, sent, status=400)
    if state.status in ("busy", "unreachable"):
        response = page(request, "problem.html", 503, title="Sorry, we are busy", message=state.message, again=True)
        response.headers["Retry-After"] = "5" if state.status == "busy" else "60"
        return response
    message = "Sorry, we could not make this file. Try again later, or choose another format."
    return page(request, "problem.html", 500, title="Sorry, there is a problem", message=message, item=item)


def _settings(options: dict[str, str]) -> list[str]:
    """The settings asked for, in words: '24 point', 'black text on cream', '120 words a minute'."""
    words = []
    for name, value in options.items():
        option = option_named(name)
        if option.whole_number:
            words.append(f"{value} {option.unit}" if option.unit else f"{option.label.lower()} {value}")
        else:
            words.append({c.value: c.label for c in option.offers()}.get(value, value).lower())
    return words


def _size(size: int) -> str:
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1000 / 1000:.1f} MB"


async def sample(request: Request) -> Response:
    """A few seconds of speech in a voice at a speed, for the request page's players."""
    query = request.query_params
    try:
        spec = service(request).sample_spec(query.get("voice", "")[:64], query.get("rate", "")[:8])
    except OptionError:
        return Response("unknown voice or speed", status_code=400, media_type="text/plain")
    state = await service(request).state(spec, wait=30.0)
    if state.status == "ready" and state.entry is not None:
        return file_response(request, state.entry, download=False)
    return Response("the sample is not ready; try again", status_code=503, headers={"Retry-After": "5"})


async def colours(request: Request) -> Response:
    back = request.query_params.get("back", "/")
    return page(request, "colours.html", schemes=list(SCHEMES), words=scheme_words, back=_local(back))


async def choose_colours(request: Request) -> Response:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return Response("the form is too long", status_code=413, media_type="text/plain")
    form = parse_qs(body.decode("utf-8", "replace"))
    chosen = form.get("colours", [""])[0]
    back = _local(form.get("back", ["/"])[0])
    if chosen not in SCHEMES:
        error = "Select the colours you want"
        return page(request, "colours.html", 400, schemes=list(SCHEMES), words=scheme_words, back=back, error=error)
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(COOKIE, chosen, max_age=YEAR, httponly=True, samesite="lax")
    return response


def _local(address: str) -> str:
    """``address`` when it is a path on this site, else the home page (never a way to send people elsewhere)."""
    if not address.startswith("/") or address.startswith("//") or "\\" in address or len(address) > 1024:
        return "/"
    return address


async def styles(request: Request) -> Response:
    return Response(scheme_css(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


def not_found(request: Request) -> Response:
    message = "If you typed the web address, check it is correct. If you followed a link, the leaflet may have moved."
    return page(request, "problem.html", 404, title="Page not found", message=message)


routes = [
    Route("/", home),
    Route("/leaflets/{leaflet_id}", leaflet),
    Route("/leaflets/{leaflet_id}/file", request_file),
    Route("/colours", colours, methods=["GET"]),
    Route("/colours", choose_colours, methods=["POST"]),
    Route("/samples/voice.mp3", sample),
    Route("/schemes.css", styles),
]
