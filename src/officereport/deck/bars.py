"""Native clustered bar charts, as the partner chart and the evolution charts draw them: legend
below, bars side by side, one colour a series that stays its colour when negative."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from officereport.deck import drawing, pptx_adapter
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.ooxml import qn
from officereport.deck.page import Page
from officereport.style import MUTED
from officereport.wording import NO_TRADE

FIRST_AXIS_ID = 1001


def clustered_bars(page: Page, box: Box, data: CategoryChartData, name: str, descr: str, *, font_pt: float,
                   gap_width: int, colours: tuple[str, ...], style: Callable[..., None],
                   style_args: tuple[Hashable, ...]) -> ChartPart | None:
    """Add the chart filling ``box`` (``descr`` its alternative text), finished by
    ``style(chart, *style_args)``; returns its chart part.

    With no category (a département without trade), « Aucun échange » stands in the box and None
    is returned: a chart needs at least one category to be written at all.
    """
    if not len(data.categories):
        drawing.text_box(page.shapes, page.next_id(), NO_TRADE, box, [Paragraph(NO_TRADE, 12, MUTED, align="ctr")])
        return None
    part = pptx_adapter.new_chart_part(XL_CHART_TYPE.BAR_CLUSTERED, data, page.part.package, _bars, font_pt,
                                       gap_width, colours, style, style_args)
    drawing.chart_frame(page.shapes, page.next_id(), name, descr, box, page.relate(part, RT.CHART))
    return part


def _bars(chart: Chart, font_pt: float, gap_width: int, colours: tuple[str, ...], style: Callable[..., None],
          style_args: tuple[Hashable, ...]) -> None:
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(font_pt)
    plot = chart.plots[0]
    plot.overlap = 0
    plot.gap_width = gap_width
    for series, rgb in zip(plot.series, colours):
        series.invert_if_negative = False
        fill(series.format, rgb)
    positive_axis_ids(chart.element.find(f"{qn('c:chart')}/{qn('c:plotArea')}"))
    style(chart, *style_args)


def fill(fill_format, rgb: str) -> None:
    fill_format.fill.solid()
    fill_format.fill.fore_color.rgb = RGBColor.from_string(rgb)


def positive_axis_ids(plot_area: etree._Element) -> None:
    """python-pptx writes negative axis ids, which strict validators reject (xsd:unsignedInt)."""
    renumbered: dict[str, str] = {}
    for ax_id in plot_area.iter(qn("c:axId"), qn("c:crossAx")):
        ax_id.set("val", renumbered.setdefault(ax_id.get("val"), str(FIRST_AXIS_ID + len(renumbered))))
