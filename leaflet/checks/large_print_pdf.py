"""The large-print PDF's audit: an independent read-back, what a careful reviewer would check.

Nothing here uses the code that wrote the file. pdfplumber (pdfminer) reads
every character's size, font and marked-content id; pikepdf reads the
catalogue, structure tree, annotations and outline; the ``pdfua`` package
runs its PDF/UA-1 rules. The text a screen reader would say is rebuilt by
walking the structure tree and collecting each marked-content sequence's
characters, with a figure's /Alt in place of its content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import display_url, first_missing_word, leaflet_links, leaflet_words, shows_own_address, words
from leaflet.writers.large_print_pdf.options import Options

FONT_FAMILY = "AtkinsonHyperlegible"
MAX_LINE_CHARACTERS = 70  # UKAAF: about 60-70 characters a line at most
MIN_MARGIN = 28.0  # points (10 mm): nothing may run off the page or into its edge
BLOCK_ROLES = frozenset(
    {"Document", "P", "H1", "H2", "H3", "H4", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure"}
)
HEADING_ROLES = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}


@dataclass
class Element:
    """A structure element as read back: role, attributes, kids."""

    role: str
    alt: str | None
    scope: str | None
    kids: list[Element | tuple[int, int] | str] = field(default_factory=list)  # str: "OBJR"

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """Read the default file back with pdfplumber, pikepdf and pdfua and report what breaks the rules."""
    return audit_file(files[0], leaflet, Options().size)


def audit_file(path: Path, leaflet: Leaflet, body_size: float) -> tuple[Diagnostic, ...]:
    """Every check below, on ``path``: each broken rule, or a note when all pass."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        problems += catalogue_problems(pdf, leaflet)
        problems += font_problems(pdf)
        root, annotation_problems = read_structure(pdf)
        problems += annotation_problems
        problems += outline_problems(pdf, root)
    problems += structure_problems(root)
    marked_text, page_problems, pages = read_pages(path, body_size)
    problems += page_problems
    spoken = structure_text(root, marked_text)
    problems += reading_problems(spoken, leaflet)
    problems += pdfua_problems(path)
    problems += page_validation_problems(path)
    if problems:
        return tuple(error(path, "large-print", problem) for problem in problems)
    summary = (
        f"{pages} pages at {body_size:g}pt or larger, tagged, pdfua and page-validation (PDF/UA-1) clean, "
        "every word in order"
    )
    return (note(path, "large-print", summary),)


# catalogue, fonts, outline ----------------------------------------------------


def catalogue_problems(pdf: pikepdf.Pdf, leaflet: Leaflet) -> list[str]:
    problems: list[str] = []
    root = pdf.Root
    if not bool(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked", False)):
        problems.append("/MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")) != leaflet.meta.language:
        problems.append(f"/Lang is {str(root.get('/Lang', ''))!r}, not {leaflet.meta.language!r}")
    if not bool(root.get("/ViewerPreferences", pikepdf.Dictionary()).get("/DisplayDocTitle", False)):
        problems.append("/ViewerPreferences /DisplayDocTitle is not true")
    meta = pdf.open_metadata()
    if meta.get("dc:title") != leaflet.meta.title:
        problems.append(f"XMP dc:title is {meta.get('dc:title')!r}, not the leaflet's title")
    if str(meta.get("pdfuaid:part")) != "1":
        problems.append("XMP pdfuaid:part is not 1")
    info = pdf.docinfo
    if str(info.get("/Author", "")) != leaflet.meta.publisher:
        problems.append("the document's author is not the publisher")
    if not str(info.get("/CreationDate", "")).startswith(f"D:{leaflet.meta.published:%Y%m%d}"):
        problems.append("the creation date is not the leaflet's published date")
    for number, page in enumerate(pdf.pages, start=1):
        if page.obj.get("/Tabs") != pikepdf.Name.S:
            problems.append(f"page {number} has no /Tabs /S")
        if "/StructParents" not in page.obj:
            problems.append(f"page {number} has no /StructParents")
    return problems


