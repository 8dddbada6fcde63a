"""The audio's audit: decode what was written (miniaudio, not LAME) and measure it.

What a careful reviewer would check: the script is current and says every
word; the MP3 is at -19 LUFS (within 1 LU) with true peak at most -1 dBTP;
its length fits the words at the rate; it has one chapter per section, in
order, inside the file; its tags are set; the tracks and the playlist match
the chapters and add up to the whole.

Loudness and true peak are measured by ffmpeg's ``ebur128`` filter (ITU-R
BS.1770 with its own decoder and oversampling), not by the code in
``leaflet.media.speech`` that set them (``loudness``, ``limiter``), so a mistake
there cannot hide itself. ``make`` installs ffmpeg.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from pathlib import Path

from mutagen.id3 import ID3, ID3NoHeaderError

from leaflet.checks import error, from_problems, note
from leaflet.core.diagnostics import BuildError, Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import first_missing_word, words
from leaflet.media.speech import DEFAULT_RATE, SAMPLE_RATE, pause_seconds
from leaflet.media.speech import script as spoken
from leaflet.media.speech.audio import MAX_TRUE_PEAK_DBTP, TARGET_LUFS
from leaflet.media.speech.mp3 import decode_mp3
from leaflet.media.speech.options import SpeechOptions
from leaflet.media.speech.tags import read_chapters
from leaflet.writers.audio.options import PLAYLIST, track_name

LOUDNESS_TOLERANCE = 1.0  # LU
PACE_TOLERANCE = 0.2  # the length may differ from words / rate by this fraction
TRACK_SLACK = 0.1  # seconds each track's MP3 may add (encoder delay and padding)


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    mp3, folder, script_file = files
    missing = [p for p in (mp3, folder / PLAYLIST, script_file) if not p.exists()]
    if missing:
        return (error(missing[0], "not-built", f"not built yet; run 'leaflet build {leaflet.meta.id} --format audio'"),)
    default = SpeechOptions()  # the default files' engine and voice
    neural = default.spoken_by(leaflet.meta.language) == "neural"
    script = spoken.build(leaflet, DEFAULT_RATE, neural=neural, credit=default.credit(leaflet.meta.language))
    problems = _script_problems(leaflet, script, script_file, neural)
    data = mp3.read_bytes()
    samples = decode_mp3(data)
    seconds = samples.size / SAMPLE_RATE
    level, peak = measure_loudness(mp3)
    problems += _level_problems(mp3, level, peak)
    problems += _pace_problems(mp3, script, seconds)
    problems += _chapter_problems(mp3, data, script, seconds)
    problems += _tag_problems(mp3, data, leaflet)
    tracks = [track_name(n, s.slug) for n, s in enumerate(script.sections, start=1)]
    problems += _track_problems(folder, tracks, seconds)
    summary = (
        f"{len(script.sections)} chapters and tracks, {minutes_and_seconds(seconds)}, "
        f"{level:.1f} LUFS, true peak {peak:.1f} dBTP, {script.word_count()} words spoken"
    )
    return (*from_problems(mp3, "audio", problems), note(mp3, "audio", summary))


def minutes_and_seconds(seconds: float) -> str:
    """'7 min 0 s' for 419.6 seconds: rounded to the second first, so never '6 min 60 s'."""
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60} s"


_MEASURED = re.compile(r"^\s*(I|Peak):\s*(-?(?:\d+(?:\.\d+)?|inf))\s*(?:LUFS|dBFS)\s*$", re.MULTILINE)


def measure_loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of ``path``, as ffmpeg's ebur128 filter measures them."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise BuildError("the audio audit measures loudness with ffmpeg, which is not installed; run: make system-deps")
    command = [ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-i", str(path)]
    command += ["-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    found = dict(_MEASURED.findall(result.stderr))
    if result.returncode != 0 or not {"I", "Peak"} <= found.keys():
        raise BuildError(f"ffmpeg could not measure {path}: {result.stderr.strip()[-300:]}")
    return float(found["I"]), float(found["Peak"])


def _script_problems(leaflet: Leaflet, script: spoken.Script, path: Path, neural: bool) -> list[str]:
    problems = []
    if path.read_text(encoding="utf-8") != script.as_text():
        problems.append(f"{path} is not the current script; the source has changed since the audio was built")
    missing = first_missing_word(spoken.said_words(leaflet, neural=neural), words(script.as_text()))
    if missing is not None:
        problems.append(f"{path}: the source's words are not all said in order; first missing: {missing!r}")
    return problems


def _level_problems(path: Path, level: float, peak: float) -> list[str]:
    problems = []
    if not math.isfinite(level) or abs(level - TARGET_LUFS) > LOUDNESS_TOLERANCE:
        problems.append(f"{path}: loudness {level:.1f} LUFS; it should be {TARGET_LUFS:.0f} LUFS (within 1 LU)")
    if peak > MAX_TRUE_PEAK_DBTP:
        problems.append(f"{path}: true peak {peak:.2f} dBTP; it should be at most {MAX_TRUE_PEAK_DBTP:.0f} dBTP")
    return problems


def _pace_problems(path: Path, script: spoken.Script, seconds: float) -> list[str]:

    pauses = pause_seconds(len(script.sections))
    expected = script.word_count() / script.rate * 60
    speaking = seconds - pauses
    if abs(speaking - expected) > PACE_TOLERANCE * expected:
        pace = script.word_count() / speaking * 60 if speaking > 0 else 0
        return [f"{path}: speech lasts {speaking:.0f} s, {pace:.0f} words a minute; {script.rate} was asked for"]
    return []


def _chapter_problems(path: Path, data: bytes, script: spoken.Script, seconds: float) -> list[str]:
    chapters = read_chapters(data)
    titles = [c.title for c in chapters]
    wanted = [s.title for s in script.sections]
    problems = []
    if titles != wanted:
        problems.append(f"{path}: chapters {titles} do not match the sections {wanted}")
    starts = [c.start_ms for c in chapters]
    if starts != sorted(set(starts)) or any(c.end_ms <= c.start_ms for c in chapters):
        problems.append(f"{path}: chapter times are not in order: {starts}")
    if chapters and (chapters[-1].end_ms > seconds * 1000 + 500 or starts[0] != 0):
        problems.append(f"{path}: chapters run from {starts[0]} to {chapters[-1].end_ms} ms in a {seconds:.1f} s file")
    return problems


def _tag_problems(path: Path, data: bytes, leaflet: Leaflet) -> list[str]:
    try:
        tags = ID3(io.BytesIO(data))
    except ID3NoHeaderError:
        return [f"{path}: no ID3 tag"]
    meta = leaflet.meta
    wanted = {"TIT2": meta.title, "TPE1": meta.publisher, "TALB": meta.title, "TDRC": meta.published.isoformat()}
    problems = [
        f"{path}: tag {frame} is {str(tags.get(frame, ''))!r}, not {value!r}"
        for frame, value in wanted.items()
        if str(tags.get(frame, "")) != value
    ]
    if not tags.getall("TLAN"):
        problems.append(f"{path}: no language tag (TLAN)")
    return problems


def _track_problems(folder: Path, files: list[str], seconds: float) -> list[str]:
    problems = []
    listed = [line for line in (folder / PLAYLIST).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    if listed != files:
        problems.append(f"{folder / PLAYLIST} lists {listed}, not the tracks {files}")
    present = sorted(p.name for p in folder.glob("*.mp3"))
    if present != sorted(files):
        problems.append(f"{folder} holds {present}, not the tracks {files}")
        return problems
    total = sum(decode_mp3((folder / name).read_bytes()).size for name in files) / SAMPLE_RATE
    if abs(total - seconds) > TRACK_SLACK * len(files):
        problems.append(f"{folder}: the tracks last {total:.1f} s together; the whole lasts {seconds:.1f} s")
    return problems
