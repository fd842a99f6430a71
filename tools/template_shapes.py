"""The shapes of the shipped template's six layouts and the master's text styles, as XML.

Used by ``make_template``; each layout is a function writing its placeholders (named as in
``template.LAYOUTS``) in the order PowerPoint lists them.
"""

from __future__ import annotations

from collections.abc import Callable

from pptx.util import Inches

from officereport import style
from officereport.deck.ooxml import Attributes, XmlWriter, xmlns
from officereport.deck.page import placeholder_identity

BLUE = style.TITLE  # titles and the title slide band
INK = style.INK  # running text
GREY = style.MUTED  # reading keys, sources
RED = style.WARNING  # the sample-data warning

# Placeholder boxes in inches: (left, top, width, height).
WARNING_BOX = (0.5, 0.06, 12.33, 0.32)
TITLE_BOX = (0.5, 0.38, 12.33, 0.85)
CHART_BOX = (0.5, 1.3, 12.33, 4.55)
KEY_BOX = (0.5, 5.95, 12.33, 0.78)
SOURCE_BOX = (0.5, 6.8, 12.33, 0.5)

InchBox = tuple[float, float, float, float]


def _xfrm(w: XmlWriter, box: InchBox) -> None:
    x, y, cx, cy = (int(Inches(v)) for v in box)
    w.start("a:xfrm")
    w.empty("a:off", (("x", x), ("y", y)))
    w.empty("a:ext", (("cx", cx), ("cy", cy)))
    w.end("a:xfrm")


def _solid_fill(w: XmlWriter, colour: str) -> None:
    w.start("a:solidFill")
    w.empty("a:srgbClr", (("val", colour),))
    w.end("a:solidFill")


def _run_style(w: XmlWriter, size_pt: float, colour: str, bold: bool = False, italic: bool = False,
               font: str = "") -> None:
    """Default run properties; ``font`` is a theme font reference ("+mj-lt" titles, "+mn-lt" text)."""
    w.start("a:defRPr", (("sz", int(size_pt * 100)), ("b", int(bold)), *((("i", 1),) if italic else ())))
    _solid_fill(w, colour)
    if font:
        w.empty("a:latin", (("typeface", font),))
    w.end("a:defRPr")


def _space_before(w: XmlWriter, points: float) -> None:
    w.start("a:spcBef")
    w.empty("a:spcPts", (("val", int(points * 100)),))
    w.end("a:spcBef")


def _bullet_level(w: XmlWriter, align: str, size_pt: float, colour: str, bullet_colour: str | None = None,
                  font: str = "") -> None:
    """The second level: the bulleted lists of the context and method pages."""
    w.start("a:lvl2pPr", (("marL", 342900), ("indent", -228600), ("algn", align)))
    _space_before(w, 6)
    if bullet_colour:
        w.start("a:buClr")
        w.empty("a:srgbClr", (("val", bullet_colour),))
        w.end("a:buClr")
    w.empty("a:buFont", (("typeface", "Arial"),))
    w.empty("a:buChar", (("char", "•"),))
    _run_style(w, size_pt, colour, font=font)
    w.end("a:lvl2pPr")


def _rectangle(w: XmlWriter, box: InchBox) -> None:
    _xfrm(w, box)
    w.start("a:prstGeom", (("prst", "rect"),))
    w.empty("a:avLst")
    w.end("a:prstGeom")


def _placeholder(w: XmlWriter, shape_id: int, name: str, ph: Attributes, box: InchBox, *, size_pt: float,
                 colour: str = INK, bold: bool = False, italic: bool = False, align: str = "l", anchor: str = "t",
                 prompt: str, bullets: bool = False, fill: str | None = None, space_before_pt: float = 0) -> None:
    """A named placeholder whose own list style carries its font size, colour and alignment."""
    w.start("p:sp")
    placeholder_identity(w, shape_id, name, ph)
    w.start("p:spPr")
    _rectangle(w, box)
    if fill:
        _solid_fill(w, fill)
    w.end("p:spPr")
    w.start("p:txBody")
    w.start("a:bodyPr", (("vert", "horz"), ("wrap", "square"), ("lIns", 91440), ("tIns", 45720), ("rIns", 91440),
                         ("bIns", 45720), ("anchor", anchor)))
    w.empty("a:noAutofit")
    w.end("a:bodyPr")
    w.start("a:lstStyle")
    w.start("a:lvl1pPr", (("marL", 0), ("indent", 0), ("algn", align)))
    _space_before(w, space_before_pt)
    w.empty("a:buNone")
    _run_style(w, size_pt, colour, bold, italic)
    w.end("a:lvl1pPr")
    if bullets:
        _bullet_level(w, align, size_pt, colour, BLUE)
    w.end("a:lstStyle")
    w.start("a:p")
    w.start("a:r")
    w.empty("a:rPr", (("lang", "fr-FR"),))
    w.data("a:t", prompt)
    w.end("a:r")
    w.end("a:p")
    w.end("p:txBody")
    w.end("p:sp")


