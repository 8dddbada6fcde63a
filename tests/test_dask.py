"""Builds on Dask, for real, on 127.0.0.1 (issue 15 part 1).

Two clusters per run, started once for the module: the local cluster that
``leaflet build --executor dask`` starts itself, and an operator's cluster
(a ``dask scheduler`` and two ``dask worker`` processes started here, each
worker with its scratch space in a temporary folder and ``dask_guard.py``
preloaded, which refuses any file operation under the client's folders). Every
file is compared byte for byte with a build on the local process pool.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from leaflet.core.diagnostics import OptionError
from leaflet.pipeline import build, executors
from leaflet.pipeline.executors import LocalExecutor
from leaflet.reader import read_leaflet
from leaflet.writers import registry
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE, snapshot

HERE = Path(__file__).resolve().parent
DASK = Path(sys.executable).with_name("dask")
SMALL = "every-feature"  # the small leaflet (with a picture) whose audio is made on the cluster
NOT_AUDIO = tuple(name for name in registry.names() if name != "audio")


@dataclass
class Cluster:
    address: str
    work: Path  # the client's folder: no worker may touch anything under it
    log: Path  # what the workers tried to touch there
    source: Path
    local: Path  # every format but audio, built on the local pool


def _wait_for(condition: object, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds  # a guard against a hang, not a measurement
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A dask scheduler and two dask workers on 127.0.0.1, and a catalogue to build: the NICE leaflet and one with a picture."""
    assert DASK.is_file(), f"{DASK} is missing: run make (pyproject.toml lists dask and distributed)"
    base = tmp_path_factory.mktemp("dask")
    work, scratch = base / "client", base / "scratch"
    source = work / "source"
    shutil.copytree(SOURCE / NICE_ID, source / NICE_ID)
    shutil.copytree(FIXTURE_LEAFLETS / SMALL, source / SMALL, ignore=shutil.ignore_patterns("expected.json"))
    local = work / "local"
    outcome = build.build(build.Request(source=source, out=local, formats=NOT_AUDIO, workers=1))
    assert not outcome.failures and not outcome.source_errors
    scratch.mkdir()
    log = scratch / "touched.log"
    scheduler_file = scratch / "scheduler.json"
    env = {**os.environ, "LEAFLET_WORKER_FORBIDDEN": str(work), "LEAFLET_WORKER_LOG": str(log)}
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    processes = [
        subprocess.Popen(
            [
                DASK,
                "scheduler",
                "--port",
                "0",
                "--dashboard-address",
                "127.0.0.1:0",
                "--scheduler-file",
                scheduler_file,
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=(scratch / "scheduler.log").open("wb"),
        )
    ]
    try:
        _wait_for(scheduler_file.is_file, f"the dask scheduler to start (see {scratch / 'scheduler.log'})")
        _wait_for(lambda: "address" in json.loads(scheduler_file.read_text() or "{}"), "the scheduler's address")
        address = json.loads(scheduler_file.read_text())["address"]
        for name in ("w1", "w2"):
            worker = [DASK, "worker", address, "--name", name, "--nworkers", "1", "--nthreads", "1", *common]
            worker += ["--local-directory", scratch / name, "--preload", HERE / "dask_guard.py"]
            errors = (scratch / f"{name}.log").open("wb")
            processes.append(subprocess.Popen(worker, env=env, stdout=subprocess.DEVNULL, stderr=errors))
        from distributed import Client

        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=180)
        yield Cluster(address, work, log, source, local)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _no_touching(cluster: Cluster) -> None:
    touched = cluster.log.read_text() if cluster.log.exists() else ""
    assert not touched, f"workers touched the client's folders:\n{touched}"


def test_a_local_dask_cluster_writes_the_same_bytes_and_shows_the_same_progress(
    cluster: Cluster, run_cli, tmp_path: Path
) -> None:
    formats = [arg for name in NOT_AUDIO for arg in ("-f", name)]
    runs = {}
    for executor in ("local", "dask"):
        out = tmp_path / executor
        runs[executor] = run_cli(
            "build", "--source", cluster.source, "--out", out, "-j", "2", "--executor", executor, *formats
        )
        assert runs[executor][0] == 0, runs[executor][2]
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local") == snapshot(cluster.local)
    (_, local_out, local_err), (_, dask_out, dask_err) = runs["local"], runs["dask"]
    # the same files written and the same progress lines (in the order the jobs finished)
    assert sorted(dask_out.replace("/dask/", "/local/").splitlines()) == sorted(local_out.splitlines())

    def progress(err: str) -> list[str]:  # each job's line, without its count (jobs finish in any order)
        return sorted(line.split("] ", 1)[-1] for line in err.splitlines())

    assert progress(dask_err) == progress(local_err)
    assert f"[{2 * len(NOT_AUDIO)}/{2 * len(NOT_AUDIO)}] done:" in dask_err


