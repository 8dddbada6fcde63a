"""The request pages in a real browser (Debian's Chromium through Playwright): axe-core on every page
and state, each colour scheme, 320 pixels wide (400% zoom), text spacing, and a request by keyboard alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from leaflet.media.colours import SCHEMES
from tests.serving import NO_LIBLOUIS, Server, served

CHROMIUM = "/usr/bin/chromium"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
TEXT_SPACING = (  # WCAG 1.4.12: the spacing a reader may set for themselves
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # every new file shows progress; braille fails (no liblouis), to show the failed state
    yield from served(tmp_path_factory.mktemp("pages"), "--wait", "0", env=NO_LIBLOUIS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        raise AssertionError(
            f"the page tests need Chromium at {CHROMIUM}: run 'apt-get install chromium' as root (make does)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def new_page(
    browser: Browser,
    server: Server,
    width: int = 1280,
    scheme: str | None = None,
    script: bool = True,
    own_css: bool = False,
) -> Page:
    """A page in a fresh context; ``own_css`` lets a reader's own stylesheet in, as browsers do for user styles."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=script, accept_downloads=True, bypass_csp=own_css
    )
    if scheme:
        context.add_cookies([{"name": "colours", "value": scheme, "url": server.url}])
    page = context.new_page()
    page.set_default_timeout(120_000)
    return page


def audit(page: Page, label: str) -> None:
    """No axe-core violation, and no sideways scrolling at this width."""
    result = Axe().run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, f"{label}:\n{result.generate_report()}"
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label}: scrolls sideways at {width}px"


def settle(page: Page, path: str, heading: str) -> None:
    """Open ``path`` and wait (the progress page's script reloads it) until the page's heading holds ``heading``."""
    page.goto(path)
    page.locator("h1", has_text=heading).wait_for()


def states(page: Page, server: Server, label: str) -> None:
    """Every page and state, audited."""
    url = server.url
    for path in ["/", "/?q=hip", "/?q=nothing+like+this", "/leaflets/new-hip", "/colours", "/leaflets/no-such-leaflet"]:
        page.goto(url + path)
        audit(page, f"{label} {path}")
    page.goto(f"{url}/leaflets/new-hip/file")
    assert page.locator(".error-summary a").all_inner_texts() == ["Select the format you need"]
    audit(page, f"{label} errors: no format")
    page.goto(f"{url}/leaflets/new-hip/file?format=docx&size_other=99")
    assert page.title().startswith("Error: ")
    audit(page, f"{label} errors: size")
    page.goto(f"{url}/leaflets/new-hip/file?format=large-print-pdf&size=40&colours=black-on-yellow")
    if page.locator("h1").inner_text().startswith("We are making"):
        assert page.locator("[role=status]").count() == 1
        audit(page, f"{label} progress")
    page.locator("h1", has_text="ready").wait_for()
    audit(page, f"{label} done")
    settle(page, f"{url}/leaflets/new-hip/file?format=braille", "problem")
    audit(page, f"{label} failed")


def test_every_page_and_state_has_no_axe_violation_and_reflows(browser: Browser, server: Server) -> None:
    for width in (1280, 320):
        page = new_page(browser, server, width)
        states(page, server, f"{width}px")
        page.context.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_each_colour_scheme_passes(browser: Browser, server: Server, scheme: str) -> None:
    page = new_page(browser, server, 1280, scheme)
    for path in ["/leaflets/new-hip", "/leaflets/new-hip/file?format=docx&size_other=7", "/colours"]:
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.className") == f"scheme-{scheme}"
        audit(page, f"{scheme} {path}")
    settle(page, f"{server.url}/leaflets/new-hip/file?format=text", "ready")
    audit(page, f"{scheme} done")
    page.context.close()


def test_text_spacing_at_400_percent_zoom_loses_nothing(browser: Browser, server: Server) -> None:
    page = new_page(browser, server, 320, own_css=True)
    for path in ["/", "/leaflets/new-hip", "/leaflets/new-hip/file?format=docx&size_other=99"]:
        page.goto(server.url + path)
        page.add_style_tag(content=TEXT_SPACING)
        audit(page, f"text spacing {path}")
    page.context.close()


def test_the_colour_choice_is_kept_in_a_cookie(browser: Browser, server: Server) -> None:
    page = new_page(browser, server)
    page.goto(server.url + "/leaflets/new-hip")
    page.get_by_role("link", name="Change colours").click()
    page.get_by_label("Yellow text on black").check()
    page.get_by_role("button", name="Save colours").click()
    assert page.url == server.url + "/leaflets/new-hip"  # back where the patient was
    assert page.evaluate("document.documentElement.className") == "scheme-yellow-on-black"
    page.goto(server.url + "/")
    assert page.evaluate("document.documentElement.className") == "scheme-yellow-on-black"
    page.goto(server.url + "/colours")
    page.evaluate("document.querySelectorAll('input[name=colours]').forEach(i => { i.checked = false; })")
    page.get_by_role("button", name="Save colours").click()
    assert page.locator(".error-summary a").all_inner_texts() == ["Select the colours you want"]
    audit(page, "colours error")
    page.context.close()


def focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, text: (e.innerText || e.value || '').trim(), name: e.name || '', value: e.value || '',
                outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow, background: s.backgroundColor}; }"""
    )


def tab_to(page: Page, wanted: str, limit: int = 80) -> dict[str, str]:
    """Press Tab until the focused element's text or name=value holds ``wanted``; every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] != "BODY":
            visible = now["outline"].split()[0] != "none" or now["shadow"] != "none"
            assert visible, f"no visible focus on {now}"
        if wanted in now["text"] or wanted == f"{now['name']}={now['value']}":
            return now
    raise AssertionError(f"Tab never reached {wanted!r}")


@pytest.mark.parametrize("script", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_whole_request_by_keyboard_alone(browser: Browser, server: Server, script: bool) -> None:
    page = new_page(browser, server, script=script)
    page.goto(server.url + "/")
    tab_to(page, "Looking after your new hip")
    page.keyboard.press("Enter")
    page.wait_for_url("**/leaflets/new-hip")
    tab_to(page, "format=large-print-pdf")  # the first format: Tab enters the group on it
    page.keyboard.press("ArrowDown")  # Word document
    assert focused(page)["value"] == "docx"
    tab_to(page, "size=")  # the print sizes: on to 24 point
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "24"
    tab_to(page, "Get the file")
    page.keyboard.press("Enter")
    page.wait_for_url("**/file?**")
    if not script:  # without JavaScript the patient asks again with the link
        for _ in range(120):
            if "ready" in page.locator("h1").inner_text():
                break
            tab_to(page, "Check if my file is ready")
            page.wait_for_timeout(500)
            page.keyboard.press("Enter")
            page.wait_for_load_state()
    page.locator("h1", has_text="ready").wait_for()
    tab_to(page, "Download the Word document file")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "new-hip.24pt.docx"
    page.context.close()
