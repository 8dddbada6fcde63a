"""Every input mistake: a `path:line: what is wrong; what to write` message, exit 2,
no traceback, and the previous outputs left byte for byte as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import damaged_png, snapshot

GOOD = """\
---
title: A good leaflet
publisher: Test Trust
published: 2026-01-15
---

An introduction.

## First section

Some words.
"""


def body(text: str) -> str:
    """GOOD's front matter (lines 1-5) with ``text`` as the body from line 6."""
    return GOOD.split("---\n\n")[0] + "---\n" + text


def front(extra: str) -> str:
    """GOOD with ``extra`` front matter lines from line 5."""
    return GOOD.replace("published: 2026-01-15\n", "published: 2026-01-15\n" + extra)


@dataclass(frozen=True)
class Case:
    name: str
    source: str | bytes | Callable[[Path], None]  # leaflet.md, or a function that breaks the folder
    line: int
    says: str
    folder: str = "a-leaflet"


def big_source(folder: Path) -> None:
    (folder / "leaflet.md").write_text(GOOD + "\nMore words. " * 200_000)


def big_image(folder: Path) -> None:
    (folder / "leaflet.md").write_text(body("\n![A big picture](big.png)\n"))
    with open(folder / "big.png", "wb") as handle:
        handle.truncate(11 * 1024 * 1024)


def image_outside(folder: Path) -> None:
    (folder.parent / "elsewhere.png").write_bytes(b"\x89PNG")
    (folder / "leaflet.md").write_text(body("\n![A picture](../elsewhere.png)\n"))


