"""Large-print PDF (format ``large-print-pdf``): ``<id>.large-print.pdf``.

A4, one column, Atkinson Hyperlegible at 18pt by default (UKAAF's ideal for
large print), tagged for screen readers to the machine-checkable part of
PDF/UA-1. A patient may ask for another size (14-48pt, reflowed) or colour
scheme; that variant names its options in its file name, for example
``<id>.large-print-24pt-white-on-black.pdf``, and never replaces the default.

- ``textflow``   line breaking by the large-print rules (no markup involved)
- ``flowables``  tagged reportlab flowables
- ``layout``     the model as a story of flowables
- ``document``   fonts, page, footer, one reportlab pass
- ``structure``  the record of what was drawn for which structure element
- ``tagging``    the structure tree, outline and metadata, with pikepdf
The audit that reads the file back lives in ``leaflet/checks/large_print_pdf.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES
from leaflet.options import choice, whole_number
from leaflet.writers import LARGE_PRINT_PDF, Output, OutputFile

DEFAULT_SIZE = 18
SMALLEST, LARGEST = 14, 48
LARGE_PRINT_MINIMUM = 16  # UKAAF: below this it is clear print, not large print


@dataclass(frozen=True, slots=True)
class Options:
    """Print size in points and a colour scheme's name."""

    size: int = DEFAULT_SIZE
    colours: str = DEFAULT_SCHEME

    @property
    def is_default(self) -> bool:
        return self == Options()


def parse_options(values: Mapping[str, str]) -> Options:
    size = whole_number("size", values["size"], SMALLEST, LARGEST) if "size" in values else DEFAULT_SIZE
    colours = choice("colours", values["colours"], tuple(SCHEMES)) if "colours" in values else DEFAULT_SCHEME
    return Options(size, colours)


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.writers.large_print_pdf import document, tagging

    covered = document.register_fonts()
    raw, tagger = document.build(leaflet, options.size, SCHEMES[options.colours])
    meta = leaflet.meta
    facts = tagging.DocumentFacts(
        title=meta.title,
        author=meta.publisher,
        subject=f"Large-print patient information from {meta.publisher}",
        keywords=f"large print; {options.size}pt; {options.colours}",
        language=meta.language,
        created=meta.published,
        modified=meta.updated or meta.published,
    )
    (name,) = LARGE_PRINT_PDF.names(meta.id, options)
    return Output((OutputFile(name, tagging.finish(raw, tagger, facts)),), _warnings(leaflet, options, covered))


def _warnings(leaflet: Leaflet, options: Options, covered: frozenset[int]) -> tuple[Diagnostic, ...]:
    from leaflet.writers.large_print_pdf.layout import missing_characters

    warnings: list[Diagnostic] = []
    if options.size < LARGE_PRINT_MINIMUM:
        warnings.append(
            Diagnostic(
                leaflet.source_path,
                0,
                "not-large-print",
                f"{options.size}pt is clear print, not large print (large print is {LARGE_PRINT_MINIMUM}pt or more)",
            )
        )
    for character, line in missing_characters(leaflet, covered):
        warnings.append(
            Diagnostic(
                leaflet.source_path,
                line,
                "missing-glyph",
                f"the large-print font has no {character!r} (U+{ord(character):04X}); it will not print: use another character",
            )
        )
    return tuple(warnings)
