"""The large-print writer: lay the leaflet out, draw it once, add the structure tree; warn what will not print."""

from __future__ import annotations

from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.media.colours import SCHEMES
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.large_print_pdf import document, tagging
from leaflet.writers.large_print_pdf.options import LARGE_PRINT_MINIMUM, Options, files


def write(leaflet: Leaflet, options: Options) -> Output:
    """The tagged PDF's bytes, and what a reader of it should know (clear print, a missing glyph)."""
    covered = document.register_fonts()
    raw, tagger = document.draw(leaflet, options.size, SCHEMES[options.colours])
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
    (name,) = files(meta.id, options)
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