def test_an_operators_cluster_writes_the_same_bytes_and_no_worker_touches_the_folders(
    cluster: Cluster, run_cli
) -> None:
    out = cluster.work / "remote"
    formats = [arg for name in NOT_AUDIO for arg in ("-f", name)]
    status, stdout, err = run_cli(
        "build", "--source", cluster.source, "--out", out, "--scheduler", cluster.address, *formats
    )
    assert status == 0, err
    _no_touching(cluster)
    assert snapshot(out) == snapshot(cluster.local)
    status, stdout, _ = run_cli(
        "build", "--source", cluster.source, "--out", out, "--scheduler", cluster.address, *formats
    )
    assert status == 0 and stdout.startswith("everything is up to date")


def test_a_worker_killed_mid_job_has_its_job_run_again_elsewhere(cluster: Cluster, tmp_path: Path) -> None:
    """The audio of one small leaflet: its worker is killed while making it; the files still match a local build."""
    from distributed import Client

    local, remote = tmp_path / "local", cluster.work / "audio"
    request = build.Request(source=cluster.source, out=local, ids=(SMALL,), formats=("audio",))
    assert not build.build(request).failures
    outcomes: list[build.Outcome] = []
    with (
        executors.from_options("dask", cluster.address) as executor,
        Client(cluster.address, set_as_default=False) as client,
    ):
        remote_request = build.Request(
            source=cluster.source, out=remote, ids=(SMALL,), formats=("audio",), executor=executor
        )
        thread = threading.Thread(target=lambda: outcomes.append(build.build(remote_request)))
        thread.start()
        busy: dict[str, tuple[str, ...]] = {}

        def job_is_running() -> bool:
            busy.update({worker: keys for worker, keys in client.processing().items() if keys})
            return bool(busy) or not thread.is_alive()

        _wait_for(job_is_running, "the audio job to start on a worker")
        assert busy, "the job finished before a worker could be killed"
        (worker,) = busy
        pid = client.run(os.getpid, workers=[worker])[worker]
        os.kill(pid, signal.SIGKILL)
        thread.join(timeout=600)
    assert outcomes and not outcomes[0].failures, outcomes and outcomes[0].failures
    _no_touching(cluster)
    assert snapshot(remote / SMALL) == snapshot(local / SMALL)


