"""Turning reportlab's marked content into a PDF/UA-1 tagged PDF with pikepdf.

What reportlab leaves out, added here: the structure tree (from the
``Tagger``'s record) with /ParentTree and /StructParents, link annotations
inside their Link elements as /OBJR, /MarkInfo, /Tabs /S on every page, the
outline (a bookmark for every heading), XMP metadata with dc:title and
pdfuaid:part 1, and the leaflet's own dates, so the bytes are reproducible.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation, String

from leaflet.writers.large_print_pdf.structure import Annotation, Bookmark, Elem, Marked, Tagger


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What goes in the metadata."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str
    created: date
    modified: date


def pdf_date(day: date) -> str:
    return f"D:{day:%Y%m%d}000000Z"


def finish(raw: bytes, tagger: Tagger, facts: DocumentFacts) -> bytes:
    """The tagged, reproducible PDF made from reportlab's ``raw`` output."""
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        _TreeWriter(pdf, tagger).write()
        _clean_to_unicode(pdf)
        _outline(pdf, tagger.bookmarks)
        _catalogue(pdf, facts)
        out = io.BytesIO()
        # deterministic_id: the /ID comes from the content, not the clock
        pdf.save(out, deterministic_id=True, min_version="1.7")
        return out.getvalue()


class _TreeWriter:
    """Writes the structure tree and the parent tree that points back into it."""

    def __init__(self, pdf: pikepdf.Pdf, tagger: Tagger) -> None:
        self.pdf, self.tagger = pdf, tagger
        self.pages = [page.obj for page in pdf.pages]
        self.by_page: dict[int, dict[int, pikepdf.Object]] = {}
        self.annotations = self._annotations_by_key()
        self.annotation_owner: dict[int, pikepdf.Object] = {}

    def _annotations_by_key(self) -> dict[int, pikepdf.Object]:
        found: dict[int, pikepdf.Object] = {}
        for page in self.pages:
            for annot in page.get("/Annots", Array()):
                if "/StructParent" in annot:
                    found[int(annot.StructParent)] = annot
        return found

    def write(self) -> None:
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        root.K = Array([self._element(self.tagger.root, root)])
        nums = Array()
        for key in sorted(self.annotation_owner):  # annotations take keys 0..A-1
            nums.extend([key, self.annotation_owner[key]])  # type: ignore[list-item]  # pikepdf converts ints; its stubs take Object only
        first_page_key = self.tagger.annotation_count
        for index, page in enumerate(self.pages):
            page.Tabs = Name.S  # tab order follows the structure (PDF/UA 7.18.3)
            marks = self.by_page.get(index)
            if not marks:
                continue
            if sorted(marks) != list(range(len(marks))):
                raise RuntimeError(f"page {index + 1}: MCIDs are not 0..{len(marks) - 1}")
            page.StructParents = first_page_key + index
            parents = self.pdf.make_indirect(Array([marks[m] for m in sorted(marks)]))
            nums.extend([first_page_key + index, parents])  # type: ignore[list-item]  # pikepdf converts ints; its stubs take Object only
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = first_page_key + len(self.pages)
        self.pdf.Root.StructTreeRoot = root
        self.pdf.Root.MarkInfo = Dictionary(Marked=True)

    def _element(self, elem: Elem, parent: pikepdf.Object) -> pikepdf.Object:
        node = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent))
        if elem.alt is not None:
            node.Alt = String(elem.alt)
        if elem.title is not None:
            node.T = String(elem.title)
        if elem.attributes:
            node.A = _attributes(elem)
        pages = {kid.page for kid in elem.kids if isinstance(kid, Marked | Annotation)}
        if len(pages) == 1:
            node.Pg = self.pages[next(iter(pages))]
        kids = Array()
        for kid in elem.kids:
            match kid:
                case Elem():
                    kids.append(self._element(kid, node))
                case Marked(page=page, mcid=mcid):
                    self.by_page.setdefault(page, {})[mcid] = node
                    kids.append(mcid if len(pages) == 1 else Dictionary(Type=Name.MCR, Pg=self.pages[page], MCID=mcid))
                case Annotation(page=page, key=key):
                    annot = self.annotations[key]
                    self.annotation_owner[key] = node
                    kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pages[page]))
        # a lone kid is stored bare: legal, and pdfua 0.1.3's heading rule needs it
        node.K = kids[0] if len(kids) == 1 else kids
        return node