CASES = [
    Case("no front matter", "# A title\n\nWords.\n", 1, "no front matter"),
    Case("front matter never closed", "---\ntitle: A\npublisher: B\n\nWords.\n", 1, "never closed"),
    Case("yaml syntax error", GOOD.replace("publisher: Test Trust", "publisher: Test: Trust: [x"), 3, "not valid YAML"),
    Case("unknown key", front("titel: Oops\n"), 5, "did you mean 'title'"),
    Case("missing title", GOOD.replace("title: A good leaflet\n", ""), 1, "no title"),
    Case("title and heading differ", body("\n# Another title\n\nWords.\n"), 7, "differs from the front matter title"),
    Case("date not YYYY-MM-DD", GOOD.replace("2026-01-15", "15/01/2026"), 4, "YYYY-MM-DD"),
    Case("date that does not exist", GOOD.replace("2026-01-15", "2026-02-30"), 4, "not a real day"),
    Case("isbn check digit", front("isbn: 978-1-4731-9396-4\n"), 5, "wrong check digit"),
    Case("link to #", body("\nSee [our page](#).\n"), 7, "no real target"),
    Case("link with empty target", body("\nSee [our page]().\n"), 7, "no real target"),
    Case(
        "link to javascript",
        body("\nWords on line 7,\nthen [a trap](javascript:alert(1)) on 8.\n"),
        8,
        "must start with https://",
    ),
    Case("image without alt text", body("\n![](pic.png)\n"), 7, "no alt text"),
    Case("image missing", body("\n![A picture](missing.png)\n"), 7, "does not exist"),
    Case("image outside the folder", image_outside, 7, "outside the leaflet's folder"),
    Case("image over 10 MB", big_image, 7, "over 10 MB"),
    Case("raw HTML block", body("\nWords.\n\n<div>hidden</div>\n"), 9, "raw HTML"),
    Case("raw HTML inline", body("\nSome <b>bold</b> words.\n"), 7, "raw HTML"),
    Case("fenced code block", body("\nWords.\n\n```\ncode\n```\n"), 9, "code block"),
    Case("indented code block", body("\nWords.\n\n    indented\n"), 9, "code block"),
    Case("heading level skipped", body("\nWords.\n\n### A subsection\n\nMore.\n"), 9, "level is skipped"),
    Case("section with no content", body("\n## Empty\n\n## Full\n\nWords.\n"), 7, "has no content"),
    Case("section with no content at the end", body("\nWords.\n\n## Last\n"), 9, "has no content"),
    Case("not UTF-8", GOOD.encode() + b"\nCaf\xe9 au lait.\n", 13, "not UTF-8"),
    Case("empty file", "", 1, "empty"),
    Case("folder name", GOOD, 1, "lower-case letters, digits and hyphens", folder="My_Leaflet"),
    Case("glossary not a mapping", front("glossary: just words\n"), 5, "'glossary' must be a mapping of strings"),
    Case(
        "glossary entry not a string",
        front("glossary:\n  catheter:\n    - a\n    - list\n"),
        7,
        "must be a word and a string",
    ),
    Case("say not a mapping", front("say:\n  - NHS\n"), 6, "'say' must be a mapping of strings"),
    Case("source over 2 MB", big_source, 1, "over 2 MB"),
    Case("updated before published", front("updated: 2026-01-14\n"), 5, "is before published"),
    # Markdown the model cannot carry: refused with its line and what to write instead (issue 11)
    Case("plain quotation", body("\nWords.\n\n> Just a quote.\n"), 9, "[!EMERGENCY]"),
    Case(
        "unknown callout marker", body("\nWords.\n\n> [!DANGER] Oh no\n> Words.\n"), 9, "'[!DANGER]' is not one of them"
    ),
    Case(
        "callout inside a list item",
        body("\n- An item\n\n  > [!NOTE]\n  > Words.\n"),
        9,
        "a callout (> [!KIND]) cannot go inside a list item; put it after the list",
    ),
    Case(
        "table inside a list item",
        body("\n- An item\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n"),
        9,
        "a table cannot go inside a list item; put it after the list",
    ),
    Case(
        "callout inside a callout", body("\n> [!NOTE]\n> Words.\n>\n> > [!TIP]\n> > More.\n"), 10, "cannot hold another"
    ),
    Case(
        "table inside a callout",
        body("\n> [!NOTE]\n> Words.\n>\n> | a | b |\n> | - | - |\n> | 1 | 2 |\n"),
        10,
        "only paragraphs and lists",
    ),
    Case("footnote reference", body("\nWords.\n\nA claim.[^1]\n\n[^1]: The source.\n"), 9, "footnote"),
    Case("strikethrough", body("\nWords.\n\nThe ~~old~~ new way.\n"), 9, "crossed-out text"),
    Case("subscript", body("\nWords.\n\nDrink H~2~O.\n"), 9, "subscript"),
    Case("superscript", body("\nWords.\n\nAn area in m^2^.\n"), 9, "superscript"),
    Case("definition list", body("\nWords.\n\nStent\n: A small tube.\n"), 9, "definition list"),
    Case("task list", body("\nWords.\n\n- [ ] Bring your medicines\n"), 9, "task-list box"),
    Case("horizontal rule", body("\nWords.\n\n***\n\nMore.\n"), 9, "horizontal rule"),
    Case("level 5 heading", body("\nWords.\n\n## A\n\n### B\n\n#### C\n\n##### D\n\nMore.\n"), 15, "go too deep"),
    Case(
        "level 4 under level 2",
        body("\nWords.\n\n## A\n\nText.\n\n#### C\n\nMore.\n"),
        13,
        "a heading level is skipped",
    ),
    Case("list four levels deep", body("\n- a\n  - b\n    - c\n      - d\n"), 10, "three levels deep"),
    Case("list item paragraph after its sublist", body("\n- a\n\n  - b\n\n  more words\n"), 7, "paragraphs come first"),
    Case("tel link not a number", body("\nWords.\n\nCall [the ward](tel:12).\n"), 9, "not a valid phone number"),
    Case(
        "picture not a picture", lambda f: _picture(f, "fake.png", b"<html>not a picture</html>"), 7, "not a PNG file"
    ),
    Case("jpeg named png", lambda f: _picture(f, "photo.png", _jpeg()), 7, "holds a JPEG picture"),
    # sound chunks with good checksums around pixels that cannot be decoded: the PDF writer failed on it
    Case("png with damaged pixels", lambda f: _picture(f, "hip.png", damaged_png()), 7, "cannot be read as a picture"),
    Case("svg not svg", lambda f: _picture(f, "drawing.svg", b"<html><body/></html>"), 7, "not <svg>"),
    Case("svg broken", lambda f: _picture(f, "drawing.svg", b"<svg><g></svg>"), 7, "not well-formed SVG"),
    Case("picture of another kind", lambda f: _picture(f, "anim.gif", b"GIF89a"), 7, "not PNG, JPEG or SVG"),
]


