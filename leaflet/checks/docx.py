"""The Word format's audit: read a built .docx back, independently of python-docx, and report what breaks the rules.

Two readers: mammoth (the semantic view a screen reader or converter gets:
headings, lists, links, words) and the raw XML through ``leaflet.media.ooxml.read``
(styles, sizes, fonts and the embedded font, language, table headers, alt
text, empty paragraphs, properties, colours).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from leaflet.core.compose import GLOSSARY_HEADING, glossary_section
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import BulletList, Callout, Leaflet, NumberedList, Paragraph
from leaflet.core.text import first_missing_word, leaflet_links, leaflet_words, plain, words
from leaflet.media.colours import MINIMUM_CONTRAST, Scheme
from leaflet.media.colours import contrast_ratio as contrast
from leaflet.media.ooxml.read import NS, WordFile, font_family, is_on, paragraph_style, paragraph_text, used_styles, w
from leaflet.writers.docx.options import Options

BODY_FONT = "Atkinson Hyperlegible"
A4_TWIPS = (11906, 16838)
VAGUE_LINK_WORDS = {"here", "click here", "link", "this link", "more", "read more", "this page"}
TYPED_MARKER = re.compile(r"^\s*(?:[\u2022\u25e6\u25aa*\-\u2013]\s|\d+[.)]\s)")
HEADING = re.compile(r"^Heading([1-9])$")
MAMMOTH_STYLES = "p[style-name='Caption'] => p.caption:fresh"


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """What ``leaflet check`` runs: the default .docx in ``out_dir``."""
    return audit_file(leaflet, files[0], Options())


def audit_file(leaflet: Leaflet, path: Path, options: Options) -> tuple[Diagnostic, ...]:
    """Every rule the .docx at ``path`` breaks for ``leaflet`` built with ``options`` (errors), or a summary (a note)."""
    try:
        word = WordFile.open(path)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as error:
        return (_error(path, "docx-unreadable", f"not a readable Word document: {error}"),)
    found = [_error(path, code, message) for code, message in _xml_problems(word, leaflet, options)]
    html_problems, summary = _html_problems(path, leaflet)
    found += [_error(path, "docx-read-back", message) for message in html_problems]
    if found:
        return tuple(found)
    note = f"{summary}; body {options.size}pt {BODY_FONT} (embedded), language {leaflet.meta.language}"
    return (Diagnostic(path, 0, "docx-summary", note, severity="note"),)


def _error(path: Path, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, 0, code, message, severity="error")


# The XML view ----------------------------------------------------------


def _xml_problems(word: WordFile, leaflet: Leaflet, options: Options) -> Iterator[tuple[str, str]]:
    rules: tuple[tuple[str, Iterator[str]], ...] = (
        ("docx-properties", _properties(word, leaflet)),
        ("docx-type", _type(word, options, leaflet.meta.language)),
        ("docx-font", embedded_font_problems(word, BODY_FONT)),
        ("docx-paragraphs", _paragraphs(word)),
        ("docx-links", _links(word)),
        ("docx-tables", _tables(word)),
        ("docx-pictures", _pictures(word)),
        ("docx-page", _page(word)),
        ("docx-colours", colour_problems(word, options.scheme)),
    )
    for code, problems in rules:
        for problem in problems:
            yield code, problem


def embedded_font_problems(word: WordFile, font: str) -> Iterator[str]:
    """The regular and bold faces of ``font`` are carried in the file, each a font file of that family."""
    embedded = word.embedded_fonts()
    for face in ("embedRegular", "embedBold"):
        data = embedded.get((font, face))
        if data is None:
            yield f"{font} ({face}) is not embedded"
        elif font_family(data) != font:
            yield f"the embedded {face} font reads back as {font_family(data)!r}, not {font}"
    if embedded and word.settings.find("w:embedTrueTypeFonts", NS) is None:
        yield "fonts are embedded but the settings do not say w:embedTrueTypeFonts, so Word drops them on saving"


def colour_problems(word: WordFile, scheme: Scheme) -> Iterator[str]:
    """Text, links and page in the scheme's colours, at 7:1 or more; Word told to show the page colour."""
    background = word.document.find("w:background", NS)
    shown = background.get(w("color"), "FFFFFF").upper() if background is not None else "FFFFFF"
    if shown != scheme.background:
        yield f"the page colour is {shown}, not {scheme.background}"
    if shown != "FFFFFF" and word.settings.find("w:displayBackgroundShape", NS) is None:
        yield "the page colour is set but Word is not told to show it"
    for what, style_id, wanted in (("text", "Normal", scheme.text), ("link", "Hyperlink", scheme.link)):
        found = word.run_property(style_id, "color")
        colour = found.get(w("val"), "").upper() if found is not None else "auto"
        if colour != wanted:
            yield f"the {what} colour is {colour}, not {wanted}"
        elif contrast(colour, shown) < MINIMUM_CONTRAST:
            yield f"the {what} colour {colour} has contrast {contrast(colour, shown):.1f}:1 on {shown}"