def test_a_failing_job_reports_the_same_located_error_as_locally(
    cluster: Cluster, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every mistake in a source is refused while reading, before any job: to make a job fail in its worker,
    # take liblouis away (as on a machine without it); the workers of a cluster started here inherit that.
    monkeypatch.setenv("LEAFLET_LIBLOUIS", "/nonexistent/liblouis.so.20")
    errors = {}
    for name, where in (("local", ["-j", "1"]), ("dask", ["--executor", "dask", "-j", "1"])):
        out = cluster.work / f"broken-{name}"
        status, _, err = run_cli("build", "--source", cluster.source, "--out", out, "-f", "braille", *where)
        assert status == 1
        errors[name] = [line for line in err.splitlines() if line.startswith("leaflet: failed:")]
    assert errors["dask"] == errors["local"]
    assert len(errors["local"]) == 2 and all("apt-get install liblouis20" in line for line in errors["local"])
    assert f"{SMALL} (braille): " in "".join(errors["local"])
    _no_touching(cluster)


def test_an_unreachable_scheduler_is_one_line_and_exit_status_1(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "leaflet", "build", "--source", str(SOURCE), "--out", str(tmp_path), "-f", "text"]
    done = subprocess.run(
        [*command, "--scheduler", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"leaflet: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} within 5 s "
        f"(Timed out trying to connect to tcp://127.0.0.1:{port} after 5 s); start one with 'dask scheduler', or check --scheduler"
    ]
    assert not (tmp_path / NICE_ID).exists() or not any((tmp_path / NICE_ID).iterdir())


def test_the_default_build_never_imports_dask(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "leaflet",
        "build",
        "--source",
        str(SOURCE),
        "--out",
        str(tmp_path),
    ]
    done = subprocess.run(
        [*command, "-f", "text", "-f", "docx", "-j", "2"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert "leaflet.pipeline.build" in imported  # importtime did report
    assert not [name for name in imported if name.split(".")[0] in ("dask", "distributed")]


def test_from_options_makes_the_executor_chosen() -> None:
    assert isinstance(executors.from_options(None, None, 3), LocalExecutor)
    assert executors.from_options("local", None, 3).workers == 3
    remote = executors.from_options(None, "tcp://127.0.0.1:8786", 1)
    assert type(remote).__name__ == "DaskExecutor"
    remote.close()  # never connected: nothing to stop
    for wrong, message in (
        (("local", "tcp://127.0.0.1:8786"), "cannot be used with --executor local"),
        (("spark", None), "unknown executor 'spark'"),
        (("dask", "127.0.0.1:8786"), "such as tcp://"),
    ):
        with pytest.raises(OptionError, match=message):
            executors.from_options(*wrong)


def test_the_request_service_can_make_its_files_on_the_cluster(cluster: Cluster) -> None:
    """``leaflet serve --scheduler``: the service's executor is the cluster, and a file made there is the same."""
    from leaflet.service import jobs

    leaflet = read_leaflet(cluster.source / SMALL).leaflet
    wanted = jobs.variant(leaflet, "digest", "docx", {"size": "20"}, cluster.source, 1)
    with executors.from_options(None, cluster.address, 1, serving=True) as pool:
        made = pool.submit(jobs.make, wanted.job).result(timeout=300)
    assert made == jobs.make(wanted.job)
    assert made.name == f"{SMALL}.20pt.docx"
    _no_touching(cluster)


def test_jobs_go_in_batches_sized_from_how_long_the_jobs_took() -> None:
    from leaflet.pipeline.dask_executor import MOST_JOBS, TASK_SECONDS, _Timing

    timing = _Timing()
    assert timing.batch(200, 4) == 1, "nothing measured yet: one job a task"
    for _ in range(4):
        timing.add(0.002)  # a text file
    assert timing.batch(200, 4) == MOST_JOBS
    assert timing.batch(40, 4) == 15, "never under an eighth of a task's time: a task costs more than that saves"
    assert timing.batch(3, 4) == 3
    word = _Timing()
    for _ in range(4):
        word.add(0.02)  # a Word file
    assert word.batch(200, 4) == 12
    assert word.batch(40, 4) == 10, "every task slot keeps a share of what is left, so the last finish together"
    assert word.batch(3, 4) == 1
    slow = _Timing()
    slow.add(TASK_SECONDS * 4)  # an audio file
    assert slow.batch(200, 4) == 1


def _worker_settings() -> tuple[object, str | None]:
    import dask

    return dask.config.get("distributed.worker.profile.enabled"), os.environ.get("MALLOC_TRIM_THRESHOLD_")


def _tick_milliseconds(dask_worker=None, dask_scheduler=None) -> float:
    """How often the server's event-loop watchdog wakes, as its running callback has it."""
    return float((dask_worker or dask_scheduler).periodic_callbacks["tick"].callback_time)


def test_a_local_clusters_workers_spend_their_time_on_jobs() -> None:
    """No stack sampler for a dashboard, and the C library keeps the memory a job frees for the next one;
    the scheduler's and workers' event-loop watchdogs wake every second, not every 20 ms (an idle cluster
    used 6% of a core while the client read the leaflets)."""
    from leaflet.pipeline.dask_executor import DaskExecutor

    with DaskExecutor(1) as executor:
        client = executor.client()
        settings = client.run(_worker_settings)
        ticks = [*client.run(_tick_milliseconds).values(), client.run_on_scheduler(_tick_milliseconds)]
    assert list(settings.values()) == [(False, None)]
    assert ticks == [1000.0, 1000.0]


def _fragile(job: str) -> str:
    """A job; the one called 'poison' kills the worker running it, every time."""
    if job == "poison":
        os._exit(1)
    return job.upper()


def test_a_job_that_kills_its_workers_is_reported_alone_and_its_batch_is_made() -> None:
    import dask

    from leaflet.core.diagnostics import JobsLost
    from leaflet.pipeline.dask_executor import DaskExecutor

    jobs = [f"job-{n}" for n in range(120)]
    jobs[60] = "poison"  # well after the first tasks, so it goes in a batch with others
    done: dict[int, str] = {}
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        DaskExecutor(2) as executor,
        pytest.raises(JobsLost) as lost,
    ):
        for index, result in executor.run(_fragile, jobs):
            done[index] = result
    assert list(lost.value.reasons) == [60]
    assert "KilledWorker" in lost.value.reasons[60]
    assert done == {n: job.upper() for n, job in enumerate(jobs) if n != 60}
