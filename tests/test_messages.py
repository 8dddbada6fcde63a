"""Defect 7 of issue 11: messages a new user met that said the wrong thing, or said it twice."""

from __future__ import annotations

from pathlib import Path

import pytest

LEAFLET_MD = "---\ntitle: Short\npublisher: P\npublished: 2026-01-15\n---\n\n## What it is\n\nIt is short.\n"
LONG = "It is long, very long indeed with many many many words that go on and on and on without stopping at all ever"


def _source(tmp_path: Path, easy_read: str | None = None) -> Path:
    folder = tmp_path / "source" / "short"
    folder.mkdir(parents=True)
    (folder / "leaflet.md").write_text(LEAFLET_MD)
    if easy_read is not None:
        (folder / "easy-read.md").write_text(easy_read)
    return folder.parent


def test_the_no_easy_read_warning_is_printed_once(tmp_path: Path, run_cli) -> None:
    source = _source(tmp_path)
    status, _, err = run_cli(
        "build", "--source", source, "--out", tmp_path / "out", "-f", "easy-read", "-f", "easy-read-print"
    )
    assert status == 0 and err.count("warning[no-easy-read]") == 1, err


@pytest.mark.parametrize(
    ("seconds", "shown"), [(419.6, "7 min 0 s"), (359.5, "6 min 0 s"), (61.2, "1 min 1 s"), (0.4, "0 min 0 s")]
)
def test_a_length_never_reads_60_seconds(seconds: float, shown: str) -> None:
    from leaflet.checks.audio import minutes_and_seconds

    assert minutes_and_seconds(seconds) == shown


def test_an_empty_easy_read_says_what_an_easy_read_holds(tmp_path: Path, run_cli) -> None:
    source = _source(tmp_path, "\n")
    status, _, err = run_cli("build", "--source", source, "--out", tmp_path / "out", "-f", "easy-read")
    assert status == 2 and "easy-read.md:1: the easy read is empty; write '## A heading'" in err
    assert "front matter" not in err


def test_a_level_3_heading_in_the_easy_read_is_named(tmp_path: Path, run_cli) -> None:
    source = _source(tmp_path, "## What it is\n\ncovers: What it is\n\n- It is short.\n\n### Deeper\n\n- More.\n")
    status, _, err = run_cli("build", "--source", source, "--out", tmp_path / "out", "-f", "easy-read")
    assert status == 2 and "easy-read.md:7: a '###' heading is not used in easy read" in err and "'## Deeper'" in err


def test_every_easy_read_error_is_shown_and_counted_once(tmp_path: Path, run_cli) -> None:
    points = f"- {LONG}.\n- {LONG} again.\n- {LONG} and again.\n"
    source = _source(tmp_path, f"## What it is\n\ncovers: What it is\n\n{points}")
    status, _, err = run_cli("build", "--source", source, "--out", tmp_path / "out", "-f", "easy-read")
    assert status == 2
    assert [line.split(": ")[0] for line in err.splitlines()[:3]] == [
        f"{source}/short/easy-read.md:{n}" for n in (5, 6, 7)
    ]
    assert (
        "more" not in err and err.splitlines()[-1] == "leaflet: error: 3 error(s) in the sources; nothing was written"
    )
