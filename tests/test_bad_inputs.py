"""Every bad input we know of, in one table: a mistake in a source, on the command line or in a request gets a
clear message with its place (``file:line``, the option, or the field), exit 2 (or 1 where the machine is to
blame; a 4xx over HTTP), no traceback, and leaves every output as it was.

The source cases break one good leaflet in one way each, after a build of it, and build again: the message
must name the file and line, and the folder of outputs must be byte for byte what it was. The HTTP cases are in
``tests/test_bad_requests.py`` (they need the real server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LEAFLETS, ROOT, damaged_png, snapshot

GOOD = """\
---
title: Looking after your new hip
publisher: Test Health Trust
published: 2026-01-15
---

This leaflet tells you how to look after your hip.

## Moving about

Walk a little every day.

- Use your crutches for six weeks.
- Sit in a high chair.

## Getting help

Call the ward on [0113 243 2799](tel:01132432799) if your hip gets hot.
"""

EASY = """\
# Your new hip

## Moving about

- Walk a little every day.
"""


@dataclass(frozen=True)
class Case:
    """One way to break the good leaflet: what to do to its folder, the line to be named, words to be said."""

    name: str
    change: Callable[[Path], object]
    line: int | None  # the line the message names (None: no line; 0: the file only)
    says: str
    file: str = "leaflet.md"


def front(key_line: str) -> Callable[[Path], None]:
    """Add ``key_line`` to the front matter (it lands on line 5)."""
    return lambda folder: _rewrite(folder, lambda text: text.replace("---\n\n", f"{key_line}\n---\n\n", 1))


def replace(old: str, new: str, name: str = "leaflet.md") -> Callable[[Path], None]:
    return lambda folder: _rewrite(folder, lambda text: text.replace(old, new, 1), name)


def append(words: str, name: str = "leaflet.md") -> Callable[[Path], None]:
    return lambda folder: _rewrite(folder, lambda text: text + words, name)


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return change


def both(*changes: Callable[[Path], object]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        for each in changes:
            each(folder)

    return change


def link_out(name: str, target: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        os.symlink(target, folder / name)

    return change


def _rewrite(folder: Path, edit: Callable[[str], str], name: str = "leaflet.md") -> None:
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


BODY = 20  # the line after the good leaflet's last line, where `append` puts its words (after a blank line)
HELP = "Call the ward on [0113 243 2799](tel:01132432799) if your hip gets hot."

SOURCE_CASES = [
    # The front matter
    Case("no front matter", lambda f: _rewrite(f, lambda t: t.split("---\n\n", 1)[1]), 1, "has no front matter"),
    Case("front matter never closed", replace("---\n\n", "\n"), 1, "never closed"),
    Case("front matter not YAML", front("title: [unclosed"), 5, "not valid YAML"),
    Case("front matter a list", lambda f: _rewrite(f, lambda t: "---\n- a\n- b\n---\n\n# T\n"), 2, "'key: value'"),
    Case("unknown key", front("reveiw: 2027-01-01"), 5, "did you mean 'review'"),
    Case("key given twice", front("publisher: Other"), 5, "given twice"),
    Case("no publisher", replace("publisher: Test Health Trust\n", ""), 1, "no 'publisher'"),
    Case("no published date", replace("published: 2026-01-15\n", ""), 1, "no 'published'"),
    Case("date in another form", replace("2026-01-15", "15/01/2026"), 4, "YYYY-MM-DD"),
    Case("date that does not exist", replace("2026-01-15", "2026-02-30"), 4, "not a real day"),
    Case("updated before published", front("updated: 2025-01-01"), 5, "before published"),
    Case("review date that does not exist", front("review: 2027-13-01"), 5, "not a real day"),
    Case("language not a tag", front("language: English"), 5, "not a language tag"),
    Case("url not a web address", front("url: www.nhs.uk"), 5, "starting https://"),
    Case("isbn wrong check digit", front("isbn: 978-1-4731-9396-4"), 5, "wrong check digit"),
    Case("isbn not an isbn", front("isbn: hello"), 5, "not an ISBN"),
    Case(
        "title and heading differ",
        replace("---\n\n", "---\n\n# Another title\n\n"),
        7,
        "differs from the front matter title",
    ),
    Case("glossary not a mapping", front("glossary: catheter"), 5, "mapping of strings"),
    Case("say not a mapping", front("say: NICE"), 5, "mapping of strings"),
    Case("glossary entry empty", front("glossary:\n  catheter:"), 6, "a word and a string"),
    Case("easy-read with no reason", front("easy-read: none"), 5, "write why"),
    Case("easy-read other value", front("easy-read: later"), 5, "not understood"),
    Case(
        "easy-read none with an easy read",
        both(front("easy-read: none - read with a nurse"), write("easy-read.md", EASY)),
        5,
        "delete one of the two",
    ),
    Case("a value that is a list", front("department:\n  - Urology\n  - Renal"), 6, "single value"),
    Case("empty value", front("department:"), 5, "single value"),
    # The body: what the model cannot carry
    Case("raw HTML block", append("\n<div>Hello</div>\n"), BODY, "raw HTML"),
    Case("inline HTML", append("\nSome <b>bold</b> words.\n"), BODY, "raw HTML"),
    Case("code block", append("\n```\ncode\n```\n"), BODY, ""),
    Case("indented code", append("\n    indented code\n"), BODY, ""),
    Case("footnote", append("\nA claim.[^1]\n\n[^1]: A source.\n"), BODY, "footnote"),
    Case("heading level five", append("\n##### Too deep\n"), BODY, ""),
    Case("unknown callout", append("\n> [!DANGER]\n> Careful.\n"), BODY, ""),
    Case("plain quotation", append("\n> Someone said this.\n"), BODY, ""),
    Case("strikethrough", append("\n~~old~~ words\n"), BODY, ""),
    Case("horizontal rule", append("\n---\n\nMore.\n"), BODY, ""),
    Case("task list", append("\n- [ ] a task\n"), BODY, ""),
    # Links
    Case("link to nowhere", append("\n[our page]()\n"), BODY, "no real target"),
    Case("link to an anchor", append("\n[our page](#top)\n"), BODY, "no real target"),
    Case("link without words", append("\n[](https://www.nhs.uk)\n"), BODY, "has no words"),
    Case("javascript link", append("\n[click](javascript:alert(1))\n"), BODY, ""),
    Case("ftp link", append("\n[files](ftp://example.org/a)\n"), BODY, "must start with https://"),
    Case("link with no host", append("\n[our page](https://)\n"), BODY, "names no web site"),
    Case("link with a host but no dot", append("\n[our page](https://nhs)\n"), BODY, "names no web site"),
    Case("stray bracket before a link", append("\n[our page(https://www.nhs.uk)\n"), BODY, "square bracket"),
    Case("space between the parts of a link", append("\n[our page] (https://www.nhs.uk)\n"), BODY, "square bracket"),
    Case("a closing bracket alone", append("\nsee above]\n"), BODY, "square bracket"),
    Case("phone link not a number", append("\n[call](tel:12)\n"), BODY, "not a valid phone number"),
    Case("link inside bold", append("\n**see [this](https://www.nhs.uk)**\n"), BODY, "inside bold"),
    # Characters
    Case("NUL byte", append("\nA word\x00 here.\n"), BODY, "control character (U+0000)"),
    Case("escape character", append("\nA word\x1b here.\n"), BODY, "control character (U+001B)"),
    Case("backspace", replace("Walk a little", "Walk\x08 a little"), 11, "control character"),
    Case("C1 control", append("\nA word\x85 here.\n"), BODY, "control character"),
    Case("not UTF-8", lambda f: (f / "leaflet.md").write_bytes(GOOD.encode() + b"\nCaf\xe9\n"), BODY, "not UTF-8"),
    Case("empty file", write("leaflet.md", ""), 1, "empty"),
    Case("only spaces", write("leaflet.md", "  \n\n "), 1, "empty"),
    Case("over two megabytes", write("leaflet.md", GOOD + "x" * (2 * 1024 * 1024)), 1, "over 2 MB"),
    # Pictures
    Case("picture without alt text", append("\n![](hip.png)\n"), BODY, "alt"),
    Case("picture that is not there", append("\n![A hip](missing.png)\n"), BODY, "missing.png"),
    Case("picture outside the folder", append("\n![A file](../../etc/passwd)\n"), BODY, ""),
    Case("picture by absolute path", append("\n![A file](/etc/passwd)\n"), BODY, ""),
    Case(
        "picture that is not a PNG",
        both(write("hip.png", b"this is not a png"), append("\n![A hip](hip.png)\n")),
        BODY,
        "is not a PNG",
    ),
    Case(
        "picture whose pixels are damaged",
        both(write("hip.png", damaged_png()), append("\n![A hip](hip.png)\n")),
        BODY,
        "cannot be read",
    ),
    Case(
        "picture of another kind than its name",
        lambda f: (
            shutil.copy(FIXTURE_LEAFLETS / "every-feature" / "heart.png", f / "hip.jpg"),
            append("\n![A hip](hip.jpg)\n")(f),
        ),
        BODY,
        "holds a PNG",
    ),
    Case(
        "picture of an unknown kind",
        both(write("hip.gif", b"GIF89a"), append("\n![A hip](hip.gif)\n")),
        BODY,
        "",
    ),
    Case(
        "SVG that is not XML",
        both(write("hip.svg", "<svg"), append("\n![A hip](hip.svg)\n")),
        BODY,
        "not well-formed SVG",
    ),
    Case(
        "SVG with another root",
        both(write("hip.svg", "<html/>"), append("\n![A hip](hip.svg)\n")),
        BODY,
        "not <svg>",
    ),
    Case(
        "picture linked out of the folder",
        both(link_out("hip.png", "/etc/hostname"), append("\n![A hip](hip.png)\n")),
        BODY,
        "",
    ),
    Case("picture inside a sentence", append("\nSee ![A hip](hip.png) here.\n"), BODY, "stand alone"),
    # The easy read
    Case("easy read empty", write("easy-read.md", ""), 1, "empty", "easy-read.md"),
    Case(
        "easy read heading without points", write("easy-read.md", EASY + "\n## Getting help\n"), 7, "", "easy-read.md"
    ),
    Case("easy read paragraph", write("easy-read.md", EASY + "\nA paragraph.\n"), 7, "", "easy-read.md"),
    Case("easy read not UTF-8", write("easy-read.md", EASY.encode() + b"\xff\n"), 6, "not UTF-8", "easy-read.md"),
    Case("easy read NUL", write("easy-read.md", EASY + "- A\x00 point.\n"), 6, "control character", "easy-read.md"),
    Case(
        "easy read picture not there",
        write("easy-read.md", EASY + '  picture: nurse.png "A nurse"\n'),
        6,
        "nurse.png",
        "easy-read.md",
    ),
    Case(
        "easy read stray bracket",
        write("easy-read.md", EASY + "- Ring [the ward.\n"),
        6,
        "square bracket",
        "easy-read.md",
    ),
]


def good_leaflet(base: Path) -> Path:
    folder = base / "source" / "new-hip"
    folder.mkdir(parents=True)
    (folder / "leaflet.md").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", SOURCE_CASES, ids=[c.name for c in SOURCE_CASES])
def test_a_mistake_in_a_source_is_named_with_its_line_and_changes_nothing(case: Case, tmp_path: Path, run_cli) -> None:
    folder = good_leaflet(tmp_path)
    out = tmp_path / "out"
    formats = ["-f", "text", "-f", "easy-read"]
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, *formats, "-j", "1")
    assert status == 0, err
    before = snapshot(out)
    case.change(folder)
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, *formats, "-j", "1", "--force")
    assert status == 2, err
    assert "Traceback" not in err and err.startswith(("leaflet: error:", str(folder)))
    where = f"{folder / case.file}:{case.line}:" if case.line else str(folder / case.file)
    if case.line is None:
        where = str(folder / case.file)
    assert where in err, err
    assert case.says in err, err
    assert "<" not in err.split("error:", 1)[-1] or "<svg>" in err or "<html>" in err, "no Python object in a message"
    assert snapshot(out) == before, "a mistake writes nothing"


def test_the_table_holds_at_least_the_cases_the_issue_asks_for() -> None:
    from tests import test_bad_requests

    assert len(SOURCE_CASES) + len(COMMAND_CASES) + len(test_bad_requests.REQUEST_CASES) >= 150


# The command line ------------------------------------------------------------------------------------------

COMMAND_CASES: list[tuple[str, list[str], int, str]] = [
    # (name, arguments ({source}, {out}, {file} are filled in), exit status, words said)
    ("unknown format", ["build", "--format", "pdf"], 2, "unknown format 'pdf'"),
    ("unknown leaflet", ["build", "no-such-leaflet"], 2, "no leaflet 'no-such-leaflet'"),
    ("a very long leaflet id", ["build", "x" * 300], 2, "no leaflet"),
    ("an id that climbs out", ["build", "../../etc"], 2, "no leaflet"),
    (
        "size too big",
        ["build", "-f", "docx", "--size", "99"],
        2,
        "--size 99 is out of range; give a whole number from 14 to 48",
    ),
    ("size too small", ["build", "-f", "docx", "--size", "8"], 2, "from 14 to 48"),
    ("size not a number", ["build", "-f", "docx", "--size", "big"], 2, "not a whole number"),
    ("size with a point", ["build", "-f", "docx", "--size", "18.5"], 2, "not a whole number"),
    ("size negative", ["build", "-f", "docx", "--size=-18"], 2, "out of range"),
    ("colours unknown", ["build", "-f", "docx", "--colours", "pink"], 2, "--colours 'pink' is not known"),
    ("colors unknown", ["build", "-f", "docx", "--colors", "pink"], 2, "is not known"),
    ("rate too fast", ["build", "-f", "audio", "--rate", "300"], 2, "from 80 to 250"),
    ("rate words", ["build", "-f", "audio", "--rate", "fast"], 2, "not a whole number"),
    ("voice unknown", ["build", "-f", "audio", "--voice", "klingon"], 2, "'leaflet voices' lists"),
    ("engine unknown", ["build", "-f", "audio", "--engine", "siri"], 2, "--engine 'siri' is not known"),
    (
        "gtts with a voice",
        ["build", "-f", "audio", "--engine", "gtts", "--voice", "en-gb"],
        2,
        "one voice per language",
    ),
    ("gtts with a rate", ["build", "-f", "audio", "--engine", "gtts", "--rate", "120"], 2, "its own pace"),
    ("grade three", ["build", "-f", "braille", "--grade", "3"], 2, "from 1 to 2"),
    ("cells too few", ["build", "-f", "braille", "--cells", "8"], 2, "from 20 to 80"),
    ("lines words", ["build", "-f", "braille", "--lines", "many"], 2, "not a whole number"),
    ("option the format does not take", ["build", "-f", "text", "--size", "24"], 2, "does not take --size"),
    ("option no format takes", ["build", "-f", "text", "-f", "braille", "--size", "24"], 2, "takes --size"),
    ("jobs zero", ["build", "--jobs", "0"], 2, "1 or more"),
    ("jobs words", ["build", "--jobs", "many"], 2, "1 or more"),
    ("executor unknown", ["build", "--executor", "spark"], 2, "invalid choice"),
    ("scheduler not an address", ["build", "--scheduler", "10.0.0.5"], 2, "such as tcp://"),
    (
        "scheduler with local",
        ["build", "--executor", "local", "--scheduler", "tcp://1.2.3.4:8786"],
        2,
        "cannot be used",
    ),
    ("source missing", ["build", "--source", "/nonexistent/source"], 2, "does not exist"),
    ("source a file", ["build", "--source", "{file}"], 2, "does not exist"),
    ("out a file", ["build", "--out", "{file}"], 2, "is a file, not a folder"),
    ("out inside a file", ["build", "--out", "{file}/outputs"], 2, "is a file, not a folder"),
    ("out inside the source", ["build", "--out", "{source}/outputs"], 2, "inside the source folder"),
    ("out the source itself", ["build", "--out", "{source}"], 2, "inside the source folder"),
    ("out cannot be written", ["build", "--out", "/proc/leaflet-outputs"], 1, "cannot write there"),
    ("check: out cannot be written", ["check", "--out", "/proc/leaflet-outputs"], 1, "cannot write there"),
    ("check: out a file", ["check", "--out", "{file}"], 2, "is a file"),
    ("check: unknown leaflet", ["check", "nope"], 2, "no leaflet 'nope'"),
    ("dump: unknown leaflet", ["dump", "nope"], 2, "no leaflet 'nope'"),
    ("dump: no id", ["dump"], 2, "the following arguments are required"),
    ("verify: out missing", ["verify", "--out", "/nonexistent/out"], 2, "no such folder"),
    ("verify: out a file", ["verify", "--out", "{file}"], 2, "is a file"),
    ("list: source missing", ["list", "--source", "/nonexistent"], 2, "does not exist"),
    ("import: file missing", ["import", "/nonexistent/leaflet.docx"], 2, ""),
    ("import: unknown kind", ["import", "{file}"], 2, ""),
    ("pictures: unknown leaflet", ["pictures", "nope"], 2, "no leaflet"),
    ("pictures: nothing asked", ["pictures"], 2, "name a leaflet"),
    ("no command", [], 2, ""),
    ("unknown command", ["publish"], 2, "invalid choice"),
    ("unknown flag", ["build", "--no-such-flag"], 2, "unrecognized arguments"),
    ("serve: port too big", ["serve", "--port", "99999"], 2, "--port 99999 is out of range"),
    ("serve: port zero", ["serve", "--port", "0"], 2, "out of range"),
    ("serve: port words", ["serve", "--port", "http"], 2, "not a whole number"),
    ("serve: source missing", ["serve", "--source", "/nonexistent"], 2, "--source /nonexistent: no such folder"),
    ("serve: cache size negative", ["serve", "--cache-size", "-5"], 2, "--cache-size -5 is out of range"),
    ("serve: cache size words", ["serve", "--cache-size", "big"], 2, "not a number"),
    ("serve: jobs zero", ["serve", "--jobs", "0"], 2, "--jobs 0 is out of range"),
    ("serve: queue zero", ["serve", "--queue", "0"], 2, "out of range"),
    ("serve: wait negative", ["serve", "--wait", "-1"], 2, "out of range"),
    ("serve: wait not a number", ["serve", "--wait", "nan"], 2, "out of range"),
    ("serve: cache cannot be written", ["serve", "--cache", "/proc/leaflet-cache"], 1, "cannot write there"),
    ("serve: scheduler not an address", ["serve", "--scheduler", "nowhere"], 2, "such as tcp://"),
]


@pytest.mark.parametrize(("name", "arguments", "status", "says"), COMMAND_CASES, ids=[c[0] for c in COMMAND_CASES])
def test_a_mistake_on_the_command_line_is_one_clear_line(
    name: str, arguments: list[str], status: int, says: str, tmp_path: Path
) -> None:
    folder = good_leaflet(tmp_path)
    source, out, a_file = folder.parent, tmp_path / "out", tmp_path / "notes.txt"
    a_file.write_text("a file\n")
    filled = [a.format(source=source, out=out, file=a_file) for a in arguments]
    if "--source" not in filled and filled and filled[0] in ("build", "check", "dump", "list", "pictures", "verify"):
        filled += ["--source", str(source)]
    if "--out" not in filled and filled and filled[0] in ("build", "check"):
        filled += ["--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "leaflet", *filled], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr
    assert says in done.stderr, done.stderr
    if status in (1, 2) and filled and filled[0] != "serve" and "usage:" not in done.stderr:
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (source / "outputs").exists() and not list(source.glob("**/*.txt"))


def test_two_builds_at_once_take_turns_and_both_succeed(tmp_path: Path) -> None:
    folder = good_leaflet(tmp_path)
    command = [sys.executable, "-m", "leaflet", "build", "--source", str(folder.parent), "--out", str(tmp_path / "out")]
    first = subprocess.Popen([*command, "-f", "text"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    second = subprocess.Popen([*command, "-f", "braille"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert (tmp_path / "out" / "new-hip" / "new-hip.txt").is_file()
    assert (tmp_path / "out" / "new-hip" / "new-hip.brf").is_file()


def test_a_folder_that_cannot_be_a_leaflet_is_named_by_build_list_and_service_alike(tmp_path: Path, run_cli) -> None:
    folder = good_leaflet(tmp_path)
    odd = folder.parent / "My_Leaflet"
    shutil.copytree(folder, odd)
    status, _, err = run_cli("build", "--source", folder.parent, "--out", tmp_path / "out", "-f", "text")
    assert status == 2 and "My_Leaflet" in err and "rename the folder, for example to 'my-leaflet'" in err
    status, listed, _ = run_cli("list", "--source", folder.parent)
    assert "My_Leaflet  (cannot be read:" in listed and "new-hip     Looking after your new hip" in listed
    from leaflet.service.catalogue import Catalogue

    catalogue = Catalogue(folder.parent)
    assert [i.id for i in catalogue.items()] == ["new-hip"]
    assert [b.id for b in catalogue.broken()] == ["My_Leaflet"], "the service says why, not silently hides it"


def test_a_withdrawn_leaflets_outputs_are_named_by_verify_and_removed_by_prune(tmp_path: Path, run_cli) -> None:
    folder = good_leaflet(tmp_path)
    other = folder.parent / "old-knee"
    shutil.copytree(folder, other)
    out = tmp_path / "out"
    assert run_cli("build", "--source", folder.parent, "--out", out, "-f", "text")[0] == 0
    shutil.rmtree(other)
    status, said, _ = run_cli("verify", "--source", folder.parent, "--out", out)
    assert status == 1 and f"{out / 'old-knee'}: there is no leaflet 'old-knee'" in said
    status, said, _ = run_cli("build", "--source", folder.parent, "--out", out, "-f", "text", "--prune")
    assert status == 0 and f"removed {out / 'old-knee'}" in said and not (out / "old-knee").exists()
    assert (out / "new-hip" / "new-hip.txt").is_file()
    assert run_cli("verify", "--source", folder.parent, "--out", out)[0] == 0


def test_easy_read_none_lets_a_strict_release_pass_and_says_why(tmp_path: Path, run_cli) -> None:
    folder = good_leaflet(tmp_path)
    out = tmp_path / "out"
    formats = ["-f", "text", "-f", "easy-read", "-f", "easy-read-html"]
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "--strict", *formats)
    assert status == 1 and "warning[no-easy-read]" in err, "a leaflet that says nothing still fails a release"
    front("easy-read: none - it is read with each patient by their nurse")(folder)
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "--strict", *formats)
    assert status == 0, err
    text = " ".join((out / "new-hip" / "new-hip.txt").read_text().split())
    assert "There is no easy read version of this leaflet: it is read with each patient by their nurse." in text
    assert not (out / "new-hip" / "new-hip.easy-read.txt").exists()
