"""The large-print PDF, read back with independent readers as a reviewer would.

pdfplumber (pdfminer) for every character's size, font and colour; pikepdf
for the catalogue, structure tree, annotations and outline; the pdfua
package for its PDF/UA-1 rules. The 28pt white-on-black variant must pass
the same checks at 28pt.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from leaflet.core.model import Image, Leaflet, Link
from leaflet.core.text import display_url, first_missing_word, leaflet_words, words
from leaflet.core.walk import inline_runs
from leaflet.reader import read_leaflet
from leaflet.writers import large_print_pdf as lp
from leaflet.writers.large_print_pdf import FORMAT as LARGE_PRINT_PDF
from tests.conftest import audited, errors_of, render

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
EVERY = ROOT / "tests" / "fixtures" / "leaflets" / "every-feature"
HEADINGS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}
BLOCKS = {"P", "H1", "H2", "H3", "LI", "Lbl", "LBody", "TH", "TD", "Figure", "L", "Table", "TR"}


@dataclass(frozen=True)
class Built:
    leaflet: Leaflet
    path: Path
    size: int
    colours: str


def _build(folder: Path, out: Path, **values: str) -> Built:
    leaflet = read_leaflet(folder).leaflet
    options = lp.FORMAT.parse(values)
    (path,) = render(lp, leaflet, options, out).paths
    return Built(leaflet, path, options.size, options.colours)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    out = tmp_path_factory.mktemp("large-print")
    return {
        "nice": _build(NICE, out / "nice"),
        "every": _build(EVERY, out / "every"),
        "nice-28-white-on-black": _build(NICE, out / "nice", size="28", colours="white-on-black"),
    }


CASES = ["nice", "every", "nice-28-white-on-black"]


# reading the structure tree back, independently of the writer --------------------------


def _kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    k = node.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def _elements(node: pikepdf.Object):
    """Structure elements in tree order (depth first)."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
            yield kid
            yield from _elements(kid)


def _role(node: pikepdf.Object) -> str:
    return str(node.S)[1:]


