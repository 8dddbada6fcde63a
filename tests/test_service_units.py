"""The service's parts without a server: the adapter, the cache, the form, the colours."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from leaflet.core.diagnostics import OptionError
from leaflet.media.colours import SCHEMES, contrast_ratio
from leaflet.pipeline import build
from leaflet.service import forms, jobs
from leaflet.service.cache import DiskCache, key
from leaflet.service.styles import error_colour
from tests.serving import make_source


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_source(tmp_path_factory.mktemp("units") / "source")


@pytest.mark.parametrize(("format_name", "values"), [("text", {}), ("docx", {"size": "22"}), ("easy-read-print", {})])
def test_the_adapter_gives_the_bytes_leaflet_build_writes(
    source: Path, tmp_path: Path, format_name: str, values: dict[str, str]
) -> None:
    leaflet = jobs.read(source / "new-hip")
    options = jobs.parse(format_name, values)
    variant = jobs.produce(leaflet, format_name, options)
    outcome = build.build(
        build.Request(source=source, out=tmp_path, ids=("new-hip",), formats=(format_name,), options=values)
    )
    assert not outcome.failures
    built = tmp_path / "new-hip" / variant.name
    assert variant.data == built.read_bytes()


def test_the_adapter_refuses_what_cannot_be_made(source: Path) -> None:
    stroke = jobs.read(source / "eating-after-stroke")
    assert jobs.unavailable(stroke, "easy-read") is not None
    with pytest.raises(jobs.NotAvailable):
        jobs.produce(stroke, "easy-read", jobs.parse("easy-read", {}))
    with pytest.raises(OptionError, match="choose one of: text, large-print-pdf"):
        jobs.format_info("mp4")


def test_every_voice_and_speed_the_page_offers_is_one_the_audio_format_takes() -> None:
    for voice, _ in forms.VOICES:
        for rate, _ in forms.RATES:
            jobs.sample_options(voice, rate)
    with pytest.raises(OptionError):
        jobs.sample_options("klingon-robot", "")


def test_a_new_format_and_its_new_option_appear_on_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        jobs, "PERSONAL_OPTIONS", {**jobs.PERSONAL_OPTIONS, "dots": ("DOTS", "braille dots a cell, 6 or 8")}
    )
    braille = jobs.FormatInfo("braille-next", "a braille file for the next reader", frozenset({"dots"}))
    pdf = jobs.format_info("large-print-pdf")
    choices = forms.format_choices([braille, pdf])
    assert [c.value for c in choices] == ["large-print-pdf", "braille-next"]
    assert (choices[1].label, choices[1].hint) == ("braille-next", braille.summary)  # until it gets plain words
    fields = {f.name: f for f in forms.fields([braille, pdf])}
    assert fields["size"].choices and fields["dots"].choices == ()
    assert fields["dots"].formats == ("braille-next",) and fields["dots"].hint == "braille dots a cell, 6 or 8"


def test_form_mistakes_get_plain_messages() -> None:
    everything = jobs.formats()
    fields = forms.fields(everything)
    assert forms.check({}, everything, fields).errors == {"format": "Select the format you need"}
    sent = forms.check({"format": "docx", "size_other": "99"}, everything, fields)
    assert sent.errors == {"size_other": "Print size must be a whole number from 14 to 48, like 24"}
    sent = forms.check({"format": "text", "size": "24", "colours": "black-on-cream"}, everything, fields)
    assert sent.errors == {} and sent.options == {}  # settings a format does not take are left out
    braille = forms.check({"format": "braille", "cells": "99"}, everything, fields)
    assert braille.errors == {"cells": "Braille cells on a line must be a whole number from 20 to 80"}
    assert forms.check({"format": "large-print-pdf", "colours": "pink"}, everything, fields).errors == {
        "colours": "Select colours from the list"
    }


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_the_pages_colours_keep_aa_contrast(scheme: object) -> None:
    from leaflet.media.colours import Scheme

    assert isinstance(scheme, Scheme)
    assert contrast_ratio(scheme.link, scheme.background) >= 4.5  # links, and the text of buttons
    assert contrast_ratio(error_colour(scheme.background), scheme.background) >= 4.5


def entry_key(n: int) -> str:
    return key(leaflet="x", format="text", options=str(n), publisher="1", source="s")


def test_the_cache_drops_the_least_recently_used_and_survives_a_restart(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_bytes=300)
    for n in range(3):
        cache.put(entry_key(n), f"file-{n}.txt", bytes([n]) * 100)
    assert cache.get(entry_key(0)) is not None  # now the most recently used
    os.utime(cache.get(entry_key(0)).path.with_suffix(".json"))  # type: ignore[union-attr]
    cache.put(entry_key(3), "file-3.txt", b"3" * 100)
    assert cache.get(entry_key(1)) is None  # the least recently used went
    assert {n for n in range(4) if cache.get(entry_key(n))} == {0, 2, 3}
    assert cache.total == 300
    again = DiskCache(tmp_path, max_bytes=300)
    kept = again.get(entry_key(3))
    assert kept is not None and kept.path.read_bytes() == b"3" * 100 and kept.name == "file-3.txt"
    assert len(again) == 3


def test_the_cache_forgets_torn_entries(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_bytes=10_000)
    whole = cache.put(entry_key(1), "a.txt", b"a" * 10)
    torn = cache.put(entry_key(2), "b.txt", b"b" * 10)
    torn.path.write_bytes(b"b" * 3)  # shorter than its description says
    lonely = tmp_path / "objects" / entry_key(3)[:2] / f"{entry_key(3)}.data"
    lonely.parent.mkdir(parents=True, exist_ok=True)
    lonely.write_bytes(b"no description")
    (tmp_path / "objects" / ".x.tmp").write_bytes(b"half")
    reopened = DiskCache(tmp_path, max_bytes=10_000)
    assert reopened.get(whole.key) is not None
    assert reopened.get(torn.key) is None and not torn.path.exists()
    assert not lonely.exists() and not (tmp_path / "objects" / ".x.tmp").exists()
    assert json.loads(whole.path.with_suffix(".json").read_text())["size"] == 10
    with pytest.raises(ValueError):
        cache.put("../../etc/passwd", "x", b"")


def test_reading_a_changed_leaflet_never_holds_up_other_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leaflet whose files changed is read again in a worker thread: while that read is held up here, the
    event loop still answers another request."""
    import threading

    from starlette.testclient import TestClient

    from leaflet.service.app import create_app
    from leaflet.service.core import Config

    folder = make_source(tmp_path / "source") / "new-hip"
    armed, reading, release = threading.Event(), threading.Event(), threading.Event()
    read = jobs.read

    def held_read(path: Path):  # type: ignore[no-untyped-def]
        if armed.is_set() and path.name == folder.name:
            reading.set()
            release.wait(60)
        return read(path)

    monkeypatch.setattr(jobs, "read", held_read)
    answers: dict[str, int] = {}
    with TestClient(create_app(Config(source=tmp_path / "source", cache=tmp_path / "cache"))) as client:
        armed.set()
        source = folder / "leaflet.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

        def ask(name: str, url: str) -> None:
            answers[name] = client.get(url).status_code

        changed = threading.Thread(target=ask, args=("changed", "/api/v1/leaflets/new-hip"))
        changed.start()
        try:
            assert reading.wait(30), "the changed leaflet was not read again"
            other = threading.Thread(target=ask, args=("other", "/api/v1/status"))
            other.start()
            other.join(30)
            assert answers.get("other") == 200, "another request waited for the leaflet being read"
        finally:
            release.set()
            changed.join(60)
    assert answers["changed"] == 200


def test_the_catalogue_lists_the_source_folder_once_a_listing_not_once_a_leaflet(
    source_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """items() asks get() for every leaflet; get() listed the whole folder again each time, so a page of 200
    leaflets listed it 200 times (40,000 file checks a request)."""
    from leaflet.service.catalogue import Catalogue

    catalogue = Catalogue(source_copy)
    listings = []
    listed = Catalogue.ids

    def counted(self: Catalogue) -> list[str]:
        listings.append(1)
        return listed(self)

    monkeypatch.setattr(Catalogue, "ids", counted)
    found = catalogue.items()
    assert len(found) == len(listed(catalogue)) >= 2 and len(listings) == 1
    assert catalogue.get("no-such-leaflet") is None and catalogue.get("../source") is None
