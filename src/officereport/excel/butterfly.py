"""The partner butterfly: imports to the left, exports to the right, the balance in green or red.

Excel has no butterfly type; this is a bar chart whose import series is stored negative (a table
column of its own) and shown without its minus sign. The balance is a third series beside the
pair, each bar green when positive and red when negative. It is not laid over the pair on a
secondary axis: LibreOffice draws secondary bars at full width, hiding the bars beneath.
In XlsxWriter's bar charts ``x_axis`` is the value axis and ``y_axis`` the category axis.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.excel.layout import TableRef, axis_font, category_axis, insert_chart
from officereport.model import EXPORT, IMPORT
from officereport.style import DEFICIT, FLOW_COLOURS, MEUR_NO_SIGN, SURPLUS, axis_limit, css

COUNTRY = "Pays"
IMPORTS = "Importations (€)"
EXPORTS = "Exportations (€)"
BALANCE = "Solde (€)"
IMPORTS_NEGATIVE = "Importations en négatif (€)"  # what the chart draws to the left


def add_butterfly(
    wb: Workbook, ws: Worksheet, table: TableRef, balances: list[int], largest_eur: float, title: str, row: int, col: int
) -> int:
    """Insert the chart at (row, col) over the partner table's rows; returns the first free row below."""
    chart = wb.add_chart({"type": "bar"})
    categories = table.cells(COUNTRY)
    for header, name, flow in ((IMPORTS_NEGATIVE, "Importations", IMPORT), (EXPORTS, "Exportations", EXPORT)):
        chart.add_series(
            {
                "name": name,
                "categories": categories,
                "values": table.cells(header),
                "fill": {"color": css(FLOW_COLOURS[flow])},
                "invert_if_negative": False,
            }
        )
    chart.add_series(
        {
            "name": "Solde",
            "categories": categories,
            "values": table.cells(BALANCE),
            "fill": {"color": css(SURPLUS)},
            "invert_if_negative": False,
            "points": [{"fill": {"color": css(SURPLUS if b >= 0 else DEFICIT)}} for b in balances],
            "overlap": 0,
            "gap": 60,
        }
    )
    limit, unit = axis_limit(largest_eur)
    chart.set_x_axis(
        {"min": -limit, "max": limit, "major_unit": unit, "num_format": MEUR_NO_SIGN, "num_font": axis_font(),
         "name": "M€", "name_font": axis_font()}
    )
    chart.set_y_axis({**category_axis(), "label_position": "low"})
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    description = (
        f"{title}. Diagramme en barres : pour chaque pays, importations à gauche, exportations à droite, "
        "et le solde en troisième barre, vert s'il est positif, rouge s'il est négatif."
    )
    return insert_chart(ws, row, col, chart, description, height=max(360, 80 + 36 * table.n_rows))
