"""Table headers that wrap between words, never inside one: column widths and the header row's
height computed from the header text.

Widths are in Excel's unit, the width of a digit of the default font. Headers are bold, and
LibreOffice without Calibri draws them in a wider font (DejaVu Sans), so a character counts as
``BOLD_CHAR`` digits: a word that fits there fits in Excel too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from weakref import WeakKeyDictionary

from xlsxwriter.worksheet import Worksheet

BOLD_CHAR = 1.25
PADDING = 1.5
MAX_WIDTH = 34  # a longer single word (a hyphenated country name) wraps at its hyphens instead
LINE_POINTS = 15  # one line of 11 pt bold text, in row-height points


@dataclass
class _Sheet:
    """The sizes given on one sheet so far: tables stacked in the same columns (a region's and
    France's flow views) or side by side on one header row share them."""

    widths: dict[int, float] = field(default_factory=dict)
    header_rows: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # row -> (column, header)


_SHEETS: WeakKeyDictionary[Worksheet, _Sheet] = WeakKeyDictionary()


def fit(ws: Worksheet, row: int, col: int, headers: Sequence[str], widths: Sequence[float], hidden: Sequence[bool]) -> None:
    """Size the columns of a table written at (row, col), and every header row of the sheet: the
    widest need of a column wins, and a column widened since may let an earlier header wrap less."""
    sheet = _SHEETS.setdefault(ws, _Sheet())
    for i, (width, is_hidden) in enumerate(zip(widths, hidden)):
        sheet.widths[col + i] = max(width, sheet.widths.get(col + i, 0))
        ws.set_column(col + i, col + i, sheet.widths[col + i], None, {"hidden": is_hidden})
    shown = [(col + i, h) for i, (h, is_hidden) in enumerate(zip(headers, hidden)) if not is_hidden]
    sheet.header_rows.setdefault(row, []).extend(shown)
    for header_row, cells in sheet.header_rows.items():
        if cells:
            ws.set_row(header_row, row_height([h for _, h in cells], [sheet.widths[c] for c, _ in cells]))


def column_width(header: str, at_least: float) -> float:
    """The width that holds ``header``'s longest word on one line, and at least ``at_least``."""
    longest = max((len(word) for word in header.split()), default=0)
    return max(at_least, min(longest * BOLD_CHAR + PADDING, MAX_WIDTH))


def row_height(headers: Sequence[str], widths: Sequence[float]) -> float:
    """The header row's height in points: enough lines for the header that wraps the most."""
    lines = max((_lines(h, w) for h, w in zip(headers, widths)), default=1)
    return LINE_POINTS * max(lines, 1) + 4


# Every table added refits the sheet's header rows, and the same headers recur in every workbook.
@lru_cache(maxsize=4096)
def _lines(header: str, width: float) -> int:
    chars = max(int((width - PADDING) / BOLD_CHAR), 1)
    return len(textwrap.wrap(header, chars, break_on_hyphens=True) or [""])
