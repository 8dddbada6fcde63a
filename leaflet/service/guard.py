"""Slow and idle clients cannot starve the others: time limits on a request's headers and body, and a bound on
the connections one client may hold open without a whole request.

uvicorn counts every open connection against its concurrency limit and sets no time limit on a request's
headers, so 256 connections that send half a request and wait make every other page answer 503 (a slow-client
attack needs no bandwidth). This protocol, uvicorn's own HTTP/1.1 protocol with three additions, closes:

- a connection whose request headers are not whole ``HEADER_SECONDS`` after its first byte (or its opening);
- a connection whose request body is not whole ``BODY_SECONDS`` after its headers;
- a client's oldest waiting connection (one without a whole request) when it opens one more than
  ``WAITING_PER_CLIENT``: a new connection always gets in, an idle one makes way.

A request the application is answering is never cut short: a file being made is the job's business, and the
service's own queue bounds that. Behind a reverse proxy the proxy is one client to us: give it its own limits
too (README, "Behind a reverse proxy").
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, defaultdict
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
BODY_SECONDS = 20.0
WAITING_PER_CLIENT = 16


class _Waiting:
    """The connections of each client that are waiting for a whole request, oldest first (one event loop)."""

    def __init__(self) -> None:
        self.by_client: defaultdict[str, OrderedDict[int, GuardedProtocol]] = defaultdict(OrderedDict)

    def add(self, client: str, connection: GuardedProtocol) -> None:
        waiting = self.by_client[client]
        waiting[id(connection)] = connection
        while len(waiting) > WAITING_PER_CLIENT:
            _, oldest = waiting.popitem(last=False)
            oldest.close("too many connections waiting")

    def remove(self, client: str, connection: GuardedProtocol) -> None:
        waiting = self.by_client.get(client)
        if waiting is not None:
            waiting.pop(id(connection), None)
            if not waiting:
                del self.by_client[client]


WAITING = _Waiting()


class GuardedProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with deadlines for headers and body, and a bound on waiting connections."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._phase = ""  # "headers", "body" or "" (answering, or between requests)
        self._host = ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._host = self.client[0] if self.client else "?"
        self._wait_for("headers", HEADER_SECONDS)

    def connection_lost(self, exc: Exception | None) -> None:
        self._settle()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:
            if self._phase != "headers" and self.conn.their_state is h11.IDLE:
                self._wait_for("headers", HEADER_SECONDS)  # a next request has begun on a kept-alive connection
        elif self.cycle.more_body:
            if self._phase != "body":
                self._wait_for("body", BODY_SECONDS)
        else:
            self._settle()  # the request is whole: the application answers it

    def close(self, why: str) -> None:
        """End the connection at once (a deadline passed, or it made way for a newer one)."""
        self._settle()
        if not self.transport.is_closing():
            self.transport.close()

    def _wait_for(self, phase: str, seconds: float) -> None:
        self._settle()
        self._phase = phase
        self._deadline = self.loop.call_later(seconds, self.close, f"{phase} too slow")
        if phase == "headers":
            WAITING.add(self._host, self)

    def _settle(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if self._phase == "headers":
            WAITING.remove(self._host, self)
        self._phase = ""
