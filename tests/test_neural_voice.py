"""The natural voice (engine 'neural', Kokoro-82M with a British voice), for real, on short texts.

The rest of the suite says its default files with eSpeak NG (conftest sets
``$LEAFLET_SPEECH_ENGINE``); these tests unset it where they test the natural
voice itself, so what they build is what ``make`` builds. One short leaflet
is said twice without a cache, on one core and on two, and the bytes must
be the same; the two-core build is heard by Whisper base and read back by
the audio audit; the talking book made after it says only what the MP3 did
not; a one-sentence edit says one sentence.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leaflet.cli import main
from leaflet.core.diagnostics import OptionError
from leaflet.media.speech import voicefiles
from leaflet.media.speech.clips import ClipCache
from leaflet.media.speech.engines import neural
from leaflet.media.speech.say import Lexicon
from leaflet.reader import read_leaflet
from leaflet.writers.registry import format_named
from tests.conftest import small_leaflet

LEAFLET = """---
title: Looking after your wound
publisher: Test Hospital NHS Trust
published: 2026-02-10
say:
  NHS: N H S
  dressing:
    espeak: dress sing
---

Keep the dressing clean and dry for 2 days. After that, you can have a shower.
Pat the wound dry with a clean towel. Do not use creams or powders on it unless
your nurse tells you to. It is normal for the wound to feel a little sore for a
few days.

## Getting help

Call the ward on [0300 123 1234](tel:03001231234) from 9am to 5pm. In an emergency, call 999.
"""


@pytest.fixture
def natural(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default engine as shipped: the natural voice."""
    monkeypatch.delenv("LEAFLET_SPEECH_ENGINE", raising=False)


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The leaflet's audio said twice from nothing: on two cores into an empty clip cache (``two``; the cache is
    ``cache``), and on one core with no cache at all (``one``)."""
    base = tmp_path_factory.mktemp("natural")
    source = base / "source"
    (source / "wound").mkdir(parents=True)
    (source / "wound" / "leaflet.md").write_text(LEAFLET, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LEAFLET_SPEECH_ENGINE", raising=False)
        patch.setenv("LEAFLET_CACHE", str(base / "cache"))
        for jobs in ("2", "1"):
            if jobs == "1":
                patch.setenv("LEAFLET_SPEECH_CACHE_MB", "0")
            args = ["build", "--source", str(source), "--out", str(base / jobs), "-f", "audio", "-q", "-j", jobs]
            assert main(args) == 0
    yield {"source": source, "two": base / "2" / "wound", "one": base / "1" / "wound", "cache": base / "cache"}


def test_the_same_bytes_on_one_core_and_on_two(said: dict[str, Path]) -> None:
    """onnxruntime on one thread a clip, clips side by side in processes: the core count changes nothing."""
    two = {p.relative_to(said["two"]): p.read_bytes() for p in said["two"].rglob("*") if p.is_file()}
    one = {p.relative_to(said["one"]): p.read_bytes() for p in said["one"].rglob("*") if p.is_file()}
    assert two.keys() == one.keys() and Path("wound.mp3") in two
    assert [name for name in two if two[name] != one[name]] == []


def test_whisper_hears_the_script(said: dict[str, Path]) -> None:
    """A listening machine (Whisper base, from the package indexes) hears the natural voice's MP3 with a word
    error rate of at most 3% against its script, numbers compared as words."""
    from leaflet.checks.listening import MAX_WORD_ERROR_RATE, listen

    heard = listen(said["two"] / "wound.mp3", (said["two"] / "wound.audio-script.txt").read_text(encoding="utf-8"))
    assert heard.words > 100
    assert heard.rate <= MAX_WORD_ERROR_RATE, heard.text


def test_the_audio_audit_passes_the_natural_voice(
    said: dict[str, Path], natural: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Level, true peak, pace at 150 words a minute, chapters, tags: ffmpeg and miniaudio read it back."""
    status = main(["check", "wound", "--source", str(said["source"]), "--out", str(said["two"].parent)])
    out = capsys.readouterr().out
    audio = out[out.index("audio:") :].splitlines()
    assert audio[0].strip() == "audio: ok", out
    assert status in (0, 1)  # other formats are not built here; the audio's own lines are what count


