"""The service's parts without a server: the adapter, the cache, the form, the colours."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from leaflet.core.diagnostics import OptionError
from leaflet.media.colours import SCHEMES, contrast_ratio
from leaflet.pipeline import build
from leaflet.pipeline.manifest import source_digest
from leaflet.reader import read_leaflet
from leaflet.service import forms, jobs
from leaflet.service.cache import DiskCache, key
from leaflet.service.styles import error_colour
from leaflet.writers import registry
from tests.serving import make_source


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_source(tmp_path_factory.mktemp("units") / "source")


@pytest.mark.parametrize(("format_name", "values"), [("text", {}), ("docx", {"size": "22"}), ("easy-read-print", {})])
def test_the_service_runs_the_builds_job_and_gets_its_bytes(
    source: Path, tmp_path: Path, format_name: str, values: dict[str, str]
) -> None:
    leaflet = read_leaflet(source / "new-hip").leaflet
    wanted = jobs.variant(leaflet, source_digest(source / "new-hip"), format_name, values, tmp_path, 1)
    made = jobs.make(wanted.job)
    outcome = build.build(
        build.Request(source=source, out=tmp_path, ids=("new-hip",), formats=(format_name,), options=values)
    )
    assert not outcome.failures
    assert made.name == wanted.name and made.data == (tmp_path / "new-hip" / made.name).read_bytes()
    found = jobs.built(wanted)
    assert found is not None, "the build's file is current by its manifest, under the service's own stamp"
    assert found[0] == tmp_path / "new-hip" / made.name


def test_the_service_refuses_what_cannot_be_made(source: Path, tmp_path: Path) -> None:
    stroke = read_leaflet(source / "eating-after-stroke").leaflet
    assert jobs.unavailable(stroke, "easy-read") is not None
    assert "easy-read" not in {f.name for f in jobs.offered(stroke)}
    wanted = jobs.variant(stroke, "digest", "easy-read", {}, tmp_path, 1)
    with pytest.raises(jobs.NotAvailable):
        jobs.make(wanted.job)
    with pytest.raises(OptionError, match="choose one of: large-print-pdf, docx"):
        jobs.variant(stroke, "digest", "mp4", {}, tmp_path, 1)


def test_every_voice_and_speed_the_page_offers_is_one_the_audio_format_takes() -> None:
    fields = {f.name: f for f in forms.fields(registry.FORMATS)}
    for voice in fields["voice"].choices:
        for rate in fields["rate"].choices:
            jobs.sample(voice.value, rate.value)
    with pytest.raises(OptionError):
        jobs.sample("klingon-robot", "")


def test_form_mistakes_get_plain_messages() -> None:
    everything = registry.FORMATS
    fields = forms.fields(everything)
    assert forms.check({}, everything, fields).errors == {"format": "Select the format you need"}
    sent = forms.check({"format": "docx", "size_other": "99"}, everything, fields)
    assert sent.errors == {"size_other": "Print size must be a whole number from 14 to 48, like 24"}
    sent = forms.check({"format": "docx", "size": "24", "size_other": "30"}, everything, fields)
    assert sent.errors == {} and sent.options == {"size": "30"}, "a size typed wins over one picked"
    sent = forms.check({"format": "text", "size": "24", "colours": "black-on-cream"}, everything, fields)
    assert sent.errors == {} and sent.options == {}  # settings a format does not take are left out
    braille = forms.check({"format": "braille", "cells": "99"}, everything, fields)
    assert braille.errors == {"cells": "Braille cells on a line must be a whole number from 20 to 80"}
    assert forms.check({"format": "large-print-pdf", "colours": "pink"}, everything, fields).errors == {
        "colours": "Select the colours from the list"
    }


def test_the_form_is_made_from_the_formats_and_the_option_schema() -> None:
    fields = {f.name: f for f in forms.fields(registry.FORMATS)}
    assert "engine" not in fields, "the online engine is not offered to patients"
    size = fields["size"]
    assert size.legend == "Print size" and size.other.endswith("a whole number from 14 to 48")
    assert size.choices[0].value == "" and "14 point for Word document" in size.choices[0].hint
    assert fields["grade"].choices[0].label == "Grade 2, contracted (the usual)" and not fields["grade"].other
    assert fields["rate"].choices[0].label == "Usual speed (150 words a minute)"
    assert fields["cells"].choices == () and "Leave empty for the usual (40)" in fields["cells"].hint
    assert [c.value for c in fields["colours"].choices] == list(SCHEMES)
    labels = [c.label for c in forms.format_choices(registry.FORMATS)]
    assert labels[:2] == ["Large print", "Word document"]


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
    os.utime(cache.get(entry_key(0)).path.with_suffix(".json"))
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
    from leaflet.service import catalogue

    read = catalogue.read_leaflet

    def held_read(path: Path):
        if armed.is_set() and path.name == folder.name:
            reading.set()
            release.wait(60)
        return read(path)

    monkeypatch.setattr(catalogue, "read_leaflet", held_read)
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
