"""The voices ``--voice`` takes, and those offered to patients.

The natural British voices by their plain names ('george'; 'male' and 'female' name the defaults), then
every eSpeak NG voice by its language code as file names carry it ('en-gb-x-rp'); eSpeak NG's own id
('gmw/en-gb-x-rp') is taken too and means the same voice.
"""

from __future__ import annotations

from leaflet.media.speech.engines import voices as natural

# The voices the request page offers besides the usual one, in its order: (voice, what a patient hears).
OFFERED: tuple[tuple[str, str], ...] = (
    ("george", "George: a natural British man's voice"),
    ("lily", "Lily: a natural British woman's voice"),
    ("daniel", "Daniel: a natural British man's voice"),
    ("en-gb-x-rp", "Quick computer voice (eSpeak NG), English, southern England"),
    ("en-gb-scotland", "Quick computer voice (eSpeak NG), English, Scotland"),
    ("en-us", "Quick computer voice (eSpeak NG), English, America"),
)


def choices() -> tuple[tuple[str, str], ...]:
    """Every voice: (its name as --voice takes it, what it is)."""
    from leaflet.media.speech.engines.offline import voices

    return tuple((v.name, v.description) for v in natural.VOICES) + tuple(
        (voice.short, voice.name) for voice in voices()
    )


def canonical(name: str) -> str | None:
    """The name files carry for the voice ``name`` names ('male' -> 'george', 'gmw/en-us' -> 'en-us'), or
    None when there is none."""
    found = natural.find(name)
    if found is not None:
        return found.name
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(name)
    return None if voice is None else voice.short


def is_natural(name: str) -> bool:
    """Whether the (canonical) voice ``name`` is one of the natural voice's."""
    return natural.find(name) is not None


def engine_voice(name: str) -> str:
    """The engine's own id for the voice ``name`` ('george' -> 'bm_george', 'en-gb-x-rp' -> 'gmw/en-gb-x-rp')."""
    found = natural.find(name)
    if found is not None:
        return found.id
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(name)
    assert voice is not None, f"{name!r} was checked when the options were parsed"
    return voice.id
