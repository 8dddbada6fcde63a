"""The JSON API against the real server: files, their bytes, status codes, limits, the cache."""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from leaflet.cli import main as leaflet_main
from tests.serving import NO_LIBLOUIS, Server, make_source, served, start, wait_until_ready


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from served(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as made:
        yield made


def built(source: Path, out: Path, leaflet_id: str, format_name: str, *options: str) -> dict[str, bytes]:
    """What ``leaflet build`` writes for one leaflet, format and options: file name -> bytes."""
    status = leaflet_main(
        [
            "build",
            leaflet_id,
            "--source",
            str(source),
            "--out",
            str(out),
            "-q",
            "-j",
            "1",
            "--format",
            format_name,
            *options,
        ]
    )
    assert status == 0
    return {p.name: p.read_bytes() for p in (out / leaflet_id).iterdir() if p.is_file() and p.name != "manifest.json"}


def status(client: httpx.Client) -> dict[str, int]:
    figures: dict[str, int] = client.get("/api/v1/status").json()
    return figures


def settled(client: httpx.Client, seconds: float = 120) -> dict[str, int]:
    """The status once no job is under way (or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while (figures := status(client))["jobs_under_way"] and time.monotonic() < deadline:
        time.sleep(0.2)
    return figures


def test_lists_the_leaflets_with_their_formats(client: httpx.Client) -> None:
    listed = client.get("/api/v1/leaflets").json()["leaflets"]
    by_id = {item["id"]: item for item in listed}
    assert set(by_id) == {"new-hip", "eating-after-stroke", "every-feature"}  # broken-picture has a mistake
    hip = by_id["new-hip"]
    assert hip["title"] == "Looking after your new hip"
    assert hip["language"] == "en-GB" and hip["published"] == "2026-01-15"
    assert {"large-print-pdf", "audio", "easy-read"} <= set(hip["formats"])
    assert "easy-read" not in by_id["eating-after-stroke"]["formats"]  # it has no easy read
    one = client.get("/api/v1/leaflets/new-hip").json()
    pdf = next(f for f in one["formats"] if f["name"] == "large-print-pdf")
    assert pdf["options"] == ["colours", "size"] and pdf["url"] == "/api/v1/leaflets/new-hip/large-print-pdf"


@pytest.mark.parametrize(
    ("format_name", "query", "options"),
    [
        ("text", {}, ()),
        (
            "large-print-pdf",
            {"size": "24", "colours": "black-on-cream"},
            ("--size", "24", "--colours", "black-on-cream"),
        ),
        ("large-print-pdf", {}, ()),
        ("docx", {"size": "20", "colours": "white-on-black"}, ("--size", "20", "--colours", "white-on-black")),
        ("easy-read", {}, ()),
        ("easy-read-print", {"size": "20"}, ("--size", "20")),
        ("braille", {"grade": "1", "cells": "32"}, ("--grade", "1", "--cells", "32")),
    ],
)
def test_bytes_are_those_leaflet_build_writes(
    client: httpx.Client,
    server: Server,
    tmp_path: Path,
    format_name: str,
    query: dict[str, str],
    options: tuple[str, ...],
) -> None:
    response = wait_until_ready(client, f"/api/v1/leaflets/new-hip/{format_name}?{httpx.QueryParams(query)}")
    assert response.status_code == 200, response.text
    name = response.headers["content-disposition"].split('filename="')[1].rstrip('"')
    files = built(server.source, tmp_path / "out", "new-hip", format_name, *options)
    assert name in files, f"{name} is not among what the build wrote: {sorted(files)}"
    assert response.content == files[name]
    assert response.headers["etag"]
    expected_type = {".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf"}.get(Path(name).suffix)
    if expected_type:
        assert response.headers["content-type"] == expected_type
    if Path(name).suffix == ".docx":
        assert response.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")


def test_a_kept_file_answers_304_to_its_etag(client: httpx.Client) -> None:
    first = wait_until_ready(client, "/api/v1/leaflets/new-hip/text")
    again = client.get("/api/v1/leaflets/new-hip/text", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_bad_options_answer_400_with_the_cli_message(
    client: httpx.Client, capsys: pytest.CaptureFixture[str], server: Server, tmp_path: Path
) -> None:
    cases = [
        ("large-print-pdf", "size=99", "size", ["--size", "99"]),
        ("large-print-pdf", "colours=purple", "colours", ["--colours", "purple"]),
        ("audio", "rate=fast", "rate", ["--rate", "fast"]),
        ("text", "size=24", "size", ["--size", "24"]),
    ]
    for format_name, query, option, cli_options in cases:
        response = client.get(f"/api/v1/leaflets/new-hip/{format_name}?{query}")
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["option"] == option
        capsys.readouterr()
        assert (
            leaflet_main(
                ["build", "--source", str(server.source), "--out", str(tmp_path), "--format", format_name, *cli_options]
            )
            == 2
        )
        assert f"leaflet: error: {error['message']}\n" in capsys.readouterr().err
    unknown = client.get("/api/v1/leaflets/new-hip/text?font=comic").json()["error"]
    assert "--font is not an option" in unknown["message"] and "--size" in unknown["message"]
    twice = client.get("/api/v1/leaflets/new-hip/docx?size=20&size=24")
    assert twice.status_code == 400 and "more than once" in twice.json()["error"]["message"]


def test_unknown_leaflets_and_formats_answer_404(client: httpx.Client) -> None:
    assert client.get("/api/v1/leaflets/no-such-leaflet").status_code == 404
    assert client.get("/api/v1/leaflets/no-such-leaflet/text").status_code == 404
    response = client.get("/api/v1/leaflets/new-hip/mp4")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["formats"][:2] == ["large-print-pdf", "docx"] and "large-print-pdf" in error["message"]
    easy = client.get("/api/v1/leaflets/eating-after-stroke/easy-read")
    assert easy.status_code == 404 and "no easy read" in easy.json()["error"]["message"]


def test_nothing_outside_the_leaflets_is_reached(client: httpx.Client, server: Server) -> None:
    outside = server.source.parent / "outside"
    (outside).mkdir(exist_ok=True)
    (outside / "leaflet.md").write_text((server.source / "new-hip" / "leaflet.md").read_text(), encoding="utf-8")
    before = status(client)["jobs_made"]
    for path in [
        "/api/v1/leaflets/../outside/text",
        "/api/v1/leaflets/..%2Foutside/text",
        "/api/v1/leaflets/%2E%2E%2Foutside/text",
        "/api/v1/leaflets/%2e%2e/text",
        "/api/v1/leaflets/..%5Coutside/text",
        "/api/v1/leaflets/%2Fetc%2Fpasswd/text",
        "/api/v1/leaflets//etc/passwd/text",
        "/api/v1/leaflets/new-hip%2F..%2F..%2Foutside/text",
        "/leaflets/..%2Foutside",
        "/static/..%2F..%2Fjobs.py",
        "/static/../jobs.py",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"Looking after" not in response.content and b"import" not in response.content, path
    assert status(client)["jobs_made"] == before


def test_many_asking_at_once_make_one_job(client: httpx.Client, server: Server) -> None:
    before = status(client)["jobs_made"]
    url = f"{server.url}/api/v1/leaflets/every-feature/large-print-pdf?size=31&colours=black-on-yellow"

    def ask(_: int) -> bytes:
        with httpx.Client(timeout=120) as own:
            response = wait_until_ready(own, url)
            assert response.status_code == 200
            return response.content

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        bodies = set(pool.map(ask, range(12)))
    assert len(bodies) == 1
    assert status(client)["jobs_made"] == before + 1


def test_a_failing_job_answers_500_and_is_not_kept(tmp_path: Path) -> None:
    running = start(make_source(tmp_path / "source"), tmp_path / "cache", env=NO_LIBLOUIS)
    try:
        with running.client() as client:
            before = status(client)
            response = wait_until_ready(client, "/api/v1/leaflets/new-hip/braille")
            assert response.status_code == 500
            assert response.json()["error"]["code"] == "failed"
            after = status(client)
            assert after["jobs_failed"] == before["jobs_failed"] + 1
            assert after["cache_files"] == before["cache_files"]
            assert client.get("/api/v1/leaflets/new-hip/text").status_code == 200  # the leaflet itself is fine
    finally:
        assert running.stop(), running.logged()


def test_a_changed_source_is_served_fresh(client: httpx.Client, server: Server, tmp_path: Path) -> None:
    first = wait_until_ready(client, "/api/v1/leaflets/eating-after-stroke/text")
    source = server.source / "eating-after-stroke" / "leaflet.md"
    source.write_text(source.read_text().replace("Drink plenty of water.", "Drink plenty of water and milk."))
    second = wait_until_ready(client, "/api/v1/leaflets/eating-after-stroke/text")
    assert second.status_code == 200 and second.headers["etag"] != first.headers["etag"]
    assert b"water and milk" in second.content
    assert second.content == built(server.source, tmp_path, "eating-after-stroke", "text")["eating-after-stroke.txt"]


def test_requests_are_bounded(client: httpx.Client) -> None:
    assert client.get("/api/v1/leaflets/new-hip/text?size=" + "1" * 2000).status_code == 414
    assert client.post("/colours", content=b"colours=" + b"x" * 10_000).status_code == 413
    long_value = client.get("/api/v1/leaflets/new-hip/docx?colours=" + "x" * 100)
    assert long_value.status_code == 400
    assert client.post("/api/v1/leaflets/new-hip/text").status_code == 405


def test_the_openapi_document_names_every_format_and_option(client: httpx.Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    operation = document["paths"]["/api/v1/leaflets/{leaflet_id}/{format}"]["get"]
    formats = next(p for p in operation["parameters"] if p["name"] == "format")["schema"]["enum"]
    assert formats == [f["name"] for f in client.get("/api/v1/leaflets/new-hip").json()["formats"]]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} >= {"size", "colours", "rate", "voice"}
    assert set(operation["responses"]) >= {"200", "202", "400", "404", "500", "503"}


def test_no_request_is_logged(client: httpx.Client, server: Server) -> None:
    client.get("/api/v1/leaflets/new-hip/docx?size=33&colours=yellow-on-black")
    time.sleep(0.5)
    log = server.logged()
    assert "size=33" not in log and "yellow-on-black" not in log and "127.0.0.1:" not in log.replace(server.url, "")


def test_the_request_page_plays_a_sample_of_a_voice(client: httpx.Client) -> None:
    sample = client.get("/samples/voice.mp3?voice=en-us")
    assert sample.status_code == 200 and sample.headers["content-type"] == "audio/mpeg"
    assert sample.content[0] == 0xFF and sample.content[1] & 0xE0 == 0xE0  # an MP3 frame's sync bits
    assert client.get("/samples/voice.mp3?voice=no-such-voice").status_code == 400


def test_a_file_the_build_made_is_served_as_it_is_under_the_one_stamp(client: httpx.Client, server: Server) -> None:
    """One road: the service's cache key is the build's stamp, and a file ``leaflet build`` wrote into the
    service's --out (current by its manifest) is served without being made again."""
    import json

    made = built(server.source, server.out, "new-hip", "docx", "--size", "26")
    before = settled(client)["jobs_made"]  # earlier tests' jobs (asked for and not waited on) finished
    response = client.get("/api/v1/leaflets/new-hip/docx?size=26")
    assert response.status_code == 200 and response.content == made["new-hip.26pt.docx"]
    assert 'filename="new-hip.26pt.docx"' in response.headers["content-disposition"]
    assert status(client)["jobs_made"] == before, "served from outputs/, not made again"

    asked = wait_until_ready(client, "/api/v1/leaflets/new-hip/docx?size=27")
    assert asked.status_code == 200 and status(client)["jobs_made"] == before + 1
    built(server.source, server.out, "new-hip", "docx", "--size", "27")
    manifest = json.loads((server.out / "new-hip" / "manifest.json").read_text())
    stamp = manifest["outputs"]["docx size=27"]["stamp"]
    kept = server.cache / "objects" / stamp[:2] / f"{stamp}.data"
    assert kept.read_bytes() == asked.content, "the service kept the file under the build's own stamp"