def test_the_script_gives_the_natural_voice_its_own_say_forms(said: dict[str, Path]) -> None:
    script = (said["two"] / "wound.audio-script.txt").read_text(encoding="utf-8")
    assert "dressing" in script and "dress sing" not in script and "N H S" in script


def test_the_talking_book_says_only_what_the_mp3_did_not(
    said: dict[str, Path], natural: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Made once, used twice: the MP3 built again says nothing; the talking book says only the sentences the MP3
    did not (its headings); a one-sentence edit then says that sentence alone."""
    monkeypatch.setenv("LEAFLET_CACHE", str(said["cache"]))
    spoken: list[str] = []
    real_say = neural._Workers.say

    def recording(self, texts, voice, speed, clips):
        spoken.extend(texts.values())
        return real_say(self, texts, voice, speed, clips)

    monkeypatch.setattr(neural._Workers, "say", recording)
    out = tmp_path / "out"
    assert main(["build", "--source", str(said["source"]), "--out", str(out), "-f", "audio", "-q"]) == 0
    assert spoken == []
    assert (out / "wound" / "wound.mp3").read_bytes() == (said["two"] / "wound.mp3").read_bytes()
    assert main(["build", "--source", str(said["source"]), "--out", str(out), "-f", "epub", "-q"]) == 0
    body = ["Keep the dressing clean and dry for 2 days.", "After that, you can have a shower."]
    assert spoken and not set(body) & set(spoken), spoken  # the headings are said differently; the body is not
    source = said["source"] / "wound" / "leaflet.md"
    source.write_text(LEAFLET.replace("have a shower.", "have a shower or a bath."), encoding="utf-8")
    try:
        spoken.clear()
        assert main(["build", "--source", str(said["source"]), "--out", str(out), "-f", "epub", "-q"]) == 0
        assert spoken == ["After that, you can have a shower or a bath."]
    finally:
        source.write_text(LEAFLET, encoding="utf-8")


def test_a_missing_or_damaged_model_is_one_error_naming_the_fix(
    natural: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never a silent fall back to another voice: nothing is written."""
    (tmp_path / "source").mkdir()
    leaflet = small_leaflet(tmp_path / "source")
    damaged = tmp_path / "damaged.onnx"
    damaged.write_bytes(b"not a model")
    for model, word in ((tmp_path / "nowhere.onnx", "is missing"), (damaged, "is damaged")):
        monkeypatch.setenv("LEAFLET_VOICE_MODEL", str(model))
        out = tmp_path / "out"
        args = ["build", "--source", str(tmp_path / "source"), "--out", str(out), "-f", "audio", "-q"]
        assert main(args) == 1
        err = capsys.readouterr().err
        assert f"the natural voice's model {word}" in err and "make voice" in err and "Traceback" not in err
        assert not list(out.rglob("*.mp3")), "no file from another voice"
    assert leaflet.meta.id == "short"


def test_the_installed_files_are_the_pinned_ones() -> None:
    """What make voice installed is what the publisher checks for (and would refuse otherwise)."""
    path, digest = voicefiles.model()
    assert digest == voicefiles.MODEL_SHA256 and path.stat().st_size > 80_000_000
    for name in voicefiles.VOICE_SHA256:
        assert voicefiles.voice(name).stat().st_size == 510 * 256 * 4
    assert (voicefiles.whisper() / "model.bin").is_file()


def test_an_operator_may_name_another_model_file_with_its_digest(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, _ = voicefiles.model()
    copy = tmp_path / "official.onnx"
    copy.symlink_to(path)
    monkeypatch.setenv("LEAFLET_VOICE_MODEL", str(copy))
    assert voicefiles.model() == (copy, voicefiles.MODEL_SHA256)
    monkeypatch.setenv("LEAFLET_VOICE_MODEL_SHA256", "0" * 64)
    with pytest.raises(Exception, match="damaged"):
        voicefiles.model()


def test_a_leaflet_the_natural_voice_cannot_speak_is_read_by_espeak_with_a_warning(
    natural: None, tmp_path: Path
) -> None:
    folder = tmp_path / "cy"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        "---\ntitle: Gofal\npublisher: GIG\npublished: 2026-01-01\nlanguage: cy\n---\n\nCadwch y rhwymyn yn sych.\n",
        encoding="utf-8",
    )
    leaflet = read_leaflet(folder).leaflet
    audio = format_named("audio")
    made = audio.write(leaflet, audio.parse({}))
    (warning,) = made.warnings
    assert warning.code == "voice-language" and "speaks English only" in warning.message and "'cy'" in warning.message
    assert {f.name for f in made.files} >= {"cy.mp3", "cy.audio-script.txt"}


@pytest.mark.parametrize(
    ("values", "engine", "voice", "suffix"),
    [
        ({}, "neural", None, ""),
        ({"voice": "george"}, "neural", "george", ".george"),
        ({"voice": "male"}, "neural", "george", ".george"),
        ({"voice": "bf_lily", "rate": "120"}, "neural", "lily", ".lily.120wpm"),
        ({"engine": "espeak"}, "espeak", None, ".espeak"),
        ({"engine": "offline"}, "espeak", None, ".espeak"),  # the old name
        ({"voice": "en-us"}, "espeak", "en-us", ".espeak.en-us"),
        ({"voice": "gmw/en-us"}, "espeak", "en-us", ".espeak.en-us"),
        ({"engine": "gtts"}, "gtts", None, ".gtts"),
    ],
)
def test_speech_options(natural: None, values: dict[str, str], engine: str, voice: str | None, suffix: str) -> None:
    options = format_named("audio").parse(values)
    assert (options.engine, options.voice, options.suffix) == (engine, voice, suffix)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"engine": "espeak", "voice": "george"}, "is a natural voice"),
        ({"engine": "neural", "voice": "en-us"}, "is an eSpeak NG voice; write --engine espeak"),
        ({"voice": "geroge"}, "a natural voice (emma, george,"),
        ({"engine": "siri"}, "choose one of: neural, espeak, gtts"),
    ],
)
def test_speech_options_refused(natural: None, values: dict[str, str], message: str) -> None:
    with pytest.raises(OptionError, match=message.replace("(", r"\(")):
        format_named("epub").parse(values)


