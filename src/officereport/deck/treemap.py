"""The activity treemap: one tile per A129 product group, its area proportional to its value in the flow.

Drawn as native rectangles in a group (each tile can be selected, recoloured or retyped in
PowerPoint). Imports are blue, exports violet. Every tile says what it is: its name and share,
wrapped and sized down to a readable floor; a tile too small for that shows a number, keyed to a
list under the treemap; a tile too small even for its number is gathered into « Autres ».
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from officereport.style import INK, MUTED, WHITE
from officereport.wording import NO_TRADE

LABEL_COLOUR = WHITE
MAX_TILES = 12  # named product groups; the rest is one « Autres » tile
MAX_LABEL_PT = 13.0
MIN_LABEL_PT = 7.0  # the readable floor, for names, numbers and the key
NUMBER_PT = 11.0
KEY_PT = 8.0
MAX_KEY_SHARE = 1 / 3
KEY_SEPARATOR = "  ·  "
TILE_INSET = int(Pt(2))  # narrower than the default: long words fit smaller tiles


@dataclass(frozen=True)
class Tile:
    name: str
    value_eur: int
    share_pct: float


@dataclass(frozen=True)
class TreemapLayout:
    """Where the tiles go and what each shows; ``key`` lists the numbered tiles (indexes in ``tiles``,
    numbered from 1 in this order), shown in ``key_box``."""

    tiles: list[Tile]
    boxes: list[Box]
    labels: list[list[Paragraph]]
    key: list[int]
    key_box: Box | None

    def keyed(self) -> list[tuple[int, Tile]]:
        """(number, tile) of the numbered tiles."""
        return [(number, self.tiles[i]) for number, i in enumerate(self.key, start=1)]


def tiles(activities: pd.DataFrame, flow: str, max_tiles: int = MAX_TILES) -> list[Tile]:
    """The flow's product groups, largest first, beyond ``max_tiles`` gathered in « Autres » (last)."""
    return _gathered(_groups(activities, flow), max_tiles)


def _groups(activities: pd.DataFrame, flow: str) -> list[Tile]:
    return [Tile(name, value, share) for f, name, value, share
            in tables.rows(activities, "flow", "a129_name", "value_eur", "share_pct") if f == flow]


def _gathered(groups: list[Tile], max_tiles: int) -> list[Tile]:
    if len(groups) <= max_tiles:
        return groups
    rest = groups[max_tiles:]
    # numpy's sum, as pandas gave it: the share of « Autres » is shown rounded, to the same last digit
    share = float(np.sum([t.share_pct for t in rest]))
    return [*groups[:max_tiles], Tile(OTHERS_LABEL, sum(t.value_eur for t in rest), share)]


def _name_and_share(tile: Tile, box: Box) -> list[Paragraph] | None:
    """Name and share, wrapped, at the largest size that fits the tile; None below the floor."""
    lines = [tile.name, frformat.percent(tile.share_pct)]
    inset = 2 * TILE_INSET
    size = textfit.fit_size(lines, box.w - inset, box.h - inset, MAX_LABEL_PT, min_pt=MIN_LABEL_PT, bold=True,
                            insets=False)
    if size is None:
        return None
    return [Paragraph(line, size, LABEL_COLOUR, bold=i == 0) for i, line in enumerate(lines)]


def _number(number: int, box: Box) -> list[Paragraph] | None:
    """The tile's number in the key, centred with no inset; None if even that does not fit."""
    size = textfit.fit_size([str(number)], box.w, box.h, NUMBER_PT, min_pt=MIN_LABEL_PT, bold=True, insets=False)
    return None if size is None else [Paragraph(str(number), size, LABEL_COLOUR, bold=True, align="ctr")]


def _key_paragraphs(key: list[tuple[int, Tile]], flow: str) -> list[Paragraph]:
    """« 1 Matériel de télécommunication 5,2 % · 2 … », numbers bold in the flow's colour."""
    runs: list[tuple[str, str | None, bool | None]] = []
    for i, (number, tile) in enumerate(key):
        runs += [(f"{KEY_SEPARATOR if i else ''}{number} ", COLOURS[flow], True), (_key_entry(tile), INK, False)]
    first, *rest = runs
    return [Paragraph(first[0], KEY_PT, first[1], bold=first[2], runs=rest)]


