"""Assemble a deck: one per Territoire d'industrie (or per département), following the publication.

    title · context · method
    per département: key figures · partner butterfly · activity treemaps ·
                     evolution N-1 -> N (when known) · yearly series (3 years or more) · dependency ·
                     export flows (+ region, France) · import flows (+ region, France)
    practical information and sources

Every slide comes from a named layout of the template; the text goes into its named placeholders,
sized to fit. The region and France comparison slides are shown once per deck: a territory whose
départements share a region would otherwise repeat identical slides.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pptx.util import Pt

from officereport import wording
from officereport.deck import alttext, pptx_adapter, sankey, tables, textfit
from officereport.deck.butterfly import add_butterfly
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.evolution import evolution_slides
from officereport.deck.page import Page, add_notes
from officereport.deck.sankey import add_sankey
from officereport.deck.tables import ByIdentity
from officereport.deck.template import DeckTemplate
from officereport.deck.treemap import add_treemap, tiles
from officereport.indicators import DepartementIndicators, FlowView
from officereport.input import geography
from officereport.model import EXPORT, IMPORT, SAMPLE_WARNING, Provenance
from officereport.wording import balance_sentence, departement_label, total_sentence, total_with_shares

Paragraphs = Sequence[str | tuple[str, int]]  # text, or (text, outline level)

PARAGRAPH_SPACE_PT = 12.0  # the most the shipped template puts between paragraphs
LEVEL_INDENT_EMU = 342900


@dataclass(frozen=True)
class DeckSubject:
    """What a deck is about: a Territoire d'industrie, or a département when no territory list is given."""

    code: str  # territory id (« ti-84-12 ») or DGDDI département code
    name: str
    kind: str  # « Territoire d'industrie » or « Département »

    @classmethod
    def departement(cls, dep: geography.Departement) -> DeckSubject:
        return cls(dep.code, departement_label(dep), "Département")


class _Deck:
    """One presentation being written: slides from layouts by name, text fitted to its placeholder."""

    def __init__(self, template: DeckTemplate, prov: Provenance):
        self.template = template
        self.prov = prov
        self.prs, self.layouts = template.open()
        self.source = wording.source_line(prov)
        self._pages: list[Page] = []

    def slide(self, layout: str, title: str) -> Page:
        page = self.template.new_page(self.prs, self.layouts, layout)
        self._pages.append(page)
        self.text(page, "Titre", [title])
        if self.prov.is_sample:
            self.text(page, "Avertissement", [SAMPLE_WARNING])
        else:
            page.remove("Avertissement")
        return page

    def text(self, page: Page, name: str, paragraphs: Paragraphs) -> None:
        """Fill the placeholder ``name`` at the largest size (up to the template's) at which the text fits."""
        style = self.template.style(page.layout, name)
        items = [(p, 0) if isinstance(p, str) else p for p in paragraphs]
        indent = LEVEL_INDENT_EMU if any(level for _, level in items) else 0
        size = textfit.fit_size([t for t, _ in items], style.box.w, style.box.h, style.size_pt, bold=style.bold,
                                indent_emu=indent, space_before_pt=PARAGRAPH_SPACE_PT) or textfit.MIN_PT
        page.fill(name, [Paragraph(t, size, level=level) for t, level in items])

    def area(self, page: Page, name: str = "Graphique") -> Box:
        """The box of a placeholder that marks where a chart goes; the placeholder itself is removed."""
        page.remove(name)
        return self.template.style(page.layout, name).box

    def notes(self, page: Page, lines: Sequence[str]) -> None:
        add_notes(page.part, self.prs.part.notes_master_part, self.template.notes_skeleton,
                  [*wording.sample_note(self.prov), *lines])

    def save(self, path: Path) -> None:
        for page in self._pages:
            page.finish()
        pptx_adapter.save(self.prs.part.package, path)


@lru_cache(maxsize=2048)
def _said(say: Callable[..., Any], *args: Hashable) -> Any:
    """``say(*args)``, a département's or a flow view's (given ``ByIdentity``) in words: the same in every
    deck that shows it. What it returns is shared: read, never changed."""
    return say(*(arg.obj if isinstance(arg, ByIdentity) else arg for arg in args))


def forget() -> None:
    """Let go of the indicators the per-process caches hold (words, table columns, Sankey diagrams):
    a render pool's workers end with their caches, a render in this process calls this at its end."""
    for cached in (_said, tables._column, sankey._group):  # the package's own caches
        cached.cache_clear()


def _title_slide(deck: _Deck, subject: DeckSubject, deps: Sequence[DepartementIndicators], year: int) -> None:
    page = deck.slide("Titre", subject.name)
    deck.text(page, "Sous-titre", [f"{subject.kind} — {wording.PUBLICATION} {year}"])
    names = " · ".join(departement_label(d.departement) for d in deps)
    label = "Département couvert" if len(deps) == 1 else "Départements couverts"
    deck.text(page, "Départements", [f"{label} : {names}"])
    deck.text(page, "Source", [deck.source])
    deck.notes(page, [f"{subject.kind} {subject.name} ({subject.code}) : {names}."])


def _context_slides(deck: _Deck) -> None:
    page = deck.slide("Texte", "Contexte")
    deck.text(page, "Texte", wording.CONTEXT)
    deck.text(page, "Source", [deck.source])
    deck.notes(page, ["Contexte de la publication."])
    page = deck.slide("Texte", "Précisions méthodologiques")
    deck.text(page, "Texte", [wording.METHOD_INTRO, *((p, 1) for p in wording.CAVEATS)])
    deck.text(page, "Source", [deck.source])
    deck.notes(page, list(wording.CAVEATS))


