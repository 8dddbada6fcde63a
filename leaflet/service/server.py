"""Run the service with uvicorn: ``leaflet serve``.

uvicorn stops on SIGTERM or SIGINT: it takes no new connections, lets the requests under way
end, then the application finishes the jobs under way (queued ones are dropped) and stops its
worker processes. Every kept file is written atomically, so a stop never leaves a torn file.
"""

from __future__ import annotations

import logging

import uvicorn

from leaflet.service.app import asgi
from leaflet.service.core import Config
from leaflet.service.guard import GuardedProtocol

MAX_CONNECTIONS = 512  # more at once get 503 from uvicorn; idle and half-sent ones are bounded by the guard


def run(config: Config, host: str = "127.0.0.1", port: int = 8000) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    uvicorn.run(
        asgi(config),
        host=host,
        port=port,
        access_log=False,  # addresses and query strings could say something about a patient: not logged
        http=GuardedProtocol,  # deadlines for headers and body, a bound on waiting connections a client
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=20,
        h11_max_incomplete_event_size=16 * 1024,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level="info",
    )
