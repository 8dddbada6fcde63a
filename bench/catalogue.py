"""The catalogue benchmark (issue 15 part 3): 200 generated leaflets in every format, audio included.

    python bench/catalogue.py [--leaflets 200] [--slow-minutes 5] [--work DIR] [--formats text,docx]

Prints, per format: the time per leaflet and throughput, the speed-up of
``--jobs 2`` over ``--jobs 1``, how many cores each kept busy, the peak
memory of a worker, and the Dask local cluster against the process pool
(both with 2 workers); then the time of a first build of the whole catalogue
in every format and of a no-op rebuild of it (the whole command, audio
included). Figures only: nothing is asserted, so a loaded machine gives
slower figures, never a failure.

Every measurement runs in a fresh process (``--measure``), so one format's
memory never counts against the next, and a build that takes under 30 s is
measured three times, the median shown (a shared machine's figures wander by
5-10% from run to run). A measured build reads its leaflets, as ``leaflet
build`` does; a Dask build is timed from a running cluster, and the
cluster's start-up is shown on its own.

The spoken formats are slow: when a format's builds of every leaflet would
take more than ``--slow-minutes`` (estimated from two leaflets first), its
row is measured on the first N leaflets of the catalogue and says so. The
no-op rebuild always covers all of them, audio included, so the first full
build makes every recording once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_catalogue

from leaflet.pipeline import build, cores, executors
from leaflet.writers import registry

HERE = Path(__file__).resolve()
SLOW_JOB_MS = 50  # the speed-up goal (1.8x) is for formats whose jobs take longer than this


REPEAT_UNDER = 30.0  # seconds: a build shorter than this is measured three times, the median kept


@dataclass(frozen=True)
class Measured:
    """One timed build: seconds, jobs run, the largest worker peak (KiB), a Dask cluster's start-up, and the
    CPU seconds of the process and the workers it ended (the pool's; a Dask cluster's workers are still running
    when the clock stops, so the Dask rows show no cores busy)."""

    seconds: float
    jobs: int
    peak_kib: int
    startup: float = 0.0
    cpu: float = 0.0

    @property
    def cores(self) -> float:
        """How many cores the build kept busy, on average."""
        return self.cpu / self.seconds


def measure(source: Path, out: Path, name: str, ids: list[str], workers: int, executor: str) -> Measured:
    """Build ``name`` for ``ids`` (forced) in this process; see ``--measure``."""
    with executors.from_options(executor, None, workers) as chosen:
        startup = 0.0
        if executor == "dask":
            from leaflet.pipeline.dask_executor import DaskExecutor

            assert isinstance(chosen, DaskExecutor)
            start = time.perf_counter()
            chosen.client()  # the cluster up before the clock starts
            startup = time.perf_counter() - start
        request = build.Request(source, out, tuple(ids), (name,), force=True, workers=workers, executor=chosen)
        before = os.times()
        start = time.perf_counter()
        outcome = build.build(request)
        seconds = time.perf_counter() - start
        after = os.times()
    assert not outcome.source_errors and not outcome.failures, (outcome.source_errors, outcome.failures)
    peak = max((r.peak_memory_kib for r in outcome.results), default=0)
    cpu = sum(after[:4]) - sum(before[:4])  # user and system, this process's and its ended children's
    return Measured(seconds, len(outcome.results), peak, startup, cpu)


def measured_once(source: Path, out: Path, name: str, ids: list[str], workers: int, executor: str) -> Measured:
    """``measure`` in a fresh Python process."""
    command = [sys.executable, str(HERE), "--measure", name, "--source", str(source), "--out", str(out)]
    command += ["--jobs", str(workers), "--executor", executor, "--ids", ",".join(ids)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return Measured(**json.loads(done.stdout.strip().splitlines()[-1]))


def measured(source: Path, out: Path, name: str, ids: list[str], workers: int, executor: str = "local") -> Measured:
    """``measure`` in fresh processes: the median of three runs when one takes under ``REPEAT_UNDER`` s."""
    runs = [measured_once(source, out, name, ids, workers, executor)]
    if runs[0].seconds < REPEAT_UNDER:
        runs += [measured_once(source, out, name, ids, workers, executor) for _ in range(2)]
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


@dataclass(frozen=True)
class Row:
    name: str
    leaflets: int
    one: Measured
    two: Measured
    dask: Measured

    @property
    def ms_per_leaflet(self) -> float:
        return self.one.seconds / self.one.jobs * 1000

    @property
    def speedup(self) -> float:
        return self.one.seconds / self.two.seconds

    @property
    def overhead(self) -> float:
        return self.dask.seconds / self.two.seconds - 1

    def line(self) -> str:
        goal = "" if self.ms_per_leaflet <= SLOW_JOB_MS else (" ok" if self.speedup >= 1.8 else " MISSED")
        return (
            f"{self.name:16} {self.leaflets:4d} {self.ms_per_leaflet:9.1f} {self.two.jobs / self.two.seconds:8.1f} "
            f"{self.speedup:6.2f}x{goal:7} {self.one.cores:5.2f} {self.two.cores:5.2f} "
            f"{self.two.peak_kib / 1024:6.0f} {self.dask.peak_kib / 1024:6.0f} "
            f"{self.dask.seconds:8.2f} {self.two.seconds:8.2f} {self.overhead * 100:+6.1f}% {self.dask.startup:6.1f}"
        )


HEADER = (
    f"{'format':16} {'n':>4} {'ms/leaf':>9} {'leaf/s':>8} {'speed-up':>14} {'c@1':>5} {'c@2':>5} {'MiB':>6} "
    f"{'MiB-d':>6} {'dask s':>8} {'pool s':>8} {'over':>7} {'start':>6}"
)
LEGEND = """\
n        leaflets measured (a sample for a slow format when the full set would take too long; see above)
ms/leaf  time per leaflet with one worker (--jobs 1), reading included
leaf/s   throughput with two workers (--jobs 2)
speed-up --jobs 2 over --jobs 1 ('ok' / 'MISSED': the 1.8x goal for jobs over 50 ms)
c@1 c@2  cores kept busy on average with --jobs 1 and --jobs 2 (CPU seconds / wall seconds, workers included)
MiB      peak resident memory of a process-pool worker (--jobs 2); MiB-d: of a Dask worker
dask s   the Dask local cluster (2 workers), timed from a running cluster; pool s: the process pool
over     Dask against the pool (goal: under 10%); start: seconds to start the local cluster
Times are the median of three runs for a build under 30 s, else of one."""


def sample(source: Path, work: Path, name: str, ids: list[str], minutes: float) -> tuple[list[str], float]:
    """The leaflets ``name``'s row measures, and the estimated seconds per leaflet (one worker)."""
    probe = measured_once(source, work / f"probe-{name}", name, ids[:2], 1, "local")
    per_leaflet = probe.seconds / probe.jobs
    # three builds (one worker, two, and Dask with two) cost about two single-worker builds
    affordable = int(minutes * 60 / (2 * per_leaflet))
    return ids[: max(4, min(len(ids), affordable))], per_leaflet