def _band(w: XmlWriter, shape_id: int, box: InchBox, colour: str) -> None:
    """A plain coloured rectangle drawn by the layout (decoration, not a placeholder)."""
    w.start("p:sp")
    w.start("p:nvSpPr")
    w.empty("p:cNvPr", (("id", shape_id), ("name", "Bandeau")))
    w.empty("p:cNvSpPr")
    w.empty("p:nvPr", (("userDrawn", 1),))
    w.end("p:nvSpPr")
    w.start("p:spPr")
    _rectangle(w, box)
    _solid_fill(w, colour)
    w.start("a:ln")
    w.empty("a:noFill")
    w.end("a:ln")
    w.end("p:spPr")
    w.start("p:txBody")
    w.empty("a:bodyPr")
    w.empty("a:lstStyle")
    w.start("a:p")
    w.empty("a:endParaRPr", (("lang", "fr-FR"),))
    w.end("a:p")
    w.end("p:txBody")
    w.end("p:sp")


def _title(w: XmlWriter, shape_id: int, box: InchBox = TITLE_BOX, size_pt: float = 26) -> None:
    _placeholder(w, shape_id, "Titre", (("type", "title"),), box, size_pt=size_pt, colour=BLUE, bold=True,
                 anchor="b", prompt="Titre de la diapositive")


def _warning(w: XmlWriter, shape_id: int) -> None:
    _placeholder(w, shape_id, "Avertissement", (("type", "body"), ("sz", "quarter"), ("idx", 20)), WARNING_BOX,
                 size_pt=11, colour=style.WHITE, bold=True, align="ctr", anchor="ctr", fill=RED,
                 prompt="Avertissement (données fictives)")


def _body(w: XmlWriter, shape_id: int, name: str, idx: int, box: InchBox, size_pt: float, **style) -> None:
    _placeholder(w, shape_id, name, (("type", "body"), ("idx", idx)), box, size_pt=size_pt,
                 prompt=style.pop("prompt", name), **style)


def _key(w: XmlWriter, shape_id: int) -> None:
    _body(w, shape_id, "Clé de lecture", 3, KEY_BOX, 13, colour=GREY, italic=True)


def _source(w: XmlWriter, shape_id: int) -> None:
    _body(w, shape_id, "Source", 4, SOURCE_BOX, 10, colour=GREY, anchor="b")


def _title_layout(w: XmlWriter) -> None:
    _band(w, 2, (0.0, 0.0, 0.45, 7.5), BLUE)
    _placeholder(w, 3, "Titre", (("type", "ctrTitle"),), (1.0, 1.6, 11.3, 1.7), size_pt=40, colour=BLUE, bold=True,
                 anchor="b", prompt="Territoire")
    _placeholder(w, 4, "Sous-titre", (("type", "subTitle"), ("idx", 1)), (1.0, 3.45, 11.3, 0.7), size_pt=22,
                 colour=INK, prompt="Les indicateurs clés : commerce extérieur")
    _body(w, 5, "Départements", 2, (1.0, 4.3, 11.3, 1.6), 18, colour=GREY, prompt="Départements")
    _source(w, 6)
    _warning(w, 7)


def _section_layout(w: XmlWriter) -> None:
    _band(w, 2, (0.0, 0.0, 13.333, 0.3), BLUE)
    _title(w, 3, (0.5, 0.45, 12.33, 1.0), 32)
    _body(w, 4, "Texte", 1, (0.5, 1.65, 12.33, 5.0), 20, space_before_pt=12, prompt="Chiffres clés")
    _warning(w, 5)