def _key_entry(tile: Tile) -> str:
    return f"{tile.name} {frformat.percent(tile.share_pct)}"


def _key_height(key: list[tuple[int, Tile]], width: int) -> int:
    if not key:
        return 0
    text = KEY_SEPARATOR.join(f"{n} {_key_entry(t)}" for n, t in key)
    return int(Pt(textfit.text_height_pt([text], width, KEY_PT, bold=True) + KEY_PT / 2))


def _tile_boxes(chosen: list[Tile], box: Box) -> list[Box]:
    # Round the edges, not the sizes, so that neighbouring tiles share their borders exactly.
    boxes = []
    for r in squarify([t.value_eur for t in chosen], box.x, box.y, box.w, box.h):
        x0, y0, x1, y1 = round(r.x), round(r.y), round(r.x + r.w), round(r.y + r.h)
        boxes.append(Box(x0, y0, x1 - x0, y1 - y0))
    return boxes


def layout(activities: pd.DataFrame, flow: str, box: Box) -> TreemapLayout:
    """Tiles and labels filling ``box``, the key (if any) at its foot; pure, so that it can be tested.

    The key's height takes room from the tiles, which can make more of them numbered: the layout is
    redone until the key fits. While a number does not fit its tile, or the key would take more than
    ``MAX_KEY_SHARE`` of the height, the smallest named tile goes into « Autres ».
    """
    groups = _groups(activities, flow)
    max_tiles, key_h = MAX_TILES, 0
    while True:
        chosen = _gathered(groups, max_tiles)
        tiles_box = Box(box.x, box.y, box.w, box.h - key_h)
        boxes = _tile_boxes(chosen, tiles_box) if chosen else []
        labels: list[list[Paragraph] | None] = []
        key: list[int] = []
        for i, (tile, tile_box) in enumerate(zip(chosen, boxes)):
            label = _name_and_share(tile, tile_box)
            if label is None:
                key.append(i)
                label = _number(len(key), tile_box)
            labels.append(label)
        geo = TreemapLayout(chosen, boxes, [label or [] for label in labels], key, None)
        needed = _key_height(geo.keyed(), box.w)
        if (any(label is None for label in labels) or needed > box.h * MAX_KEY_SHARE) and max_tiles > 0:
            max_tiles, key_h = min(max_tiles, len(chosen)) - 1, 0
            continue
        if needed <= key_h:
            return geo if not key else replace(geo, key_box=Box(box.x, tiles_box.y + tiles_box.h, box.w, key_h))
        key_h = needed


def add_treemap(page: Page, area: Box, activities: pd.DataFrame, flow: str, heading: str, descr: str) -> list[Box]:
    """Draw ``heading`` then the flow's treemap in ``area``; returns the tile boxes, in the order of ``tiles()``."""
    heading_h = min(int(Pt(30)), area.h // 6)
    heading_box = Box(area.x, area.y, area.w, heading_h)
    box = Box(area.x, area.y + heading_h, area.w, area.h - heading_h)
    size = textfit.fit_size([heading], heading_box.w, heading_box.h, 16, min_pt=8, bold=True, insets=False) or 8
    geo = layout(activities, flow, box)
    w = page.shapes
    name = "Activités à l'import" if flow == IMPORT else "Activités à l'export"
    with drawing.group(w, page.next_id(), name, descr, area):
        drawing.text_box(w, page.next_id(), heading, heading_box, [Paragraph(heading, size, COLOURS[flow], bold=True)])
        for i, (tile, tile_box, label) in enumerate(zip(geo.tiles, geo.boxes, geo.labels)):
            keyed = i in geo.key
            drawing.rect(w, page.next_id(), f"{tile.name} ({frformat.percent(tile.share_pct)})", tile_box,
                         COLOURS[flow], outline=WHITE, text=label, anchor="ctr" if keyed else "t",
                         inset=0 if keyed else TILE_INSET)
        if geo.key_box:
            drawing.text_box(w, page.next_id(), "Légende des cases numérotées", geo.key_box,
                             _key_paragraphs(geo.keyed(), flow), anchor="b")
        if not geo.tiles:
            empty = [Paragraph(NO_TRADE, 12, MUTED, align="ctr")]
            drawing.text_box(w, page.next_id(), NO_TRADE, box, empty)
    return geo.boxes
