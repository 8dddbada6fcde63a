"""Spoken audio (format ``audio``): a navigable MP3, one track per section, and the spoken script.

Writes, in ``outputs/<id>/``:

- ``<id>.mp3``: the whole recording; mono, constant bit rate, -19 LUFS,
  true peak at most -1 dBTP, ID3 tags and one chapter per section;
- ``<id>.audio/NN-section-slug.mp3`` and ``<id>.audio/playlist.m3u``: a
  track per section, for players without chapters;
- ``<id>.audio-script.txt``: exactly what is said, for the team to read.

A personal variant (another engine, voice or rate) carries them in its
names, ``<id>.en-us.120wpm.mp3``, and never replaces the default files.
Everything is made in memory and returned as bytes; the build writes it.
The writer is ``writer``; its audit decodes and measures the files with ffmpeg (``leaflet/checks/audio.py``).
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.audio.options import Options, files
from leaflet.writers.contract import Format, Output, Resources


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.audio.writer import write  # numpy and the speech engines only when asked for

    return write(leaflet, options, resources)


FORMAT = Format(
    name="audio",
    summary="spoken audio: MP3 with a chapter per section, a track per section, and the spoken script",
    label="Audio",
    description="An MP3 to listen to. It takes about a minute to make.",
    readers="blind listeners, people who cannot read print, people who would rather listen",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.audio",
)