def _key_figures(deck: _Deck, dep: DepartementIndicators, territories: Sequence[str]) -> None:
    page = deck.slide("Section", wording.key_figures_title(dep))
    region = dep.departement.region
    lines = [
        total_with_shares(EXPORT, dep.totals, region),
        total_with_shares(IMPORT, dep.totals, region),
        balance_sentence(dep.totals),
    ]
    if dep.totals.alone_in_region:
        lines.append(wording.alone_in_region_sentence(dep.departement))
    if territories:
        lines.append(wording.territories_sentence(list(territories)))
    deck.text(page, "Texte", lines)
    deck.notes(page, lines)


def _chart_slide(deck: _Deck, title: str, key: str) -> tuple[Page, Box]:
    page = deck.slide("Graphique", title)
    deck.text(page, "Clé de lecture", [key])
    deck.text(page, "Source", [deck.source])
    return page, deck.area(page)


def _partners(deck: _Deck, dep: DepartementIndicators) -> None:
    title = wording.partners_title(dep)
    page, box = _chart_slide(deck, title, wording.PARTNERS_KEY)
    add_butterfly(page, box, dep.partners, _said(alttext.butterfly, title, ByIdentity(dep.partners)),
                  deck.prov.built_at)
    deck.notes(page, [*_said(wording.partners_notes, ByIdentity(dep)), wording.PARTNERS_KEY])


def _activities(deck: _Deck, dep: DepartementIndicators) -> None:
    title = wording.activities_title(dep)
    key = f"{wording.ACTIVITIES_KEY} {balance_sentence(dep.totals)}"
    page, box = _chart_slide(deck, title, key)
    gap = int(Pt(18))
    half = (box.w - gap) // 2
    for flow, x, value in ((IMPORT, box.x, dep.totals.imports_eur), (EXPORT, box.x + half + gap, dep.totals.exports_eur)):
        heading = total_sentence(flow, value)
        shares = [(t.name, t.share_pct) for t in tiles(dep.activities, flow)]
        add_treemap(page, Box(x, box.y, half, box.h), dep.activities, flow, heading,
                    alttext.treemap(flow, f"{dep.departement.name} ({dep.year})", value, shares))
    deck.notes(page, [*_said(wording.activities_notes, ByIdentity(dep)), wording.ACTIVITIES_KEY])


def _flows(deck: _Deck, view: FlowView, total: str, year: int) -> None:
    title = wording.flows_title(view, year)
    key = wording.flows_key(view.flow, view.scope.level)
    page = deck.slide("Sankey", title)
    deck.text(page, "Total", [total])
    deck.text(page, "Clé de lecture", [key])
    deck.text(page, "Source", [deck.source])
    add_sankey(page, deck.area(page), view, _said(alttext.sankey, title, ByIdentity(view)))
    deck.notes(page, [*_said(wording.flows_notes, ByIdentity(view)), key])


def _flow_slides(deck: _Deck, dep: DepartementIndicators, flow: str, shown: set[tuple[str, str, str]]) -> None:
    """The département's flows, then the region's and France's unless this deck already shows them; the
    region's are left out when they would repeat the département's (said on its key-figures slide)."""
    _flows(deck, dep.flows(flow), total_with_shares(flow, dep.totals, dep.departement.region), dep.year)
    for area in (dep.france,) if dep.totals.alone_in_region else (dep.region, dep.france):
        key = (area.scope.level, area.scope.code, flow)
        if key in shown:
            continue
        shown.add(key)
        _flows(deck, area.flows(flow), total_sentence(flow, area.total(flow)), dep.year)


def _practical(deck: _Deck) -> None:
    page = deck.slide("Infos pratiques", "Informations pratiques")
    deck.text(page, "Texte", [wording.PRACTICAL[0], *((p, 1) for p in wording.PRACTICAL[1:])])
    deck.text(page, "Source", [deck.source])
    deck.notes(page, [deck.source])


def write_deck(
    path: Path,
    subject: DeckSubject,
    departements: Sequence[DepartementIndicators],
    prov: Provenance,
    *,
    template: DeckTemplate | Path | None = None,
    territories_of_dep: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write the deck about ``subject`` covering ``departements`` (in the order given) to ``path``.

    ``template`` is a loaded template, a .pptx path, or None for the shipped one; it is read once
    per process. ``territories_of_dep`` (DGDDI code -> territory names) lists, on each
    département's key-figures slide, the Territoires d'industrie it belongs to.
    """
    if not departements:
        raise ValueError(f"{subject.name} : aucun département à présenter")
    if not isinstance(template, DeckTemplate):
        template = DeckTemplate.load(template)
    deck = _Deck(template, prov)
    year = departements[0].year
    _title_slide(deck, subject, departements, year)
    _context_slides(deck)
    shown: set[tuple[str, str, str]] = set()
    for dep in departements:
        _key_figures(deck, dep, (territories_of_dep or {}).get(dep.departement.code, ()))
        _partners(deck, dep)
        _activities(deck, dep)
        evolution_slides(deck, dep)
        _flow_slides(deck, dep, EXPORT, shown)
        _flow_slides(deck, dep, IMPORT, shown)
    _practical(deck)
    deck.save(Path(path))