def _text_layout(w: XmlWriter) -> None:
    _title(w, 2)
    _body(w, 3, "Texte", 1, (0.5, 1.4, 12.33, 5.3), 17, bullets=True, space_before_pt=6, prompt="Texte")
    _source(w, 4)
    _warning(w, 5)


def _chart_layout(w: XmlWriter) -> None:
    _title(w, 2)
    _body(w, 3, "Graphique", 2, CHART_BOX, 12, prompt="Zone du graphique")
    _key(w, 4)
    _source(w, 5)
    _warning(w, 6)


def _sankey_layout(w: XmlWriter) -> None:
    _title(w, 2)
    _body(w, 3, "Total", 5, (0.5, 1.25, 12.33, 0.62), 14, colour=INK, bold=True, prompt="Total")
    _body(w, 4, "Graphique", 2, (0.5, 1.9, 12.33, 4.0), 12, prompt="Zone du diagramme")
    _key(w, 5)
    _source(w, 6)
    _warning(w, 7)


def _practical_layout(w: XmlWriter) -> None:
    _title(w, 2)
    _body(w, 3, "Texte", 1, (0.5, 1.4, 12.33, 4.6), 17, bullets=True, space_before_pt=6,
          prompt="Informations pratiques")
    _body(w, 4, "Source", 4, (0.5, 6.1, 12.33, 1.2), 11, colour=GREY, anchor="b")
    _warning(w, 5)


# Layout name -> the function writing its shapes, in the order of ``template.LAYOUTS``.
LAYOUT_SHAPES: dict[str, Callable[[XmlWriter], None]] = {
    "Titre": _title_layout,
    "Section": _section_layout,
    "Texte": _text_layout,
    "Graphique": _chart_layout,
    "Sankey": _sankey_layout,
    "Infos pratiques": _practical_layout,
}


def layout_xml(name: str, write_shapes: Callable[[XmlWriter], None]) -> str:
    w = XmlWriter()
    w.start("p:sldLayout", (*xmlns("a", "r", "p"), ("preserve", 1), ("userDrawn", 1)))
    w.start("p:cSld", (("name", name),))
    w.start("p:spTree")
    w.start("p:nvGrpSpPr")
    w.empty("p:cNvPr", (("id", 1), ("name", "")))
    w.empty("p:cNvGrpSpPr")
    w.empty("p:nvPr")
    w.end("p:nvGrpSpPr")
    w.start("p:grpSpPr")
    w.start("a:xfrm")
    for tag, x, y in (("a:off", "x", "y"), ("a:ext", "cx", "cy"), ("a:chOff", "x", "y"), ("a:chExt", "cx", "cy")):
        w.empty(tag, ((x, 0), (y, 0)))
    w.end("a:xfrm")
    w.end("p:grpSpPr")
    write_shapes(w)
    w.end("p:spTree")
    w.end("p:cSld")
    w.start("p:clrMapOvr")
    w.empty("a:masterClrMapping")
    w.end("p:clrMapOvr")
    w.end("p:sldLayout")
    return w.getvalue()


def text_styles() -> str:
    """Master text styles: the fallback for anything a layout does not restyle."""
    w = XmlWriter()
    w.start("p:txStyles", xmlns("p", "a"))
    w.start("p:titleStyle")
    w.start("a:lvl1pPr", (("algn", "l"),))
    w.start("a:spcBef")
    w.empty("a:spcPct", (("val", 0),))
    w.end("a:spcBef")
    w.empty("a:buNone")
    _run_style(w, 26, BLUE, bold=True, font="+mj-lt")
    w.end("a:lvl1pPr")
    w.end("p:titleStyle")
    w.start("p:bodyStyle")
    w.start("a:lvl1pPr", (("marL", 0), ("indent", 0), ("algn", "l")))
    _space_before(w, 6)
    w.empty("a:buNone")
    _run_style(w, 18, INK, font="+mn-lt")
    w.end("a:lvl1pPr")
    _bullet_level(w, "l", 16, INK, font="+mn-lt")
    w.end("p:bodyStyle")
    w.start("p:otherStyle")
    w.start("a:lvl1pPr", (("algn", "l"),))
    _run_style(w, 12, INK, font="+mn-lt")
    w.end("a:lvl1pPr")
    w.end("p:otherStyle")
    w.end("p:txStyles")
    return w.getvalue()
