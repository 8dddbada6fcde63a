"""Debian's Chromium driven by Playwright for Python, and axe-core in it, for the web-page tests.

Playwright cannot download its own browser here, so it launches the system's
(``apt-get install -y chromium``; ``make`` installs it). A missing browser
fails the test naming that command; nothing is skipped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# WCAG 1.4.12: what a reader's own style sheet may set, and nothing may be lost.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def chromium_path() -> str:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        pytest.fail("Chromium is not installed: run 'apt-get install -y chromium' (make does this as root)")
    return found


def launch() -> Iterator[Any]:
    """Chromium, launched through Playwright (use as a fixture's body)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield launched
        launched.close()


def open_page(browser: Any, path: Path, width: int = 1280, scheme: str = "light") -> Any:
    """``path`` open in a new tab ``width`` CSS pixels wide (320: 400% zoom of 1280), in a colour scheme."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(path.as_uri())
    return page


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.2 A and AA (and best practice) on ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}}
    result = Axe().run(page, options=options)
    return list(result.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations)


def write_pages(
    writer: Any, leaflets: Mapping[str, Path], variants: Mapping[str, Mapping[str, str]], out: Path
) -> dict[tuple[str, str], tuple[Any, Path]]:
    """Each leaflet's page in each variant, written by ``writer`` (a web format's module) into ``out``, once."""
    from leaflet.reader import read_leaflet

    made = {}
    for key, folder in leaflets.items():
        leaflet = read_leaflet(folder).leaflet
        for variant, values in variants.items():
            (written,) = writer.FORMAT.write(leaflet, writer.FORMAT.parse(values)).files
            (out / written.name).write_bytes(written.data)
            made[key, variant] = (leaflet, out / written.name)
    return made
