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

from officereport.excel.charts import category_axis, insert_chart, value_axis
from officereport.excel.layout import TableRef
from officereport.model import EXPORT, IMPORT
from officereport.style import DEFICIT, FLOW_COLOURS, SURPLUS, css
from officereport.wording.descriptions import butterfly_description

COUNTRY = "Pays"
IMPORTS = "Importations (€)"
EXPORTS = "Exportations (€)"
BALANCE = "Solde (€)"
# What the chart draws to the left: a hidden last column of the partner table rather than a data
# sheet, so that sorting the table keeps each country's bars together; the chart plots hidden cells.
IMPORTS_NEGATIVE = "Importations en négatif (€)"


def add_butterfly(
    wb: Workbook, ws: Worksheet, table: TableRef, partners: list[tuple[str, int, int, int]], title: str, row: int,
    col: int,
) -> int:
    """Insert the chart at (row, col) over the partner table's rows, ``partners`` being those rows'
    (name, imports, exports, balance); returns the first free row below."""
    balances = [balance for *_, balance in partners]
    largest_eur = max((max(imports, exports) for _, imports, exports, _ in partners), default=0)
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
    chart.set_x_axis(value_axis(-largest_eur, largest_eur, signed=False))
    chart.set_y_axis({**category_axis(), "label_position": "low"})
    chart.show_hidden_data()
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    description = butterfly_description(title, partners)
    return insert_chart(ws, row, col, chart, description, height=max(360, 80 + 36 * table.n_rows))