def _properties(word: WordFile, leaflet: Leaflet) -> Iterator[str]:
    meta = leaflet.meta
    expected = {
        "dc:title": meta.title,
        "dc:creator": meta.publisher,
        "dc:language": meta.language,
        "dcterms:created": f"{meta.published.isoformat()}T00:00:00Z",
        "dcterms:modified": f"{(meta.updated or meta.published).isoformat()}T00:00:00Z",
    }
    for tag, value in expected.items():
        if word.core_value(tag) != value:
            yield f"core property {tag} is {word.core_value(tag)!r}, not {value!r}"


def _type(word: WordFile, options: Options, language: str) -> Iterator[str]:
    """Sans-serif at body size or larger, no italics or underline, left aligned, the right language."""
    body = options.size * 2
    for style_id in sorted(used_styles(word.document)):
        name = word.style_name(style_id)
        size = word.run_property(style_id, "sz")
        if word.style_type(style_id) == "paragraph":
            if size is None or int(size.get(w("val"), "0")) < body:
                yield f"style {name!r} is smaller than {options.size}pt"
            fonts = word.run_property(style_id, "rFonts")
            if fonts is None or fonts.get(w("ascii")) != BODY_FONT or any("Theme" in k for k in fonts.attrib):
                yield f"style {name!r} does not name {BODY_FONT} first"
            lang = word.run_property(style_id, "lang")
            if lang is None or lang.get(w("val")) != language:
                yield f"style {name!r} is not in the leaflet's language {language}"
            yield from _spacing(word, style_id, name)
        for tag in ("i", "u"):
            if is_on(word.run_property(style_id, tag)):
                yield f"style {name!r} uses {'italics' if tag == 'i' else 'underlining'}"
    for run in word.document.iter(w("rPr")):
        if is_on(run.find("w:i", NS)) or is_on(run.find("w:u", NS)):
            yield "a run uses italics or underlining"
        size = run.find("w:sz", NS)
        if size is not None and int(size.get(w("val"), "0")) < body:
            yield f"a run is smaller than {options.size}pt"
    for jc in word.document.iter(w("jc")):
        if jc.get(w("val")) in ("both", "distribute"):
            yield "a paragraph is justified; leaflets are left aligned, ragged right"


def _spacing(word: WordFile, style_id: str, name: str) -> Iterator[str]:
    spacing = word.paragraph_property(style_id, "spacing")
    line = int(spacing.get(w("line"), "240")) if spacing is not None else 240
    if not 276 <= line <= 360:
        yield f"style {name!r} has line spacing {line / 240:.2f}; use 1.15 to 1.5"


def _paragraphs(word: WordFile) -> Iterator[str]:
    """No empty paragraphs for spacing; real list numbering, never typed markers; headings in order."""
    cells = {id(p) for tc in word.body.iter(w("tc")) for p in tc.iter(w("p"))}
    previous_level = 0
    headings = 0
    for paragraph in word.body.iter(w("p")):
        text = paragraph_text(paragraph)
        if id(paragraph) in cells:
            continue
        if not text.strip() and paragraph.find(".//w:drawing", NS) is None:
            yield "an empty paragraph (use paragraph spacing, not blank lines)"
        if "  " in text:
            yield f"repeated spaces in {text[:40]!r} (use spacing and indents, not spaces)"
        numbering = paragraph.find("w:pPr/w:numPr", NS)
        if numbering is not None:
            num_id = numbering.find("w:numId", NS)
            list_level = numbering.find("w:ilvl", NS)
            if num_id is None or word.list_format(num_id.get(w("val"), ""), _val(list_level, "0")) is None:
                yield f"the list item {text[:40]!r} has no numbering definition"
        elif TYPED_MARKER.match(text):
            yield f"the paragraph {text[:40]!r} starts with a typed list marker; use a Word list"
        match = HEADING.match(paragraph_style(paragraph))
        if match:
            level = int(match.group(1))
            headings += level == 1
            if level > previous_level + 1:
                yield f"the heading {text!r} skips from level {previous_level} to {level}"
            previous_level = level
    if headings != 1:
        yield f"{headings} Heading 1 paragraphs; the title should be the only one"


def _val(element: ET.Element | None, default: str) -> str:
    return element.get(w("val"), default) if element is not None else default


