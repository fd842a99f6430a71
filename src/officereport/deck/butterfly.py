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
from xml.sax.saxutils import quoteattr

import pandas as pd
from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.chart import ChartPart
from pptx.util import Pt, lazyproperty

from officereport.deck.page import Page
from officereport.deck.tables import rows
from officereport.deck.template import Box
from officereport.model import EXPORT, IMPORT
from officereport.style import DEFICIT, FLOW_COLOURS, GRID, MILLIONS, MILLIONS_NO_SIGN, SURPLUS, axis_limit

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
SERIES = ("Importations", "Exportations", "Solde")
FIRST_AXIS_ID = 1001


class _DatedWorkbookWriter(CategoryWorkbookWriter):
    """Writes the chart's embedded workbook dated ``created``, not now, so that a deck is reproducible."""

    def __init__(self, chart_data: CategoryChartData, created: datetime):
        super().__init__(chart_data)
        self._created = created

    def _populate_worksheet(self, workbook, worksheet) -> None:
        workbook.set_properties({"created": self._created})
        super()._populate_worksheet(workbook, worksheet)


class _ChartData(CategoryChartData):
    def __init__(self, created: datetime, number_format: str):
        super().__init__(number_format)
        self._created = created

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _DatedWorkbookWriter(self, self._created)


def chart_data(partners: pd.DataFrame, created: datetime) -> CategoryChartData:
    """Partners from the smallest (bottom) to the largest (top); values in M€, imports negative.
    The embedded workbook says it was created at ``created``."""
    data = _ChartData(created, MILLIONS)
    names, imports, exports, balances = zip(*reversed(_rows(partners))) if len(partners) else ((),) * 4
    data.categories = list(names)
    data.add_series(SERIES[0], [-v / 1e6 for v in imports])
    data.add_series(SERIES[1], [v / 1e6 for v in exports])
    data.add_series(SERIES[2], [v / 1e6 for v in balances])
    return data


def _rows(partners: pd.DataFrame) -> list[tuple]:
    return rows(partners, "partner_name", "imports_eur", "exports_eur", "balance_eur")


def _axis_limit(partners: pd.DataFrame) -> tuple[float, float]:
    """A round bound covering the largest bar (M€) and its unit, the same on both sides so that zero sits in the middle."""
    return axis_limit(max((max(imports, exports) for _, imports, exports, _ in _rows(partners)), default=0) / 1e6)


def _colour(fill_format, rgb: str) -> None:
    fill_format.fill.solid()
    fill_format.fill.fore_color.rgb = RGBColor.from_string(rgb)


def _positive_axis_ids(plot_area: etree._Element) -> None:
    """python-pptx writes negative axis ids, which strict validators reject (xsd:unsignedInt)."""
    renumbered: dict[str, str] = {}
    for ax_id in plot_area.iter(f"{_C}axId", f"{_C}crossAx"):
        ax_id.set("val", renumbered.setdefault(ax_id.get("val"), str(FIRST_AXIS_ID + len(renumbered))))


def _frame(shape_id: int, rel_id: str, box: Box, descr: str) -> str:
    """The graphic frame that shows the chart part ``rel_id`` on the slide."""
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Pays partenaires" descr={quoteattr(descr)}/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )


def add_butterfly(page: Page, box: Box, partners: pd.DataFrame, descr: str, created: datetime) -> ChartPart:
    """Add the chart filling ``box``; returns its chart part. ``created`` dates its embedded workbook."""
    part = ChartPart.new(XL_CHART_TYPE.BAR_CLUSTERED, chart_data(partners, created), page.part.package)
    page.add(_frame(page.next_id(), page.relate(part, RT.CHART), box, descr))
    chart = part.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(11)
    plot = chart.plots[0]
    plot.overlap = 0
    plot.gap_width = 45
    imports, exports, balance = plot.series
    for series, rgb in ((imports, FLOW_COLOURS[IMPORT]), (exports, FLOW_COLOURS[EXPORT]), (balance, SURPLUS)):
        series.invert_if_negative = False
        _colour(series.format, rgb)
    for i, (*_, value) in enumerate(reversed(_rows(partners))):
        if value < 0:  # a red point rather than an inverted fill: right in every reader
            _colour(balance.points[i].format, DEFICIT)
    categories, values = chart.category_axis, chart.value_axis
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # names at the left edge, clear of the bars
    categories.format.line.fill.background()
    limit, unit = _axis_limit(partners)
    values.maximum_scale, values.minimum_scale, values.major_unit = limit, -limit, unit
    values.tick_labels.number_format = MILLIONS_NO_SIGN
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
    _positive_axis_ids(chart._chartSpace.find(f"{_C}chart/{_C}plotArea"))
    return part
