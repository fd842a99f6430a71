"""Activities at export or at import: a bar chart of the main product groups of one flow.

The publication draws a treemap; Excel's own treemap lives in a chartEx part that no Python
library writes, so the same ranking is a bar chart in the flow's colour (exports violet,
imports blue), largest group on top, over the rows of the ``Activites`` table.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.excel.charts import axis_font, category_axis, insert_chart, value_axis
from officereport.excel.layout import TableRef
from officereport.model import FLOW_NAMES
from officereport.style import FLOW_COLOURS, MEUR_BARE, css
from officereport.wording.descriptions import bars_description

PRODUCT = "Produit"
VALUE = "Valeur (€)"


def add_activity_chart(
    wb: Workbook, ws: Worksheet, table: TableRef, flow: str, top: list[tuple[str, float]], start: int, title: str,
    row: int, col: int,
) -> int:
    """Chart the table's rows from ``start`` on, one flow's ``top`` groups (name, euros), largest first;
    returns the first free row below."""
    stop = start + len(top)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": FLOW_NAMES[flow],
            "categories": table.cells(PRODUCT, start, stop),
            "values": table.cells(VALUE, start, stop),
            "fill": {"color": css(FLOW_COLOURS[flow])},
            "gap": 50,
            "data_labels": {"value": True, "num_format": MEUR_BARE, "font": axis_font()},
        }
    )
    chart.set_x_axis(value_axis(0, top[0][1]))
    chart.set_y_axis(category_axis())
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    description = bars_description(title, "des principaux groupes de produits", top)
    return insert_chart(ws, row, col, chart, description, height=max(300, 60 + 30 * (stop - start)))
