"""The voices ``--voice`` takes: every offline voice, by its language code, and those offered to patients.

A voice is named by its language code as file names carry it ('en-gb-x-rp'); eSpeak NG's own id
('gmw/en-gb-x-rp') is taken too and means the same voice.
"""

from __future__ import annotations

# The voices the request page offers, in its order: (voice, what a patient hears).
OFFERED: tuple[tuple[str, str], ...] = (
    ("en-gb-x-rp", "English, southern England"),
    ("en-gb-scotland", "English, Scotland"),
    ("en-gb-x-gbclan", "English, Lancashire"),
    ("en-gb-x-gbcwmd", "English, West Midlands"),
    ("en-us", "English, America"),
)


def choices() -> tuple[tuple[str, str], ...]:
    """Every voice: (its language code, its name)."""
    from leaflet.media.speech.engines.offline import voices

    return tuple((voice.short, voice.name) for voice in voices())


def canonical(name: str) -> str | None:
    """The language code of the voice ``name`` names (by id or by code), or None when there is none."""
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(name)
    return None if voice is None else voice.short


def engine_voice(name: str) -> str:
    """The offline engine's own id for the voice ``name`` ('en-gb-x-rp' -> 'gmw/en-gb-x-rp')."""
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(name)
    assert voice is not None, f"{name!r} was checked when the options were parsed"
    return voice.id