def _picture(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)
    (folder / "leaflet.md").write_text(body(f"\n![A picture]({name})\n"))


def _jpeg() -> bytes:
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def built(tmp_path: Path, run_cli) -> tuple[Path, Path, dict[str, bytes]]:
    """A source folder with one good leaflet already built; returns (source, out, snapshot of out)."""
    source, out = tmp_path / "source", tmp_path / "out"
    good = source / "a-leaflet"
    good.mkdir(parents=True)
    (good / "leaflet.md").write_text(GOOD)
    (good / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    status, _, err = run_cli("build", "--source", source, "--out", out, "--format", "text")
    assert status == 0, err
    return source, out, snapshot(out)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_mistake_is_reported_with_its_line_and_writes_nothing(case: Case, built, run_cli) -> None:
    source, out, before = built
    folder = source / case.folder
    if case.folder != "a-leaflet":
        (source / "a-leaflet").rename(folder)
    if callable(case.source):
        case.source(folder)
    elif isinstance(case.source, bytes):
        (folder / "leaflet.md").write_bytes(case.source)
    else:
        (folder / "leaflet.md").write_text(case.source)

    status, _out_text, err = run_cli("build", "--source", source, "--out", out)

    assert status == 2
    assert f"leaflet.md:{case.line}: " in err, err
    assert case.says in err
    assert "Traceback" not in err
    assert ";" in err.split(f"leaflet.md:{case.line}: ", 1)[1], "the message says what to write instead"
    assert snapshot(out) == before


def test_italic_is_a_warning_with_its_line_and_strict_makes_it_fatal(built, run_cli) -> None:
    source, out, _before = built
    (source / "a-leaflet" / "leaflet.md").write_text(body("\nWords.\n\nSome *slanted* words.\n"))

    status, _, err = run_cli("build", "--source", source, "--out", out, "--format", "text")
    assert status == 0
    assert "leaflet.md:9: warning[italic]:" in err

    (out / "a-leaflet" / "a-leaflet.txt").write_text("previous build")
    previous = snapshot(out)
    status, _, err = run_cli("build", "--source", source, "--out", out, "--strict")
    assert status == 2
    assert "leaflet.md:9: [italic]" in err
    assert snapshot(out) == previous


def test_every_leaflet_is_checked_before_any_is_written(built, run_cli) -> None:
    source, out, before = built
    broken = source / "b-leaflet"
    broken.mkdir()
    (broken / "leaflet.md").write_text(body("\n[nowhere](#)\n"))
    (source / "a-leaflet" / "leaflet.md").write_text(GOOD.replace("Some words.", "Changed words."))

    status, _, err = run_cli("build", "--source", source, "--out", out)

    assert status == 2
    assert "b-leaflet/leaflet.md:7:" in err
    assert snapshot(out) == before, "the good leaflet's outputs must not change either"


def test_an_output_folder_that_cannot_be_made_fails_cleanly(built, run_cli) -> None:
    source, out, _ = built
    second = source / "b-leaflet"
    second.mkdir()
    (second / "leaflet.md").write_text(GOOD)
    (out / "b-leaflet").write_text("a file where the folder should be")

    status, _, err = run_cli("build", "--source", source, "--out", out, "--format", "text")

    assert status == 1
    assert "Traceback" not in err
    assert "b-leaflet (text): cannot write" in err
    assert (out / "a-leaflet" / "a-leaflet.txt").is_file(), "one failing job does not stop the others"