def _attributes(elem: Elem) -> Dictionary:
    """Table attributes (Scope) for TH, layout attributes (BBox) for Figure, list numbering for L."""
    attrs = dict(elem.attributes)
    if "Scope" in attrs:
        return Dictionary(O=Name.Table, Scope=Name("/" + attrs["Scope"]))
    if "ListNumbering" in attrs:
        return Dictionary(O=Name.List, ListNumbering=Name("/" + attrs["ListNumbering"]))
    x0, y0, x1, y1 = attrs["BBox"]
    return Dictionary(O=Name.Layout, Placement=Name.Block, BBox=Array([round(v, 2) for v in (x0, y0, x1, y1)]))


_NO_CHARACTER = re.compile(rb"^<[0-9A-Fa-f]+> <(?:0000|FEFF|FFFE)>\r?\n", re.MULTILINE)
_BFCHAR = re.compile(rb"(\d+) beginbfchar\r?\n(.*?)endbfchar", re.DOTALL)


def _clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """Drop ToUnicode entries that map unused codes to U+0000 (PDF/UA-1: PDFUA1-FONT-UNICODE-VALUE-001).

    reportlab fills a subset's unused codes with <0000>; a code the text never uses needs no entry.
    """
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for font in fonts.values():
            stream = font.get("/ToUnicode")
            if stream is None or stream.objgen in seen:
                continue
            seen.add(stream.objgen)

            def recount(match: re.Match[bytes]) -> bytes:
                entries = _NO_CHARACTER.sub(b"", match.group(2))
                return b"%d beginbfchar\n%sendbfchar" % (entries.count(b"\n"), entries)

            stream.write(_BFCHAR.sub(recount, stream.read_bytes()))


def _outline(pdf: pikepdf.Pdf, bookmarks: list[Bookmark]) -> None:
    """A bookmark for every heading: the title, sections, and subsections under their section."""
    with pdf.open_outline() as outline:
        parents: dict[int, OutlineItem] = {}
        for mark in bookmarks:
            item = OutlineItem(mark.title, mark.page, PageLocation.XYZ, left=0, top=round(mark.top, 2))
            parent = next((parents[level] for level in range(mark.level - 1, 1, -1) if level in parents), None)
            (parent.children if parent is not None else outline.root).append(item)
            parents[mark.level] = item
            for deeper in [level for level in parents if level > mark.level]:
                del parents[deeper]
    pdf.Root.PageMode = Name.UseOutlines  # open with the bookmarks showing


def _catalogue(pdf: pikepdf.Pdf, facts: DocumentFacts) -> None:
    pdf.Root.Lang = String(facts.language)
    prefs = pdf.Root.get("/ViewerPreferences", Dictionary())
    prefs.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = prefs
    info = pdf.docinfo
    info.Title = String(facts.title)
    info.Author = String(facts.author)
    info.Subject = String(facts.subject)
    info.Keywords = String(facts.keywords)
    info.CreationDate = String(pdf_date(facts.created))
    info.ModDate = String(pdf_date(facts.modified))
    if "/Trapped" in info:
        del info.Trapped  # reportlab's default; XMP has no place for it, and pikepdf warns
    # set_pikepdf_as_editor=False: otherwise the XMP carries today's date and pikepdf's name
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(info)
        meta["dc:title"] = facts.title
        meta["dc:language"] = [facts.language]
        meta["xmp:CreateDate"] = facts.created.isoformat()
        meta["xmp:ModifyDate"] = facts.modified.isoformat()
        meta["pdfuaid:part"] = "1"