def font_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every font embedded, with a Unicode map, from the Atkinson Hyperlegible family, never italic."""
    problems: list[str] = []
    seen: set[str] = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary()).values():
            name = str(font.get("/BaseFont", "?"))
            if name in seen:
                continue
            seen.add(name)
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == pikepdf.Name.Type0:
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {name} is not embedded")
            if "/ToUnicode" not in font:
                problems.append(f"font {name} has no /ToUnicode map, so copied text may be wrong")
            if FONT_FAMILY not in name or "Italic" in name:
                problems.append(f"font {name} is not Atkinson Hyperlegible regular or bold")
    return problems


def outline_problems(pdf: pikepdf.Pdf, root: Element) -> list[str]:
    """A bookmark for every heading, in order."""
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def collect(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                titles.append(" ".join(item.title.split()))
                collect(item.children)

        collect(outline.root)
    headings = sum(1 for e in root.walk() if e.role in HEADING_ROLES)
    if len(titles) != headings:
        return [f"{len(titles)} bookmarks for {headings} headings"]
    return []


# the structure tree -------------------------------------------------------------


def read_structure(pdf: pikepdf.Pdf) -> tuple[Element, list[str]]:
    """The tree as plain objects, and problems with the link annotations it owns."""
    problems: list[str] = []
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return Element("(none)", None, None), ["no /StructTreeRoot: the PDF is not tagged"]
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    parent_tree = _number_tree(tree.get("/ParentTree", pikepdf.Dictionary()))

    def convert(node: pikepdf.Object, page: int | None) -> Element:
        page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
        attrs = node.get("/A", pikepdf.Dictionary())
        scope = str(attrs.get("/Scope")) if isinstance(attrs, pikepdf.Dictionary) and "/Scope" in attrs else None
        alt = str(node.Alt) if "/Alt" in node else None
        element = Element(str(node.S)[1:], alt, scope)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, int) or (
                isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer
            ):
                element.kids.append((page if page is not None else -1, int(kid)))
            elif kid.get("/Type") == pikepdf.Name.MCR:
                element.kids.append((pages.get(kid.Pg.objgen, -1) if "/Pg" in kid else page or -1, int(kid.MCID)))
            elif kid.get("/Type") == pikepdf.Name.OBJR:
                element.kids.append("OBJR")
                annot = kid.Obj
                key = annot.get("/StructParent")
                if key is None or parent_tree.get(int(key)) is None or parent_tree[int(key)].objgen != node.objgen:
                    problems.append(f"a link annotation in a {element.role} is not found again through /StructParent")
                if not str(annot.get("/Contents", "")).strip():
                    problems.append("a link annotation has no /Contents description")
            else:
                element.kids.append(convert(kid, page))
        return element

    kids = tree.K
    document = convert(kids[0] if isinstance(kids, pikepdf.Array) else kids, None)
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == pikepdf.Name.Link and "/StructParent" not in annot:
                problems.append("a link annotation is not in the structure tree")
    return document, problems


def _number_tree(node: pikepdf.Object) -> dict[int, pikepdf.Object]:
    found: dict[int, pikepdf.Object] = {}
    nums: pikepdf.Object = node.get("/Nums", pikepdf.Array())
    for index in range(0, len(nums), 2):
        found[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        found.update(_number_tree(kid))
    return found


def structure_problems(root: Element) -> list[str]:
    problems: list[str] = []
    if root.role != "Document":
        problems.append(f"the structure tree starts with {root.role}, not Document")
    level = 0
    for element in root.walk():
        if element.role in HEADING_ROLES:
            new = HEADING_ROLES[element.role]
            if new > level + 1:
                problems.append(f"heading level skipped: {element.role} after H{level}")
            level = new
        if element.role == "Figure" and not (element.alt or "").strip():
            problems.append("a Figure has no /Alt text")
        if element.role == "TH" and element.scope not in ("/Column", "/Row", "/Both"):
            problems.append("a TH has no /Scope")
        if element.role == "Link" and "OBJR" not in element.kids:
            problems.append("a Link element holds no annotation (/OBJR)")
        if element.role == "LI" and not any(isinstance(k, Element) and k.role == "LBody" for k in element.kids):
            problems.append("a list item has no LBody")
    if not any(e.role == "H1" for e in root.walk()):
        problems.append("no H1")
    return problems


# pages and text -----------------------------------------------------------------


def read_pages(path: Path, body_size: float) -> tuple[dict[tuple[int, int], str], list[str], int]:
    """Each marked-content sequence's text, problems with sizes, fonts, margins and footers, and the page count."""
    marked: dict[tuple[int, int], str] = {}
    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        for index, page in enumerate(pdf.pages):
            number = index + 1
            small = [c for c in page.chars if c["size"] < body_size - 0.01 and not c["text"].isspace()]
            if small:
                problems.append(
                    f"page {number}: {len(small)} characters smaller than {body_size:g}pt, first {small[0]['text']!r} at {small[0]['size']:.1f}pt"
                )
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, int(char["mcid"]))
                    marked[key] = marked.get(key, "") + char["text"]
                if FONT_FAMILY not in char["fontname"] or "Italic" in char["fontname"]:
                    problems.append(f"page {number}: {char['text']!r} is in {char['fontname']}")
                    break
            outside = [c for c in page.chars if c["x0"] < MIN_MARGIN or c["x1"] > page.width - MIN_MARGIN]
            if outside:
                problems.append(f"page {number}: text runs into the page edge ({outside[0]['text']!r})")
            text = page.extract_text() or ""
            if f"Page {number} of {total}" not in text:
                problems.append(f"page {number}: no footer 'Page {number} of {total}'")
            for line in text.splitlines():
                if len(line) > MAX_LINE_CHARACTERS and " " in line.strip():
                    problems.append(f"page {number}: a line of {len(line)} characters (at most {MAX_LINE_CHARACTERS})")
    return marked, problems, total


