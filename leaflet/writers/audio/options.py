"""What the audio takes (the speech options) and what it writes: the MP3, its tracks, the spoken script."""

from __future__ import annotations

from leaflet.media.speech.options import SpeechOptions as Options

__all__ = ["PLAYLIST", "Options", "files", "track_name"]

PLAYLIST = "playlist.m3u"


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """The whole MP3, the folder of tracks (and playlist), and the spoken script; a variant names its speech."""
    base = leaflet_id + options.suffix
    return f"{base}.mp3", f"{base}.audio/", f"{base}.audio-script.txt"


def track_name(number: int, slug: str) -> str:
    """A section's track in the folder: '03-how-the-procedure-works.mp3'."""
    return f"{number:02d}-{slug}.mp3"
