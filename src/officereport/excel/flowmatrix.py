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

from officereport.excel import cells
from officereport.excel.formats import HEAT_HIGH, HEAT_LOW, MEUR_BARE, OTHERS_GREY, SERIES_COLOURS, Formats
from officereport.excel.layout import Column, TableRef, axis_font, category_axis, insert_chart, write_paragraph, write_table
from officereport.indicators import FlowView
from officereport.model import EXPORT, IMPORT, OTHERS_CODE

ROW_LABEL = {EXPORT: "Produit exporté", IMPORT: "Pays d'origine"}
TOTAL = "Total"
VALUE_WIDTH = 11
HEADER_HEIGHT = 48


def flow_title(flow: str, scope_name: str, year: int) -> str:
    """« Flux à l'export, Haute-Loire (en valeur, 2024) », as the publication titles its flow charts."""
    side = "l'export" if flow == EXPORT else "l'import"
    return f"Flux à {side}, {scope_name} (en valeur, {year})"


def reading_key(flow: str) -> str:
    if flow == EXPORT:
        rows, cols, pair = "un produit exporté", "un pays de destination", "entre un produit et un pays"
    else:
        rows, cols, pair = "un pays d'origine", "un produit importé", "entre un pays et un produit"
    return (
        f"Clé de lecture : chaque case croise {rows} (ligne) et {cols} (colonne), en millions d'euros ; "
        f"plus la teinte est soutenue, plus le flux est important. Les cinq principaux flux {pair} "
        "nommés sont en rouge. « Autres » regroupe ce qui est au-delà des dix premiers de chaque côté."
    )


def write_flow_matrix(
    wb: Workbook, ws: Worksheet, fmt: Formats, view: FlowView, name: str, title: str, row: int, col: int = 0
) -> int:
    """Write the matrix table named ``name`` at (row, col), its key and its chart; returns the next free row."""
    matrix = view.matrix
    if matrix.empty:
        return write_paragraph(ws, row, col, f"{title} : aucun échange enregistré.", fmt.key) + 1
    source_names = dict(zip(view.table["source_code"], view.table["source_name"]))
    target_names = dict(zip(view.table["target_code"], view.table["target_name"]))
    targets = list(matrix.columns)

    columns = [Column(ROW_LABEL[view.flow], "text"), *(Column(target_names[t], "meur_bare", VALUE_WIDTH) for t in targets)]
    columns.append(Column(TOTAL, "meur_bare", VALUE_WIDTH))
    values = matrix.to_numpy()
    rows = [[source_names[s], *line.tolist(), int(line.sum())] for s, line in zip(matrix.index, values)]
    table = write_table(ws, fmt, row, col, name, columns, rows, style="Table Style Light 1", header_height=HEADER_HEIGHT)

    top = view.table[view.table["top5"]]
    red = {(matrix.index.get_loc(s), targets.index(t)) for s, t in zip(top["source_code"], top["target_code"])}
    for i, j in red:
        ws.write_number(table.first_row + i, col + 1 + j, int(values[i, j]), fmt.top_flow)
    _heat_map(ws, table, len(targets), red, view.flow)

    next_row = write_paragraph(ws, table.last_row + 2, col, reading_key(view.flow), fmt.key) + 1
    return _add_chart(wb, ws, table, targets, title, next_row, col)


def _heat_map(ws: Worksheet, table: TableRef, n_targets: int, red: set[tuple[int, int]], flow: str) -> None:
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
            "min_color": HEAT_LOW,
            "max_color": HEAT_HIGH[flow],
            "multi_range": " ".join(xl_range(*s) for s in segments),
        },
    )


def _add_chart(wb: Workbook, ws: Worksheet, table: TableRef, targets: list[str], title: str, row: int, col: int) -> int:
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    categories = table.cells(table.headers[0])
    for j, (header, code) in enumerate(zip(table.headers[1:-1], targets)):
        colour = OTHERS_GREY if code == OTHERS_CODE else SERIES_COLOURS[j % len(SERIES_COLOURS)]
        chart.add_series(
            {
                "name": table.header_cell(header),
                "categories": categories,
                "values": table.cells(header),
                "fill": {"color": colour},
                "border": {"color": "#FFFFFF", "width": 0.5},
                "gap": 40,
            }
        )
    chart.set_x_axis({"num_format": MEUR_BARE, "num_font": axis_font(), "name": "M€", "name_font": axis_font()})
    chart.set_y_axis(category_axis())
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    description = (
        f"{title}. Barres empilées : pour chaque ligne de la matrice, la valeur des échanges "
        "répartie entre les colonnes, en millions d'euros."
    )
    return insert_chart(ws, row, col, chart, description, height=520)
