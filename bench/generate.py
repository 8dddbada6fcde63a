"""Make a catalogue of N leaflets from the NICE one, varied but deterministic from a seed.

    python bench/generate.py DEST --leaflets 200 --seed 1

Each leaflet keeps the NICE leaflet's front matter and sections, and gets a
seeded mix of extra paragraphs, lists, a table and links, so formats are
measured on realistic, not identical, work.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock" / "leaflet.md"
NICE_EASY_READ = NICE.with_name("easy-read.md")
SENTENCES = [
    "Your care team will explain what happens before, during and after the procedure.",
    "Ask as many questions as you need to.",
    "You may feel tired for a few days afterwards.",
    "Tell a nurse straight away if the wound bleeds or becomes painful.",
    "Most people go home within a week, but some stay longer.",
    "You can bring someone with you to your appointments.",
]
ROWS = [
    ("Before", "You have blood tests and a scan."),
    ("During", "The team watches your heart closely."),
    ("After", "You rest on a ward with close monitoring."),
    ("At home", "You have regular check-ups."),
]
LINKS = [
    ("NHS 111 online", "https://111.nhs.uk/"),
    ("Healthwatch", "https://www.healthwatch.co.uk/"),
    ("NICE", "https://www.nice.org.uk/"),
]


def extra_section(rng: random.Random, number: int) -> str:
    """A seeded section of paragraphs, a list, perhaps a table and a link."""
    lines = [f"## More about your care, part {number}", ""]
    lines += [" ".join(rng.sample(SENTENCES, rng.randint(2, 4))), ""]
    lines += [f"- {s}" for s in rng.sample(SENTENCES, rng.randint(2, 5))] + [""]
    if rng.random() < 0.6:
        lines += (
            ["| When | What happens |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rng.sample(ROWS, 3)] + [""]
        )
    text, url = rng.choice(LINKS)
    lines += [f"Find out more from [{text}]({url}).", ""]
    return "\n".join(lines)


def make_catalogue(dest: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` leaflet folders under ``dest``; return them."""
    rng = random.Random(seed)
    base = NICE.read_text(encoding="utf-8")
    easy_base = NICE_EASY_READ.read_text(encoding="utf-8")
    folders = []
    for index in range(count):
        folder = dest / f"leaflet-{index:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = range(1, rng.randint(0, 3) + 1)
        extras = "\n".join(extra_section(rng, n) for n in parts)
        text = base.replace("title: Percutaneous", f"title: Leaflet {index}, percutaneous", 1)
        (folder / "leaflet.md").write_text(text.rstrip("\n") + "\n\n" + extras, encoding="utf-8")
        # the easy read has a section for every section of the full text (an easy-read rule)
        easy_extras = "".join(
            f"\n## More about your care, part {n}\n\n- Your care team will tell you more.\n" for n in parts
        )
        (folder / "easy-read.md").write_text(easy_base.rstrip("\n") + "\n" + easy_extras, encoding="utf-8")
        folders.append(folder)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--leaflets", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wrote {len(make_catalogue(args.dest, args.leaflets, args.seed))} leaflets under {args.dest}")


if __name__ == "__main__":
    main()
