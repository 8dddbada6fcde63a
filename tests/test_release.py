"""Release builds: incremental, parallel, locked, killed mid-way, reproducible, verified."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leaflet.core.files import locked, source_date_epoch
from leaflet.pipeline import jobs, manifest
from leaflet.writers import registry
from tests.conftest import FIXTURE_LEAFLETS, ROOT, SOURCE, snapshot

LEAFLET = [sys.executable, "-m", "leaflet"]


def catalogue(folder: Path, count: int) -> Path:
    """``count`` copies of the every-feature fixture, each with its own words."""
    source = folder / "source"
    for number in range(count):
        target = source / f"leaflet-{number:03d}"
        shutil.copytree(FIXTURE_LEAFLETS / "every-feature", target, ignore=shutil.ignore_patterns("expected.json"))
        text = (target / "leaflet.md").read_text()
        (target / "leaflet.md").write_text(
            text.replace("This introduction", f"Leaflet number {number}: this introduction")
        )
    return source


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_build_does_nothing_and_a_change_rebuilds_only_its_leaflet(tmp_path: Path, run_cli) -> None:
    source, out = catalogue(tmp_path, 3), tmp_path / "out"
    assert run_cli("build", "--source", source, "--out", out, "-f", "text", "-j", "1")[0] == 0
    before = mtimes(out)

    status, stdout, _ = run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert status == 0 and "everything is up to date" in stdout
    assert mtimes(out) == before

    changed = source / "leaflet-001" / "leaflet.md"
    changed.write_text(changed.read_text().replace("placeholder", "stand-in"))
    status, stdout, _ = run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert status == 0
    assert stdout.count("wrote ") == 1 and "leaflet-001.txt" in stdout
    assert "stand-in" in (out / "leaflet-001" / "leaflet-001.txt").read_text()

    status, stdout, _ = run_cli("build", "--source", source, "--out", out, "-f", "text", "--force")
    assert stdout.count("wrote ") == 3


def test_a_changed_picture_or_publisher_version_rebuilds(tmp_path: Path, run_cli, monkeypatch) -> None:
    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    (source / "leaflet-000" / "heart.png").write_bytes((source / "leaflet-000" / "heart.png").read_bytes() + b"\0")
    assert "wrote " in run_cli("build", "--source", source, "--out", out, "-f", "text")[1]

    monkeypatch.setattr(jobs, "publisher_version", lambda: "9.9.9+other")
    assert "wrote " in run_cli("build", "--source", source, "--out", out, "-f", "text")[1]


def test_parallel_build_matches_serial_and_one_failure_does_not_stop_the_rest(tmp_path: Path, run_cli) -> None:
    source = catalogue(tmp_path, 4)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_cli("build", "--source", source, "--out", serial, "-f", "text", "-j", "1")[0] == 0
    (parallel / "leaflet-002").mkdir(parents=True)
    (parallel / "leaflet-002" / "leaflet-002.txt").mkdir()  # a folder where the file must go

    status, _, err = run_cli("build", "--source", source, "--out", parallel, "-f", "text", "-j", "2")

    assert status == 1
    assert "leaflet-002 (text)" in err and "1 of 4 jobs failed" in err
    for number in (0, 1, 3):
        name = f"leaflet-{number:03d}/leaflet-{number:03d}.txt"
        assert (parallel / name).read_bytes() == (serial / name).read_bytes()


def test_two_clean_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    formats = [f for f in registry.names() if f != "audio"]  # audio's own tests build it twice
    first, second = tmp_path / "a" / "outputs", tmp_path / "b" / "elsewhere"
    for out in (first, second):
        args = [*LEAFLET, "build", "--source", str(SOURCE), "--out", str(out), "-q"]
        for name in formats:
            args += ["-f", name]
        result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert result.returncode == 0, result.stderr
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) > len(formats), "every format wrote files, and the manifest"


def test_a_build_killed_mid_way_leaves_whole_files_and_the_next_build_succeeds(tmp_path: Path) -> None:
    source, out = catalogue(tmp_path, 60), tmp_path / "out"
    build = [*LEAFLET, "build", "--source", str(source), "--out", str(out), "-f", "text", "-j", "1"]
    assert subprocess.run(build, capture_output=True, timeout=600).returncode == 0
    old = snapshot(out)
    for leaflet_md in source.glob("*/leaflet.md"):
        leaflet_md.write_text(leaflet_md.read_text().replace("placeholder", "new words"))

    process = subprocess.Popen(build, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("[3/60]"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    for name, data in snapshot(out).items():
        if name.endswith(".txt"):
            text = data.decode("utf-8")
            assert text.endswith("\n") and ("new words" in text or data == old[name]), name

    result = subprocess.run(build, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert all("new words" in p.read_text() for p in out.glob("*/*.txt"))
    assert not list(out.rglob("*.tmp"))
    verify = [*LEAFLET, "verify", "--source", str(source), "--out", str(out)]
    assert subprocess.run(verify, capture_output=True).returncode == 0


def test_a_second_build_waits_for_the_first_to_release_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with locked(out):
        process = subprocess.Popen(
            [*LEAFLET, "build", "--source", str(SOURCE), "--out", str(out), "-f", "text"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert process.poll() is None, "the second build must wait, not write"
        assert not list(out.glob("*/*.txt"))
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "another build is writing to" in stderr and "wrote " in stdout


def test_verify_catches_a_file_changed_by_hand_and_a_missing_one(tmp_path: Path, run_cli) -> None:
    source, out = catalogue(tmp_path, 2), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert run_cli("verify", "--source", source, "--out", out)[0] == 0

    target = out / "leaflet-000" / "leaflet-000.txt"
    target.write_bytes(target.read_bytes().replace(b"Row 1", b"Row 7"))  # same size, other bytes
    (out / "leaflet-001" / "leaflet-001.txt").unlink()
    status, stdout, _ = run_cli("verify", "--source", source, "--out", out)
    assert status == 1
    assert "leaflet-000.txt: changed" in stdout and "leaflet-001.txt: missing" in stdout


def test_manifest_lists_every_file_with_size_hash_options_source_and_version(tmp_path: Path, run_cli) -> None:
    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    data = json.loads((out / "leaflet-000" / "manifest.json").read_text())
    assert data["leaflet"] == "leaflet-000"
    assert data["source_sha256"] == manifest.source_digest(source / "leaflet-000")
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", data["publisher_version"])
    (entry,) = data["outputs"].values()
    assert entry["format"] == "text" and entry["options"] == {}
    (record,) = entry["files"]
    path = out / "leaflet-000" / record["path"]
    assert record["size"] == path.stat().st_size and record["sha256"] == manifest.sha256_file(path)


def test_check_keeps_its_results_until_what_it_checked_changes(tmp_path: Path, run_cli) -> None:
    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    first = run_cli("check", "--source", source, "--out", out)[1]
    assert "text: ok\n" in first
    assert "text: ok (unchanged since it last passed)" in run_cli("check", "--source", source, "--out", out)[1]
    target = out / "leaflet-000" / "leaflet-000.txt"
    target.write_text(target.read_text().replace("catheter", "cat"))
    status, stdout, _ = run_cli("check", "--source", source, "--out", out)
    assert status == 1 and "text: FAIL" in stdout


def test_the_makefile_has_a_target_for_every_registered_format(run_cli) -> None:
    """The Makefile names no format: it reads the registry's list (``leaflet formats --make``) and makes a
    target of each."""
    makefile = (ROOT / "Makefile").read_text()
    assert not any(re.search(rf"\b{re.escape(name)}\b", makefile) for name in registry.names() if "-" in name)
    assert "formats --make" in makefile and re.search(r"^-include \$\(FORMATS_MK\)$", makefile, re.MULTILINE)
    assert re.search(r"^\$\(FORMATS\): \$\(STAMP\)( \$\(VOICE\))?$", makefile, re.MULTILINE)
    status, printed, _ = run_cli("formats", "--make")
    assert status == 0 and printed == f"FORMATS := {' '.join(registry.names())}\n"
    for target in ("all", "test", "check", "release", "bench", "clean", "verify"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_source_date_epoch_is_honoured_where_set(monkeypatch) -> None:
    default = datetime(2026, 3, 25, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch(default) == default
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date_epoch(default) == datetime.fromtimestamp(1700000000, tz=UTC)


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str, run_cli) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli("build", "--jobs", jobs)
    assert exit_.value.code == 2


def test_a_no_op_build_still_shows_the_last_warnings_and_strict_still_fails(tmp_path: Path, run_cli) -> None:
    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    leaflet_md = source / "leaflet-000" / "leaflet.md"
    leaflet_md.write_text(leaflet_md.read_text().replace("**blood test**", "*blood test*"))
    status, _, err = run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert status == 0 and "warning[italic]" in err

    status, stdout, err = run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert "everything is up to date" in stdout and "warning[italic]" in err
    status, _, err = run_cli("build", "--source", source, "--out", out, "-f", "text", "--strict")
    assert status == 1 and "--strict is on" in err


def test_check_keeps_what_a_build_recorded_while_the_audits_ran(tmp_path: Path, run_cli, monkeypatch) -> None:
    from leaflet.pipeline import checking as cached

    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    audit_formats = cached.audit_formats

    def audits_while_a_build_records(leaflet, manifest_seen, workers=1):
        meanwhile = manifest.Manifest.load(manifest_seen.out_dir)
        meanwhile.record("docx size=24", manifest.Entry("docx", {"size": "24"}, "stamp", ()))
        meanwhile.save("leaflet-000", meanwhile.source_sha256)
        return audit_formats(leaflet, manifest_seen, workers)

    monkeypatch.setattr(cached, "audit_formats", audits_while_a_build_records)
    run_cli("check", "--source", source, "--out", out)
    data = json.loads((out / "leaflet-000" / "manifest.json").read_text())
    assert "docx size=24" in data["outputs"] and "text" in data["checks"]


def test_check_reports_outputs_built_from_an_older_source_as_stale(tmp_path: Path, run_cli) -> None:
    """Defect 2 of issue 11: an edited leaflet.md, or a new easy-read.md, still passed as 'unchanged'."""
    source, out = catalogue(tmp_path, 1), tmp_path / "out"
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    run_cli("check", "--source", source, "--out", out)
    leaflet_md = source / "leaflet-000" / "leaflet.md"
    leaflet_md.write_text(leaflet_md.read_text() + "\nA new closing paragraph.\n")
    status, stdout, _ = run_cli("check", "--source", source, "--out", out)
    assert status == 1 and "text: STALE" in stdout and "unchanged since" not in stdout
    assert "stale: built from another version" in stdout and "leaflet build leaflet-000 --format text" in stdout
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert "text: ok\n" in run_cli("check", "--source", source, "--out", out)[1]


def test_check_reports_outputs_as_stale_once_an_easy_read_is_added(tmp_path: Path, run_cli) -> None:
    source, out = tmp_path / "source", tmp_path / "out"
    folder = source / "short"
    folder.mkdir(parents=True)
    (folder / "leaflet.md").write_text(
        "---\ntitle: Short\npublisher: P\npublished: 2026-01-15\n---\n\n## What it is\n\nIt is short.\n"
    )
    run_cli("build", "--source", source, "--out", out, "-f", "text")
    assert "text: ok\n" in run_cli("check", "--source", source, "--out", out)[1]
    (folder / "easy-read.md").write_text("# Short\n\n## What it is\n\ncovers: What it is\n\n- It is short.\n")
    status, stdout, err = run_cli("check", "--source", source, "--out", out)
    assert status == 1 and "text: STALE" in stdout, err
