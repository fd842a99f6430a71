"""The yearly series of one workbook's « Évolution et dépendance » sheet: a table « Série annuelle »
(one row per complete year, in euros) and a native line chart over it, exports, imports and the
balance; with fewer than three complete years, a sentence saying which years the data holds."""

from __future__ import annotations

from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.evolution import YearlySeries
from officereport.excel.charts import axis_font, insert_chart, value_axis
from officereport.excel.formats import Formats
from officereport.excel.layout import Column, TableRef, colour_balance, write_key, write_paragraph, write_table
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Provenance
from officereport.style import BALANCE_LINE, FLOW_COLOURS, css
from officereport.wording import series as words

YEAR = "Année"
BALANCE = "Solde (€)"
HEADERS = {EXPORT: f"{FLOW_NAMES[EXPORT]} (€)", IMPORT: f"{FLOW_NAMES[IMPORT]} (€)"}
CHART_HEIGHT = 320


def write_series(wb: Workbook, ws: Worksheet, fmt: Formats, series: YearlySeries | None, prov: Provenance,
                 row: int, title: str = words.TABLE_TITLE) -> int:
    """The table and its chart from ``row`` (or the sentence saying why not); returns the next free row."""
    if series is None:
        return row
    if not series.points:
        return write_paragraph(ws, row, 0, words.too_few_years(series.years), fmt.text) + 1
    ws.write_string(row, 0, title, fmt.title)
    row = write_key(ws, fmt, row + 1, words.SERIES_KEY, prov)
    columns = [Column(YEAR, "text", 10), Column(HEADERS[EXPORT], "meur", 16), Column(HEADERS[IMPORT], "meur", 16),
               Column(BALANCE, "meur", 16)]
    rows = [(str(p.year), p.exports_eur, p.imports_eur, p.balance_eur) for p in series.points]
    table = write_table(ws, fmt, row, 0, "SerieAnnuelle", columns, rows)
    colour_balance(ws, fmt, table, BALANCE)
    chart_end = _chart(wb, ws, table, series)
    return max(table.last_row + 2, chart_end + 1)


def _line(colour: str, **more: Any) -> dict[str, Any]:
    return {"line": {"color": css(colour), "width": 2.25}, **more}


def _marker(colour: str) -> dict[str, Any]:
    return {"type": "circle", "size": 7, "fill": {"color": css(colour)}, "border": {"color": css(colour)}}


def _chart(wb: Workbook, ws: Worksheet, table: TableRef, series: YearlySeries) -> int:
    chart = wb.add_chart({"type": "line"})
    categories = table.cells(YEAR)
    for flow in (EXPORT, IMPORT):
        header = HEADERS[flow]
        chart.add_series({"name": FLOW_NAMES[flow], "categories": categories, "values": table.cells(header),
                          **_line(FLOW_COLOURS[flow], marker=_marker(FLOW_COLOURS[flow]))})
    chart.add_series({"name": "Solde", "categories": categories, "values": table.cells(BALANCE),
                      **_line(BALANCE_LINE, marker=_marker(BALANCE_LINE))})
    low = min(0, *(p.balance_eur for p in series.points))
    high = max(max(p.exports_eur, p.imports_eur, p.balance_eur) for p in series.points)
    chart.set_y_axis(value_axis(low, high))
    chart.set_x_axis({"num_font": axis_font(), "label_position": "low"})
    title = words.series_title(series.points)
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    description = f"{title}. {words.series_description(series.points)}"
    return insert_chart(ws, table.first_row, table.last_col + 2, chart, description, height=CHART_HEIGHT)
