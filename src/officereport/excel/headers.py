"""Table headers that wrap between words, never inside one: column widths and the header row's
height computed from the header text.

Widths are in Excel's unit, the width of a digit of the default font. Headers are bold, and
LibreOffice without Calibri draws them in a wider font (DejaVu Sans), so a character counts as
``BOLD_CHAR`` digits: a word that fits there fits in Excel too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

BOLD_CHAR = 1.25
PADDING = 1.5
MAX_WIDTH = 34  # a longer single word (a hyphenated country name) wraps at its hyphens instead
LINE_POINTS = 15  # one line of 11 pt bold text, in row-height points


def column_width(header: str, at_least: float) -> float:
    """The width that holds ``header``'s longest word on one line, and at least ``at_least``."""
    longest = max((len(word) for word in header.split()), default=0)
    return max(at_least, min(longest * BOLD_CHAR + PADDING, MAX_WIDTH))


def row_height(headers: Sequence[str], widths: Sequence[float]) -> float:
    """The header row's height in points: enough lines for the header that wraps the most."""
    lines = max((len(_wrapped(h, w)) for h, w in zip(headers, widths)), default=1)
    return LINE_POINTS * max(lines, 1) + 4


def _wrapped(header: str, width: float) -> list[str]:
    chars = max(int((width - PADDING) / BOLD_CHAR), 1)
    return textwrap.wrap(header, chars, break_on_hyphens=True) or [""]
