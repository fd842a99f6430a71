"""The département's slides on its change since N-1 and on its dependency.

« Évolution 2023 → 2024 »: the totals in words and, side by side, a native clustered bar chart per
flow of the first partners, N-1 (grey) above N (the flow's colour). No slide without N-1.
« Dépendance et exposition »: concentration, exposure to the focus country and the dependent
products, as text blocks. Both carry a reading key and speaker notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from pptx.chart.chart import Chart
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_TICK_LABEL_POSITION
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from officereport.deck import bars, drawing, pptx_adapter
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.page import Page
from officereport.deck.series import series_slide
from officereport.evolution import PartnerChange, ScopeEvolution
from officereport.indicators import DepartementIndicators
from officereport.model import EXPORT, FLOW_NAMES, IMPORT
from officereport.style import FLOW_COLOURS, GRID, INK, INTEGER, MILLIONS, MUTED, TITLE, axis_limit
from officereport.wording import evolution as words

if TYPE_CHECKING:  # the builder imports this module
    from officereport.deck.builder import _Deck

CHARTED_PARTNERS = 8
TEXT_PT = 13.0
HEADING_PT = 15.0


def charted_partners(evo: ScopeEvolution, flow: str, n: int = CHARTED_PARTNERS) -> list[PartnerChange]:
    """The ``n`` partner countries with the most of ``flow`` in N or in N-1, largest in N first."""
    def values(p: PartnerChange) -> tuple[int, int]:
        return (p.exports_eur, p.exports_eur_previous) if flow == EXPORT else (p.imports_eur, p.imports_eur_previous)

    trading = [p for p in evo.partners if any(values(p))]
    return sorted(trading, key=lambda p: (-max(values(p)), -values(p)[0], p.code))[:n]


def change_chart(page: Page, box: Box, evo: ScopeEvolution, flow: str, descr: str,
                 created: datetime) -> ChartPart | None:
    """Clustered bars N-1 beside N (M€) of the first partners in ``flow``, the largest at the top
    (None when no partner traded in either year: « Aucun échange » in its place)."""
    partners = charted_partners(evo, flow)[::-1]  # bar charts plot their first category at the bottom
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
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale, values.major_unit = 0, limit, unit
    values.tick_labels.number_format = INTEGER if unit >= 1 else MILLIONS
    values.tick_labels.number_format_is_linked = False
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
        descr = (f"Barres groupées : {FLOW_NAMES[flow].lower()} de {dep.departement.name} par pays, "
                 f"{evo.previous_year} puis {evo.year}, en millions d'euros.")
        change_chart(page, Box(x, box.y, half, box.h), evo, flow, descr, deck.prov.built_at)
    deck.notes(page, [*totals, *words.evolution_notes(evo), words.EVOLUTION_KEY])


def _block(page: Page, box: Box, name: str, heading: str, lines: Sequence[str]) -> None:
    text = [Paragraph(heading, HEADING_PT, colour=TITLE, bold=True),
            *(Paragraph(line, TEXT_PT, colour=INK) for line in lines)]
    drawing.text_box(page.shapes, page.next_id(), name, box, text, anchor="t")


def _dependency_slide(deck: _Deck, dep: DepartementIndicators) -> None:
    d = dep.dependency
    assert d is not None
    page = deck.slide("Graphique", f"Dépendance et exposition, {dep.departement.name} ({dep.year})")
    deck.text(page, "Clé de lecture", [words.DEPENDENCY_KEY])
    deck.text(page, "Source", [deck.source])
    box = deck.area(page)
    gap = int(Pt(18))
    half = (box.w - gap) // 2
    focus_name = words.country_name(dep, d.focus.country)
    left = [*(words.concentration_sentence(flow, c) for flow, c in ((EXPORT, d.exports), (IMPORT, d.imports))),
            words.focus_sentence(d.focus, focus_name), *words.focus_lines(d.focus)]
    _block(page, Box(box.x, box.y, half, box.h), "Concentration et exposition", "Concentration et exposition", left)
    right = [words.dependent_count_sentence(len(d.dependent_products)),
             *words.dependent_lines(dep, limit=words.SHOWN_PRODUCTS)]
    _block(page, Box(box.x + half + gap, box.y, half, box.h), "Produits dépendants", "Produits dépendants", right)
    deck.notes(page, [*left, *words.dependent_lines(dep), words.DEPENDENCY_KEY])


def evolution_slides(deck: _Deck, dep: DepartementIndicators) -> None:
    """The evolution slide (when N-1 is known), the yearly series (three years or more), then the dependency slide."""
    if dep.evolution:
        _evolution_slide(deck, dep, dep.evolution)
    series_slide(deck, dep)
    if dep.dependency:
        _dependency_slide(deck, dep)
