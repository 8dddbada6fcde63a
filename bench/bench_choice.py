"""How well the picture chooser does on easy-read points no test holds, judged by a person who looked at each symbol.

Run: .venv/bin/python bench/bench_choice.py [--sheet FILE] [--all]

``bench/pictures/points.tsv`` holds the points (each leaflet one section, in
order); ``points-blind.tsv`` a second set, measured once after the chooser
was corrected on the first; ``points-third.tsv`` a third, written by someone
who never saw the chooser or its vocabulary and measured once before the
chooser was corrected on it; ``points-fourth.tsv`` a fourth, written blind
by someone who never saw the chooser, its vocabulary or the earlier sets, and
measured once with the chooser that was corrected on the first three, before
any correction on it (the fair estimate for a new leaflet: README, "How well
it chooses"); ``baseline*.tsv`` what the chooser this work started from
(commit 427f9d9) chose for them; ``bench/pictures/judged.tsv`` a person's verdict on a symbol for a
point, after looking at its drawing at print size: ``fits`` (it shows what the
point says), ``weak`` (it does not mislead, but does not help either),
``misleads`` (a reader would take a wrong meaning from it), or, with the
symbol ``-``, ``none-fits`` (no symbol of the set shows the point). A choice no
one has judged yet is counted apart and listed: judge it (``--sheet`` writes
the pictures to look at) and add a line.

Prints each point's choice, its confidence and its verdict, then the figures:
of the automatic pictures, how many fit and how many mislead, and how many
points got none.
"""

from __future__ import annotations

import argparse
import base64
import html
from collections import Counter
from pathlib import Path

from leaflet.media.symbols import vocab
from leaflet.media.symbols.catalogue import catalogue, render
from leaflet.media.symbols.choose import Choice, choose_section

DATA = Path(__file__).resolve().parent / "pictures"
VERDICTS = ("fits", "weak", "misleads", "none-fits")
SETS = {
    "held-out": ("points.tsv", "baseline.tsv"),
    "blind": ("points-blind.tsv", "baseline-blind.tsv"),
    "third": ("points-third.tsv", "baseline-third.tsv"),
    "fourth": ("points-fourth.tsv", "baseline-fourth.tsv"),
}


def points(name: str = "points.tsv") -> dict[str, list[tuple[str, str]]]:
    """Each leaflet's points in order: (id, words)."""
    leaflets: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            point, words = line.split("\t")
            leaflets.setdefault(point.rsplit("-", 1)[0], []).append((point, words))
    return leaflets


def judged() -> dict[tuple[str, str], str]:
    """(point id, symbol name or '-') -> verdict."""
    found = {}
    for line in (DATA / "judged.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            point, symbol, verdict, *_ = line.split("\t")
            assert verdict in VERDICTS, line
            found[(point, symbol)] = verdict
    return found


def choices(name: str = "points.tsv") -> list[tuple[str, str, Choice]]:
    """(id, words, choice) for every point, each leaflet chosen as one section."""
    found = []
    for leaflet in points(name).values():
        made = choose_section([words for _, words in leaflet], vocab())
        found += [(point, words, choice) for (point, words), choice in zip(leaflet, made, strict=True) if choice]
    return found


def name(choice: Choice) -> str:
    return catalogue().symbols[choice.symbol].name if choice.symbol else "-"


def baseline(name: str = "baseline.tsv") -> dict[str, str]:
    """The symbol the chooser this work started from gave each point ('-': none)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def figures(title: str, given: dict[str, str], verdicts: dict[tuple[str, str], str]) -> None:
    """How many of the pictures in ``given`` (point id -> symbol name, '-' for none) fit, are weak or mislead."""
    counts = Counter(verdicts.get((point, symbol), "?") if symbol != "-" else "none" for point, symbol in given.items())
    right_none = sum(1 for p, s in given.items() if s == "-" and verdicts.get((p, "-")) == "none-fits")
    pictured = len(given) - counts["none"]
    print(
        f"{title}: {len(given)} points, {pictured} with an automatic picture, {counts['none']} with none "
        f"({right_none} of them judged 'no symbol fits')"
    )
    for verdict in ("fits", "weak", "misleads", "?"):
        share = 100 * counts[verdict] / pictured if pictured else 0
        print(
            f"  {verdict if verdict != '?' else 'not judged yet':14} {counts[verdict]:3}  {share:5.1f}% of the pictures"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="write the choices with their pictures, to judge them by eye")
    parser.add_argument("--all", action="store_true", help="put every choice on the sheet, not only the unjudged")
    args = parser.parse_args()
    verdicts = judged()
    unjudged = []
    for label, (named, started) in SETS.items():
        made = choices(named)
        print(f"# {label} ({named})")
        for point, words, choice in made:
            symbol = name(choice)
            verdict = verdicts.get((point, symbol), "?")
            if choice.symbol is None:
                fits = verdicts.get((point, "-")) == "none-fits"
                verdict = "none (" + ("right" if fits else "a picture may fit") + ")"
            elif verdict == "?":
                unjudged.append((point, words, choice))
            print(f"{point:11} {symbol:28} {choice.confidence:4.2f} {verdict:28} {words}")
        print()
        figures(f"{label}: the chooser now", {point: name(choice) for point, _, choice in made}, verdicts)
        figures(f"{label}: the chooser this work started from", baseline(started), verdicts)
        print()
    if args.sheet:
        shown = [row for label in SETS for row in choices(SETS[label][0])] if args.all else unjudged
        args.sheet.write_text(_sheet(shown), encoding="utf-8")
        print(f"wrote {args.sheet} ({len(shown)} choices)")


def _sheet(rows: list[tuple[str, str, Choice]]) -> str:
    cells = []
    for point, words, choice in rows:
        image = ""
        if choice.symbol:
            data = base64.b64encode(render(catalogue().symbols[choice.symbol].code)).decode()
            image = f'<img src="data:image/png;base64,{data}" width="96" height="96" alt="">'
        cells.append(
            f"<tr><td>{image}</td><td><b>{html.escape(point)}</b> {html.escape(name(choice))} "
            f"({choice.confidence:.2f})<br>{html.escape(words)}<br><small>{html.escape(choice.reason)}</small></td></tr>"
        )
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Choices to judge</title>'
        "<style>body{font:15px sans-serif;max-width:900px}td{padding:3px;border-bottom:1px solid #bbb}</style>"
        f"<table>{''.join(cells)}</table></html>\n"
    )


if __name__ == "__main__":
    main()
