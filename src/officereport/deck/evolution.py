"""The département's slides on its change since N-1 and on its dependency.

« Évolution 2023 → 2024 »: the totals in words and, side by side, a native clustered bar chart per
flow of the first partners, N-1 (grey) above N (the flow's colour). No slide without N-1.
« Dépendance et exposition »: a native clustered bar chart per flow of the shares of the first
partner country, of the first three and of the focus country, the concentration figures in words
below it; beside them, the exposure to the focus country and the dependent products. Both slides
carry a reading key and speaker notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from pptx.chart.chart import Chart
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from officereport.deck import alttext, bars, drawing, pptx_adapter, textfit
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.page import Page
from officereport.deck.series import series_slide
from officereport.evolution import PartnerChange, ScopeEvolution
from officereport.indicators import DepartementIndicators
from officereport.model import EXPORT, FLOW_NAMES, IMPORT
from officereport.style import (
    FLOW_COLOURS,
    GRID,
    INK,
    INTEGER,
    MILLIONS,
    MUTED,
    PCT,
    TITLE,
    as_fraction,
    axis_limit,
)
from officereport.wording import evolution as words

if TYPE_CHECKING:  # the builder imports this module
    from officereport.deck.builder import _Deck

CHARTED_PARTNERS = 8
TEXT_PT = 13.0
HEADING_EXTRA_PT = 2.0  # a block's heading over its text
SHARES_CHART_HEIGHT = 0.6  # of the dependency slide's area; the concentration sentences below


def charted_partners(evo: ScopeEvolution, flow: str, n: int = CHARTED_PARTNERS) -> list[PartnerChange]:
    """The ``n`` partner countries with the most of ``flow`` in N or in N-1, largest in N first."""
    def values(p: PartnerChange) -> tuple[int, int]:
        return (p.exports_eur, p.exports_eur_previous) if flow == EXPORT else (p.imports_eur, p.imports_eur_previous)

    trading = [p for p in evo.partners if any(values(p))]
    return sorted(trading, key=lambda p: (-max(values(p)), -values(p)[0], p.code))[:n]


def change_chart(page: Page, box: Box, evo: ScopeEvolution, flow: str, place: str,
                 created: datetime) -> ChartPart | None:
    """Clustered bars N-1 beside N (M€) of the first partners of ``place`` in ``flow``, the largest at
    the top (None when no partner traded in either year: « Aucun échange » in its place)."""
    charted = charted_partners(evo, flow)
    descr = alttext.change(flow, place, evo, charted)
    partners = charted[::-1]  # bar charts plot their first category at the bottom
    field = "exports_eur" if flow == EXPORT else "imports_eur"
    # N first: each cluster is drawn from the bottom up, so N-1 reads above N.
    series = [(f"{FLOW_NAMES[flow]} {year}", [getattr(p, name) / 1e6 for p in partners])
              for year, name in ((evo.year, field), (evo.previous_year, f"{field}_previous"))]
    data = pptx_adapter.category_chart_data([p.name for p in partners], series, MILLIONS, created)
    # The same round bound and step as the partner chart; whole millions need no decimals on the axis.
    limit, unit = axis_limit(max((v for _, column in series for v in column), default=0))
    return bars.clustered_bars(page, box, data, f"Évolution {FLOW_NAMES[flow].lower()}", descr, font_pt=10,
                               gap_width=60, colours=(FLOW_COLOURS[flow], MUTED), style=_change_style,
                               style_args=(f"{FLOW_NAMES[flow]} par pays (M€)", limit, unit))


def _change_style(chart: Chart, title: str, limit: float, unit: float) -> None:
    _titled_scale(chart, title, limit, unit, INTEGER if unit >= 1 else MILLIONS)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW


def _titled_scale(chart: Chart, title: str, limit: float, unit: float, number_format: str) -> None:
    """The chart's title, and its value axis from 0 to ``limit`` by ``unit`` over grey gridlines."""
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale, values.major_unit = 0, limit, unit
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = number_format, False
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)


def _evolution_slide(deck: _Deck, dep: DepartementIndicators, evo: ScopeEvolution) -> None:
    title = f"{words.evolution_title(evo.year, evo.previous_year)}, {dep.departement.name}"
    page = deck.slide("Graphique", title)
    totals = [words.change_sentence(flow, evo.totals, evo.year) for flow in (EXPORT, IMPORT)]
    # One paragraph: the space the template puts between paragraphs would shrink the text to 6 pt.
    deck.text(page, "Clé de lecture", [" ".join([*totals, words.EVOLUTION_KEY])])
    deck.text(page, "Source", [deck.source])
    box = deck.area(page)
    gap = int(Pt(18))
    half = (box.w - gap) // 2
    for flow, x in ((EXPORT, box.x), (IMPORT, box.x + half + gap)):
        change_chart(page, Box(x, box.y, half, box.h), evo, flow, dep.departement.name, deck.prov.built_at)
    deck.notes(page, [*totals, *words.evolution_notes(evo), words.EVOLUTION_KEY])


