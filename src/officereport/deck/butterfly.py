"""The partner butterfly: a native, editable PowerPoint bar chart.

Imports are plotted negative (to the left) and exports positive; the value axis's number format
hides the minus sign and inversion of negative bars is off, so imports keep their colour. The
balance is a third series, its bar under the two others, green when positive and red when
negative. (A thinner balance bar over the others, from a second bar group on secondary axes, is
drawn at full width by LibreOffice and then hides part of the bars it covers: not used.)
Partners come largest first at the top: bar charts plot their first category at the bottom, so
the categories are written in reverse order rather than reversing the axis, which LibreOffice
and PowerPoint place differently.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from officereport.deck import bars, pptx_adapter
from officereport.deck.drawing import Box
from officereport.deck.page import Page
from officereport.deck.tables import rows
from officereport.model import EXPORT, IMPORT
from officereport.style import (
    DEFICIT,
    FLOW_COLOURS,
    GRID,
    MILLIONS,
    MILLIONS_NO_SIGN,
    MILLIONS_SIGNED,
    SURPLUS,
    axis_limit,
)

SERIES = ("Importations", "Exportations", "Solde")


def chart_data(partners: pd.DataFrame, created: datetime) -> CategoryChartData:
    """Partners from the smallest (bottom) to the largest (top); values in M€, imports negative.
    The embedded workbook says it was created at ``created``."""
    names, imports, exports, balances = zip(*reversed(_rows(partners))) if len(partners) else ((),) * 4
    series = [(SERIES[0], [-v / 1e6 for v in imports]), (SERIES[1], [v / 1e6 for v in exports]),
              (SERIES[2], [v / 1e6 for v in balances])]
    return pptx_adapter.category_chart_data(names, series, MILLIONS, created)


def _rows(partners: pd.DataFrame) -> list[tuple]:
    return rows(partners, "partner_name", "imports_eur", "exports_eur", "balance_eur")


def _axis_limit(partners: pd.DataFrame) -> tuple[float, float]:
    """A round bound covering the largest bar (M€) and its unit, the same on both sides so that zero sits in the middle."""
    return axis_limit(max((max(imports, exports) for _, imports, exports, _ in _rows(partners)), default=0) / 1e6)


def add_butterfly(page: Page, box: Box, partners: pd.DataFrame, descr: str, created: datetime) -> ChartPart | None:
    """Add the chart filling ``box``; returns its chart part (None without partners, « Aucun échange »
    in its place). ``created`` dates its embedded workbook."""
    deficits = tuple(i for i, (*_, value) in enumerate(reversed(_rows(partners))) if value < 0)
    return bars.clustered_bars(page, box, chart_data(partners, created), "Pays partenaires", descr, font_pt=11,
                               gap_width=45, colours=(FLOW_COLOURS[IMPORT], FLOW_COLOURS[EXPORT], SURPLUS),
                               style=_style, style_args=(deficits, *_axis_limit(partners)))


def _style(chart: Chart, deficits: tuple[int, ...], limit: float, unit: float) -> None:
    """Balance points ``deficits`` in red, value labels on the balance, the axes from -``limit`` to ``limit``."""
    balance = chart.plots[0].series[2]
    for i in deficits:  # a red point rather than an inverted fill: right in every reader
        bars.fill(balance.points[i].format, DEFICIT)
    # The balance also says its sign in words: green and red alone are lost on many readers.
    labels = balance.data_labels
    labels.number_format, labels.number_format_is_linked = MILLIONS_SIGNED, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    labels.font.size = Pt(9)
    categories, values = chart.category_axis, chart.value_axis
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # names at the left edge, clear of the bars
    categories.format.line.fill.background()
    values.maximum_scale, values.minimum_scale, values.major_unit = limit, -limit, unit
    values.tick_labels.number_format = MILLIONS_NO_SIGN
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