def _spin(_: int) -> float:
    """A fixed piece of CPU-bound Python; its CPU seconds."""
    start = time.process_time()
    total = 0
    for n in range(6_000_000):
        total += n * n % 7
    return time.process_time() - start


def machine_scaling() -> str:
    """How much slower the same CPU-bound work runs when both cores are busy (the best speed-up this machine
    allows two workers): shared caches and memory, or two virtual cores on one physical one, cost something."""
    import multiprocessing

    alone = statistics.median(_spin(0) for _ in range(3))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        together = statistics.median(pool.map(_spin, range(6)))
    return (
        f"this machine: a CPU-bound loop takes {together / alone:.2f}x the CPU time when two run at once "
        f"(so two workers give at most {2 * alone / together:.2f}x)"
    )


def whole_command(source: Path, out: Path, *extra: str) -> float:
    command = [sys.executable, "-m", "leaflet", "build", "--source", str(source), "--out", str(out), "-q", *extra]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def machine() -> str:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in line
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (
        f"machine: {platform.machine()}, nproc {os.cpu_count()} ({cores.usable()} usable), {model}, "
        f"{memory:.0f} GiB, Python {platform.python_version()}, load average {load:.1f} at the start"
    )


def run(work: Path, count: int, slow_minutes: float, only: tuple[str, ...] = ()) -> None:
    print(machine(), flush=True)
    source = work / "source"
    ids = [folder.name for folder in make_catalogue(source, count)]
    print(f"catalogue: {count} leaflets generated by bench/generate.py (seed 1) in {source}", flush=True)
    print(machine_scaling(), flush=True)
    print(f"\n{HEADER}", flush=True)
    rows, notes = [], []
    for name in only or registry.names():
        chosen, each = sample(source, work, name, ids, slow_minutes)
        if len(chosen) < count:
            notes.append(
                f"{name}: about {each:.1f} s a leaflet with one worker, so its row is measured on the first "
                f"{len(chosen)} leaflets (all {count} would take about {2 * count * each / 60:.0f} minutes; "
                f"--slow-minutes {slow_minutes:g})"
            )
        runs = [
            measured(source, work / f"{name}-{label}", name, chosen, workers, executor)
            for label, workers, executor in (("one", 1, "local"), ("two", 2, "local"), ("dask", 2, "dask"))
        ]
        rows.append(Row(name, len(chosen), *runs))
        print(rows[-1].line(), flush=True)
    print("\n".join(notes))
    print(LEGEND)
    if only:
        return
    out = work / "catalogue-out"
    first = whole_command(source, out, "--jobs", "2")
    print(f"\nfirst build of the catalogue, {count} leaflets x every format (--jobs 2, whole command): {first:.1f} s")
    noops = [whole_command(source, out) for _ in range(5)]
    verdict = "ok" if statistics.median(noops) < 0.5 else "MISSED"
    print(
        f"no-op rebuild of the {count} leaflets, every format with audio (whole command, median of 5): "
        f"{statistics.median(noops):.2f} s ({', '.join(f'{s:.2f}' for s in noops)}; goal under 0.5 s: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=200, help="catalogue size (default 200)")
    parser.add_argument(
        "--slow-minutes",
        type=float,
        default=5,
        help="time a format's row may take before it is measured on a sample of the leaflets (default 5)",
    )
    parser.add_argument("--work", type=Path, help="folder for the catalogue and outputs (default: a temporary one)")
    parser.add_argument(
        "--formats",
        default="",
        help="measure only these formats (comma-separated), and skip the whole-catalogue builds",
    )
    parser.add_argument("--measure", metavar="FORMAT", help=argparse.SUPPRESS)  # one timed build, as JSON
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--ids", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        found = measure(args.source, args.out, args.measure, args.ids.split(","), args.jobs, args.executor)
        print(json.dumps(found.__dict__))
        return
    formats = tuple(name for name in args.formats.split(",") if name)
    unknown = [name for name in formats if name not in registry.names()]
    if unknown:
        parser.error(f"unknown format {unknown[0]!r}; choose from: {', '.join(registry.names())}")
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        run(args.work, args.leaflets, args.slow_minutes, formats)
        return
    with tempfile.TemporaryDirectory(prefix="leaflet-bench-") as folder:
        run(Path(folder), args.leaflets, args.slow_minutes, formats)


if __name__ == "__main__":
    main()