def structure_text(root: Element, marked: dict[tuple[int, int], str]) -> str:
    """What a screen reader says: marked content in tree order, a figure's /Alt instead of its content."""
    parts: list[str] = []

    def visit(element: Element) -> None:
        block = element.role in BLOCK_ROLES
        if block:
            parts.append("\n")
        if element.role == "Figure" and element.alt:
            parts.append(element.alt)
        else:
            for kid in element.kids:
                if isinstance(kid, Element):
                    visit(kid)
                elif isinstance(kid, tuple):
                    parts.append(marked.get(kid, ""))
        if block:
            parts.append("\n")

    visit(root)
    return "".join(parts)


def reading_problems(spoken: str, leaflet: Leaflet) -> list[str]:
    problems: list[str] = []
    missing = first_missing_word(leaflet_words(leaflet), words(spoken))
    if missing is not None:
        problems.append(f"the text in structure order lacks the source's words in order; first missing: {missing!r}")
    squeezed = "".join(spoken.split())
    for link in leaflet_links(leaflet):
        shown = link.text if shows_own_address(link.text, link.url) else display_url(link.url)
        if "".join(shown.split()) not in squeezed:
            problems.append(f"the address {shown} is not printed")
    return problems


def page_validation_problems(path: Path) -> list[str]:
    """The PDF/UA-1 rules of ``page-validation`` (104 machine-checkable rules) that the file breaks."""
    import page

    report = page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1)
    return [f"page-validation {f.rule_id}: {f.message}" for f in report.failures]


def pdfua_problems(path: Path) -> list[str]:
    """The pdfua package's findings (info excepted) and any rule it could not run."""
    import pdfua

    report = pdfua.validate(str(path))
    problems = [
        f"pdfua {f.rule_id} ({f.severity.name.lower()}): {f.message} at {f.location.describe()}"
        for f in report.findings
        if f.severity >= pdfua.Severity.WARNING
    ]
    problems += [f"pdfua {o.rule_id} could not run: {o.skipped_reason}" for o in report.skipped]
    return problems
