"""The house style: colours spelled in one module, one axis rounding for workbooks and decks."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from officereport import style

SRC = Path(__file__).resolve().parents[1] / "src" / "officereport"
HEX_COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")


def colour_literals(path: Path) -> list[str]:
    """String literals of ``path`` that are a colour (``"2A5CAA"``, ``"#2A5CAA"``), and RGBColor(...) calls."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING:
            body = tok.string.strip("\"'")
            if HEX_COLOUR.fullmatch(body):
                found.append(f"{path.name}:{tok.start[0]}: {tok.string}")
    found += [f"{path.name}: {m}" for m in re.findall(r"RGBColor\(0x\w+", path.read_text(encoding="utf-8"))]
    return found


def test_colour_literals_live_in_style_only():
    modules = [p for p in SRC.rglob("*.py") if p.name != "style.py"]
    assert len(modules) > 30
    assert [hit for p in modules for hit in colour_literals(p)] == []
    assert len(colour_literals(SRC / "style.py")) >= 20  # the check does find colours where they are


def test_one_value_per_role():
    assert style.FLOW_COLOURS == {"I": "2A5CAA", "E": "7B3F9E"}
    assert style.DEFICIT == style.TOP_FLOW == "D62828"
    assert style.css(style.SURPLUS) == "#2E8B3E"
    assert len(set(style.SERIES_COLOURS)) == 10 and style.RED not in style.SERIES_COLOURS


@pytest.mark.parametrize(
    ("largest", "limit", "unit"),
    [
        (1_070_900_000, 1_500_000_000, 500_000_000),  # euros, in a workbook
        (1070.9, 1500, 500),  # the same in millions, in a deck
        (3.2, 4, 1),
        (0.37, 0.4, 0.1),
        (0.3, 0.3, 0.1),  # 3 × 0.1 is 0.30000000000000004 in binary
        (99, 100, 20),
        (100, 100, 20),
        (0, 1.0, 0.2),
    ],
)
def test_axis_limit_is_a_round_bound_above_the_largest_value(largest, limit, unit):
    assert style.axis_limit(largest) == (limit, unit)
    got_limit, got_unit = style.axis_limit(largest)
    assert got_limit >= largest and got_limit / got_unit <= 5


def test_contrast_ratio_follows_wcag():
    assert style.contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert style.contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1)
    assert style.contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)  # WCAG's lightest AA grey
    assert style.contrast_ratio(style.WHITE, style.IMPORT_BLUE) == style.contrast_ratio(style.IMPORT_BLUE, style.WHITE)


@pytest.mark.parametrize("text, fill", [
    (style.WHITE, style.IMPORT_BLUE), (style.WHITE, style.EXPORT_VIOLET),  # treemap tiles
    (style.INK, style.WHITE), (style.MUTED, style.WHITE), (style.TITLE, style.WHITE),  # Sankey labels, notes
    (style.IMPORT_BLUE, style.WHITE), (style.EXPORT_VIOLET, style.WHITE),  # treemap headings and key numbers
    (style.WHITE, style.WARNING),  # the sample-data banner
])
def test_every_text_colour_reads_on_its_fill(text, fill):
    assert style.contrast_ratio(text, fill) >= style.MIN_TEXT_CONTRAST


def test_axis_bounds_take_whole_steps_on_either_side_of_zero():
    # 1 171 M€ exports, a -197,8 M€ balance: steps of 500 (about five over 1 171), -500 to 1 500.
    assert style.axis_bounds(-197.8, 1171.0) == (-500, 1500, 500)
    assert style.axis_bounds(0, 0.27) == (0, 0.3, 0.1)  # 0.1 × 3, not 0.30000000000000004
    assert style.axis_bounds(-0.07, 0.27) == (-0.1, 0.3, 0.1)
    assert style.axis_bounds(0, 0) == (0, 0.2, 0.2)  # nothing to draw: one step of the unit for 1
