"""The audio format, made for real with the offline engine and heard back with an independent decoder.

miniaudio decodes (LAME encoded); loudness is measured with pyloudnorm and
true peak by 4x oversampling here, not with the renderer's helpers; the
chapters are read with mutagen and their order checked in the raw bytes.
The test leaflet is short so the suite stays quick; the full NICE leaflet
is made once for the module.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

from leaflet.cli import main
from leaflet.core.text import words
from leaflet.media.speech import SAMPLE_RATE
from leaflet.media.speech import audio as mastering
from leaflet.media.speech import script as spoken
from leaflet.reader import read_leaflet
from leaflet.writers import audio
from leaflet.writers.audio import FORMAT as AUDIO
from tests import sound
from tests.conftest import audited, errors_of, small_leaflet

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
SHORT = """\
---
title: Short test leaflet
publisher: NICE
published: 2026-02-03
language: en-GB
isbn: 978-1-4731-9396-3
say:
  NICE: nice
---

This leaflet is short, so that the tests stay quick.

## Before you go

- Bring your letter.
- Bring a list of your medicines.

## Where to find out more

See [the NHS website](https://www.nhs.uk/conditions/) for more.
"""


def decode(path: Path) -> np.ndarray:
    return sound.decode(path.read_bytes())


def seconds(path: Path) -> float:
    return decode(path).size / SAMPLE_RATE


def build(source: Path, out: Path, *options: str) -> int:
    return main(["build", "--source", str(source), "--out", str(out), "--format", "audio", "-q", *options])


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The short leaflet built three times: default, again elsewhere, and at 120 words a minute."""
    base = tmp_path_factory.mktemp("audio")
    source = base / "source"
    (source / "short").mkdir(parents=True)
    (source / "short" / "leaflet.md").write_text(SHORT, encoding="utf-8")
    for out, options in (("out", ()), ("again", ()), ("out", ("--rate", "120"))):
        assert build(source, base / out, *options) == 0
    return {"source": source, "out": base / "out" / "short", "again": base / "again" / "short"}


@pytest.fixture(scope="module")
def nice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nice")
    assert build(NICE.parent, out, NICE.name) == 0
    return out / NICE.name


def _script(folder: Path, rate: int = 150) -> spoken.Script:
    return spoken.build(read_leaflet(folder).leaflet, rate)


def test_files_are_where_the_format_says(short: dict[str, Path]) -> None:
    out = short["out"]
    names = [track.name for track in sorted((out / "short.audio").iterdir())]
    assert names == [
        "01-about-this-recording.mp3",
        "02-introduction.mp3",
        "03-before-you-go.mp3",
        "04-where-to-find-out-more.mp3",
        "05-about-this-leaflet.mp3",
        "playlist.m3u",
    ]
    assert (out / "short.mp3").is_file()
    assert (out / "short.audio-script.txt").read_text(encoding="utf-8") == _script(short["source"] / "short").as_text()


def test_level_is_minus_19_lufs_with_true_peak_under_minus_1(short: dict[str, Path]) -> None:
    samples = decode(short["out"] / "short.mp3")
    assert abs(sound.reference_loudness(samples) - (-19.0)) <= 1.0
    assert sound.reference_true_peak(samples) <= -1.0
    # The build does not decode what it made: eSpeak NG's loss to the encoder is known. Held to it closely.
    assert abs(sound.reference_loudness(samples) - (-19.0)) <= mastering.LOUDNESS_ERROR_LU
    assert sound.reference_true_peak(samples) <= mastering.HEARD_PEAK_DBTP


def test_silence_at_start_and_end(short: dict[str, Path]) -> None:
    samples = decode(short["out"] / "short.mp3")
    edge = int(1.9 * SAMPLE_RATE)
    assert np.abs(samples[:edge]).max() < 0.01
    assert np.abs(samples[-edge:]).max() < 0.01


def test_length_fits_the_words_at_the_rate(short: dict[str, Path]) -> None:
    script = _script(short["source"] / "short")
    pauses = 2 + 2 + 1.5 * (len(script.sections) - 1)
    speaking = seconds(short["out"] / "short.mp3") - pauses
    expected = script.word_count() / 150 * 60
    assert abs(speaking - expected) <= 0.2 * expected


def test_rate_120_is_about_a_quarter_longer_and_keeps_the_default(short: dict[str, Path]) -> None:
    default, slow = seconds(short["out"] / "short.mp3"), seconds(short["out"] / "short.120wpm.mp3")
    assert 1.15 <= slow / default <= 1.35
    assert (short["out"] / "short.120wpm.audio" / "playlist.m3u").is_file()
    assert "Read at 120 words" in (short["out"] / "short.120wpm.audio-script.txt").read_text(encoding="utf-8")
    assert (short["out"] / "short.mp3").read_bytes() == (short["again"] / "short.mp3").read_bytes()


def test_chapters_match_the_sections_in_order(short: dict[str, Path]) -> None:
    path = short["out"] / "short.mp3"
    tags = ID3(path)
    chapters = tags.getall("CHAP")
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == [s.title for s in _script(short["source"] / "short").sections]
    assert titles == [
        "About this recording",
        "Introduction",
        "Before you go",
        "Where to find out more",
        "About this leaflet",  # named for what it holds: no phone number or email to say again
    ]
    starts = [c.start_time for c in chapters]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(c.end_time > c.start_time for c in chapters)
    assert chapters[-1].end_time <= seconds(path) * 1000 + 100
    (toc,) = tags.getall("CTOC")
    assert list(toc.child_element_ids) == [c.element_id for c in chapters]
    # In the bytes themselves, not just as mutagen hands them back: players read them in file order.
    raw = path.read_bytes()
    positions = [raw.find(c.element_id.encode() + b"\0") for c in chapters]
    assert positions == sorted(positions) and -1 not in positions


def test_tags_are_set(short: dict[str, Path]) -> None:
    tags = ID3(short["out"] / "short.mp3")
    assert str(tags["TIT2"]) == "Short test leaflet"
    assert str(tags["TPE1"]) == "NICE"
    assert str(tags["TALB"]) == "Short test leaflet"
    assert str(tags["TDRC"]).startswith("2026")  # ID3v2.3 keeps the year
    assert str(tags.getall("TLAN")[0]) == "eng"
    assert any("978-1-4731-9396-3" in str(c) for c in tags.getall("COMM"))
    track = ID3(short["out"] / "short.audio" / "03-before-you-go.mp3")
    assert str(track["TIT2"]) == "Before you go" and str(track["TRCK"]) == "3/5"


def test_tracks_add_up_to_the_whole_and_the_playlist_lists_them(short: dict[str, Path]) -> None:
    folder = short["out"] / "short.audio"
    tracks = sorted(folder.glob("*.mp3"))
    total = sum(seconds(t) for t in tracks)
    assert abs(total - seconds(short["out"] / "short.mp3")) <= 0.1 * len(tracks)
    playlist = (folder / "playlist.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert [line for line in playlist if not line.startswith("#")] == [t.name for t in tracks]
    chapters = ID3(short["out"] / "short.mp3").getall("CHAP")
    for chapter, track in zip(chapters, tracks, strict=True):
        assert abs((chapter.end_time - chapter.start_time) / 1000 - seconds(track)) < 0.15


def test_same_script_same_bytes(short: dict[str, Path]) -> None:
    """Two builds, each with fresh engine processes, give byte-identical files."""
    made = [p for p in short["out"].rglob("*") if p.is_file() and ".120wpm" not in str(p)]
    audio_files = sorted(p for p in made if p.suffix in {".mp3", ".m3u"} or p.name.endswith(".audio-script.txt"))
    assert len(audio_files) == 8
    for path in audio_files:
        twin = short["again"] / path.relative_to(short["out"])
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_audit_passes_and_notices_a_damaged_file(short: dict[str, Path], tmp_path: Path) -> None:
    leaflet = read_leaflet(short["source"] / "short").leaflet
    assert errors_of(audited("audio", leaflet, short["out"])) == ()
    copy = tmp_path / "short"
    shutil.copytree(short["out"], copy)
    quiet = (decode(copy / "short.mp3") * 0.2 * 32767).astype("<i2").tobytes()
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    (copy / "short.mp3").write_bytes(bytes(encoder.encode(quiet) + encoder.flush()))
    problems = " ".join(errors_of(audited("audio", leaflet, copy)))
    assert "loudness" in problems and "chapters" in problems


def test_the_nice_leaflet(nice: Path) -> None:
    """The real leaflet: the audit (decode, level, chapters, tracks, words) finds nothing; six chapters."""
    leaflet = read_leaflet(NICE).leaflet
    assert errors_of(audited("audio", leaflet, nice)) == ()
    chapters = ID3(nice / f"{NICE.name}.mp3").getall("CHAP")
    assert [str(c.sub_frames["TIT2"]) for c in chapters][2] == "Is this procedure right for me?"
    script = (nice / f"{NICE.name}.audio-script.txt").read_text(encoding="utf-8")
    assert "nice dot org dot U K slash about" in script
    assert len(words(script)) > 800
    # Measured here as well, not only by the renderer's own audit.
    whole = decode(nice / f"{NICE.name}.mp3")
    assert abs(sound.reference_loudness(whole) - (-19.0)) <= mastering.LOUDNESS_ERROR_LU
    assert sound.reference_true_peak(whole) <= mastering.HEARD_PEAK_DBTP
    spoken_words = len(words(script.split("\n", 2)[2]))  # after the script's two header lines
    minutes = (whole.size / SAMPLE_RATE - 4 - 1.5 * (len(chapters) - 1)) / 60
    assert abs(spoken_words / minutes - 150) <= 0.2 * 150
    tracks = sorted((nice / f"{NICE.name}.audio").glob("*.mp3"))
    assert len(tracks) == len(chapters)
    assert abs(sum(seconds(t) for t in tracks) - whole.size / SAMPLE_RATE) < 0.5


def test_script_file_is_what_is_said(short: dict[str, Path]) -> None:
    text = (short["out"] / "short.audio-script.txt").read_text(encoding="utf-8")
    assert "[Chapter 3: Before you go]" in text
    assert "There are 2 points in this list." in text
    assert "N H S dot U K slash conditions" in " ".join(text.split())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_a_bar_on_a_terminal_and_nothing_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """A job run in the user's own process is given a bar on a terminal (``Resources.progress``), else none."""
    from leaflet.pipeline import jobs

    for stderr, drawn in ((_Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stderr)
        progress = jobs.terminal_bar if jobs._shows_progress() else jobs.no_progress
        with progress(3, "speaking") as tick:
            for _ in range(3):
                tick()
        assert ("speaking:" in stderr.getvalue() and "/3" in stderr.getvalue()) is drawn


def test_no_progress_bar_when_not_on_a_terminal(short: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["build", "--source", str(short["source"]), "--out", str(short["out"].parent), "-f", "audio", "-q"])
    assert capsys.readouterr().err == ""


def test_leaflet_voices_lists_the_offline_voices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["voices"]) == 0
    listed = capsys.readouterr().out
    assert "en-gb-x-rp" in listed and "gmw/en-us" in listed
    assert "English (Great Britain)  (for en-GB leaflets with --engine espeak)" in listed


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--rate", "300", "from 80 to 250"),
        ("--rate", "fast", "from 80 to 250"),
        ("--engine", "siri", "neural, espeak, gtts"),
        ("--voice", "klingon", "leaflet voices"),
    ],
)
def test_bad_options_are_exit_2_naming_what_is_allowed(
    short: dict[str, Path], capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    before = {p: p.read_bytes() for p in short["out"].rglob("*") if p.is_file()}
    assert build(short["source"], short["out"].parent, option, value) == 2
    assert message in capsys.readouterr().err
    assert before == {p: p.read_bytes() for p in short["out"].rglob("*") if p.is_file()}


def test_a_chosen_voice_names_its_files(tmp_path: Path) -> None:
    options = audio.FORMAT.parse({"voice": "GMW/en-gb-x-rp", "rate": "140"})
    assert options.voice == "en-gb-x-rp", "a voice is known by its language code, however it was named"
    assert AUDIO.files("x", AUDIO.parse({"voice": "en-gb-x-rp", "rate": "140"}))[0] == "x.en-gb-x-rp.140wpm.mp3"
    assert AUDIO.files("x", AUDIO.parse({"engine": "gtts"})) == (
        "x.gtts.mp3",
        "x.gtts.audio/",
        "x.gtts.audio-script.txt",
    )
    assert AUDIO.files("x", AUDIO.defaults()) == ("x.mp3", "x.audio/", "x.audio-script.txt")


def test_a_stalled_engine_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:

    from leaflet.core.diagnostics import BuildError
    from leaflet.media.speech.engines import offline

    monkeypatch.setattr(offline, "WORKER", [sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(offline, "BASE_LIMIT", 0.5)
    monkeypatch.setattr(offline, "GRACE", 0.5)
    with pytest.raises(BuildError, match="stalled"):
        list(offline.OfflineEngine("gmw/en", 150).synthesise(["Hello."], tmp_path, lambda: None))


def test_tags_read_back_from_memory_too(short: dict[str, Path]) -> None:
    data = (short["out"] / "short.mp3").read_bytes()
    first = ID3(io.BytesIO(data)).getall("CHAP")[0]
    assert str(first.sub_frames["TIT2"]) == "About this recording"


def test_every_rate_is_in_force_before_the_text_is_said(tmp_path: Path) -> None:
    """eSpeak NG queues a rate change; set through pyttsx3's queue it could land mid-text (or
    not at all: 175 and 200 once gave the same length), so one text came out at two speeds."""
    from leaflet.media.speech.engines.offline import WORKER

    text = "Some questions to think about. How many appointments will I need?"
    sizes: dict[int, list[bytes]] = {}
    for rate in (150, 175, 200, 150):
        out = tmp_path / f"{rate}-{len(sizes)}.wav"
        command = [*WORKER, "--voice", "gmw/en", "--rate", str(rate), "--out", str(out), "--timeout", "60"]
        subprocess.run(command, input=text.encode(), check=True, capture_output=True, timeout=120)
        sizes.setdefault(rate, []).append(out.read_bytes())
    assert len(sizes[150][0]) > len(sizes[175][0]) > len(sizes[200][0])
    assert sizes[150][0] == sizes[150][1]


def test_each_text_is_said_from_a_fresh_state_whatever_came_before(tmp_path: Path) -> None:
    """eSpeak NG carries state from text to text; the worker forks a child per text from one untouched
    engine, so a text comes out the same said first, said after another, or by a process of its own."""
    import json

    from leaflet.media.speech.engines.offline import WORKER

    first, second = "How many appointments will I need?", "Some questions to think about. Call 111."
    command = [*WORKER, "--voice", "gmw/en", "--rate", "150", "--folder", str(tmp_path), "--jobs", "1"]
    done = subprocess.run(command, input=json.dumps([first, second, first]).encode(), capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.split() == [b"0", b"1", b"2"]
    alone = tmp_path / "alone.wav"
    command = [*WORKER, "--voice", "gmw/en", "--rate", "150", "--out", str(alone)]
    subprocess.run(command, input=first.encode(), check=True, capture_output=True, timeout=120)
    assert (tmp_path / "000.wav").read_bytes() == (tmp_path / "002.wav").read_bytes() == alone.read_bytes()


def test_a_run_of_texts_is_said_the_same_whatever_came_before_and_however_many_children(tmp_path: Path) -> None:
    """A talking book's sentences of one document are said by one child, one after another: each run comes
    out the same said first or after others, by one child at a time or two; its first text as if alone."""
    import json

    from leaflet.media.speech.engines.offline import WORKER

    first, second = "How many appointments will I need?", "Some questions to think about. Call 111."
    said = {}
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        command = [*WORKER, "--voice", "gmw/en", "--rate", "150", "--folder", str(folder), "--jobs", jobs]
        given = json.dumps([[first, second], second, [first, second]]).encode()
        done = subprocess.run(command, input=given, capture_output=True, timeout=120)
        assert done.returncode == 0 and sorted(done.stdout.split()) == [b"0", b"1", b"2", b"3", b"4"]
        said[jobs] = [(folder / f"{n:03d}.wav").read_bytes() for n in range(5)]
    assert said["1"] == said["2"]
    wavs = said["1"]
    assert wavs[0] == wavs[3] and wavs[1] == wavs[4]  # each run the same, wherever it came
    alone = tmp_path / "alone.wav"
    command = [*WORKER, "--voice", "gmw/en", "--rate", "150", "--out", str(alone)]
    subprocess.run(command, input=first.encode(), check=True, capture_output=True, timeout=120)
    assert wavs[0] == alone.read_bytes()
    assert wavs[2] != wavs[4]  # the second text said alone and said after the first: eSpeak NG's state


def test_a_voice_in_another_language_than_the_leaflet_warns(tmp_path: Path) -> None:
    """Defect 12 of issue 11: an English leaflet read by a Welsh voice said nothing."""
    leaflet = small_leaflet(tmp_path)
    rendered = audio.FORMAT.write(leaflet, audio.FORMAT.parse({"voice": "cy"}))
    assert [w.code for w in rendered.warnings] == ["voice-language"]
    assert "en-GB" in rendered.warnings[0].message and "'cy'" in rendered.warnings[0].message
    from leaflet.media.speech.options import voice_language_warning

    assert voice_language_warning(leaflet, audio.FORMAT.parse({"voice": "en-gb-x-rp"})) is None


def _worker_with(child: str, texts: list[str], timeout: float, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The eSpeak worker's loop with a stand-in for eSpeak NG: ``child`` is the body of each forked child,
    given ``said`` (its texts' numbers, texts and files)."""

    program = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from leaflet.media.speech.engines import espeak_worker as w\n"
        "w.start = lambda voice, language: (None, 22050)\n"
        "def child(espeak, said, rate, sample_rate):\n"
        f"    {child}\n"
        "    os._exit(0)\n"
        "w._child = child\n"
        f"texts = {texts!r}\n"
        "outs = [Path(f'{n}.wav') for n in range(len(texts))]\n"
        f"sys.exit(w.say_all(texts, outs, None, 'en-GB', 150, 1, {timeout}, [range(n, n + 1) for n in range(len(texts))]))\n"
    )
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_the_worker_ends_a_child_that_never_finishes_with_its_own_status(tmp_path: Path) -> None:
    """A child past its deadline is ended, and the worker exits with STALLED naming the text (the build then
    says 'stalled' with that line)."""
    from leaflet.media.speech.engines.espeak_worker import STALLED

    hangs = "[time.sleep(60) for n, text, out in said if text == 'Never ends.']; print(said[0][0], flush=True)"
    done = _worker_with(hangs, ["Quick.", "Never ends."], 0.5, tmp_path)
    assert done.returncode == STALLED
    assert "text 1 ('Never ends.') not said within its time limit" in done.stderr
    assert done.stdout.split() == ["0"]


def test_the_worker_starts_the_next_child_as_soon_as_one_ends(tmp_path: Path) -> None:
    """Each child's end wakes the worker at once (a signal, not a deadline): 20 quick children with a 30 s
    limit each are done long before one limit has passed (were an end missed, the worker would sleep to
    the deadline, and this run would pass its 60 s timeout)."""
    quick = "print(said[0][0], flush=True)"
    done = _worker_with(quick, [f"Text {n}." for n in range(20)], 30.0, tmp_path)
    assert done.returncode == 0 and done.stdout.split() == [str(n) for n in range(20)]


@pytest.mark.parametrize("writer", ["audio", "epub"])
def test_a_recording_off_its_level_is_a_warning_in_both_spoken_formats(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the recording says of its level (``Recording.level_problem``) reaches the build as a warning."""
    import dataclasses

    from leaflet.writers import epub

    real = mastering.speak
    monkeypatch.setattr(mastering, "speak", lambda *a, **k: dataclasses.replace(real(*a, **k), loudness=-20.4))
    leaflet = small_leaflet(tmp_path)
    module = audio if writer == "audio" else epub
    (warning,) = module.FORMAT.write(leaflet, module.FORMAT.parse({})).warnings
    assert warning.code == "audio-level" and "about -20.4 LUFS" in warning.message


def test_a_child_that_fails_is_named_by_its_own_text_with_its_reason(tmp_path: Path) -> None:
    """The worker's last line names the text that failed (in a run, its first), and the build's error puts
    the child's reason beside it: with documents said side by side, the first file still missing may be
    another run's."""
    import io

    from leaflet.core.diagnostics import BuildError
    from leaflet.media.speech.engines import offline

    fails = (
        "[(print('eSpeak NG said nothing', file=sys.stderr, flush=True), os._exit(1)) "
        "for n, text, out in said if text == 'Broken.']; print(said[0][0], flush=True)"
    )
    done = _worker_with(fails, ["Fine.", "Broken."], 30.0, tmp_path)
    assert done.returncode == 1 and done.stderr.splitlines()[-2:] == [
        "eSpeak NG said nothing",
        "text 1 ('Broken.') failed",
    ]

    class Ended:
        stderr = io.BytesIO(done.stderr.encode())

    with pytest.raises(BuildError) as raised:
        offline._failed(Ended(), 1, "Fine.", 60.0)  # type: ignore[arg-type]
    assert str(raised.value) == "eSpeak NG: text 1 ('Broken.') failed (eSpeak NG said nothing)"
