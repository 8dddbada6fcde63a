"""Load run of `leaflet serve` on 127.0.0.1 only: bounded in requests and time; prints figures, asserts nothing.

    python bench/bench_service.py [--cached 10000] [--new-pdf 16] [--new-audio 2] [--seconds 600]

Starts the real server on a free local port with generated leaflets, then for 1 and 32
concurrent clients prints requests per second and p50/p95/p99 latency for: a kept (cached)
file, a new large-print PDF variant (a size and colours not asked for before), and a new
audio variant (a speaking rate not asked for before); and the server's memory (RSS) before
and after the cached run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_catalogue  # noqa: E402

from leaflet.media.colours import SCHEMES  # noqa: E402
from tests.serving import start, wait_until_ready  # noqa: E402


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(label: str, urls: list[str], clients: int, base: str, deadline: float) -> None:
    """Ask every url (each until it is ready) with ``clients`` at once; print the figures."""
    latencies: list[float] = []
    lock = threading.Lock()
    local = threading.local()

    def ask(url: str) -> None:
        if time.monotonic() > deadline:
            return
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=300)
        began = time.perf_counter()
        response = wait_until_ready(local.client, url)
        took = time.perf_counter() - began
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}: {response.text[:200]}")
        with lock:
            latencies.append(took)

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(ask, urls))
    wall = time.perf_counter() - began
    if not latencies:
        print(f"{label:42} skipped: out of time")
        return
    ms = [t * 1000 for t in latencies]
    print(
        f"{label:42} {len(ms):6d} req {len(ms) / wall:8.1f} req/s   p50 {statistics.median(ms):8.1f} ms"
        f"   p95 {percentile(ms, 0.95):8.1f} ms   p99 {percentile(ms, 0.99):8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cached", type=int, default=10_000, help="requests for a kept file with 32 clients")
    parser.add_argument("--new-pdf", type=int, default=16, help="new large-print variants per run")
    parser.add_argument("--new-audio", type=int, default=2, help="new audio variants per run")
    parser.add_argument("--seconds", type=float, default=600, help="stop starting requests after this long")
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temporary:
        base_dir = Path(temporary)
        make_catalogue(base_dir / "source", 3)
        server = start(base_dir / "source", base_dir / "cache", "--jobs", "2", "--queue", "64", "--wait", "10")
        try:
            with httpx.Client(base_url=server.url, timeout=300) as client:
                leaflet_id = client.get("/api/v1/leaflets").json()["leaflets"][0]["id"]
            print(f"leaflet serve on 127.0.0.1, 2 worker processes; leaflet {leaflet_id}")
            api = f"/api/v1/leaflets/{leaflet_id}"
            cached = f"{api}/large-print-pdf"
            run("warm-up (makes the default large print)", [cached], 1, server.url, deadline)
            before = rss_kib(server.process.pid)
            run("cached file, 1 client", [cached] * min(1000, args.cached), 1, server.url, deadline)
            half = args.cached // 2
            run("cached file, 32 clients (first half)", [cached] * half, 32, server.url, deadline)
            middle = rss_kib(server.process.pid)
            run("cached file, 32 clients (second half)", [cached] * half, 32, server.url, deadline)
            after = rss_kib(server.process.pid)
            print(
                f"server memory (RSS): {before / 1024:.1f} MiB before, {middle / 1024:.1f} MiB after "
                f"{min(1000, args.cached) + half} requests, {after / 1024:.1f} MiB after {min(1000, args.cached) + 2 * half}"
            )
            variants = [f"{api}/large-print-pdf?size={z}&colours={s}" for z in range(14, 49) for s in SCHEMES]
            new_pdf = variants[: 2 * args.new_pdf]
            run("new large-print PDF variant, 1 client", new_pdf[: args.new_pdf], 1, server.url, deadline)
            run("new large-print PDF variant, 32 clients", new_pdf[args.new_pdf :], 32, server.url, deadline)
            rates = [str(r) for r in range(120, 200, 3)]
            new_audio = [f"{api}/audio?rate={r}" for r in rates[: args.new_audio]]
            run("new audio variant, 1 client", new_audio, 1, server.url, deadline)
            same_audio = [f"{api}/audio?rate={r}" for r in rates[args.new_audio : 2 * args.new_audio]] * 16
            label = f"{args.new_audio} new audio variants, 32 clients (16 each)"
            run(label, same_audio, 32, server.url, deadline)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
