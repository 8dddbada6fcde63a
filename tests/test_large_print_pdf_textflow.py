"""Line breaking by the large-print rules: numbers and addresses stay whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from leaflet.writers.large_print_pdf.textflow import Piece, glue_numbers, lay_out, shown


def width(piece: Piece) -> float:
    return float(len(piece.text))  # one unit a character keeps the arithmetic visible


def lines_of(text: str, limit: float) -> list[str]:
    return ["".join(shown(p.text) for p in line.pieces) for line in lay_out([Piece(glue_numbers(text))], limit, width)]


def test_a_phone_number_moves_to_the_next_line_whole() -> None:
    lines = lines_of("For help call 0300 123 1234 today", 20)
    assert any("0300 123 1234" in line for line in lines)


def test_a_long_address_breaks_only_after_a_slash() -> None:
    url = "(https://www.nice.org.uk/about/what-we-do/our-programmes/nice-guidance)"
    lines = lines_of(url, 30)
    assert len(lines) > 2
    assert "".join(lines) == url
    assert all(line.endswith("/") and len(line) <= 30 for line in lines[:-1])
    assert lines[0].startswith("(https://") and lines[-1].endswith("guidance)")


def test_lines_keep_their_end_spaces_so_the_text_reads_spaced() -> None:
    lines = lines_of("one two three four five six seven", 10)
    assert len(lines) > 1
    assert all(line.endswith(" ") for line in lines[:-1])
    assert "".join(lines) == "one two three four five six seven"


def test_bold_and_link_owners_survive_the_line_breaks() -> None:
    pieces = [Piece("Read "), Piece("the whole guide", owner=1), Piece(" and "), Piece("stop", bold=True)]
    lines = lay_out(pieces, 12, width)
    owned = "".join(p.text for line in lines for p in line.pieces if p.owner == 1)
    assert owned.strip() == "the whole guide"
    assert [p.text for line in lines for p in line.pieces if p.bold] == ["stop"]


@given(
    st.lists(st.sampled_from(["a", "word", "longer", "0300 123 1234", "x/y/z"]), min_size=1, max_size=30),
    st.integers(14, 40),
)
def test_no_line_is_wider_than_the_limit_and_no_text_is_lost(parts: list[str], limit: int) -> None:
    text = " ".join(parts)
    lines = lines_of(text, limit)
    assert "".join(lines) == text
    assert all(len(line.rstrip()) <= limit for line in lines)