def test_variant_file_names(natural: None) -> None:
    audio, epub = format_named("audio"), format_named("epub")
    assert audio.files("x", audio.parse({"voice": "george"}))[0] == "x.george.mp3"
    assert epub.files("x", epub.parse({"engine": "espeak", "voice": "en-us"})) == ("x.espeak.en-us.epub",)
    assert audio.files("x", audio.defaults()) == ("x.mp3", "x.audio/", "x.audio-script.txt")


def test_leaflet_voices_lists_every_voice_with_its_engine() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "leaflet", "voices"], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()
    natural_rows = [line.split()[:3] for line in listed if line.startswith("neural")]
    assert natural_rows[:2] == [["neural", "emma", "bf_emma"], ["neural", "george", "bm_george"]]
    assert len(natural_rows) == 8
    assert any(line.split()[:2] == ["espeak", "en-gb-x-rp"] for line in listed)


def test_ipa_in_the_lexicon_reaches_the_natural_voice_as_phonemes() -> None:
    from leaflet.core.model import Pronunciation
    from leaflet.media.speech.engines.neural_worker import Voice

    lexicon = Lexicon((Pronunciation("stent", "stent", 1, "/stˈɛnt/"), Pronunciation("NICE", "nice", 2)), neural=True)
    said = lexicon.say("A stent, from NICE.")
    assert said == "A [stent](/stˈɛnt/), from nice."
    assert Lexicon(lexicon.entries).say("A stent.") == "A stent."  # eSpeak NG's form
    path, _ = voicefiles.model()
    phonemes = Voice(path).phonemes(Lexicon((Pronunciation("stent", "x", 1, "/steɪnt/"),), neural=True).say("stent"))
    assert "stAnt" in phonemes  # the IPA's 'eɪ' is Kokoro's 'A', and the lexicon's own reading is not used


