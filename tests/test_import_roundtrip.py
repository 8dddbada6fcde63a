"""Round trip: every fixture leaflet (and the NICE one) made into Word and web pages by other tools, imported back.

pandoc writes a .docx and an .html page from each leaflet.md; LibreOffice
turns the NICE page into a .docx; python-docx writes a .docx from the model.
Each imports back to a source whose e-text holds the original's words in
order (>= 0.98), with the same headings, lists, tables and links; then every
imported leaflet builds as text, Word and large print and passes its audits
(one of them as audio too).
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from leaflet.core import walk
from leaflet.core.compose import callout_heading
from leaflet.core.model import BulletList, Callout, Leaflet, Link, ListItem, NumberedList, Table
from leaflet.core.text import plain
from leaflet.reader import read_leaflet
from leaflet.reader.frontmatter import split
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE
from tests.test_source_writer import portable
from tests.word_from_model import write_word

ORIGINALS = [*sorted(p for p in FIXTURE_LEAFLETS.iterdir() if (p / "leaflet.md").is_file()), SOURCE / NICE_ID]
PANDOC_MARKDOWN = "markdown+lists_without_preceding_blankline-smart"
FORMATS = ("text", "docx", "large-print-pdf")
BUILT: dict[str, Leaflet | None] = {}  # leaflet id -> the model its import built


def _tool(name: str, install: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed for the round-trip tests; install it: {install}"
    return found


def pandoc(*args: str | Path, cwd: Path) -> None:
    binary = _tool("pandoc", "apt-get install -y pandoc")
    subprocess.run([binary, *map(str, args)], check=True, cwd=cwd, capture_output=True, timeout=120)


def front(folder: Path) -> dict[str, Any]:
    raw, _, _ = split((folder / "leaflet.md").read_text(encoding="utf-8"), folder / "leaflet.md")
    return dict(yaml.safe_load(raw))


def make_inputs(original: Path, work: Path) -> list[Path]:
    """The other tools' versions of ``original``: pandoc .docx and .html, python-docx .docx (and LibreOffice's)."""
    work.mkdir(parents=True)
    for picture in original.iterdir():
        if picture.suffix in (".png", ".jpg", ".svg"):
            shutil.copy(picture, work / picture.name)
    meta = front(original)
    source = original / "leaflet.md"
    docx_path, html_path = work / f"{original.name}-pandoc.docx", work / f"{original.name}-pandoc.html"
    pandoc("-f", PANDOC_MARKDOWN, "-t", "docx", "--resource-path", original, "-o", docx_path, source, cwd=work)
    head = f'<link rel="canonical" href="{meta["url"]}">' if "url" in meta else ""
    head += f'<meta name="isbn" content="{meta["isbn"]}">' if "isbn" in meta else ""
    head += f'<meta property="article:modified_time" content="{meta["updated"]}">' if "updated" in meta else ""
    pandoc(
        *("-s", "-f", PANDOC_MARKDOWN, "-t", "html", "-o", html_path, source),
        *(
            "-M",
            f"author={meta['publisher']}",
            "-M",
            f"date={meta['published']}",
            "-M",
            f"lang={meta.get('language', 'en-GB')}",
        ),
        *("-V", f"header-includes={head}"),
        cwd=work,
    )
    made = [
        docx_path,
        html_path,
        write_word(read_leaflet(original).leaflet, work / f"{original.name}-python-docx.docx"),
    ]
    if original.name == NICE_ID:
        soffice = _tool("soffice", "apt-get install -y libreoffice-writer-nogui")
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{work}/lo-profile",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                work / "lo",
                html_path,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        made.append(
            (work / "lo" / html_path.name).with_suffix(".docx").rename(work / f"{original.name}-libreoffice.docx")
        )
    return made


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """id -> (original folder, imported folder), every input imported into one source folder."""
    from leaflet.importers import import_document

    base = tmp_path_factory.mktemp("roundtrip")
    source = base / "source"
    found: dict[str, tuple[Path, Path]] = {}
    for original in ORIGINALS:
        for path in make_inputs(original, base / "inputs" / original.name):
            leaflet_id = f"{path.stem}-{path.suffix[1:]}".lower()
            result = import_document(path, source, leaflet_id)
            BUILT[leaflet_id] = result.leaflet
            if not result.builds:
                as_author(result, front(original))
            found[leaflet_id] = (original, result.folder)
    return found


def as_author(result: Any, meta: dict[str, Any]) -> None:
    """Do what the report asks, as an author would: each place must be a front matter value the input lacked."""
    source = result.folder / "leaflet.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    for hand in result.hands:
        where, _, message = hand.partition(": ")
        key = message.split("'")[1]
        assert where.startswith(f"{source}:") and message.startswith(f"'{key}' is missing"), "\n".join(result.report())
        line = int(where.rsplit(":", 1)[1])
        assert lines[line - 1].startswith(f"# {key}: "), hand
        lines[line - 1] = f"{key}: {meta[key]}"
    source.write_text("\n".join(lines), encoding="utf-8")
    read_leaflet(result.folder)


def without_glossary(original: Path, target: Path) -> Path:
    """A copy of ``original`` without glossary and say: Word and web pages have no place for them."""
    shutil.copytree(original, target)
    text = (target / "leaflet.md").read_text(encoding="utf-8")
    raw, body, _ = split(text, target / "leaflet.md")
    meta = {k: v for k, v in yaml.safe_load(raw).items() if k not in ("glossary", "say")}
    lines = [f"{k}: {v}" for k, v in meta.items()]
    (target / "leaflet.md").write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    (target / "easy-read.md").unlink(missing_ok=True)
    return target


def etext(run_cli: Any, folder: Path, out: Path) -> list[str]:
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "--format", "text", "-q", folder.name)
    assert status == 0, err
    return (out / folder.name / f"{folder.name}.txt").read_text(encoding="utf-8").split()


def list_shape(block: BulletList | NumberedList) -> tuple[Any, ...]:
    items = []
    for item in block.items:
        paragraphs = tuple(" ".join(plain(p).split()) for p in item.paragraphs)
        items.append((paragraphs, list_shape(item.sublist) if item.sublist else None))
    return (type(block).__name__, tuple(items))


def structure(folder: Path) -> dict[str, list[Any]]:
    """The headings, the lists (whole, a nested list part of its item's), the tables and the links, each in
    reading order, as the one walk finds them."""
    leaflet = read_leaflet(folder).leaflet
    nodes = list(walk.body(leaflet))
    nested = {id(item.sublist) for item in nodes if isinstance(item, ListItem) and item.sublist is not None}
    return {
        "headings": [(s.heading, s.level) for s in leaflet.sections],
        "lists": [list_shape(n) for n in nodes if isinstance(n, BulletList | NumberedList) and id(n) not in nested],
        "tables": [
            [[" ".join(plain(c).split()) for c in row] for row in (n.header, *n.rows)]
            for n in nodes
            if isinstance(n, Table)
        ],
        "links": [
            (link.text, link.url) for n in nodes for link in ((n,) if isinstance(n, Link) else _heading_links(n))
        ],
    }


def _heading_links(node: object) -> list[Link]:
    """The phone numbers in a callout's first line, links in every format that has links: pandoc joins a
    marker's line and the words after it into one paragraph, so an import may carry them in the title."""
    if not isinstance(node, Callout):
        return []
    return [i for i in callout_heading(node) if isinstance(i, Link)]


def test_what_each_import_wrote_reads_back_as_the_model_it_built(imported: dict[str, tuple[Path, Path]]) -> None:
    """The importers build model nodes and the one source writer writes them: the reader gives them back."""
    for leaflet_id, (_original, folder) in imported.items():
        built = BUILT[leaflet_id]
        assert built is not None
        assert portable(read_leaflet(folder).leaflet).sections == portable(built).sections, leaflet_id


def test_every_input_holds_the_originals_words_in_order(
    run_cli: Any, imported: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    for leaflet_id, (original, folder) in imported.items():
        expected = etext(
            run_cli,
            without_glossary(original, tmp_path / "originals" / leaflet_id / original.name),
            tmp_path / "out-original",
        )
        found = etext(run_cli, folder, tmp_path / "out-imported")
        ratio = difflib.SequenceMatcher(None, expected, found, autojunk=False).ratio()
        assert ratio >= 0.98, f"{leaflet_id}: {ratio:.3f}"


def test_every_input_keeps_headings_lists_tables_and_links(imported: dict[str, tuple[Path, Path]]) -> None:
    for leaflet_id, (original, folder) in imported.items():
        want, got = structure(original), structure(folder)
        for key in ("headings", "lists", "tables", "links"):
            assert sorted(map(repr, got[key])) == sorted(map(repr, want[key])), f"{leaflet_id}: {key}"
            assert got[key] == want[key], f"{leaflet_id}: {key} in another order"


def test_every_imported_leaflet_builds_and_passes_its_audits(
    run_cli: Any, imported: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    source = next(iter(imported.values()))[1].parent
    out = tmp_path / "outputs"
    status, _, err = run_cli("build", "--source", source, "--out", out, *(f"--format={f}" for f in FORMATS), "-q")
    assert status == 0, err
    _, report, err = run_cli("check", "--source", source, "--out", out)  # exit 1: the formats not built here
    for name in FORMATS:
        assert report.count(f"\n  {name}: ok") == len(imported), report + err


def test_one_imported_leaflet_builds_as_audio_and_passes_its_audit(
    run_cli: Any, imported: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    leaflet_id = "every-feature-pandoc-docx"
    folder = imported[leaflet_id][1]
    out = tmp_path / "outputs"
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "--format", "audio", "-q", leaflet_id)
    assert status == 0, err
    _, report, err = run_cli("check", "--source", folder.parent, "--out", out, leaflet_id)
    assert "\n  audio: ok" in report, report + err
