"""The flow diagram (Sankey): sources on the left, targets on the right, one ribbon per flow.

Node heights and ribbon widths are proportional to value on one scale for the whole diagram; a
ribbon's edges are cubic Bézier curves (custom geometry), its top-5 flows red and drawn on top.
Every node, label and ribbon is its own shape in one group, so each can be edited in PowerPoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count

from pptx.util import Pt

from officereport import frformat
from officereport.deck import drawing, tables, textfit
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.ooxml import XmlWriter
from officereport.deck.page import Page
from officereport.indicators import FlowView
from officereport.style import INK, MUTED, SANKEY_NODE, SANKEY_RIBBON, SANKEY_RIBBON_ALPHA, SANKEY_TOP_ALPHA, TOP_FLOW
from officereport.wording import NO_TRADE

NODE_COLOUR = SANKEY_NODE
RIBBON_COLOUR, RIBBON_ALPHA = SANKEY_RIBBON, SANKEY_RIBBON_ALPHA
TOP_COLOUR, TOP_ALPHA = TOP_FLOW, SANKEY_TOP_ALPHA
LABEL_COLOUR, VALUE_COLOUR = INK, MUTED
LEFT_LABELS, RIGHT_LABELS = 0.31, 0.29  # shares of the width given to each label column
GAPS = 0.18  # share of the height left between nodes on each side
MAX_LABEL_PT, MIN_LABEL_PT = 10.5, 6.5
LABEL_LINES = 2  # a label wraps on two lines before its name is cut
NEVER_CUT = 40  # names this long or shorter are shown whole


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    value_eur: int
    top: int
    bottom: int


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    value_eur: int
    top5: bool
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    name: str


@dataclass(frozen=True)
class SankeyLayout:
    sources: list[Node]
    targets: list[Node]
    links: list[Link]
    node_width: int
    left_x: int  # left edge of the source nodes
    right_x: int  # left edge of the target nodes


def _stack(values: list[tuple[str, str, int]], box: Box, scale: float) -> list[Node]:
    """Nodes stacked down ``box`` in the given order, gaps shared out so the column fills the height."""
    used = sum(v for _, _, v in values) * scale
    gap = (box.h - used) / (len(values) - 1) if len(values) > 1 else 0
    nodes, y = [], float(box.y)
    for code, name, value in values:
        nodes.append(Node(code, name, value, round(y), round(y + value * scale)))
        y += value * scale + gap
    return nodes


def layout(view: FlowView, box: Box) -> SankeyLayout:
    """Where every node and ribbon goes in ``box``; pure, so that it can be tested without a slide."""
    t = view.table
    node_width = max(int(box.w * 0.012), int(Pt(6)))
    left_x = box.x + int(box.w * LEFT_LABELS)
    right_x = box.x + box.w - int(box.w * RIGHT_LABELS) - node_width
    if t.empty:
        return SankeyLayout([], [], [], node_width, left_x, right_x)

    rows = tables.rows(t, "source_code", "source_name", "source_rank", "target_code", "target_name", "target_rank",
                       "value_eur", "top5")

    grid = view.grid  # nodes in rank order, their values the row and column sums of the flow matrix
    sources = list(zip(grid.source_codes, grid.source_names, grid.values.sum(axis=1).tolist()))
    targets = list(zip(grid.target_codes, grid.target_names, grid.values.sum(axis=0).tolist()))
    scale = box.h * (1 - GAPS) / sum(row[6] for row in rows)
    source_nodes, target_nodes = _stack(sources, box, scale), _stack(targets, box, scale)
    # Ribbons leave a source in target order and reach a target in source order: no crossing at the nodes.
    source_cursor = {n.code: float(n.top) for n in source_nodes}
    target_cursor = {n.code: float(n.top) for n in target_nodes}
    spans: dict[int, tuple[int, int]] = {}
    for i in sorted(range(len(rows)), key=lambda i: (rows[i][2], rows[i][5])):
        y = source_cursor[rows[i][0]]
        spans[i] = (round(y), round(y + rows[i][6] * scale))
        source_cursor[rows[i][0]] = y + rows[i][6] * scale
    links = []
    for i in sorted(range(len(rows)), key=lambda i: (rows[i][5], rows[i][2])):
        source, source_name, _, target, target_name, _, value, top5 = rows[i]
        y = target_cursor[target]
        target_cursor[target] = y + value * scale
        links.append(Link(source, target, value, top5, spans[i], (round(y), round(y + value * scale)),
                          f"{source_name} → {target_name} : {frformat.meur(value)}"))
    return SankeyLayout(source_nodes, target_nodes, links, node_width, left_x, right_x)


def _spread(centres: list[float], heights: list[float], top: float, bottom: float) -> list[float]:
    """Label tops near their nodes' centres but never overlapping, kept inside [top, bottom] when
    the heights add up to no more than that."""
    tops = [c - h / 2 for c, h in zip(centres, heights)]
    for i in range(len(tops)):
        tops[i] = max(tops[i], top if i == 0 else tops[i - 1] + heights[i - 1])
    for i in reversed(range(len(tops))):
        tops[i] = min(tops[i], bottom - heights[i] if i == len(tops) - 1 else tops[i + 1] - heights[i])
    return tops


def _lines(text: str, size: float, width: int) -> int:
    """Lines ``text`` takes at ``size`` in ``width``, every character counted as wide as a bold one."""
    return textfit.wrapped_lines(text, width / Pt(1) / (size * textfit.BOLD_CHAR_EM))


def _fitted_name(name: str, value: str, size: float, width: int, keep_chars: int) -> str | None:
    """``name`` as shown before ``value`` on at most two lines: whole if it fits, else cut with « … »
    to no fewer than ``keep_chars`` characters; None when that is not enough."""
    if _lines(name + value, size, width) <= LABEL_LINES:
        return name
    for chars in range(len(name) - 1, max(keep_chars, 1) - 1, -1):
        short = textfit.shorten(name, chars)
        if _lines(short + value, size, width) <= LABEL_LINES:
            return short
    return textfit.shorten(name, 1) if not keep_chars else None


def label_lines(nodes: list[Node], total: int, width: int, height: int) -> tuple[float, list[tuple[str, str, int]]]:
    """The largest size at which every node's label (name, value, lines) fits ``width`` on at most two
    lines and all of them stacked fit ``height``: names whole if any size allows it, else names of
    more than ``NEVER_CUT`` characters cut to no fewer; only a diagram too small for that cuts more."""
    values = [f" {frformat.meur(n.value_eur)} ({frformat.percent(100 * n.value_eur / total)})" for n in nodes]
    longest = max(len(n.name) for n in nodes)
    for keep_chars in (longest, NEVER_CUT + 1, 0):
        size = MAX_LABEL_PT
        while size >= MIN_LABEL_PT:
            names = [_fitted_name(n.name, v, size, width, keep_chars) for n, v in zip(nodes, values)]
            if all(names):
                labels = [(name, v, _lines(name + v, size, width)) for name, v in zip(names, values)]
                if sum(_label_height(size, lines) for *_, lines in labels) <= height or not keep_chars:
                    return size, labels
            size -= 0.5
    raise AssertionError("unreachable: with every name cut, the smallest size is taken")


def _label_height(size: float, lines: int) -> float:
    return Pt(size * textfit.LINE_EM * (lines + 0.3))


def _labels(w: XmlWriter, ids: Iterator[int], nodes: list[Node], x: int, width: int, box: Box, total: int,
            align: str) -> None:
    """Each node's name in bold then its value and share, wrapped on up to two lines beside it."""
    if not nodes:
        return
    size, labels = label_lines(nodes, total, width, box.h)
    heights = [_label_height(size, lines) for *_, lines in labels]
    tops = _spread([(n.top + n.bottom) / 2 for n in nodes], heights, box.y, box.y + box.h)
    for node, (name, value, _), y, h in zip(nodes, labels, tops, heights):
        text = Paragraph(name, size, LABEL_COLOUR, bold=True, align=align, runs=[(value, VALUE_COLOUR, False)])
        top, bottom = round(y), round(y + h)  # edges rounded, not sizes: stacked labels never overlap
        drawing.text_box(w, next(ids), f"Libellé {node.name}", Box(x, top, width, bottom - top), [text])


