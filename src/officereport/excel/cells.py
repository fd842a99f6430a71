"""What may go into a cell: clean text, finite numbers, valid and unique names.

A label read from a customs file is untrusted: it must never turn into a formula or a link (the
workbooks are opened with ``strings_to_formulas`` and ``strings_to_urls`` off, and labels are
written as strings), must not carry control characters (Excel refuses the file) and must fit in
a cell. NaN and infinities have no place in a cell either: they become empty cells.
"""

from __future__ import annotations

import math
import numbers
import re

from officereport import text as office_text

MAX_CELL_CHARS = 32767
MAX_HEADER_CHARS = 255  # a longer table column name makes Excel repair the file (counted in UTF-16 units)

# Excel's rules for sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def text(value: object) -> str:
    """A label as it may be written to a cell: control characters removed, never empty-looking junk."""
    return office_text.clean(value)[:MAX_CELL_CHARS]


def number(value: object) -> int | float | None:
    """A finite Python number, or None (an empty cell) for NaN, infinities and missing values."""
    if value is None:
        return None
    if value.__class__ is int:  # the common case, from Series.tolist(); bool and numpy scalars go the long way
        return value
    as_float = float(value)  # numpy scalars included
    if not math.isfinite(as_float):
        return None
    return int(value) if isinstance(value, numbers.Integral) else as_float


def capped(label: str, limit: int = MAX_HEADER_CHARS) -> str:
    """``label`` cut to at most ``limit`` UTF-16 units, the way Excel counts, never inside a character."""
    cut = label[:limit]
    while len(cut.encode("utf-16-le")) > 2 * limit:
        cut = cut[:-1]
    return cut


def unique(labels: list[str]) -> list[str]:
    """Table headers: capped to Excel's length and different ignoring case (a numbered suffix if need be)."""
    seen: set[str] = set()
    result = []
    for label in labels:
        candidate, n = capped(label), 2
        while candidate.casefold() in seen:
            suffix = f" ({n})"
            candidate, n = capped(label, MAX_HEADER_CHARS - len(suffix)) + suffix, n + 1
        seen.add(candidate.casefold())
        result.append(candidate)
    return result


def check_sheet_name(name: str) -> str:
    """Return ``name`` if Excel accepts it as a sheet name, else raise ValueError saying why."""
    if not name or len(name) > MAX_SHEET_NAME:
        raise ValueError(f"sheet name {name!r}: must be 1 to {MAX_SHEET_NAME} characters")
    if _SHEET_FORBIDDEN.search(name):
        raise ValueError(f"sheet name {name!r}: contains one of []:*?/\\")
    if name.startswith("'") or name.endswith("'"):
        raise ValueError(f"sheet name {name!r}: starts or ends with an apostrophe")
    return name
