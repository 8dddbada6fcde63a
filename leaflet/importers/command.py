"""The ``leaflet import`` arguments and what it prints; cli.py only hands it a parser."""

from __future__ import annotations

import argparse
from pathlib import Path

from leaflet.pipeline.folders import add_source

DESCRIPTION = (
    "Import a Word document (.docx), a web page saved from a browser (.html) or a PDF (.pdf) into SOURCE/<id>/leaflet.md, "
    "with its pictures beside it. Prints where each front matter value came from, every place that held what "
    "the source format cannot carry, and whether the source builds as it stands or which file:line needs your hand. "
    "Exit status: 0 it builds; 1 written, but it needs your hand first; 2 nothing written."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the .docx, .html or .pdf file to import")
    parser.add_argument(
        "--id", dest="leaflet_id", metavar="ID", help="the leaflet's folder name (default: a slug of its title)"
    )
    add_source(parser)
    parser.add_argument("--force", action="store_true", help="replace the leaflet's folder if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from leaflet.importers import import_document

    imported = import_document(args.file, args.source, args.leaflet_id, args.force)
    for line in imported.report():
        print(line)
    return 0 if imported.builds else 1
