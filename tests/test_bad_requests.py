"""Bad, hostile and slow requests against the real server: each gets a 4xx (or a 503 when the service is busy),
never a 500 and never a traceback; a typo in a live source never takes a leaflet away from patients; idle
and half-sent connections cannot starve other clients."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serving import Server, make_source, served, start, wait_until_ready

LONG = "a" * 300

# (name, method, path, statuses allowed, words the answer holds)
REQUEST_CASES: list[tuple[str, str, str, tuple[int, ...], str]] = [
    ("unknown leaflet", "GET", "/api/v1/leaflets/no-such-leaflet", (404,), "no leaflet"),
    ("unknown leaflet's file", "GET", "/api/v1/leaflets/no-such-leaflet/text", (404,), "no leaflet"),
    ("a 300-character id", "GET", f"/api/v1/leaflets/{LONG}", (404,), "no leaflet"),
    ("a 300-character id's file", "GET", f"/api/v1/leaflets/{LONG}/docx", (404,), "no leaflet"),
    ("a 300-character id's page", "GET", f"/leaflets/{LONG}", (404,), "Page not found"),
    ("traversal in the id", "GET", "/api/v1/leaflets/..%2F..%2Fetc/text", (404,), ""),
    ("dot-dot id", "GET", "/api/v1/leaflets/../text", (404,), ""),
    ("encoded dots", "GET", "/api/v1/leaflets/%2e%2e/text", (404,), ""),
    ("an absolute path as id", "GET", "/api/v1/leaflets/%2Fetc%2Fpasswd/text", (404,), ""),
    ("capitals in the id", "GET", "/api/v1/leaflets/New-Hip/text", (404,), "no leaflet"),
    ("a NUL in the id", "GET", "/api/v1/leaflets/new%00hip/text", (404,), ""),
    ("unknown format", "GET", "/api/v1/leaflets/new-hip/mp4", (404,), "unknown format"),
    ("a 300-character format", "GET", f"/api/v1/leaflets/new-hip/{LONG}", (404,), "unknown format"),
    ("size too big", "GET", "/api/v1/leaflets/new-hip/docx?size=99", (400,), "from 14 to 48"),
    ("size words", "GET", "/api/v1/leaflets/new-hip/docx?size=big", (400,), "not a whole number"),
    ("size empty", "GET", "/api/v1/leaflets/new-hip/docx?size=", (400,), "not a whole number"),
    ("size with a point", "GET", "/api/v1/leaflets/new-hip/docx?size=18.5", (400,), "not a whole number"),
    ("size in another script", "GET", "/api/v1/leaflets/new-hip/docx?size=%D9%A1%D9%A8", (200, 400), ""),
    ("colours unknown", "GET", "/api/v1/leaflets/new-hip/docx?colours=pink", (400,), "not known"),
    ("colors unknown", "GET", "/api/v1/leaflets/new-hip/docx?colors=pink", (400,), "not known"),
    ("colours HTML", "GET", "/api/v1/leaflets/new-hip/docx?colours=%3Cscript%3E", (400,), "not known"),
    ("rate too fast", "GET", "/api/v1/leaflets/new-hip/audio?rate=999", (400,), "from 80 to 250"),
    ("voice unknown", "GET", "/api/v1/leaflets/new-hip/audio?voice=klingon", (400,), "leaflet voices"),
    ("engine unknown", "GET", "/api/v1/leaflets/new-hip/audio?engine=siri", (400,), "not known"),
    ("engine online, not allowed", "GET", "/api/v1/leaflets/new-hip/audio?engine=gtts", (400,), "not offered here"),
    ("engine online for the book", "GET", "/api/v1/leaflets/new-hip/epub?engine=gtts", (400,), "not offered here"),
    ("grade three", "GET", "/api/v1/leaflets/new-hip/braille?grade=3", (400,), "from 1 to 2"),
    ("cells too many", "GET", "/api/v1/leaflets/new-hip/braille?cells=500", (400,), "from 20 to 80"),
    ("option the format does not take", "GET", "/api/v1/leaflets/new-hip/text?size=24", (400,), "does not take"),
    ("unknown option", "GET", "/api/v1/leaflets/new-hip/text?font=comic", (400,), "is not an option"),
    ("unknown option, HTML name", "GET", "/api/v1/leaflets/new-hip/text?%3Cb%3E=1", (400,), "is not an option"),
    ("option given twice", "GET", "/api/v1/leaflets/new-hip/docx?size=20&size=24", (400,), "more than once"),
    ("option too long", "GET", f"/api/v1/leaflets/new-hip/docx?colours={LONG}", (400,), "too long"),
    ("query too long", "GET", "/api/v1/leaflets/new-hip/docx?x=" + "a" * 2000, (414,), "too long"),
    ("status of a bad option", "GET", "/api/v1/leaflets/new-hip/docx/status?size=99", (400,), "from 14 to 48"),
    ("easy read of a leaflet with none", "GET", "/api/v1/leaflets/eating-after-stroke/easy-read", (404,), ""),
    ("nothing there", "GET", "/api/v1/nothing", (404,), "nothing at this address"),
    ("a page that is not there", "GET", "/no/such/page", (404,), "Page not found"),
    ("a static file that is not there", "GET", "/static/../../leaflet/cli.py", (404,), ""),
    ("POST where GET is asked", "POST", "/api/v1/leaflets", (405,), "not allowed"),
    ("DELETE a leaflet", "DELETE", "/api/v1/leaflets/new-hip", (405,), "not allowed"),
    ("PUT a file", "PUT", "/api/v1/leaflets/new-hip/text", (405,), "not allowed"),
    ("form: no format", "GET", "/leaflets/new-hip/file", (400,), "Select the format you need"),
    ("form: unknown format", "GET", "/leaflets/new-hip/file?format=mp4", (400,), "Select the format you need"),
    ("form: size too big", "GET", "/leaflets/new-hip/file?format=docx&size_other=99", (400,), "must be a whole number"),
    ("form: colours unknown", "GET", "/leaflets/new-hip/file?format=docx&colours=pink", (400,), "from the list"),
    ("form: online engine smuggled in", "GET", "/leaflets/new-hip/file?format=text&engine=gtts", (200, 202), ""),
    ("form of a leaflet not there", "GET", "/leaflets/no-such/file?format=text", (404,), "Page not found"),
    ("search for HTML", "GET", "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", (200,), "&lt;script&gt;"),
    ("sample: unknown voice", "GET", "/samples/voice.mp3?voice=klingon", (400,), "unknown voice"),
    ("sample: speed too fast", "GET", "/samples/voice.mp3?rate=999", (400,), "unknown voice or speed"),
    ("colours page sent elsewhere", "GET", "/colours?back=https://evil.example/", (200,), 'href="/"'),
    ("colours: choose an unknown scheme", "POST", "/colours", (400,), "Select the colours you want"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from served(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as made:
        yield made


@pytest.mark.parametrize(
    ("name", "method", "path", "allowed", "says"), REQUEST_CASES, ids=[c[0] for c in REQUEST_CASES]
)
def test_a_bad_request_gets_a_4xx_that_says_why(
    client: httpx.Client, server: Server, name: str, method: str, path: str, allowed: tuple[int, ...], says: str
) -> None:
    response = client.request(method, path, content=b"colours=pink" if method == "POST" else None)
    assert response.status_code in allowed, response.text[:300]
    assert says in response.text
    assert "Traceback" not in response.text and "Traceback" not in server.logged()
    if response.headers.get("content-type", "").startswith("application/json") and response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]


def raw(server: Server, data: bytes, seconds: float = 5.0) -> bytes:
    """Send ``data`` as it is on a fresh connection; what comes back before it closes."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as connection:
        connection.sendall(data)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET /api/v1/status\r\n\r\n",
    b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n",
    b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
    b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/status HTTP/1.1\r\n" + b"X-Big: " + b"b" * 20000 + b"\r\n\r\n",
]