def test_the_credits_names_are_said_as_their_makers_say_them_by_the_natural_voice_only() -> None:
    credit = "the Kokoro speech model, as exported by the kokoro onnx project, 9 A M"
    assert Lexicon((), neural=True).say(credit) == (
        "the [Kokoro](/kəʊkˈɔːɹəʊ/) speech model, as exported by the [kokoro](/kəʊkˈɔːɹəʊ/) [onnx](/ˈɒnɪks/) "
        "project, 9 [A](/ˈA/) M"
    )
    assert Lexicon(()).say(credit) == credit  # eSpeak NG's
    assert Lexicon((), neural=True).say("Kokoros and onnxruntime") == "Kokoros and onnxruntime"  # whole words


def test_a_short_sentence_is_said_without_its_full_stop() -> None:
    """With it, Kokoro ends a heading said alone with a stray sound ('About this leafletter')."""
    pieces = neural._pieces("About this leaflet.\n\nPublished by us. Get help. Call 999 now, or go to A and E.", [])
    assert [p.text for p in pieces] == [
        "About this leaflet",
        "Published by us",
        "Get help",
        "Call 999 now, or go to A and E.",
    ]
    assert neural._short_unstopped("Wait...") == "Wait..."


def test_the_cache_keeps_whole_clips_and_is_bounded(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "cache", limit=3000)
    made = tmp_path / "made.wav"
    for number in range(4):
        made.write_bytes(bytes([number]) * 1000)
        cache.keep(f"{number:02d}" + "a" * 62, made)
    cache.trim()
    kept = sorted(p.name[:2] for p in (tmp_path / "cache").rglob("*.wav"))
    assert kept == ["02", "03"]  # the least recently used went, down to 80% of the bound
    assert not list((tmp_path / "cache").rglob(".clip-*")), "no temporary file left"
    assert (
        cache.take("03" + "a" * 62, tmp_path / "taken.wav")
        and (tmp_path / "taken.wav").read_bytes() == bytes([3]) * 1000
    )
    assert not cache.take("00" + "a" * 62, tmp_path / "gone.wav")
    assert not ClipCache(tmp_path / "off", limit=0).take("03" + "a" * 62, tmp_path / "x.wav")


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("  stent:\n    nueral: stent\n", 7, "a `say:` entry's forms are 'espeak:'"),
        ("  stent:\n    neural: /stɛnt\n", 7, "IPA goes between two slashes"),
        ("  stent:\n    espeak:\n", 7, "'espeak:' must be a word or words on its line"),
    ],
)
def test_a_say_entry_per_engine_is_checked_where_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, line: int, message: str
) -> None:
    folder = tmp_path / "source" / "bad"
    folder.mkdir(parents=True)
    front = "---\ntitle: T\npublisher: P\npublished: 2026-01-01\nsay:\n"
    (folder / "leaflet.md").write_text(f"{front}{entry}---\n\nA stent.\n", encoding="utf-8")
    assert main(["build", "--source", str(tmp_path / "source"), "--out", str(tmp_path / "out"), "-f", "text"]) == 2
    err = capsys.readouterr().err
    assert f"leaflet.md:{line}: {message}" in err and "Traceback" not in err


def test_a_say_entry_per_engine_reads_into_the_model(tmp_path: Path) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    front = "---\ntitle: T\npublisher: P\npublished: 2026-01-01\nsay:\n  NHS: N H S\n"
    forms = "  stent:\n    neural: /stˈɛnt/\n  catheter:\n    espeak: cath itter\n"
    (folder / "leaflet.md").write_text(f"{front}{forms}---\n\nA stent and a catheter.\n", encoding="utf-8")
    said = {p.word: (p.spoken, p.neural, p.line) for p in read_leaflet(folder).leaflet.say}
    assert said == {
        "NHS": ("N H S", None, 6),
        "stent": ("stent", "/stˈɛnt/", 7),
        "catheter": ("cath itter", "catheter", 9),
    }