def _spoken(pdf_path: Path) -> str:
    """The text in structure order, a figure's /Alt standing for its content, as a screen reader says it."""
    marked: dict[tuple[int, int], str] = {}
    with pdfplumber.open(pdf_path) as plumber:
        for index, page in enumerate(plumber.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    marked[(index, char["mcid"])] = marked.get((index, char["mcid"]), "") + char["text"]
    with pikepdf.open(pdf_path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        out: list[str] = []

        def visit(node: pikepdf.Object, page: int | None) -> None:
            page = pages[node.Pg.objgen] if "/Pg" in node else page
            role = _role(node)
            out.append("\n" if role in BLOCKS else "")
            if role == "Figure":
                out.append(str(node.Alt))
                return
            for kid in _kids(node):
                if not isinstance(kid, pikepdf.Dictionary):
                    out.append(marked.get((page or 0, int(kid)), ""))
                elif kid.get("/Type") == pikepdf.Name.MCR:
                    out.append(marked.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
                elif kid.get("/Type") != pikepdf.Name.OBJR:
                    visit(kid, page)
            out.append("\n" if role in BLOCKS else "")

        visit(_kids(pdf.Root.StructTreeRoot)[0], None)
        return "".join(out)


def _links(leaflet: Leaflet) -> list[Link]:
    return [
        inline
        for section in leaflet.sections
        for block in section.blocks
        for inlines in inline_runs(block)
        for inline in inlines
        if isinstance(inline, Link)
    ]


# every variant: the same checks at its own size ---------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_every_character_is_at_least_the_body_size_in_atkinson(built: dict[str, Built], case: str) -> None:
    item = built[case]
    with pdfplumber.open(item.path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert chars
    assert min(c["size"] for c in chars) >= item.size - 0.01
    fonts = {c["fontname"].split("+")[-1] for c in chars}
    assert fonts == {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"}


@pytest.mark.parametrize("case", CASES)
def test_fonts_are_embedded_with_unicode_maps_and_never_italic(built: dict[str, Built], case: str) -> None:
    with pikepdf.open(built[case].path) as pdf:
        fonts = {str(f.BaseFont): f for page in pdf.pages for f in page.Resources.Font.values()}
        assert fonts
        for name, font in fonts.items():
            assert "AtkinsonHyperlegible" in name and "Italic" not in name
            assert "/FontFile2" in font.FontDescriptor, name
            assert "/ToUnicode" in font, name


@pytest.mark.parametrize("case", CASES)
def test_catalogue_says_tagged_titled_and_in_which_language(built: dict[str, Built], case: str) -> None:
    item = built[case]
    with pikepdf.open(item.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == item.leaflet.meta.language
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        meta = pdf.open_metadata()
        assert meta["dc:title"] == item.leaflet.meta.title
        assert meta["pdfuaid:part"] == "1"
        assert str(pdf.docinfo.Author) == item.leaflet.meta.publisher
        assert str(pdf.docinfo.CreationDate).startswith(f"D:{item.leaflet.meta.published:%Y%m%d}")
        for page in pdf.pages:
            assert page.obj.Tabs == pikepdf.Name.S
            assert "/StructParents" in page.obj


@pytest.mark.parametrize("case", CASES)
def test_structure_tree_has_headings_in_order_and_lists_and_links(built: dict[str, Built], case: str) -> None:
    item = built[case]
    with pikepdf.open(item.path) as pdf:
        root = _kids(pdf.Root.StructTreeRoot)[0]
        assert _role(root) == "Document"
        elements = list(_elements(root))
        roles = [_role(e) for e in elements]
        levels = [HEADINGS[r] for r in roles if r in HEADINGS]
        assert levels[0] == 1 and roles[0] == "H1"
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
        for li in (e for e in elements if _role(e) == "LI"):
            assert [_role(k) for k in _kids(li)] == ["Lbl", "LBody"]
        link_elems = [e for e in elements if _role(e) == "Link"]
        assert len(link_elems) >= len(_links(item.leaflet))
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == pikepdf.Name.Link]
        parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        for annot in annots:
            assert str(annot.Contents).strip()
            assert _role(owners[int(annot.StructParent)]) == "Link"
        for link in link_elems:
            objrs = [
                k for k in _kids(link) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR
            ]
            assert objrs, "a Link element without its annotation"
            assert all(o.Obj.Subtype == pikepdf.Name.Link for o in objrs)
        uris = {str(a.A.URI) for a in annots}
        assert {link.url for link in _links(item.leaflet)} <= uris


@pytest.mark.parametrize("case", CASES)
def test_a_bookmark_for_every_heading(built: dict[str, Built], case: str) -> None:
    item = built[case]
    with pikepdf.open(item.path) as pdf, pdf.open_outline() as outline:
        titles: list[str] = []

        def collect(items: list[pikepdf.OutlineItem]) -> None:
            for entry in items:
                titles.append(entry.title)
                collect(entry.children)

        collect(outline.root)
    expected = [item.leaflet.meta.title] + [s.heading for s in item.leaflet.sections if s.heading]
    assert titles[: len(expected)] == expected
    assert titles[len(expected) :] == (["Words explained"] if item.leaflet.glossary else []) + ["About this leaflet"]


@pytest.mark.parametrize("case", CASES)
def test_structure_order_text_has_every_word_in_order_spaced(built: dict[str, Built], case: str) -> None:
    item = built[case]
    spoken = _spoken(item.path)
    assert first_missing_word(leaflet_words(item.leaflet), words(spoken)) is None
    squeezed = "".join(spoken.split())
    for link in _links(item.leaflet):
        assert "".join(display_url(link.url).split()) in squeezed, f"{link.url} is not printed"


@pytest.mark.parametrize("case", CASES)
def test_pdfua_finds_nothing(built: dict[str, Built], case: str) -> None:
    import pdfua

    report = pdfua.validate(str(built[case].path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert [o.rule_id for o in report.skipped] == []


@pytest.mark.parametrize("case", CASES)
def test_page_validation_finds_no_pdf_ua_1_rule_broken(built: dict[str, Built], case: str) -> None:
    """Defect 9 of issue 11: a font's ToUnicode map held U+0000 (PDFUA1-FONT-UNICODE-VALUE-001)."""
    import page

    report = page.validate_pdf(str(built[case].path), profile=page.ValidationProfile.PDF_UA_1)
    assert [(f.rule_id, f.message) for f in report.failures] == []


def test_the_audit_runs_page_validation(built: dict[str, Built], tmp_path: Path) -> None:
    spoiled = tmp_path / built["every"].path.name
    with pikepdf.open(built["every"].path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                data = font.ToUnicode.read_bytes()
                font.ToUnicode.write(data.replace(b"beginbfchar\n", b"beginbfchar\n<00> <0000>\n", 1))
        pdf.save(spoiled)

    problems = errors_of(audited("large-print-pdf", built["every"].leaflet, tmp_path))
    assert any("page-validation PDFUA1-FONT-UNICODE-VALUE-001" in p for p in problems), problems


@pytest.mark.parametrize("case", CASES)
def test_every_page_has_its_page_number_and_the_first_says_what_it_is(built: dict[str, Built], case: str) -> None:
    item = built[case]
    meta = item.leaflet.meta
    with pdfplumber.open(item.path) as pdf:
        total = len(pdf.pages)
        texts = [page.extract_text() for page in pdf.pages]
        footers = [page.search(f"Page {n} of {total}") for n, page in enumerate(pdf.pages, start=1)]
    assert all(len(found) == 1 for found in footers), "each page says 'Page N of M' once"
    # in the same place on every page: the same right edge and baseline, at the foot
    assert len({(round(f[0]["x1"]), round(f[0]["bottom"])) for f in footers}) == 1
    assert footers[0][0]["top"] > 0.85 * 842
    first = " ".join(texts[0].split())
    assert meta.publisher in first and str(meta.published.year) in first
    assert " ".join(meta.title.split()[:3]) in first


@pytest.mark.parametrize("case", CASES)
def test_own_audit_passes(built: dict[str, Built], case: str) -> None:
    from leaflet.checks.large_print_pdf import audit_file

    item = built[case]
    assert errors_of(audit_file(item.path, item.leaflet, item.size)) == ()


# the every-feature fixture: tables, pictures, nested lists, markup characters --------


def test_markup_characters_print_literally(built: dict[str, Built]) -> None:
    with pdfplumber.open(built["every"].path) as pdf:
        text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for literal in ("3 < 5", "7 > 2", "R&D,", '"quotes"', "<font color=red>"):
        assert literal in text
    assert "R&D;" not in text


def test_table_has_header_cells_with_scope_and_figure_has_alt(built: dict[str, Built]) -> None:
    item = built["every"]
    table = next(b for s in item.leaflet.sections for b in s.blocks if type(b).__name__ == "Table")
    image = next(b for s in item.leaflet.sections for b in s.blocks if isinstance(b, Image))
    with pikepdf.open(item.path) as pdf:
        elements = list(_elements(_kids(pdf.Root.StructTreeRoot)[0]))
        rows = [e for e in elements if _role(e) == "TR"]
        assert len(rows) == 1 + len(table.rows)
        headers = [_kids(rows[0])]
        assert all(_role(th) == "TH" and th.A.Scope == pikepdf.Name.Column for th in headers[0])
        assert all(_role(td) == "TD" for row in rows[1:] for td in _kids(row))
        figures = [e for e in elements if _role(e) == "Figure"]
        assert [str(f.Alt) for f in figures] == [image.alt]
        nested = [
            e
            for e in elements
            if _role(e) == "LBody" and any(_role(k) == "L" for k in _kids(e) if isinstance(k, pikepdf.Dictionary))
        ]
        assert nested, "the nested list is not inside its item's LBody"


def test_a_paragraph_split_across_pages_stays_one_p(built: dict[str, Built]) -> None:
    with pikepdf.open(built["nice"].path) as pdf:
        paragraphs = [e for e in _elements(_kids(pdf.Root.StructTreeRoot)[0]) if _role(e) == "P"]
        spanning = [
            p
            for p in paragraphs
            if len({k.Pg.objgen for k in _kids(p) if isinstance(k, pikepdf.Dictionary) and "/Pg" in k}) > 1
        ]
    assert spanning, "expected the NICE leaflet to have a paragraph running over a page break"


# variants and options ----------------------------------------------------------------


def test_variant_is_named_by_its_options_and_drawn_in_its_colours(built: dict[str, Built]) -> None:
    variant, default = built["nice-28-white-on-black"], built["nice"]
    assert variant.path.name == "microaxial-flow-pump-cardiogenic-shock.large-print-28pt-white-on-black.pdf"
    assert default.path.name == "microaxial-flow-pump-cardiogenic-shock.large-print.pdf"
    assert default.path.exists() and variant.path.read_bytes() != default.path.read_bytes()
    with pdfplumber.open(variant.path) as pdf:
        page = pdf.pages[0]
        assert {tuple(c["non_stroking_color"]) for c in page.chars} == {(1.0, 1.0, 1.0)}
        backgrounds = [r for r in page.rects if r["width"] >= page.width - 1 and r["height"] >= page.height - 1]
        assert backgrounds and tuple(backgrounds[0]["non_stroking_color"]) == (0.0, 0.0, 0.0)


def test_same_source_and_options_give_the_same_bytes(tmp_path: Path) -> None:
    first = _build(EVERY, tmp_path / "a", size="24", colours="black-on-cream")
    second = _build(EVERY, tmp_path / "b", size="24", colours="black-on-cream")
    assert first.path.read_bytes() == second.path.read_bytes()


def test_every_scheme_has_at_least_seven_to_one_contrast() -> None:
    from leaflet.media.colours import MINIMUM_CONTRAST, SCHEMES, contrast_ratio

    assert set(SCHEMES) >= {"black-on-white", "black-on-cream", "black-on-yellow", "white-on-black", "yellow-on-black"}
    for scheme in SCHEMES.values():
        assert scheme.contrast >= MINIMUM_CONTRAST, scheme.name
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("777777", "FFFFFF") < 4.5  # mid grey fails, so the check can fail


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"size": "12"}, "from 14 to 48"),
        ({"size": "big"}, "from 14 to 48"),
        ({"colours": "pink-on-green"}, "black-on-cream"),
        ({"voice": "x"}, "does not take --voice"),
    ],
)
def test_bad_options_are_refused_naming_what_is_allowed(values: dict[str, str], message: str) -> None:
    from leaflet.core.diagnostics import OptionError

    with pytest.raises(OptionError, match=message):
        LARGE_PRINT_PDF.parse(values)


def test_bad_option_on_the_command_line_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from leaflet.cli import main

    status = main(
        [
            "build",
            "--format",
            "large-print-pdf",
            "--size",
            "50",
            "--out",
            str(tmp_path),
            "--source",
            str(ROOT / "source"),
        ]
    )
    assert status == 2
    assert "from 14 to 48" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.pdf"))


def test_below_16pt_warns_that_it_is_not_large_print(tmp_path: Path) -> None:
    leaflet = read_leaflet(EVERY).leaflet
    rendered = render(lp, leaflet, lp.FORMAT.parse({"size": "14"}), tmp_path)
    assert [w.code for w in rendered.warnings] == ["not-large-print"]
    assert rendered.paths[0].name == "every-feature.large-print-14pt-black-on-white.pdf"


def test_audit_reports_a_broken_file(built: dict[str, Built], tmp_path: Path) -> None:
    from leaflet.checks.large_print_pdf import audit_file

    item = built["every"]
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(item.path) as pdf:
        del pdf.Root.MarkInfo
        del pdf.Root.Lang
        pdf.save(broken)
    problems = " ".join(errors_of(audit_file(broken, item.leaflet, item.size)))
    assert "/MarkInfo" in problems and "/Lang" in problems
    assert "smaller than 30pt" in " ".join(errors_of(audit_file(item.path, item.leaflet, 30)))


def test_giant_print_stacks_a_wide_table_but_keeps_its_tags(tmp_path: Path) -> None:
    from leaflet.checks.large_print_pdf import audit_file

    item = _build(EVERY, tmp_path, size="48", colours="yellow-on-black")
    assert errors_of(audit_file(item.path, item.leaflet, 48)) == ()
    with pikepdf.open(item.path) as pdf:
        elements = list(_elements(_kids(pdf.Root.StructTreeRoot)[0]))
        rows = [[_role(cell) for cell in _kids(e)] for e in elements if _role(e) == "TR"]
    assert rows == [["TH", "TH"], ["TD", "TD"], ["TD", "TD"]]
    with pdfplumber.open(item.path) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Afternoon" in text and "Time: Afternoon" in text  # no word broken; each cell labelled
    assert "Afterno\n" not in text


def test_a_long_table_repeats_its_header_on_each_page_but_tags_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "long-table"
    folder.mkdir()
    rows = "\n".join(f"| Day {n} | Take **one** tablet with water at breakfast time. |" for n in range(1, 41))
    (folder / "leaflet.md").write_text(
        "---\ntitle: Your tablets\npublisher: Test Trust\npublished: 2026-01-01\n---\n\n"
        f"## When to take them\n\n| Day | What to do |\n| --- | --- |\n{rows}\n",
        encoding="utf-8",
    )
    item = _build(folder, tmp_path / "out")
    with pdfplumber.open(item.path) as pdf:
        table_pages = [p for p in pdf.pages if p.search(r"Day \d+")]
        assert len(table_pages) > 2
        for page in table_pages:  # the header row, bold, on every page the table reaches
            (found,) = page.search(r"(?<!and )What to do")  # not the caption ('Table 1: Day and What to do')
            assert all(c["fontname"].endswith("Bold") for c in found["chars"])
    with pikepdf.open(item.path) as pdf:
        elements = list(_elements(_kids(pdf.Root.StructTreeRoot)[0]))
        rows_tagged = [[_role(cell) for cell in _kids(e)] for e in elements if _role(e) == "TR"]
    assert rows_tagged == [["TH", "TH"]] + [["TD", "TD"]] * 40
    assert first_missing_word(leaflet_words(item.leaflet), words(_spoken(item.path))) is None


def test_a_character_the_font_lacks_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "arrow"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        "---\ntitle: Arrows\npublisher: Test Trust\npublished: 2026-01-01\n---\n\nGo this way \u2192 to the clinic.\n",
        encoding="utf-8",
    )
    leaflet = read_leaflet(folder).leaflet
    rendered = render(lp, leaflet, lp.FORMAT.parse({}), tmp_path / "out")
    assert [(w.code, w.line) for w in rendered.warnings] == [("missing-glyph", 7)]


def test_a_table_with_empty_cells_keeps_every_cell_in_the_structure_tree(tmp_path: Path) -> None:
    """An empty cell draws nothing, yet its TD must be there: rows of unequal length fail PDF/UA (found by
    importing a PDF whose table had empty cells)."""
    from tests.conftest import audited, small_leaflet

    body = "## A table\n\n| When | What | Notes |\n| --- | --- | --- |\n| Monday |  | Bring a list |\n|  | Blood test |  |\n"
    leaflet = small_leaflet(tmp_path, body)
    out = tmp_path / "out"
    render(lp, leaflet, lp.FORMAT.parse({}), out)
    assert errors_of(audited("large-print-pdf", leaflet, out)) == ()
    with pikepdf.open(out / "short.large-print.pdf") as pdf:
        rows = [e for e in _elements(pdf.Root.StructTreeRoot) if _role(e) == "TR"]
        cells = [[_role(kid) for kid in _kids(row) if isinstance(kid, pikepdf.Dictionary)] for row in rows]
    assert cells == [["TH"] * 3, ["TD"] * 3, ["TD"] * 3]