@pytest.mark.parametrize("request_bytes", MALFORMED, ids=[f"malformed-{n}" for n in range(len(MALFORMED))])
def test_a_malformed_request_is_refused_without_a_500(server: Server, request_bytes: bytes) -> None:
    answer = raw(server, request_bytes)
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None
    assert status is None or 400 <= status < 500 or status == 503, answer[:200]


def test_a_source_broken_while_serving_keeps_its_leaflet_served(server: Server, client: httpx.Client) -> None:
    """A typo never takes a leaflet away: its page, its made files and new variants stay; the status says where."""
    made = wait_until_ready(client, "/api/v1/leaflets/new-hip/docx?size=22")
    assert made.status_code == 200
    source = server.source / "new-hip" / "leaflet.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("published: 2026-01-15", "published: 2026-02-30"), encoding="utf-8")
    try:
        listed = [item["id"] for item in client.get("/api/v1/leaflets").json()["leaflets"]]
        assert "new-hip" in listed, "still listed"
        assert client.get("/leaflets/new-hip").status_code == 200, "its page still answers"
        again = client.get("/api/v1/leaflets/new-hip/docx?size=22")
        assert again.status_code == 200 and again.content == made.content, "its made file is still served"
        fresh = wait_until_ready(client, "/api/v1/leaflets/new-hip/text")
        assert fresh.status_code == 200 and "Looking after your new hip" in fresh.text, "new variants are made"
        broken = client.get("/api/v1/status").json()["leaflets_broken"]
        (entry,) = [b for b in broken if b["id"] == "new-hip"]
        assert (entry["file"], entry["line"]) == ("leaflet.md", 4) and "not a real day" in entry["message"]
        assert entry["serving"] == "the last version that read cleanly"
        assert "leaflet new-hip has a mistake" in server.logged() and "leaflet.md:4" in server.logged()
    finally:
        source.write_text(good, encoding="utf-8")
    assert client.get("/api/v1/leaflets/new-hip").status_code == 200  # read again: it is whole once more
    assert not [b for b in client.get("/api/v1/status").json()["leaflets_broken"] if b["id"] == "new-hip"]


