"""The activity treemap: one tile per A129 product group, its area proportional to its value in the flow.

Drawn as native rectangles in a group (each tile can be selected, recoloured or retyped in
PowerPoint). Imports are blue, exports violet; a tile's label is sized to fit it or left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pptx.util import Pt

from officereport import frformat
from officereport.deck import drawing, tables, textfit
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.page import Page
from officereport.deck.squarify import squarify
from officereport.model import IMPORT, OTHERS_LABEL
from officereport.style import FLOW_COLOURS as COLOURS
from officereport.style import MUTED, WHITE
from officereport.wording import NO_TRADE

LABEL_COLOUR = WHITE
MAX_TILES = 12  # named product groups; the rest is one « Autres » tile
MAX_LABEL_PT = 13.0
MIN_LABEL_PT = 7.0


@dataclass(frozen=True)
class Tile:
    name: str
    value_eur: int
    share_pct: float


def tiles(activities: pd.DataFrame, flow: str) -> list[Tile]:
    """The flow's product groups, largest first, beyond ``MAX_TILES`` gathered in « Autres » (last)."""
    chosen = [Tile(name, value, share) for f, name, value, share
              in tables.rows(activities, "flow", "a129_name", "value_eur", "share_pct") if f == flow]
    if len(chosen) > MAX_TILES:
        rest = chosen[MAX_TILES:]
        # numpy's sum, as pandas gave it: the share of « Autres » is shown rounded, to the same last digit
        share = float(np.sum([t.share_pct for t in rest]))
        chosen[MAX_TILES:] = [Tile(OTHERS_LABEL, sum(t.value_eur for t in rest), share)]
    return chosen


def _label(tile: Tile, box: Box) -> list[Paragraph]:
    """Name and share, at the largest size that fits the tile, or nothing."""
    lines = [tile.name, frformat.percent(tile.share_pct)]
    inset = 2 * 45720
    size = textfit.fit_size(lines, box.w - inset, box.h - inset, MAX_LABEL_PT, min_pt=MIN_LABEL_PT, bold=True,
                            insets=False)
    if size is None:
        return []
    return [Paragraph(line, size, LABEL_COLOUR, bold=i == 0) for i, line in enumerate(lines)]


def add_treemap(page: Page, area: Box, activities: pd.DataFrame, flow: str, heading: str, descr: str) -> list[Box]:
    """Draw ``heading`` then the flow's treemap in ``area``; returns the tile boxes, in the order of ``tiles()``."""
    heading_h = min(int(Pt(30)), area.h // 6)
    heading_box = Box(area.x, area.y, area.w, heading_h)
    box = Box(area.x, area.y + heading_h, area.w, area.h - heading_h)
    size = textfit.fit_size([heading], heading_box.w, heading_box.h, 16, min_pt=8, bold=True, insets=False) or 8
    chosen = tiles(activities, flow)
    rects = squarify([t.value_eur for t in chosen], box.x, box.y, box.w, box.h) if chosen else []
    boxes = []
    w = page.shapes
    name = "Activités à l'import" if flow == IMPORT else "Activités à l'export"
    with drawing.group(w, page.next_id(), name, descr, area):
        drawing.text_box(w, page.next_id(), heading, heading_box, [Paragraph(heading, size, COLOURS[flow], bold=True)])
        for tile, r in zip(chosen, rects):
            # Round the edges, not the sizes, so that neighbouring tiles share their borders exactly.
            x0, y0, x1, y1 = round(r.x), round(r.y), round(r.x + r.w), round(r.y + r.h)
            tile_box = Box(x0, y0, x1 - x0, y1 - y0)
            boxes.append(tile_box)
            drawing.rect(w, page.next_id(), f"{tile.name} ({frformat.percent(tile.share_pct)})", tile_box,
                         COLOURS[flow], outline=WHITE, text=_label(tile, tile_box))
        if not chosen:
            empty = [Paragraph(NO_TRADE, 12, MUTED, align="ctr")]
            drawing.text_box(w, page.next_id(), NO_TRADE, box, empty)
    return boxes
