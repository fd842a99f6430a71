"""DrawingML snippets for the diagrams drawn as native shapes (treemap, Sankey).

Shapes are written as XML text straight into the slide (see ``page``): building hundreds of
ribbons through python-pptx's shape API would dominate the time of a deck. Every shape gets a
name (shown in PowerPoint's selection pane) and an id unique on its slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from officereport.deck.page import Page
from officereport.deck.template import Box


def _fill(colour: str, alpha_pct: int = 100) -> str:
    alpha = f'<a:alpha val="{alpha_pct * 1000}"/>' if alpha_pct < 100 else ""
    return f'<a:solidFill><a:srgbClr val="{colour}">{alpha}</a:srgbClr></a:solidFill>'


def _xfrm(box: Box) -> str:
    return f'<a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{max(box.w, 1)}" cy="{max(box.h, 1)}"/></a:xfrm>'


def _run(text: str, size_pt: float, colour: str | None, bold: bool | None) -> str:
    bold_attr = "" if bold is None else f' b="{int(bold)}"'
    rpr = f'lang="fr-FR" sz="{round(size_pt * 100)}"{bold_attr}'
    rpr = f"<a:rPr {rpr}>{_fill(colour)}</a:rPr>" if colour else f"<a:rPr {rpr}/>"
    return f"<a:r>{rpr}<a:t>{escape(text)}</a:t></a:r>"


def paragraph(text: str, size_pt: float, colour: str | None = None, *, bold: bool | None = None,
              align: str | None = None, level: int = 0, runs: Sequence[tuple[str, str, bool]] = ()) -> str:
    """One ``a:p``: ``text``, then further ``(text, colour, bold)`` runs; what is not given is
    inherited (from the placeholder, on a slide made from the template)."""
    ppr = (f' lvl="{level}"' if level else "") + (f' algn="{align}"' if align else "")
    body = _run(text, size_pt, colour, bold) + "".join(_run(t, size_pt, c, b) for t, c, b in runs)
    return f"<a:p><a:pPr{ppr}/>{body}</a:p>"


def _text_body(paragraphs: str, anchor: str, inset: int) -> str:
    body = paragraphs or '<a:p><a:endParaRPr lang="fr-FR"/></a:p>'
    return (
        f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" '
        f'anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody>'
    )


def rect(shape_id: int, name: str, box: Box, colour: str, *, outline: str | None = None,
         paragraphs: str = "", anchor: str = "t", inset: int = 45720) -> str:
    """A filled rectangle, optionally holding text."""
    line = f'<a:ln w="9525">{_fill(outline)}</a:ln>' if outline else "<a:ln><a:noFill/></a:ln>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(colour)}{line}</p:spPr>'
        f"{_text_body(paragraphs, anchor, inset)}</p:sp>"
    )


def text_box(shape_id: int, name: str, box: Box, paragraphs: str, *, anchor: str = "ctr", inset: int = 0) -> str:
    """Text with no fill and no outline."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f"{_text_body(paragraphs, anchor, inset)}</p:sp>"
    )


def ribbon(shape_id: int, name: str, x0: int, x1: int, source: tuple[int, int], target: tuple[int, int],
           colour: str, alpha_pct: int) -> str:
    """A band from ``source`` (top, bottom at x0) to ``target`` (top, bottom at x1) with S-curved edges.

    Each edge is one cubic Bézier whose control points sit halfway across, so the band leaves and
    reaches its nodes horizontally.
    """
    top = min(source[0], target[0])
    bottom = max(source[1], target[1])
    w, h = max(x1 - x0, 1), max(bottom - top, 1)
    s0, s1, t0, t1 = source[0] - top, source[1] - top, target[0] - top, target[1] - top
    mid = w // 2
    path = (
        f'<a:path w="{w}" h="{h}"><a:moveTo><a:pt x="0" y="{s0}"/></a:moveTo>'
        f'<a:cubicBezTo><a:pt x="{mid}" y="{s0}"/><a:pt x="{mid}" y="{t0}"/><a:pt x="{w}" y="{t0}"/></a:cubicBezTo>'
        f'<a:lnTo><a:pt x="{w}" y="{t1}"/></a:lnTo>'
        f'<a:cubicBezTo><a:pt x="{mid}" y="{t1}"/><a:pt x="{mid}" y="{s1}"/><a:pt x="0" y="{s1}"/></a:cubicBezTo>'
        f"<a:close/></a:path>"
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(Box(x0, top, w, h))}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
        f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst>{path}</a:pathLst></a:custGeom>'
        f"{_fill(colour, alpha_pct)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def add_group(page: Page, shape_id: int, name: str, descr: str, box: Box, children: str) -> None:
    """Add a group of ``children`` to the slide; ``descr`` is its alternative text."""
    page.add(group(shape_id, name, descr, box, children))


def group(shape_id: int, name: str, descr: str, box: Box, children: str) -> str:
    """A group of ``children`` whose alternative text is ``descr``."""
    return (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(descr)}/>'
        f"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
        f'<p:grpSpPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/>'
        f'<a:chOff x="{box.x}" y="{box.y}"/><a:chExt cx="{box.w}" cy="{box.h}"/></a:xfrm></p:grpSpPr>'
        f"{children}</p:grpSp>"
    )
