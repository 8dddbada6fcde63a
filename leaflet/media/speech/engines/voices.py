"""The natural voice's British voices, by the plain names ``--voice`` takes.

Kokoro-82M v1.0's eight British English voices (Apache-2.0, by hexgrad),
from the npm package kokoro-js; ``female`` and ``male`` name the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NaturalVoice:
    name: str  # as --voice takes it and file names carry it: 'george'
    id: str  # the style file: 'bm_george'
    description: str


VOICES = (
    NaturalVoice("emma", "bf_emma", "British English, female (the default)"),
    NaturalVoice("george", "bm_george", "British English, male (the male default)"),
    NaturalVoice("alice", "bf_alice", "British English, female"),
    NaturalVoice("isabella", "bf_isabella", "British English, female"),
    NaturalVoice("lily", "bf_lily", "British English, female"),
    NaturalVoice("daniel", "bm_daniel", "British English, male"),
    NaturalVoice("fable", "bm_fable", "British English, male"),
    NaturalVoice("lewis", "bm_lewis", "British English, male"),
)
DEFAULT = VOICES[0]
DEFAULTS = {"female": VOICES[0], "male": VOICES[1]}
LANGUAGE = "en"  # what the natural voice speaks (its British front end reads English only)


def find(name: str) -> NaturalVoice | None:
    """The voice ``name`` names: 'george', 'bm_george', 'male'; or None."""
    wanted = name.strip().lower()
    if wanted in DEFAULTS:
        return DEFAULTS[wanted]
    return next((v for v in VOICES if wanted in (v.name, v.id)), None)


def speaks(language: str) -> bool:
    """Whether the natural voice reads a leaflet in ``language`` ('en-GB': yes; 'cy': no)."""
    return language.split("-")[0].lower() == LANGUAGE


def credit(voice_id: str | None) -> str:
    """The colophon's credit for a recording in the natural voice ``voice_id`` (None: the default), with the
    licences of what made it."""
    voice = next((v for v in VOICES if v.id == voice_id), DEFAULT)
    return (  # said aloud too: words a listener can follow (no user names, no '2.0')
        f"Read by a computer voice, {voice.name.capitalize()}: the Kokoro speech model and voices by hexgrad "
        "(Apache License, version 2), as exported by the kokoro onnx project (MIT License), with British "
        "pronunciation from hibari (Apache License, version 2)."
    )


def narrator(engine: str, voice_id: str | None) -> str:
    """Who reads a talking book, as its metadata says (``media:narrator``)."""
    if engine == "neural":
        voice = next((v for v in VOICES if v.id == voice_id), DEFAULT)
        return (
            f"Kokoro-82M, British voice {voice.name.capitalize()} (synthetic speech; model and voices Apache-2.0, "
            "ONNX export MIT, pronunciation by hibari-tts Apache-2.0)"
        )
    if engine == "gtts":
        return "Google Text-to-Speech (synthetic speech)"
    return "eSpeak NG (synthetic speech)"
