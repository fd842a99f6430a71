"""The département's yearly series slide « Exportations et importations depuis 2021 »: a native line
chart (markers on each year) of exports, imports and the balance in M€, the first and last years in
words, a reading key and every year's figures in the speaker notes. No slide below three complete
years: the evolution slide already compares two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.chart.chart import Chart
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Pt

from officereport.deck import alttext, bars, drawing, pptx_adapter
from officereport.deck.drawing import Box
from officereport.deck.ooxml import qn
from officereport.deck.page import Page
from officereport.evolution import YearTotals
from officereport.indicators import DepartementIndicators
from officereport.model import EXPORT, FLOW_NAMES, IMPORT
from officereport.style import BALANCE_LINE, FLOW_COLOURS, GRID, INTEGER, MILLIONS, axis_bounds
from officereport.wording import series as words

if TYPE_CHECKING:  # the builder imports this module through deck.evolution
    from officereport.deck.builder import _Deck

FONT_PT = 12
LINE_PT = 2.5
MARKER_SIZE = 7


def _series(points: tuple[YearTotals, ...]) -> list[tuple[str, str, list[float]]]:
    """(name, colour, values in M€) of the three lines."""
    return [(FLOW_NAMES[EXPORT], FLOW_COLOURS[EXPORT], [p.exports_eur / 1e6 for p in points]),
            (FLOW_NAMES[IMPORT], FLOW_COLOURS[IMPORT], [p.imports_eur / 1e6 for p in points]),
            ("Solde", BALANCE_LINE, [p.balance_eur / 1e6 for p in points])]


def series_chart(page: Page, box: Box, points: tuple[YearTotals, ...], descr: str, created) -> None:
    lines = _series(points)
    data = pptx_adapter.category_chart_data([str(p.year) for p in points], [(n, v) for n, _, v in lines],
                                            MILLIONS, created)
    values = [v for _, _, column in lines for v in column]
    part = pptx_adapter.new_chart_part(XL_CHART_TYPE.LINE_MARKERS, data, page.part.package, _style,
                                       tuple(colour for _, colour, _ in lines),
                                       axis_bounds(min(0.0, *values), max(0.0, *values)))
    drawing.chart_frame(page.shapes, page.next_id(), "Série annuelle", descr, box, page.relate(part, RT.CHART))


def _style(chart: Chart, colours: tuple[str, ...], bounds: tuple[float, float, float]) -> None:
    """Lines of ``colours`` with markers, the value axis from ``bounds`` (minimum, maximum, unit)."""
    chart.font.size = Pt(FONT_PT)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    for series, colour in zip(chart.plots[0].series, colours):
        rgb = RGBColor.from_string(colour)
        series.smooth = False
        series.format.line.color.rgb = rgb
        series.format.line.width = Pt(LINE_PT)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = MARKER_SIZE
        bars.fill(series.marker.format, colour)
        series.marker.format.line.color.rgb = rgb
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, unit = bounds
    axis.major_unit = unit
    axis.tick_labels.number_format = INTEGER if unit >= 1 else MILLIONS
    axis.tick_labels.number_format_is_linked = False
    axis.has_title = True  # the unit, as the workbook's axis names it
    axis.axis_title.text_frame.text = "M€"
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(FONT_PT)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # years below a negative balance
    bars.positive_axis_ids(chart.element.find(f"{qn('c:chart')}/{qn('c:plotArea')}"))


def series_slide(deck: _Deck, dep: DepartementIndicators) -> None:
    """The slide, when the département's series has its three years or more."""
    if dep.series is None or not dep.series.points:
        return
    points = dep.series.points
    title = f"{words.series_title(points)}, {dep.departement.name}"
    page = deck.slide("Graphique", title)
    sentences = words.series_sentences(points)
    # One paragraph: the space the template puts between paragraphs would shrink the text below 8 pt.
    deck.text(page, "Clé de lecture", [" ".join([words.SERIES_KEY, *sentences])])
    deck.text(page, "Source", [deck.source])
    series_chart(page, deck.area(page), points, alttext.series(title, points), deck.prov.built_at)
    deck.notes(page, [*sentences, *words.series_notes(points), words.SERIES_KEY])
