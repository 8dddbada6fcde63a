"""The README's pictures of the web page: the NICE leaflet at 100% and at 400% zoom, in Debian's Chromium.

Run: .venv/bin/python tools/html_screenshots.py (after `make html`). Writes docs/html-page*.png.
400% zoom of a 1280-pixel window is a 320 CSS-pixel viewport drawn at 4 device pixels a CSS pixel.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LEAFLET = "microaxial-flow-pump-cardiogenic-shock"
SHOTS = (  # file, viewport width and height in CSS pixels, zoom, colour scheme, what to show at the top
    ("html-page.png", 1280, 800, 1, "light", ""),
    ("html-page-400.png", 320, 360, 4, "light", "#some-questions-to-think-about"),
    ("html-page-dark.png", 1280, 800, 1, "dark", "#information-and-support"),
)


def main() -> None:
    page_file = ROOT / "outputs" / LEAFLET / f"{LEAFLET}.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, width, height, zoom, scheme, target in SHOTS:
            context = browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=zoom, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(page_file.as_uri())
            if target:
                page.evaluate(f"document.querySelector('{target}').scrollIntoView()")
            page.screenshot(path=str(ROOT / "docs" / name))
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