def _links(word: WordFile) -> Iterator[str]:
    for link in word.links():
        if link.external_address is None:
            yield f"the link {link.text!r} has no external address"
        if not link.text or link.text.lower() in VAGUE_LINK_WORDS:
            yield f"the link text {link.text!r} does not say where it goes"


def _tables(word: WordFile) -> Iterator[str]:
    children = list(word.body)
    for index, table in enumerate(children):
        if table.tag != w("tbl"):
            continue
        first = table.find("w:tr", NS)
        if first is None or first.find("w:trPr/w:tblHeader", NS) is None:
            yield "a table has no header row marked to repeat"
        for tag in ("gridSpan", "vMerge", "hMerge"):
            if table.find(f".//w:{tag}", NS) is not None:
                yield "a table has merged cells"
        before = children[index - 1] if index else None
        if before is None or before.tag != w("p") or not paragraph_text(before).strip():
            yield "a table has no caption or sentence before it"


def _pictures(word: WordFile) -> Iterator[str]:
    for properties in word.body.iter(f"{{{NS['wp']}}}docPr"):
        if not properties.get("descr", "").strip():
            yield f"the picture {properties.get('name')!r} has no alt text"


def _page(word: WordFile) -> Iterator[str]:
    size = word.body.find("w:sectPr/w:pgSz", NS)
    if size is None or (int(size.get(w("w"), "0")), int(size.get(w("h"), "0"))) != A4_TWIPS:
        yield "the page is not A4"


# The semantic view (mammoth) ------------------------------------------


class _Outline(HTMLParser):
    """Headings, lists, link addresses and all the words of mammoth's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.lists = {"ul": 0, "ol": 0}
        self.hrefs: list[str] = []
        self.pictures = 0
        self.text: list[str] = []
        self._heading: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        elif tag in self.lists:
            self.lists[tag] += 1
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        elif tag == "img":
            self.pictures += 1
            self.text.append(f" {dict(attrs).get('alt') or ''} ")  # what a screen reader says for it
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def _html_problems(path: Path, leaflet: Leaflet) -> tuple[list[str], str]:
    import mammoth  # lazy: only checks need it

    with open(path, "rb") as handle:
        result = mammoth.convert_to_html(handle, style_map=MAMMOTH_STYLES)
    outline = _Outline()
    outline.feed(result.value)
    problems = [f"mammoth: {message.message}" for message in result.messages]
    expected = [(1, leaflet.meta.title)] + [(s.level, s.heading) for s in leaflet.sections if s.heading]
    found = [(level, " ".join(text.split())) for level, text in outline.headings]
    if found[: len(expected)] != expected:
        problems.append(f"the headings read back as {found[: len(expected)]}, not {expected}")
    for tag, kind in (("ul", BulletList), ("ol", NumberedList)):
        wanted = sum(isinstance(lst, kind) for lst in _lists(leaflet))
        if outline.lists[tag] != wanted:
            problems.append(f"{outline.lists[tag]} <{tag}> lists read back; the source has {wanted}")
    missing_links = sorted(set(_urls(leaflet)) - set(outline.hrefs))
    if missing_links:
        problems.append(f"links missing: {', '.join(missing_links)}")
    found_words = words("".join(outline.text))
    missing = first_missing_word(leaflet_words(leaflet) + _glossary_words(leaflet), found_words)
    if missing is not None:
        problems.append(f"the source's words are not all there in order; first missing: {missing!r}")
    summary = f"{len(found)} headings, {sum(outline.lists.values())} lists, {len(outline.hrefs)} links, {outline.pictures} pictures; every word in order"
    return problems, summary


def _lists(leaflet: Leaflet) -> Iterator[BulletList | NumberedList]:
    def walk(block: BulletList | NumberedList) -> Iterator[BulletList | NumberedList]:
        yield block
        for item in block.items:
            if item.sublist is not None:
                yield from walk(item.sublist)

    for section in leaflet.sections:
        for block in section.blocks:
            for inner in block.blocks if isinstance(block, Callout) else (block,):
                if isinstance(inner, BulletList | NumberedList):
                    yield from walk(inner)


def _urls(leaflet: Leaflet) -> Iterator[str]:
    return (link.url for link in leaflet_links(leaflet))


def _glossary_words(leaflet: Leaflet) -> list[str]:
    """'Words explained' as the document lists it: alphabetically."""
    glossary = glossary_section(leaflet.glossary)
    if glossary is None:
        return []
    entries = " ".join(plain(block.inlines) for block in glossary.blocks if isinstance(block, Paragraph))
    return words(f"{GLOSSARY_HEADING} {entries}")
