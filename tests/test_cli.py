"""The command line as a user meets it: the installed ``leaflet`` in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leaflet import __version__
from leaflet.writers import registry
from tests.conftest import NICE_ID

LEAFLET = shutil.which("leaflet", path=str(Path(sys.executable).parent))
COMMANDS = ["build", "check", "list", "formats", "dump"]


def leaflet(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert LEAFLET, "the leaflet console script is installed beside this Python"
    return subprocess.run([LEAFLET, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_installed_command_builds_text_from_a_copy_of_source(source_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    result = leaflet("build", "--source", source_copy, "--out", out, "--format", "text")
    assert result.returncode == 0, result.stderr
    written = out / NICE_ID / f"{NICE_ID}.txt"
    assert f"wrote {written}" in result.stdout
    assert "cardiogenic shock" in written.read_text(encoding="utf-8")


def test_defaults_are_source_and_outputs_in_the_current_folder(source_copy: Path) -> None:
    result = leaflet("build", "--format", "text", "-q", cwd=source_copy.parent)
    assert result.returncode == 0, result.stderr
    assert (source_copy.parent / "outputs" / NICE_ID / f"{NICE_ID}.txt").is_file()


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "leaflet", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"leaflet {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = leaflet(command, "--help")
    assert result.returncode == 0
    assert "usage: leaflet " + command in result.stdout
    assert "Exit status" in result.stdout


def test_list_formats_and_dump(source_copy: Path) -> None:
    assert NICE_ID in leaflet("list", "--source", source_copy).stdout.split()
    listed = [line.split()[0] for line in leaflet("formats").stdout.splitlines()]
    assert listed == list(registry.names())
    model = json.loads(leaflet("dump", NICE_ID, "--source", source_copy).stdout)
    assert model["meta"]["isbn"] == "978-1-4731-9396-3"
    assert [s["heading"] for s in model["sections"]][1:] == [
        "Is this procedure right for me?",
        "Some questions to think about",
        "Information and support",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["build", "--format", "pdf"], "unknown format 'pdf'; choose one of: large-print-pdf"),
        (["build", "no-such-leaflet"], "no leaflet 'no-such-leaflet'"),
        (["build", "--format", "text", "--size", "24"], "does not take --size"),
        (["dump", "nope"], "no leaflet 'nope'"),
        (["build", "--no-such-flag"], "unrecognized arguments"),
    ],
)
def test_command_line_mistakes_exit_2_without_traceback(args: list[str], says: str, source_copy: Path) -> None:
    result = leaflet(*args, "--source", source_copy)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_check_prints_the_readability_table(source_copy: Path, tmp_path: Path) -> None:
    leaflet("build", NICE_ID, "--source", source_copy, "--out", tmp_path, "--format", "text")
    result = leaflet("check", NICE_ID, "--source", source_copy, "--out", tmp_path)
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "ease" in line and "grade" in line and "SMOG" in line)
    assert "longest" in header
    for row in ("whole leaflet", "(introduction)", "Is this procedure right for me?", "Information and support"):
        assert any(line.startswith(row) for line in lines), row
    whole = next(line for line in lines if line.startswith("whole leaflet")).split()
    assert 300 < int(whole[2]) < 600, "the word count of the NICE leaflet"
    assert "text: ok" in result.stdout


@pytest.mark.parametrize("command", ["build", "check"])
def test_out_naming_an_existing_file_is_one_line_and_exit_2(command: str, source_copy: Path, tmp_path: Path) -> None:
    """Defect 4 of issue 11: a traceback."""
    (tmp_path / "a-file").write_text("not a folder")
    for out in (tmp_path / "a-file", tmp_path / "a-file" / "inside"):
        result = leaflet(command, NICE_ID, "--source", source_copy, "--out", out)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        said = f"leaflet: error: --out {out}: {tmp_path / 'a-file'} is a file, not a folder; give --out a folder"
        assert result.stderr.splitlines() == [said]


def test_verify_of_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Defect 4 of issue 11: it said every file matched (exit 0)."""
    result = leaflet("verify", "--out", tmp_path / "nowhere")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "no such folder" in result.stderr


def test_ctrl_c_stops_the_workers_quietly_with_one_line_and_exit_130(source_copy: Path, tmp_path: Path) -> None:
    """Defect 5 of issue 11: Ctrl-C printed a KeyboardInterrupt traceback from an idle worker."""
    import os
    import signal
    import time

    assert LEAFLET
    out = tmp_path / "out"
    # A long section, so the audio is still being made well after the quick jobs are written even on a loaded
    # machine (with the NICE leaflet alone it could finish in between, and the build then exited 0).
    source = source_copy / NICE_ID / "leaflet.md"
    extra = "\n" + "This sentence is here to make the recording long. " * 400 + "\n"  # in the last section
    source.write_text(source.read_text(encoding="utf-8") + extra, encoding="utf-8")
    formats = ["-f", "text", "-f", "easy-read", "-f", "audio"]  # two quick jobs, then one worker idle, one speaking
    command = [LEAFLET, "build", NICE_ID, "--source", str(source_copy), "--out", str(out), "-j", "2", *formats]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    quick = [out / NICE_ID / f"{NICE_ID}.txt", out / NICE_ID / f"{NICE_ID}.easy-read.txt"]
    while process.poll() is None and not all(path.is_file() for path in quick):
        time.sleep(0.05)
    assert process.poll() is None, "the audio job was still running when Ctrl-C was pressed"
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: every process of the group
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.splitlines()[-1] == "leaflet: interrupted; files already in place are whole, the rest untouched"
    assert not list(out.rglob("*.mp3")) and not list(out.rglob(".*.tmp"))


def test_an_empty_draft_folder_is_a_warning_naming_it_not_a_stop(source_copy: Path, tmp_path: Path) -> None:
    """Defect 6 of issue 11: an empty folder in source/ stopped every build."""
    (source_copy / "new-draft").mkdir()
    out = tmp_path / "out"
    result = leaflet("build", "--source", source_copy, "--out", out, "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "new-draft" in result.stderr and "warning[empty-folder]" in result.stderr
    assert (out / NICE_ID / f"{NICE_ID}.txt").is_file() and not (out / "new-draft").exists()
    assert "new-draft" in leaflet("check", "--source", source_copy, "--out", out).stderr
    assert "new-draft" not in leaflet("list", "--source", source_copy).stdout
    strict = leaflet("build", "--source", source_copy, "--out", out, "--format", "text", "--strict")
    assert strict.returncode == 2 and "new-draft" in strict.stderr


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """'leaflet voices | head -1': the pipe closes under a long listing; the command stops quietly."""
    shown = subprocess.run(
        f"'{sys.executable}' -m leaflet voices | head -1", shell=True, capture_output=True, text=True, timeout=120
    )
    assert shown.stdout.startswith("ENGINE") and len(shown.stdout.splitlines()) == 1
    assert "Traceback" not in shown.stderr and "BrokenPipe" not in shown.stderr, shown.stderr