def test_a_broken_easy_read_keeps_the_other_formats_fresh(server: Server, client: httpx.Client) -> None:
    easy = server.source / "new-hip" / "easy-read.md"
    good = easy.read_text(encoding="utf-8")
    assert wait_until_ready(client, "/api/v1/leaflets/new-hip/easy-read").status_code == 200
    leaflet = server.source / "new-hip" / "leaflet.md"
    words = leaflet.read_text(encoding="utf-8")
    easy.write_text(good + "\n## A heading with no points\n", encoding="utf-8")
    leaflet.write_text(words.replace("Walk a little every day.", "Walk a little more every day."), encoding="utf-8")
    try:
        text = wait_until_ready(client, "/api/v1/leaflets/new-hip/text")
        assert "Walk a little more every day." in text.text, "the leaflet itself is read afresh"
        easy_read = wait_until_ready(client, "/api/v1/leaflets/new-hip/easy-read")
        assert easy_read.status_code == 200 and "Walk a little every day." in easy_read.text, "the last good easy read"
        broken = client.get("/api/v1/status").json()["leaflets_broken"]
        assert [b["file"] for b in broken if b["id"] == "new-hip"] == ["easy-read.md"]
    finally:
        easy.write_text(good, encoding="utf-8")
        leaflet.write_text(words, encoding="utf-8")


def test_a_restart_still_serves_the_last_good_version(tmp_path: Path) -> None:
    source = make_source(tmp_path / "source")
    first = start(source, tmp_path / "cache")
    try:
        with first.client() as client:
            assert client.get("/api/v1/leaflets/new-hip").status_code == 200
    finally:
        assert first.stop(), first.logged()
    leaflet = source / "new-hip" / "leaflet.md"
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace("publisher: ", "publsher: "), encoding="utf-8")
    second = start(source, tmp_path / "cache")
    try:
        with second.client() as client:
            page = client.get("/api/v1/leaflets/new-hip")
            assert page.status_code == 200 and page.json()["title"] == "Looking after your new hip"
            broken = client.get("/api/v1/status").json()["leaflets_broken"]
            assert [(b["id"], b["line"]) for b in broken if b["id"] == "new-hip"] == [("new-hip", 3)]
            assert "did you mean 'publisher'" in json.dumps(broken)
    finally:
        assert second.stop(), second.logged()


def test_the_online_engine_is_the_operators_choice(tmp_path: Path) -> None:
    """With --allow-online-speech a caller may ask for it; with no network, that is a 503 to retry, not a 500."""
    server = start(make_source(tmp_path / "source"), tmp_path / "cache", "--allow-online-speech")
    try:
        with server.client() as client:
            answer = wait_until_ready(client, "/api/v1/leaflets/new-hip/audio?engine=gtts", seconds=120)
            assert answer.status_code == 503 and int(answer.headers["Retry-After"]) > 0, answer.text
            assert answer.json()["error"]["code"] == "unreachable"
    finally:
        assert server.stop(), server.logged()


def test_idle_connections_and_hostile_requests_leave_normal_requests_answered(server: Server) -> None:
    """256 idle, half-sent connections and 600 hostile requests at once: a normal request is still answered
    within 5 s, and nothing answers 5xx but 503."""
    port = int(server.url.rsplit(":", 1)[1])
    idle = []
    for _ in range(256):
        connection = socket.create_connection(("127.0.0.1", port), timeout=5)
        connection.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\n")  # never finished
        idle.append(connection)
    statuses: list[int] = []
    lock = threading.Lock()

    def hostile(count: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for n in range(count):
                case = REQUEST_CASES[n % len(REQUEST_CASES)]
                try:
                    status = client.request(case[1], case[2]).status_code
                except httpx.HTTPError:
                    status = 0  # refused or cut off: not a 5xx
                with lock:
                    statuses.append(status)

    workers = [threading.Thread(target=hostile, args=(100,)) for _ in range(6)]
    for worker in workers:
        worker.start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for _ in range(5):
                began = time.monotonic()
                response = client.get("/api/v1/leaflets")
                assert response.status_code == 200
                assert time.monotonic() - began < 5, "a normal request waited more than 5 s"
                time.sleep(0.5)
    finally:
        for worker in workers:
            worker.join(120)
        for connection in idle:
            connection.close()
    assert len(statuses) == 600
    assert not [s for s in statuses if s >= 500 and s != 503], sorted(set(statuses))
