"""A flow view as a product × country matrix with a heat map, its five largest flows in red, and a
stacked bar chart beside it.

Excel has no Sankey diagram. The matrix is the same information laid flat: sources as rows and
targets as columns (products → countries for exports, countries → products for imports), top 10
plus « Autres » on each side. The matrix is an Excel table, so the chart reads table cells.
The red cells are kept out of the colour scale's range: in LibreOffice as in Excel a colour scale
would paint over a cell's own fill.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_range
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.excel.charts import category_axis, insert_chart, value_axis
from officereport.excel.formats import Formats
from officereport.excel.layout import (
    Column,
    TableRef,
    write_paragraph,
    write_table,
)
from officereport.indicators import FlowView
from officereport.model import EXPORT, IMPORT, OTHERS_CODE
from officereport.style import HEAT_HIGH, HEAT_LOW, OTHERS_GREY, SERIES_COLOURS, WHITE, css
from officereport.wording import NO_TRADE
from officereport.wording.descriptions import matrix_description
from officereport.wording.keys import matrix_key

ROW_LABEL = {EXPORT: "Produit exporté", IMPORT: "Pays d'origine"}
TOTAL = "Total"
VALUE_WIDTH = 11


def write_flow_matrix(
    wb: Workbook, ws: Worksheet, fmt: Formats, view: FlowView, name: str, title: str, row: int, col: int = 0
) -> int:
    """Write the matrix table named ``name`` at (row, col), its key and its chart; returns the next free row."""
    if view.table.empty:
        return write_paragraph(ws, row, col, f"{title} : {NO_TRADE.lower()} enregistré.", fmt.key) + 1
    grid = view.grid
    columns = [Column(ROW_LABEL[view.flow], "text"), *(Column(n, "meur_bare", VALUE_WIDTH) for n in grid.target_names)]
    columns.append(Column(TOTAL, "meur_bare", VALUE_WIDTH))
    rows = [[label, *line, total] for label, line, total in
            zip(grid.source_names, grid.values.tolist(), grid.values.sum(axis=1).tolist())]
    table = write_table(ws, fmt, row, col, name, columns, rows, style="Table Style Light 1")

    for i, j in grid.red:
        ws.write_number(table.first_row + i, col + 1 + j, rows[i][1 + j], fmt.top_flow)
    _heat_map(ws, table, len(grid.target_codes), grid.red, view.flow)

    next_row = write_paragraph(ws, table.last_row + 2, col, matrix_key(view.flow), fmt.key) + 1
    largest = max((r[-1] for r in rows), default=0)
    red = sorted(((grid.source_names[i], grid.target_names[j], rows[i][1 + j]) for i, j in grid.red), key=lambda f: -f[2])
    description = matrix_description(title, view.total_eur, red)
    return _add_chart(wb, ws, table, grid.target_codes, largest, title, description, next_row, col)


def _heat_map(ws: Worksheet, table: TableRef, n_targets: int, red: frozenset[tuple[int, int]], flow: str) -> None:
    """A white-to-colour scale over the flow cells, Total column and red cells left out."""
    segments = []
    for i in range(table.n_rows):
        start = None
        for j in range(n_targets + 1):
            inside = j < n_targets and (i, j) not in red
            if inside and start is None:
                start = j
            elif not inside and start is not None:
                r, c0 = table.first_row + i, table.first_col + 1
                segments.append((r, c0 + start, r, c0 + j - 1))
                start = None
    if not segments:
        return
    ws.conditional_format(
        *segments[0],
        {
            "type": "2_color_scale",
            "min_color": css(HEAT_LOW),
            "max_color": css(HEAT_HIGH[flow]),
            "multi_range": " ".join(xl_range(*s) for s in segments),
        },
    )


def _add_chart(
    wb: Workbook, ws: Worksheet, table: TableRef, targets: list[str], largest_eur: float, title: str,
    description: str, row: int, col: int,
) -> int:
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    categories = table.cells(table.headers[0])
    for j, (header, code) in enumerate(zip(table.headers[1:-1], targets)):
        colour = OTHERS_GREY if code == OTHERS_CODE else SERIES_COLOURS[j % len(SERIES_COLOURS)]
        chart.add_series(
            {
                "name": table.header_cell(header),
                "categories": categories,
                "values": table.cells(header),
                "fill": {"color": css(colour)},
                "border": {"color": css(WHITE), "width": 0.5},
                "gap": 40,
            }
        )
    chart.set_x_axis(value_axis(0, largest_eur))
    chart.set_y_axis(category_axis())
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    return insert_chart(ws, row, col, chart, description, height=520)
