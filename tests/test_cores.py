"""``--jobs`` is the number of cores a build uses: it is shared out among the jobs running at once, and each
job carries only the part of the leaflet its format reads. Seen through a toy format run by the real pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.pipeline import build, cores, reading
from leaflet.writers import registry
from tests.conftest import NICE_ID
from tests.toy.census import CENSUS, CENSUS_EASY


@pytest.mark.parametrize(
    ("workers", "jobs", "each"),
    [(1, 1, 1), (1, 200, 1), (2, 1, 2), (2, 2, 1), (2, 200, 1), (4, 1, 4), (4, 2, 2), (4, 3, 1), (8, 3, 2)],
)
def test_each_job_gets_the_cores_too_few_jobs_leave_idle(workers: int, jobs: int, each: int) -> None:
    assert cores.share(workers, jobs) == each
    assert cores.share(workers, jobs) * min(workers, jobs) <= workers, "never more cores than --jobs"


def test_a_writer_is_given_its_share_not_left_to_find_it() -> None:
    """The share travels in the writer's arguments; a writer called without one may use every core."""
    from leaflet.writers.contract import Resources

    assert Resources().cores == cores.usable() >= 1
    assert Resources(cores=1).cores == 1


@pytest.fixture
def with_census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, CENSUS, CENSUS_EASY))


def said(out: Path, leaflet_id: str, name: str) -> dict[str, str]:
    text = (out / leaflet_id / f"{leaflet_id}.{name}.txt").read_text(encoding="utf-8")
    return dict(line.split(": ", 1) for line in text.splitlines())


def built(source: Path, out: Path, ids: tuple[str, ...], formats: tuple[str, ...], workers: int) -> None:
    request = build.Request(source, out, ids, formats, force=True, workers=workers)
    outcome = build.build(request)
    assert not outcome.failures and not outcome.source_errors


def test_one_job_may_use_every_core_it_was_given(with_census: None, source_copy: Path, tmp_path: Path) -> None:
    built(source_copy, tmp_path / "two", (NICE_ID,), ("census",), 2)
    assert said(tmp_path / "two", NICE_ID, "census")["cores"] == "2"
    built(source_copy, tmp_path / "one", (NICE_ID,), ("census",), 1)
    assert said(tmp_path / "one", NICE_ID, "census")["cores"] == "1"


def test_many_jobs_on_two_workers_use_one_core_each(
    with_census: None, source_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cores, "usable", lambda: 8)  # without a share, a job would be told every core
    ids = tuple(sorted(p.name for p in source_copy.iterdir()))
    assert len(ids) >= 2
    built(source_copy, tmp_path / "out", ids, ("census", "census-easy"), 2)  # in forked pool workers
    for leaflet_id in ids:
        assert said(tmp_path / "out", leaflet_id, "census")["cores"] == "1"
        assert said(tmp_path / "out", leaflet_id, "census-easy")["cores"] == "1"


def test_a_job_carries_the_easy_read_only_to_a_format_that_reads_it(
    with_census: None, source_copy: Path, tmp_path: Path
) -> None:
    built(source_copy, tmp_path / "out", (NICE_ID,), ("census", "census-easy"), 2)
    assert said(tmp_path / "out", NICE_ID, "census")["easy read"] == "no"
    assert said(tmp_path / "out", NICE_ID, "census-easy")["easy read"] == "yes"
    readers = {record.name for record in registry.FORMATS if record.reads_easy_read}
    assert readers == {"easy-read", "easy-read-print", "easy-read-html", "census-easy"}


def test_leaflets_read_in_other_processes_share_their_pictures(source_copy: Path, tmp_path: Path) -> None:
    import pickle
    import shutil

    nice = source_copy / NICE_ID
    for n in range(reading.READ_IN_PARALLEL):  # enough copies to be read in worker processes
        shutil.copytree(nice, source_copy / f"copy-{n}")
    folders = [nice, *(source_copy / f"copy-{n}" for n in range(reading.READ_IN_PARALLEL))]
    readings, errors, _ = reading.read_all(folders, workers=2)
    assert not errors and len(readings) == len(folders)
    pictures = [
        [point.picture for section in r.leaflet.easy_read.sections for point in section.points if point.picture]
        for r in readings
        if r.leaflet.easy_read
    ]
    assert len(pictures) == len(folders) and pictures[0]
    assert all(a is b for other in pictures[1:] for a, b in zip(pictures[0], other, strict=True))
    one, every = pickle.dumps(readings[0].leaflet), pickle.dumps([r.leaflet for r in readings])
    assert len(every) < 2 * len(one), "a batch of jobs carries each picture once"
    alone = reading.read_all([nice])[0][0].leaflet
    assert alone == readings[0].leaflet


def test_a_build_of_formats_without_easy_read_neither_reads_nor_checks_it(source_copy: Path) -> None:
    """Only what the asked-for formats see is read: a Word build neither reads nor checks the easy read (most
    of its cost is choosing pictures), so a mistake in the easy read stops only the easy-read formats."""
    folders = sorted(p for p in source_copy.iterdir() if (p / "leaflet.md").is_file())
    whole, errors, warnings = reading.read_all(folders, workers=2)
    lean, lean_errors, lean_warnings = reading.read_all(folders, workers=2, easy_read=False)
    assert not errors and not lean_errors
    easy = source_copy / NICE_ID / "easy-read.md"
    assert [str(w) for w in lean_warnings] == [str(w) for w in warnings if not str(w).startswith(str(easy))]
    assert any(r.leaflet.easy_read for r in whole) and not any(r.leaflet.easy_read for r in lean)
    assert [r.leaflet.sections for r in lean] == [r.leaflet.sections for r in whole]
    easy.write_text(easy.read_text(encoding="utf-8") + "\n## A heading with no points\n", encoding="utf-8")
    _, lean_errors, _ = reading.read_all(folders, workers=2, easy_read=False)
    assert not lean_errors, "the other formats stay"
    _, errors, _ = reading.read_all(folders, workers=2)
    assert errors and errors[0].path == easy, "the easy-read formats stop, naming the line"
