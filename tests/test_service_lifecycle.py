"""The service under load and faults: 202 then 200, a full queue, SIGTERM, a restart, audio bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from leaflet.cli import main as leaflet_main
from tests.serving import make_source, start, wait_until_ready


def test_202_then_200_a_full_queue_answers_503_and_a_stop_is_clean(tmp_path: Path) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    server = start(source, cache, "--wait", "0", "--queue", "1")
    try:
        with server.client() as client:
            audio_url = "/api/v1/leaflets/new-hip/audio?rate=130"
            first = client.get(audio_url)
            assert first.status_code == 202, first.text
            assert int(first.headers["Retry-After"]) >= 1
            busy = client.get("/api/v1/leaflets/new-hip/large-print-pdf?size=22")  # the one place is taken
            assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
            assert busy.json()["error"]["code"] == "busy"
            progress = client.get("/api/v1/leaflets/new-hip/audio/status?rate=130")
            assert progress.status_code in (200, 202)
            done = wait_until_ready(client, audio_url)
            assert done.status_code == 200, done.text
            assert done.headers["content-type"] == "audio/mpeg"
            name = done.headers["content-disposition"].split('filename="')[1].rstrip('"')
            assert name == "new-hip.130wpm.mp3"
            out = tmp_path / "out"
            assert (
                leaflet_main(
                    [
                        "build",
                        "new-hip",
                        "--source",
                        str(source),
                        "--out",
                        str(out),
                        "-q",
                        "--format",
                        "audio",
                        "--rate",
                        "130",
                    ]
                )
                == 0
            )
            assert done.content == (out / "new-hip" / name).read_bytes()
            pdf = wait_until_ready(client, "/api/v1/leaflets/new-hip/large-print-pdf?size=22")
            assert pdf.status_code == 200
            # a stop while a job runs: it finishes or is dropped, and nothing torn is left
            started = client.get("/api/v1/leaflets/every-feature/large-print-pdf?size=40")
            assert started.status_code in (200, 202)
    finally:
        assert server.stop(), server.logged()
    assert "stopped" in server.logged()
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]
    for meta in cache.rglob("*.json"):
        described = json.loads(meta.read_text())
        data = meta.with_suffix(".data").read_bytes()
        assert len(data) == described["size"] and hashlib.sha256(data).hexdigest() == described["sha256"]

    # A restart keeps what was made: no job runs for a kept file.
    again = start(source, cache)
    try:
        with again.client() as client:
            kept = client.get("/api/v1/leaflets/new-hip/audio?rate=130")
            assert kept.status_code == 200 and kept.content == done.content
            assert client.get("/api/v1/status").json()["jobs_made"] == 0
    finally:
        assert again.stop(), again.logged()


def test_a_killed_servers_leftovers_are_swept_and_the_cache_stays_bounded(tmp_path: Path) -> None:
    source, cache = make_source(tmp_path / "source"), tmp_path / "cache"
    torn = cache / "objects" / "ab" / f".{'ab' * 32}.data.x1y2.tmp"
    torn.parent.mkdir(parents=True)
    torn.write_bytes(b"half a file")
    server = start(source, cache, "--cache-size", "0.15")  # about three large-print PDFs
    try:
        with server.client() as client:
            sizes = []
            for size in range(20, 30):
                response = wait_until_ready(client, f"/api/v1/leaflets/every-feature/large-print-pdf?size={size}")
                assert response.status_code == 200
                sizes.append(len(response.content))
            figures = client.get("/api/v1/status").json()
            assert figures["cache_bytes"] <= 0.15 * 1024 * 1024
            assert 1 <= figures["cache_files"] < 10
            # the most recent is kept, the oldest went first
            assert client.get("/api/v1/leaflets/every-feature/large-print-pdf?size=29").status_code == 200
            assert client.get("/api/v1/status").json()["jobs_made"] == figures["jobs_made"]
            assert wait_until_ready(client, "/api/v1/leaflets/every-feature/large-print-pdf?size=20").status_code == 200
            assert client.get("/api/v1/status").json()["jobs_made"] == figures["jobs_made"] + 1
    finally:
        assert server.stop(), server.logged()
    assert not torn.exists()
    on_disk = sum(p.stat().st_size for p in cache.rglob("*.data"))
    assert on_disk <= 0.15 * 1024 * 1024
