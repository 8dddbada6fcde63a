"""The README is part of the product: its example source must read, and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from leaflet.reader import read_leaflet
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block is not None and README.index("```sh") < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make", "make test"]


def test_readme_source_example_is_a_valid_leaflet(tmp_path: Path) -> None:
    example = re.search(r"```markdown\n(.*?)```\n", README, re.DOTALL)
    assert example is not None
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "leaflet.md").write_text(example.group(1), encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (4, 3), "white").save(folder / "nurse.png")
    reading = read_leaflet(folder)
    assert reading.leaflet.meta.title == "Having a heart pump fitted"
    assert reading.warnings == ()