def shares_chart(page: Page, box: Box, dep: DepartementIndicators, focus_name: str,
                 created: datetime) -> ChartPart | None:
    """Clustered bars per flow: the share of the first partner country, of the first three (of the
    trade with countries) and of the focus country (of the whole flow); None when neither flow
    trades with a country (« Aucun échange » in its place)."""
    d = dep.dependency
    assert d is not None
    flows = [(flow, d.concentration(flow)) for flow in (IMPORT, EXPORT)]  # each cluster is drawn from the bottom up
    # Bottom-up too: the focus country, the first three, the first.
    series = [(FLOW_NAMES[flow], [as_fraction(v) for v in (d.focus.share_pct(flow), c.top3_share_pct,
                                                          c.top1_share_pct)])
              for flow, c in flows]
    trades = any(c.top1_share_pct is not None for _, c in flows)
    categories = words.shares_categories(focus_name)[::-1] if trades else []
    data = pptx_adapter.category_chart_data(categories, series, PCT, created)
    descr = alttext.shares(f"{dep.departement.name} ({dep.year})", focus_name, d)
    return bars.clustered_bars(page, box, data, words.SHARES_TITLE, descr, font_pt=10, gap_width=60,
                               colours=(FLOW_COLOURS[IMPORT], FLOW_COLOURS[EXPORT]), style=_shares_style,
                               style_args=(words.SHARES_TITLE,))


def _shares_style(chart: Chart, title: str) -> None:
    _titled_scale(chart, title, 1, 0.25, "0%")
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = PCT, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END


def _blocks(page: Page, box: Box, name: str, blocks: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Headed blocks of text in one box, at the largest size up to ``TEXT_PT`` at which they fit."""
    texts = [text for heading, lines in blocks for text in (heading, *lines)]
    # Fitted as if headings were text, in a box short of what their larger size adds.
    headings_extra = int(Pt(len(blocks) * HEADING_EXTRA_PT * textfit.LINE_EM))
    size = textfit.fit_size(texts, box.w, box.h - headings_extra, TEXT_PT) or textfit.MIN_PT
    paragraphs = []
    for heading, lines in blocks:
        paragraphs.append(Paragraph(heading, size + HEADING_EXTRA_PT, colour=TITLE, bold=True))
        paragraphs.extend(Paragraph(line, size, colour=INK) for line in lines)
    drawing.text_box(page.shapes, page.next_id(), name, box, paragraphs, anchor="t")


def _dependency_slide(deck: _Deck, dep: DepartementIndicators) -> None:
    """The shares chart over the concentration sentences on the left; exposure to the focus
    country and the dependent products on the right."""
    d = dep.dependency
    assert d is not None
    page = deck.slide("Graphique", f"Dépendance et exposition, {dep.departement.name} ({dep.year})")
    deck.text(page, "Clé de lecture", [words.DEPENDENCY_KEY])
    deck.text(page, "Source", [deck.source])
    box = deck.area(page)
    gap = int(Pt(18))
    half = (box.w - gap) // 2
    chart_h = int(box.h * SHARES_CHART_HEIGHT)
    focus_name = words.country_name(dep, d.focus.country)
    shares_chart(page, Box(box.x, box.y, half, chart_h), dep, focus_name, deck.prov.built_at)
    concentration = [words.concentration_sentence(flow, d.concentration(flow)) for flow in (EXPORT, IMPORT)]
    _blocks(page, Box(box.x, box.y + chart_h + gap, half, box.h - chart_h - gap), "Concentration",
            [("Concentration", concentration)])
    exposure = [words.focus_sentence(d.focus, focus_name), *words.focus_lines(d.focus)]
    count = len(d.dependent_products)
    dependent = [words.dependent_count_sentence(count), *words.dependent_lines(dep, limit=words.SHOWN_PRODUCTS),
                 *words.more_products_line(count, words.SHOWN_PRODUCTS,
                                           "liste complète dans les notes et le classeur")]
    _blocks(page, Box(box.x + half + gap, box.y, half, box.h), "Exposition et produits dépendants",
            [(f"Exposition : {focus_name}", exposure), ("Produits dépendants", dependent)])
    deck.notes(page, [*concentration, *exposure, *words.dependent_lines(dep), words.DEPENDENCY_KEY])


def evolution_slides(deck: _Deck, dep: DepartementIndicators) -> None:
    """The evolution slide (when N-1 is known), the yearly series (three years or more), then the dependency slide."""
    if dep.evolution:
        _evolution_slide(deck, dep, dep.evolution)
    series_slide(deck, dep)
    if dep.dependency:
        _dependency_slide(deck, dep)