def add_sankey(page: Page, box: Box, view: FlowView, descr: str) -> None:
    """Draw ``view`` filling ``box`` as one group of shapes."""
    group_id = page.next_id()
    group, last_id = _group(tables.ByIdentity(view), box, group_id, descr)
    page.skip_ids(last_id - group_id)
    page.shapes.fragment(group)


# The region and France diagrams recur in nearly every deck of a build: each is drawn once per
# process. The cache keeps the views it was given alive, so an id is never reused for another one.
@lru_cache(maxsize=128)
def _group(view: tables.ByIdentity, box: Box, group_id: int, descr: str) -> tuple[str, int]:
    """The group's XML and the last shape id it uses (its shapes follow ``group_id``)."""
    geo = layout(view.obj, box)
    ids = count(group_id + 1)
    total = sum(node.value_eur for node in geo.sources) or 1
    ribbon_from, ribbon_to = geo.left_x + geo.node_width, geo.right_x
    # Grey ribbons first, red ones after so that they are drawn on top.
    ordered = sorted(geo.links, key=lambda link: link.top5)
    w = XmlWriter()
    with drawing.group(w, group_id, "Diagramme de flux", descr, box):
        for link in ordered:
            drawing.ribbon(w, next(ids), f"Flux {link.name}", ribbon_from, ribbon_to, link.source_span,
                           link.target_span, *((TOP_COLOUR, TOP_ALPHA) if link.top5 else (RIBBON_COLOUR, RIBBON_ALPHA)))
        for nodes, x in ((geo.sources, geo.left_x), (geo.targets, geo.right_x)):
            for n in nodes:
                drawing.rect(w, next(ids), f"Nœud {n.name}", Box(x, n.top, geo.node_width, n.bottom - n.top),
                             NODE_COLOUR)
        gap = int(Pt(4))
        _labels(w, ids, geo.sources, box.x, geo.left_x - box.x - gap, box, total, "r")
        right_label_x = geo.right_x + geo.node_width + gap
        _labels(w, ids, geo.targets, right_label_x, box.x + box.w - right_label_x, box, total, "l")
        if not geo.links:
            drawing.text_box(w, next(ids), NO_TRADE, box, [Paragraph(NO_TRADE, 12, VALUE_COLOUR, align="ctr")])
    return w.getvalue(), next(ids) - 1
