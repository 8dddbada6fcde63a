"""The audio writer: the spoken script said, mastered, encoded, tagged, cut into tracks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leaflet.core.model import Leaflet
from leaflet.media.speech import SAMPLE_RATE, milliseconds
from leaflet.media.speech import script as spoken
from leaflet.media.speech.options import speech_warnings
from leaflet.writers.audio.options import PLAYLIST, Options, files, track_name
from leaflet.writers.contract import Output, OutputFile, Resources

if TYPE_CHECKING:
    from leaflet.media.speech.audio import Recording
    from leaflet.media.speech.tags import Info


def write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    """The MP3, its tracks and playlist, and the script, as bytes; the speech on ``resources.cores`` cores."""
    language = leaflet.meta.language
    neural = options.spoken_by(language) == "neural"
    script = spoken.build(leaflet, options.rate, neural=neural, credit=options.credit(language))
    engine = options.engine_for(language, resources.cores)
    sections = script.sections
    with resources.progress(2 * len(sections), f"{leaflet.meta.id}: speaking and encoding") as tick:
        from leaflet.media.speech.audio import speak  # numpy: only when there is audio to make

        recording = speak(engine, [s.text for s in sections], tick)
    warnings = speech_warnings(leaflet, options, recording.level_problem())
    lengths = [n / SAMPLE_RATE for n in recording.lengths()]
    whole = _whole(leaflet, script, recording)
    tracks = _tracks(leaflet, script, list(recording.tracks))
    del recording  # each track's untagged frames go as its tagged copy is made: the MP3s are held twice at most
    made = _files(files(leaflet.meta.id, options), script, whole, tracks, lengths)
    return Output(made, warnings)


def _info(leaflet: Leaflet, title: str, track: str | None = None) -> Info:
    from leaflet.media.speech.tags import Info

    meta = leaflet.meta
    return Info(
        title, meta.publisher, meta.title, meta.published.isoformat(), meta.language, meta.isbn, meta.url, track
    )


def _whole(leaflet: Leaflet, script: spoken.Script, recording: Recording) -> bytes:
    """The tracks' frames one after another, each chapter exactly where its track starts."""
    from leaflet.media.speech.tags import Chapter, header

    starts = [*recording.starts(), sum(recording.lengths())]
    chapters = [
        Chapter(section.title, milliseconds(starts[n]), milliseconds(starts[n + 1]))
        for n, section in enumerate(script.sections)
    ]
    return b"".join([header(_info(leaflet, leaflet.meta.title), chapters), *recording.tracks])


def _tracks(leaflet: Leaflet, script: spoken.Script, frames: list[bytes]) -> list[bytes]:
    """Each track's frames with its own tag in front (replacing the untagged frames in ``frames``)."""
    from leaflet.media.speech.tags import header

    total = len(script.sections)
    for number, section in enumerate(script.sections, start=1):
        frames[number - 1] = header(_info(leaflet, section.title, f"{number}/{total}")) + frames[number - 1]
    return frames


def _files(
    names: tuple[str, ...],
    script: spoken.Script,
    whole: bytes,
    tracks: Sequence[bytes],
    lengths: Sequence[float],
) -> tuple[OutputFile, ...]:
    """The tracks and playlist in their folder, then the whole MP3 and the script."""
    mp3, folder, script_file = names
    track_files = [track_name(n, s.slug) for n, s in enumerate(script.sections, start=1)]
    made = [OutputFile(folder + name, data) for name, data in zip(track_files, tracks, strict=True)]
    made.append(OutputFile(folder + PLAYLIST, _playlist(script, track_files, lengths).encode("utf-8")))
    made.append(OutputFile(mp3, whole))
    made.append(OutputFile(script_file, script.as_text().encode("utf-8")))
    return tuple(made)


def _playlist(script: spoken.Script, files: Sequence[str], lengths: Sequence[float]) -> str:
    """An extended M3U of the tracks in order, each with its length in seconds and its title."""
    lines = ["#EXTM3U", f"#PLAYLIST:{script.title}"]
    for name, section, seconds in zip(files, script.sections, lengths, strict=True):
        lines += [f"#EXTINF:{round(seconds)},{section.title}", name]
    return "\n".join(lines) + "\n"
