"""What the pages and the API share: the settings, the leaflets, the jobs, and how a request names a file."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from leaflet.core.diagnostics import OptionError
from leaflet.pipeline import cores
from leaflet.pipeline.manifest import publisher_version
from leaflet.service import jobs
from leaflet.service.cache import DiskCache, Entry, key
from leaflet.service.catalogue import Broken, Catalogue, Item
from leaflet.service.runner import Runner, Spec, State
from leaflet.writers import registry
from leaflet.writers.registry import format_named, option_named

ONLINE_ENGINES = frozenset({"gtts"})  # engines that send the text away: offered only when the operator says so
MAX_QUERY_BYTES = 1024
WATCH_SECONDS = 5.0
MAX_VALUE_CHARS = 64


@dataclass(frozen=True, slots=True)
class Config:
    """How the service runs (``leaflet serve``'s options)."""

    source: Path = Path("source")
    out: Path = Path("outputs")  # what the build wrote: a file there that is current is served as it is
    cache: Path = Path(".cache/leaflet-serve")
    jobs: int = 1
    queue: int = 16  # jobs running or waiting; more get 503
    cache_bytes: int = 1024 * 1024 * 1024
    wait: float = 5.0  # how long a request waits for a new file before answering 202
    executor: str | None = None  # 'local' processes (the default) or 'dask' (leaflet.pipeline.executors.from_options)
    scheduler: str | None = None  # an existing Dask cluster's scheduler, tcp://HOST:PORT
    online_speech: bool = False  # callers may ask for the online engine (gtts), which sends the text to Google


class Service:
    """The one object behind every route."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.catalogue = Catalogue(config.source, kept=config.cache / "last-good")
        self.cache = DiskCache(config.cache, config.cache_bytes)
        self.runner = Runner(self.cache, config.jobs, config.queue, config.executor, config.scheduler)
        self.formats = registry.FORMATS
        self.format_names = tuple(f.name for f in self.formats)
        # --jobs jobs at once ask for no more cores than there are
        self.share = cores.share(cores.usable(), config.jobs)

    # A leaflet whose files changed is read again (10-50 ms): in a worker thread, so the event loop
    # goes on answering other requests meanwhile.

    async def find(self, leaflet_id: str) -> Item | None:
        """The leaflet called ``leaflet_id`` (None: no such leaflet, or its source has a mistake), off the event loop."""
        return await run_in_threadpool(self.catalogue.get, leaflet_id)

    async def broken(self) -> list[Broken]:
        """Every leaflet with a mistake in its source, as last read (never waiting for a read under way; the
        catalogue is looked over every few seconds, ``watch``), off the event loop."""
        return await run_in_threadpool(self.catalogue.broken)

    async def watch(self, seconds: float = WATCH_SECONDS) -> None:
        """Read again, every ``seconds``, each leaflet whose files changed: an edit that breaks a source is
        noticed (and logged) even when nobody asks for that leaflet."""
        while True:
            await asyncio.sleep(seconds)
            await run_in_threadpool(self.catalogue.items)

    async def offered(self, words: str = "") -> list[Item]:
        """Every leaflet offered, by title, or those whose title holds every one of ``words``; off the event loop."""
        return await run_in_threadpool(self.catalogue.search, words)

    def spec(self, item: Item, format_name: str, values: Mapping[str, str]) -> Spec:
        """The job that makes ``format_name`` of ``item`` with ``values``; ``OptionError`` if one is wrong.

        Its key is the build's stamp of the file (the source's digest, the format, the options that differ
        from its defaults, the publisher's version), so '--size 018' and '--size 18' are one file, and a
        file the build made for the same stamp is the same file."""
        if values.get("engine") in ONLINE_ENGINES and not self.config.online_speech:
            raise OptionError(
                f"--engine {values['engine']} is not offered here: it would send the leaflet's text to another "
                "company's servers; leave --engine out for the voice on this machine",
                option="engine",
            )
        reads_easy_read = format_named(format_name).reads_easy_read
        source = item.stamp_source(reads_easy_read)
        wanted = jobs.variant(item.leaflet, source, format_name, values, self.config.out, self.share)
        return Spec(wanted.stamp, f"{item.id} ({format_name})", jobs.make, wanted.job, wanted)

    def sample_spec(self, voice: str, rate: str) -> Spec:
        """The job that speaks the request page's sample in ``voice`` at ``rate``."""
        sample = jobs.sample(voice, rate)
        entry_key = key(sample=jobs.SAMPLE_TEXT, publisher=publisher_version(), **sample.values)
        return Spec(entry_key, "voice sample", jobs.speak_sample, sample)

    async def state(self, spec: Spec, wait: float | None = None) -> State:
        return await self.runner.request(spec, self.config.wait if wait is None else wait)


def option_values(query: QueryParams) -> dict[str, str]:
    """The personal options a query string gives, each once; ``OptionError`` names anything else."""
    values: dict[str, str] = {}
    for raw_name, value in query.multi_items():
        name = re.sub(r"[^A-Za-z0-9_-]", "", raw_name)[:MAX_VALUE_CHARS]
        option = option_named(name)  # an OptionError lists the options when it is none of them
        if option.name in values:
            raise option.error(f"--{option.name} is given more than once; give it once")
        if len(value) > MAX_VALUE_CHARS:
            raise option.error(f"--{option.name} is too long; give at most {MAX_VALUE_CHARS} characters")
        values[option.name] = value
    return values


def file_response(request: Request, entry: Entry, *, download: bool = True) -> Response:
    """The kept file, with its type, its name, and an ETag (304 when the client has it already)."""
    headers = {
        "ETag": entry.etag,
        "Cache-Control": "no-cache",  # the leaflet may change: ask again, and get 304 while it has not
        "Content-Disposition": f'{"attachment" if download else "inline"}; filename="{entry.name}"',
    }
    if entry.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return FileResponse(entry.path, media_type=entry.content_type, headers=headers)
