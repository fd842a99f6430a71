"""The frame every sheet shares: title block, Excel tables, notes, print setup, chart placement."""

from __future__ import annotations

import gc
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.excel import cells
from officereport.excel import headers as headers_fit
from officereport.excel.formats import Formats
from officereport.model import SAMPLE_WARNING, Provenance
from officereport.wording import source_line

PARAGRAPH_CHARS = 120  # a long note is cut into lines of this size, one per row
DATA_CHAR = 1.1  # a character of regular text in digit widths, with LibreOffice's wider fallback font


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # "text", "meur", "meur_bare", "pct", "pct_small", "integer", "bool"
    width: float | None = None  # None: fitted to the contents
    hidden: bool = False  # data a chart draws but a reader need not see


@dataclass(frozen=True)
class TableRef:
    """Where a written table sits, to point charts and conditional formats at its cells."""

    sheet: str
    header_row: int
    first_col: int
    n_rows: int
    headers: tuple[str, ...]

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + max(self.n_rows, 1)

    @property
    def last_col(self) -> int:
        return self.first_col + len(self.headers) - 1

    def col(self, header: str) -> int:
        return self.first_col + self.headers.index(header)

    def cells(self, header: str, start: int = 0, stop: int | None = None) -> list[Any]:
        """Chart reference ``[sheet, r1, c, r2, c]`` to data rows ``start:stop`` of one column."""
        stop = self.n_rows if stop is None else min(stop, self.n_rows)
        c = self.col(header)
        return [self.sheet, self.first_row + start, c, self.first_row + stop - 1, c]

    def header_cell(self, header: str) -> list[Any]:
        c = self.col(header)
        return [self.sheet, self.header_row, c, self.header_row, c]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a workbook is built and saved.

    XlsxWriter allocates tens of thousands of small objects per workbook, and every few hundred
    allocations start a collection that may walk everything the process holds (in a build worker,
    all the indicators): about an eighth of a département workbook's time. A workbook's objects
    are freed by reference counting; any cycle left is collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def new_workbook(path: Path, prov: Provenance, title: str, subject: str) -> Iterator[tuple[Workbook, Formats]]:
    """A workbook where text stays text, with document properties fixed by the build, not the clock;
    built with the collector paused and saved to ``path`` when the block ends."""
    with collector_paused():
        wb = _workbook(path, prov, title, subject)
        yield wb, Formats.create(wb)
        wb.close()


def _workbook(path: Path, prov: Provenance, title: str, subject: str) -> Workbook:
    wb = Workbook(
        str(path),
        {
            "strings_to_formulas": False,  # a label such as "=HYPERLINK(...)" stays a label
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,  # no temporary files; every zip member dated 1980 by XlsxWriter
        },
    )
    wb.set_properties(
        {
            "title": cells.text(title),
            "subject": cells.text(subject),
            "author": "officereport",
            "company": "officereport",
            "keywords": "commerce extérieur, DGDDI, Territoires d'industrie",
            "comments": SAMPLE_WARNING if prov.is_sample else cells.text(source_line(prov)),
            "created": utc_naive(prov.built_at),
        }
    )
    return wb


def utc_naive(moment: datetime) -> datetime:
    """``moment`` in UTC without a time zone: XlsxWriter writes times as UTC without looking at the
    zone. A naive ``moment`` is local time, as Python reads it (a build stamped with ``datetime.now()``)."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def add_sheet(wb: Workbook, fmt: Formats, name: str, title: str, prov: Provenance, subtitle: str = "") -> tuple[Worksheet, int]:
    """A sheet opened with its title block; returns it and the first free row.

    The sample-data warning is part of the title block, which is repeated on every printed page.
    """
    ws = wb.add_worksheet(cells.check_sheet_name(name))
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    # In 8 points: at the default 10, the source line of sample data ran under the page number on
    # a page printed near full size.
    ws.set_footer(f"&L&8{_header_footer_text(source_line(prov, files=False))}&R&8Page &P / &N")
    ws.write_string(0, 0, cells.text(title), fmt.title)
    row = 1
    if subtitle:
        row = write_paragraph(ws, row, 0, subtitle, fmt.subtitle)
    if prov.is_sample:
        ws.write_string(row, 0, SAMPLE_WARNING, fmt.warning)
        ws.set_header(f"&C&\"-,Bold\"{_header_footer_text(SAMPLE_WARNING)}")
        row += 1
    return ws, row + 1


def _header_footer_text(text: str) -> str:
    # "&" starts a control code in headers and footers.
    return text.replace("&", "&&")


def freeze_and_repeat(ws: Worksheet, header_row: int) -> None:
    """Keep the title block and a table's header visible on screen and on every printed page."""
    ws.freeze_panes(header_row + 1, 0)
    ws.repeat_rows(0, header_row)


