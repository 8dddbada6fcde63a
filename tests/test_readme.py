"""The README is part of the product: its example source builds in every format, and its commands exist."""

from __future__ import annotations

import argparse
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from leaflet.core.model import BulletList, Callout, Image, LineBreak, Link, NumberedList, Paragraph, Table
from leaflet.reader import read_leaflet
from leaflet.writers.registry import FORMATS, format_named
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE_EXAMPLES = re.findall(r"`source/example/([a-z-]+\.md)`:\n\n```markdown\n(.*?)```\n", README, re.DOTALL)


def test_readme_starts_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block is not None and README.index("```sh") < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make", "make test"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's example leaflet.md and easy-read.md, in a source folder of their own."""
    assert [name for name, _ in SOURCE_EXAMPLES] == ["leaflet.md", "easy-read.md"]
    folder = tmp_path_factory.mktemp("readme") / "source" / "example"
    folder.mkdir(parents=True)
    for name, text in SOURCE_EXAMPLES:
        if name == "leaflet.md":  # a review date a year from now: the example never becomes overdue
            later = (date.today() + timedelta(days=365)).isoformat()
            text = re.sub(r"^review: \d{4}-\d{2}-\d{2}", f"review: {later}", text, flags=re.MULTILINE)
        (folder / name).write_text(text, encoding="utf-8")
    from PIL import Image as Picture

    Picture.new("RGB", (4, 3), "white").save(folder / "nurse.png")
    Picture.new("RGB", (60, 20), "blue").save(folder / "logo.png")
    return folder


def test_readme_source_example_uses_every_construct(example: Path) -> None:
    reading = read_leaflet(example)
    assert reading.warnings == ()
    leaflet = reading.leaflet
    assert leaflet.meta.title == "Having a heart pump fitted"
    assert [s.level for s in leaflet.sections if s.heading] == [2, 3, 4]
    blocks = [b for s in leaflet.sections for b in s.blocks]
    assert [b.kind for b in blocks if isinstance(b, Callout)] == ["emergency", "important", "tip"]
    assert any(isinstance(b, Table) for b in blocks) and any(isinstance(b, Image) for b in blocks)
    steps = next(b for b in blocks if isinstance(b, NumberedList))
    assert len(steps.items[0].paragraphs) == 2, "an item with a second paragraph"
    nested = steps.items[1].sublist
    assert isinstance(nested, BulletList) and nested.items[1].sublist is not None, "three levels"
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert sum(isinstance(i, LineBreak) for p in paragraphs for i in p.inlines) == 3
    links = [i.url for p in paragraphs for i in p.inlines if isinstance(i, Link)]
    assert "mailto:heart.clinic@example.org" in links and "https://www.nhs.uk/conditions/heart-attack/" in links
    assert "tel:03001231234" in links and "tel:03001231235" in links, "a number written as text is a link"
    meta = leaflet.meta
    assert (meta.department, meta.reference, meta.review is not None) == ("Cardiology", "CAR-027", True)
    assert meta.logo is not None and meta.logo.alt == "NICE" and meta.certifier == "An Accessibility Body"
    easy = leaflet.easy_read
    assert easy is not None
    points = [p for s in easy.sections for p in s.points]
    assert [p.picture is not None for p in points] == [True, True, True, False]


def test_readme_example_builds_in_every_format_and_passes_strict_checks(
    example: Path, run_cli: Any, tmp_path: Path
) -> None:
    source, out = example.parent, tmp_path / "outputs"
    status, stdout, stderr = run_cli("build", "--source", source, "--out", out, "--strict", "--jobs", "1")
    assert status == 0, stdout + stderr
    for record in FORMATS:
        for name in record.files("example", record.defaults()):
            assert (out / "example" / name.rstrip("/")).exists(), name
    status, stdout, stderr = run_cli("check", "--source", source, "--out", out, "--strict")
    assert status == 0, stdout + stderr


def _commands() -> dict[str, argparse.ArgumentParser]:
    from leaflet.cli import _parser

    parser = _parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    return dict(choices)


def test_readme_command_table_has_every_command_and_option() -> None:
    rows = dict(re.findall(r"^\| `leaflet ([a-z]+)( [^`]*)?` ", README, re.MULTILINE))
    assert set(rows) == set(_commands()), "one row per subcommand, no more"
    personal = {"--size", "--colours", "--colors", "--voice", "--rate", "--engine", "--grade", "--cells", "--lines"}
    for name, command in _commands().items():
        flags = {s for a in command._actions for s in a.option_strings if s.startswith("--")} - {"--help"}
        if name == "build":
            flags -= personal
            assert all(f"`{flag}" in README for flag in personal)
        for flag in flags:
            assert flag in rows[name], f"leaflet {name} {flag} is missing from the README's command table"


def test_readme_variant_names_are_the_records_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEAFLET_SPEECH_ENGINE")  # the names as shipped: the natural voice is the default engine
    shown = set(re.findall(r"`<id>\.([^`]+)`", README))
    examples = {
        ("large-print-pdf", (("size", "24"),)),
        ("large-print-pdf", (("colours", "black-on-cream"),)),
        ("docx", (("size", "24"),)),
        ("docx", (("size", "24"), ("colours", "black-on-cream"))),
        ("easy-read-print", (("size", "20"),)),
        ("easy-read-print", (("size", "20"), ("colours", "black-on-cream"))),
        ("html", (("size", "24"),)),
        ("html", (("colours", "white-on-black"),)),
        ("audio", (("rate", "120"),)),
        ("audio", (("voice", "en-us"),)),
        ("audio", (("voice", "george"),)),
        ("audio", (("engine", "gtts"),)),
        ("braille", (("grade", "1"),)),
        ("braille", (("cells", "32"), ("lines", "20"))),
        ("braille", (("grade", "1"), ("cells", "32"), ("lines", "20"))),
    }
    for format_name, values in examples:
        chosen = format_named(format_name)
        first = chosen.files("<id>", chosen.parse(dict(values)))[0]
        assert first.removeprefix("<id>.") in shown, first


def test_readme_table_of_formats_is_the_one_the_formats_declare() -> None:
    """Written once, in each format's folder: the README shows exactly what ``leaflet formats --markdown`` makes."""
    from leaflet.writers.registry import markdown_table

    assert "\n".join(markdown_table()) + "\n" in README
