"""DrawingML for what the decks draw themselves: text, rectangles, ribbons, groups, the chart frame.

Each function writes one kind of shape, its elements in document order, into an ``ooxml``
writer: building hundreds of ribbons through python-pptx's shape API would dominate the time of a
deck. Every shape gets a name (shown in PowerPoint's selection pane) and an id unique on its
slide; the caller gives both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from officereport.deck.ooxml import NAMESPACES, XmlWriter

DEFAULT_INSET = 45720  # EMU, DrawingML's default top and bottom inset


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Paragraph:
    """One ``a:p``: ``text``, then further ``(text, colour, bold)`` runs; what is not given is
    inherited (from the placeholder, on a slide made from the template)."""

    text: str
    size_pt: float
    colour: str | None = None
    bold: bool | None = None
    align: str | None = None
    level: int = 0
    runs: Sequence[tuple[str, str | None, bool | None]] = ()


def _piece(write: Callable[..., None]) -> Callable[..., str]:
    """A fixed piece of XML (a fill, a run's style), written once for each set of arguments and then
    reused: the same few recur thousands of times in a deck."""

    @lru_cache(maxsize=256)
    def piece(*args) -> str:
        w = XmlWriter()
        write(w, *args)
        return w.getvalue()

    return piece


@_piece
def _fill(w: XmlWriter, colour: str, alpha_pct: int) -> None:
    w.start("a:solidFill")
    w.start("a:srgbClr", (("val", colour),))
    if alpha_pct < 100:
        w.empty("a:alpha", (("val", alpha_pct * 1000),))
    w.end("a:srgbClr")
    w.end("a:solidFill")


def _xfrm(w: XmlWriter, box: Box, tag: str = "a:xfrm") -> None:
    w.start(tag)
    w.empty("a:off", (("x", box.x), ("y", box.y)))
    w.empty("a:ext", (("cx", max(box.w, 1)), ("cy", max(box.h, 1))))
    w.end(tag)


@_piece
def _run_start(w: XmlWriter, size_pt: float, colour: str | None, bold: bool | None) -> None:
    """A run up to its text: its size, weight and colour."""
    w.start("a:r")
    attrs = [("lang", "fr-FR"), ("sz", round(size_pt * 100))]
    if bold is not None:
        attrs.append(("b", int(bold)))
    if colour:
        w.start("a:rPr", attrs)
        w.fragment(_fill(colour, 100))
        w.end("a:rPr")
    else:
        w.empty("a:rPr", attrs)


@_piece
def _paragraph_start(w: XmlWriter, level: int, align: str | None) -> None:
    w.start("a:p")
    w.empty("a:pPr", ((("lvl", level),) if level else ()) + ((("algn", align),) if align else ()))


def paragraphs(w: XmlWriter, items: Sequence[Paragraph]) -> None:
    for p in items:
        w.fragment(_paragraph_start(p.level, p.align))
        for text, colour, bold in ((p.text, p.colour, p.bold), *p.runs):
            w.fragment(_run_start(p.size_pt, colour, bold))
            w.data("a:t", text)
            w.end("a:r")
        w.end("a:p")


@_piece
def _body_start(w: XmlWriter, anchor: str, inset: int) -> None:
    """A text body up to its paragraphs: insets and anchoring, no autofit (text is sized to fit)."""
    w.start("p:txBody")
    w.start("a:bodyPr", (("wrap", "square"), ("lIns", inset), ("tIns", inset), ("rIns", inset), ("bIns", inset),
                         ("anchor", anchor)))
    w.empty("a:noAutofit")
    w.end("a:bodyPr")
    w.empty("a:lstStyle")


@_piece
def _empty_paragraph(w: XmlWriter) -> None:
    w.start("a:p")
    w.empty("a:endParaRPr", (("lang", "fr-FR"),))
    w.end("a:p")


def _text_body(w: XmlWriter, items: Sequence[Paragraph], anchor: str, inset: int) -> None:
    w.fragment(_body_start(anchor, inset))
    if items:
        paragraphs(w, items)
    else:
        w.fragment(_empty_paragraph())
    w.end("p:txBody")


@_piece
def _shape_properties_start(w: XmlWriter, text_box: bool) -> None:
    """What follows a shape's name up to its geometry."""
    w.empty("p:cNvSpPr", (("txBox", 1),) if text_box else ())
    w.empty("p:nvPr")
    w.end("p:nvSpPr")
    w.start("p:spPr")


def _shape_start(w: XmlWriter, shape_id: int, name: str, text_box: bool = False) -> None:
    w.start("p:sp")
    w.start("p:nvSpPr")
    w.empty("p:cNvPr", (("id", shape_id), ("name", name)))
    w.fragment(_shape_properties_start(text_box))


@_piece
def _rectangle(w: XmlWriter) -> None:
    w.start("a:prstGeom", (("prst", "rect"),))
    w.empty("a:avLst")
    w.end("a:prstGeom")


def _rect_geometry(w: XmlWriter, box: Box) -> None:
    _xfrm(w, box)
    w.fragment(_rectangle())


@_piece
def _line(w: XmlWriter, colour: str | None) -> None:
    """A thin outline of ``colour``, or none."""
    if colour:
        w.start("a:ln", (("w", 9525),))
        w.fragment(_fill(colour, 100))
    else:
        w.start("a:ln")
        w.empty("a:noFill")
    w.end("a:ln")


@_piece
def _custom_geometry_start(w: XmlWriter) -> None:
    """A custom geometry up to its path list: no adjustments, guides, handles nor connection sites."""
    w.start("a:custGeom")
    for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
        w.empty(tag)
    w.empty("a:rect", (("l", "0"), ("t", "0"), ("r", "r"), ("b", "b")))
    w.start("a:pathLst")


def rect(w: XmlWriter, shape_id: int, name: str, box: Box, colour: str, *, outline: str | None = None,
         text: Sequence[Paragraph] = (), anchor: str = "t", inset: int = DEFAULT_INSET) -> None:
    """A filled rectangle, optionally holding text."""
    _shape_start(w, shape_id, name)
    _rect_geometry(w, box)
    w.fragment(_fill(colour, 100))
    w.fragment(_line(outline))
    w.end("p:spPr")
    _text_body(w, text, anchor, inset)
    w.end("p:sp")


def text_box(w: XmlWriter, shape_id: int, name: str, box: Box, text: Sequence[Paragraph], *, anchor: str = "ctr",
             inset: int = 0) -> None:
    """Text with no fill and no outline."""
    _shape_start(w, shape_id, name, text_box=True)
    _rect_geometry(w, box)
    w.empty("a:noFill")
    w.end("p:spPr")
    _text_body(w, text, anchor, inset)
    w.end("p:sp")


def _curve(w: XmlWriter, mid: int, y0: int, y1: int, x1: int) -> None:
    """A cubic Bézier from the current point at height ``y0`` to (``x1``, ``y1``), level at both ends."""
    w.start("a:cubicBezTo")
    w.empty("a:pt", (("x", mid), ("y", y0)))
    w.empty("a:pt", (("x", mid), ("y", y1)))
    w.empty("a:pt", (("x", x1), ("y", y1)))
    w.end("a:cubicBezTo")


def ribbon(w: XmlWriter, shape_id: int, name: str, x0: int, x1: int, source: tuple[int, int],
           target: tuple[int, int], colour: str, alpha_pct: int) -> None:
    """A band from ``source`` (top, bottom at x0) to ``target`` (top, bottom at x1) with S-curved edges.

    Each edge is one cubic Bézier whose control points sit halfway across, so the band leaves and
    reaches its nodes horizontally.
    """
    top = min(source[0], target[0])
    bottom = max(source[1], target[1])
    width, height = max(x1 - x0, 1), max(bottom - top, 1)
    s0, s1, t0, t1 = source[0] - top, source[1] - top, target[0] - top, target[1] - top
    mid = width // 2
    _shape_start(w, shape_id, name)
    _xfrm(w, Box(x0, top, width, height))
    w.fragment(_custom_geometry_start())
    w.start("a:path", (("w", width), ("h", height)))
    w.start("a:moveTo")
    w.empty("a:pt", (("x", 0), ("y", s0)))
    w.end("a:moveTo")
    _curve(w, mid, s0, t0, width)
    w.start("a:lnTo")
    w.empty("a:pt", (("x", width), ("y", t1)))
    w.end("a:lnTo")
    _curve(w, mid, t1, s1, 0)
    w.empty("a:close")
    w.end("a:path")
    w.end("a:pathLst")
    w.end("a:custGeom")
    w.fragment(_fill(colour, alpha_pct))
    w.fragment(_line(None))
    w.end("p:spPr")
    w.end("p:sp")


@contextmanager
def group(w: XmlWriter, shape_id: int, name: str, descr: str, box: Box) -> Iterator[None]:
    """A group whose alternative text is ``descr``; the shapes written inside the block are its children."""
    w.start("p:grpSp")
    w.start("p:nvGrpSpPr")
    w.empty("p:cNvPr", (("id", shape_id), ("name", name), ("descr", descr)))
    w.empty("p:cNvGrpSpPr")
    w.empty("p:nvPr")
    w.end("p:nvGrpSpPr")
    w.start("p:grpSpPr")
    w.start("a:xfrm")
    w.empty("a:off", (("x", box.x), ("y", box.y)))
    w.empty("a:ext", (("cx", box.w), ("cy", box.h)))
    w.empty("a:chOff", (("x", box.x), ("y", box.y)))
    w.empty("a:chExt", (("cx", box.w), ("cy", box.h)))
    w.end("a:xfrm")
    w.end("p:grpSpPr")
    yield
    w.end("p:grpSp")


def chart_frame(w: XmlWriter, shape_id: int, name: str, descr: str, box: Box, rel_id: str) -> None:
    """The graphic frame that shows the chart part related as ``rel_id``."""
    w.start("p:graphicFrame")
    w.start("p:nvGraphicFramePr")
    w.empty("p:cNvPr", (("id", shape_id), ("name", name), ("descr", descr)))
    w.start("p:cNvGraphicFramePr")
    w.empty("a:graphicFrameLocks", (("noGrp", 1),))
    w.end("p:cNvGraphicFramePr")
    w.empty("p:nvPr")
    w.end("p:nvGraphicFramePr")
    _xfrm(w, box, "p:xfrm")
    w.start("a:graphic")
    w.start("a:graphicData", (("uri", NAMESPACES["c"]),))
    w.empty("c:chart", (("xmlns:c", NAMESPACES["c"]), ("r:id", rel_id)))
    w.end("a:graphicData")
    w.end("a:graphic")
    w.end("p:graphicFrame")
