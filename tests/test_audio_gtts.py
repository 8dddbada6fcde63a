"""The online engine, with the HTTP layer stubbed by `responses`: these tests never touch the network."""

from __future__ import annotations

import base64
import re
import types
from pathlib import Path

import lameenc
import numpy as np
import pytest
import requests
import responses
from mutagen.id3 import ID3

from leaflet.cli import main
from leaflet.media.speech.engines import online

SHORT = """\
---
title: Online voice test
publisher: A Trust
published: 2026-02-03
---

Hello.

## One thing

Goodbye.
"""
GOOGLE = re.compile(r"https://translate\.google\.[a-z.]+/_/TranslateWebserverUi/data/batchexecute")


def _beep_mp3() -> bytes:
    """Half a second of a rising tone at 24 kHz, as Google's voice would send (MP3)."""
    t = np.arange(12_000) / 24_000
    tone = (0.3 * np.sin(2 * np.pi * (300 + 400 * t) * t) * 32767).astype("<i2").tobytes()
    encoder = lameenc.Encoder()
    encoder.set_in_sample_rate(24_000)
    encoder.set_channels(1)
    encoder.set_bit_rate(32)
    return bytes(encoder.encode(tone) + encoder.flush())


def _answer() -> str:
    b64 = base64.b64encode(_beep_mp3()).decode()
    return ')]}\'\n\n[["wrb.fr","jQ1olc","[\\"' + b64 + '\\"]",null,null,null,"generic"]]\n'


@pytest.fixture
def leaflets(tmp_path: Path) -> Path:
    (tmp_path / "source" / "online").mkdir(parents=True)
    (tmp_path / "source" / "online" / "leaflet.md").write_text(SHORT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    pauses: list[float] = []
    monkeypatch.setattr(online, "time", types.SimpleNamespace(sleep=pauses.append))
    return pauses


def _build(base: Path, *options: str) -> int:
    out = ["--source", str(base / "source"), "--out", str(base / "out")]
    return main(["build", *out, "-f", "audio", "-q", "--engine", "gtts", *options])


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file (not the build's own lock file)."""
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def test_no_network_is_exit_1_in_one_line_and_nothing_changes(
    leaflets: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = leaflets / "out" / "online" / "online.gtts.mp3"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"the previous good file")
    before = _snapshot(leaflets / "out")
    with responses.RequestsMock() as stub:
        stub.add(responses.POST, GOOGLE, body=requests.exceptions.ConnectionError("no network"))
        assert _build(leaflets) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    about_google = [line for line in errors if "Google" in line]  # the build adds its own summary line
    assert len(about_google) == 1 and "could not reach Google's speech service" in about_google[0]
    assert _snapshot(leaflets / "out") == before


def test_too_many_requests_backs_off_and_retries(
    leaflets: Path, no_sleep: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    calls = {"n": 0}

    def answer(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        calls["n"] += 1
        return (429, {}, "slow down") if calls["n"] <= 2 else (200, {}, _answer())

    with responses.RequestsMock() as stub:
        stub.add_callback(responses.POST, GOOGLE, callback=answer)
        assert _build(leaflets) == 0
    assert no_sleep == [2.0, 4.0]  # growing pauses, then success
    made = leaflets / "out" / "online" / "online.gtts.mp3"
    assert [str(c.sub_frames["TIT2"]) for c in ID3(made).getall("CHAP")][1:3] == ["Introduction", "One thing"]
    assert not (leaflets / "out" / "online" / "online.mp3").exists()  # the default file is not touched
    assert (leaflets / "out" / "online" / "online.gtts.audio" / "playlist.m3u").is_file()


def test_too_many_requests_gives_up_after_a_bounded_number_of_tries(
    leaflets: Path, no_sleep: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    with responses.RequestsMock() as stub:
        stub.add(responses.POST, GOOGLE, status=429)
        assert _build(leaflets) == 1
        assert len(stub.calls) == online.RETRIES + 1
    assert len(no_sleep) == online.RETRIES
    assert "HTTP 429" in capsys.readouterr().err
    assert not (leaflets / "out").exists() or _snapshot(leaflets / "out") == {}


@pytest.mark.parametrize(("option", "value"), [("--rate", "120"), ("--voice", "en-us")])
def test_gtts_takes_no_voice_or_rate(
    leaflets: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        assert _build(leaflets, option, value) == 2
    assert "gtts" in capsys.readouterr().err
    assert not (leaflets / "out").exists()
