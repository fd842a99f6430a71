"""What every workbook chart shares: its placement with alt text, and its axes."""

from __future__ import annotations

from typing import Any

from xlsxwriter.chart import Chart
from xlsxwriter.worksheet import Worksheet

from officereport.excel import cells
from officereport.style import axis_bounds, meur_axis_format

CHART_WIDTH = 640
CHART_ROW_HEIGHT = 20  # pixels of a default row, to reserve rows under a chart
CHART_CLEARANCE = 4  # pixels between a chart and the row above it


def insert_chart(ws: Worksheet, row: int, col: int, chart: Chart, description: str, height: int = 360) -> int:
    """Place a chart with its alt text; returns the first row free below it.

    A chart beside a table starts at its first data row, a few pixels down: LibreOffice prints
    anything that overlaps or touches a row repeated in print (the title block, the header) again at
    the top of every later page.
    """
    chart.set_size({"width": CHART_WIDTH, "height": height})
    options = {"description": cells.text(description), "object_position": 1, "y_offset": CHART_CLEARANCE}
    ws.insert_chart(row, col, chart, options)
    return row + height // CHART_ROW_HEIGHT + 1


def value_axis(low_eur: float, high_eur: float, *, signed: bool = True) -> dict[str, Any]:
    """A value axis in M€ from ``low_eur`` (0 or below) to ``high_eur``: round bounds, round steps,
    labels with no needless decimals, named in the unit the reader sees."""
    minimum, maximum, unit = axis_bounds(low_eur, high_eur)
    return {
        "min": minimum,
        "max": maximum,
        "major_unit": unit,
        "num_format": meur_axis_format(unit, signed=signed),
        "num_font": axis_font(),
        "name": "M€",
        "name_font": axis_font(),
    }


def axis_font() -> dict[str, Any]:
    return {"size": 9}


def category_axis() -> dict[str, Any]:
    """Bar-chart categories top-down in table order, with the value axis kept at the bottom."""
    return {"reverse": True, "crossing": "max", "num_font": axis_font()}