def write_paragraph(ws: Worksheet, row: int, col: int, text: str, fmt, width: int = PARAGRAPH_CHARS) -> int:
    """A note over as many rows as it needs (cells do not wrap across merged widths); next free row."""
    for line in _lines(cells.text(text), width):
        ws.write_string(row, col, line, fmt)
        row += 1
    return row


_GLUE = "\ue000"  # a private-use character holding a space that must not break a line
_BEFORE_PUNCTUATION = re.compile(r" (?=[;:!?»])|(?<=«) ")


@lru_cache(maxsize=512)  # most notes are the same in every workbook
def _lines(text: str, width: int) -> tuple[str, ...]:
    """Lines of at most ``width`` characters, never one starting with « ; », « : » or « » »."""
    glued = _BEFORE_PUNCTUATION.sub(_GLUE, text)
    return tuple(line.replace(_GLUE, " ") for line in textwrap.wrap(glued, width)) or ("",)


def write_table(
    ws: Worksheet,
    fmt: Formats,
    row: int,
    col: int,
    name: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    style: str = "Table Style Light 9",
) -> TableRef:
    """An Excel table (ListObject) holding ``rows``: text cleaned, numbers finite, widths fitted to the
    data and to the header's words, the header row as high as its longest wrapped header."""
    headers = cells.unique([cells.text(c.header) for c in columns])
    cell_formats = [_cell_format(fmt, c.kind) for c in columns]
    converters = [_CELL_VALUE[c.kind] for c in columns]
    data = [[convert(value) for convert, value in zip(converters, r)] for r in rows]
    options: dict[str, Any] = {
        "name": name,
        "style": style,
        "columns": [
            {"header": h, "format": f, "header_format": fmt.header} for h, f in zip(headers, cell_formats)
        ],
    }
    if data:
        options["data"] = data
    last_row = row + max(len(data), 1)
    ws.add_table(row, col, last_row, col + len(columns) - 1, options)
    widths = [
        headers_fit.column_width(h, c.width or _fitted_width([r[i] for r in data], c.kind))
        for i, (h, c) in enumerate(zip(headers, columns))
    ]
    headers_fit.fit(ws, row, col, headers, widths, [c.hidden for c in columns])
    return TableRef(ws.get_name(), row, col, len(data), tuple(headers))


def _cell_format(fmt: Formats, kind: str):
    return {"meur": fmt.meur, "meur_bare": fmt.meur_bare, "pct": fmt.pct, "pct_small": fmt.pct_small, "integer": fmt.integer}.get(kind, fmt.text)


# How a value of each column kind becomes a cell value; every numeric kind is a number.
_CELL_VALUE: dict[str, Callable[[Any], Any]] = {
    "text": cells.text,
    "bool": bool,
    **dict.fromkeys(("meur", "meur_bare", "pct", "pct_small", "integer"), cells.number),
}


def _fitted_width(values: list[Any], kind: str) -> float:
    """A width for the data; the header's words are fitted on top of it."""
    return text_width(values) if kind == "text" else 13


def text_width(texts: Iterable[str], most: float = 48) -> float:
    """A column width that shows the longest of ``texts`` whole, up to ``most`` digit widths."""
    longest = max((len(t) for t in texts), default=0)
    return min(max(longest * DATA_CHAR + 2, 8), most)


def write_key(ws: Worksheet, fmt: Formats, row: int, key: str, prov: Provenance) -> int:
    """A reading key and the source line under it; returns the next free row after a blank one."""
    row = write_paragraph(ws, row, 0, key, fmt.key)
    return write_source(ws, fmt, row, prov) + 1


def write_source(ws: Worksheet, fmt: Formats, row: int, prov: Provenance) -> int:
    """The source line, over as many rows as it needs; the next free row. In one cell, a line
    wider than the tables would shrink every printed page to fit it."""
    return write_paragraph(ws, row, 0, source_line(prov), fmt.note)


def colour_balance(ws: Worksheet, fmt: Formats, table: TableRef, header: str) -> None:
    """Balance figures in green when positive, in red when negative."""
    if not table.n_rows:
        return
    _, r1, c, r2, _ = table.cells(header)
    ws.conditional_format(r1, c, r2, c, {"type": "cell", "criteria": ">", "value": 0, "format": fmt.surplus})
    ws.conditional_format(r1, c, r2, c, {"type": "cell", "criteria": "<", "value": 0, "format": fmt.deficit})


def fraction(part: int, whole: int) -> float | None:
    """A share stored as a fraction; an empty cell when there is nothing to divide by."""
    return part / whole if whole else None
