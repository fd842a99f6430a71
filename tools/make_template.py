"""Write the shipped slide template, ``templates/deck-template.pptx``, from code.

    python tools/make_template.py templates/deck-template.pptx

Every style of the decks lives in this template: the builder only fills placeholders that it finds
by name (see ``template.LAYOUTS``). A user restyles the decks by editing the .pptx in PowerPoint
(fonts, colours, positions of the named placeholders); this script only makes the first version
reproducible. It starts from python-pptx's default package and rewrites the theme fonts, the
master and six named layouts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches

from officereport import style
from officereport.deck.template import LAYOUTS

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
FONT = "Arial"
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


def _xfrm(box: tuple[float, float, float, float]) -> str:
    x, y, w, h = (int(Inches(v)) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _run_style(size_pt: float, colour: str, bold: bool = False, italic: bool = False, font: str = "") -> str:
    """Default run properties; ``font`` is a theme font reference ("+mj-lt" titles, "+mn-lt" text)."""
    flags = (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    latin = f'<a:latin typeface="{font}"/>' if font else ""
    return (
        f'<a:defRPr sz="{int(size_pt * 100)}"{flags}><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f"{latin}</a:defRPr>"
    )


def _placeholder(
    shape_id: int,
    name: str,
    ph: str,
    box: tuple[float, float, float, float],
    *,
    size_pt: float,
    colour: str = INK,
    bold: bool = False,
    italic: bool = False,
    align: str = "l",
    anchor: str = "t",
    prompt: str,
    bullets: bool = False,
    fill: str | None = None,
    space_before_pt: float = 0,
) -> str:
    """A named placeholder whose own list style carries its font size, colour and alignment."""
    level1 = f'<a:lvl1pPr marL="0" indent="0" algn="{align}"><a:spcBef><a:spcPts val="{int(space_before_pt * 100)}"/></a:spcBef><a:buNone/>{_run_style(size_pt, colour, bold, italic)}</a:lvl1pPr>'
    level2 = ""
    if bullets:
        # Second level: the bulleted lists of the context and method pages.
        level2 = (
            f'<a:lvl2pPr marL="342900" indent="-228600" algn="{align}"><a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'<a:buClr><a:srgbClr val="{BLUE}"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="•"/>'
            f"{_run_style(size_pt, colour)}</a:lvl2pPr>"
        )
    sp_fill = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr>"
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{sp_fill}</p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
        f"<a:lstStyle>{level1}{level2}</a:lstStyle>"
        f'<a:p><a:r><a:rPr lang="fr-FR"/><a:t>{escape(prompt)}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def _band(shape_id: int, box: tuple[float, float, float, float], colour: str) -> str:
    """A plain coloured rectangle drawn by the layout (decoration, not a placeholder)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Bandeau"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></p:txBody></p:sp>'
    )


def _title(shape_id: int, box=TITLE_BOX, size_pt: float = 26) -> str:
    return _placeholder(shape_id, "Titre", '<p:ph type="title"/>', box, size_pt=size_pt, colour=BLUE, bold=True,
                        anchor="b", prompt="Titre de la diapositive")


def _warning(shape_id: int) -> str:
    return _placeholder(shape_id, "Avertissement", '<p:ph type="body" sz="quarter" idx="20"/>', WARNING_BOX,
                        size_pt=11, colour=style.WHITE, bold=True, align="ctr", anchor="ctr", fill=RED,
                        prompt="Avertissement (données fictives)")


def _body(shape_id: int, name: str, idx: int, box, size_pt: float, **style) -> str:
    return _placeholder(shape_id, name, f'<p:ph type="body" idx="{idx}"/>', box, size_pt=size_pt,
                        prompt=style.pop("prompt", name), **style)


def _key(shape_id: int) -> str:
    return _body(shape_id, "Clé de lecture", 3, KEY_BOX, 13, colour=GREY, italic=True)


def _source(shape_id: int) -> str:
    return _body(shape_id, "Source", 4, SOURCE_BOX, 10, colour=GREY, anchor="b")


def _layout_shapes() -> dict[str, str]:
    """Layout name -> the XML of its shapes, in the order of ``template.LAYOUTS``."""
    chart = _body(3, "Graphique", 2, CHART_BOX, 12, prompt="Zone du graphique")
    return {
        "Titre": _band(2, (0.0, 0.0, 0.45, 7.5), BLUE)
        + _placeholder(3, "Titre", '<p:ph type="ctrTitle"/>', (1.0, 1.6, 11.3, 1.7), size_pt=40, colour=BLUE,
                       bold=True, anchor="b", prompt="Territoire")
        + _placeholder(4, "Sous-titre", '<p:ph type="subTitle" idx="1"/>', (1.0, 3.45, 11.3, 0.7), size_pt=22,
                       colour=INK, prompt="Les indicateurs clés : commerce extérieur")
        + _body(5, "Départements", 2, (1.0, 4.3, 11.3, 1.6), 18, colour=GREY, prompt="Départements")
        + _source(6)
        + _warning(7),
        "Section": _band(2, (0.0, 0.0, 13.333, 0.3), BLUE)
        + _title(3, (0.5, 0.45, 12.33, 1.0), 32)
        + _body(4, "Texte", 1, (0.5, 1.65, 12.33, 5.0), 20, space_before_pt=12, prompt="Chiffres clés")
        + _warning(5),
        "Texte": _title(2)
        + _body(3, "Texte", 1, (0.5, 1.4, 12.33, 5.3), 17, bullets=True, space_before_pt=6, prompt="Texte")
        + _source(4)
        + _warning(5),
        "Graphique": _title(2) + chart + _key(4) + _source(5) + _warning(6),
        "Sankey": _title(2)
        + _body(3, "Total", 5, (0.5, 1.25, 12.33, 0.62), 14, colour=INK, bold=True, prompt="Total")
        + _body(4, "Graphique", 2, (0.5, 1.9, 12.33, 4.0), 12, prompt="Zone du diagramme")
        + _key(5)
        + _source(6)
        + _warning(7),
        "Infos pratiques": _title(2)
        + _body(3, "Texte", 1, (0.5, 1.4, 12.33, 4.6), 17, bullets=True, space_before_pt=6, prompt="Informations pratiques")
        + _body(4, "Source", 4, (0.5, 6.1, 12.33, 1.2), 11, colour=GREY, anchor="b")
        + _warning(5),
    }


def _layout_xml(name: str, shapes: str) -> str:
    return (
        f'<p:sldLayout {NS} preserve="1" userDrawn="1"><p:cSld name="{escape(name)}"><p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def _text_styles() -> str:
    """Master text styles: the fallback for anything a layout does not restyle."""
    return (
        f'<p:txStyles xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:titleStyle><a:lvl1pPr algn="l"><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'{_run_style(26, BLUE, bold=True, font="+mj-lt")}</a:lvl1pPr></p:titleStyle>'
        f'<p:bodyStyle><a:lvl1pPr marL="0" indent="0" algn="l"><a:spcBef><a:spcPts val="600"/></a:spcBef><a:buNone/>'
        f'{_run_style(18, INK, font="+mn-lt")}</a:lvl1pPr>'
        f'<a:lvl2pPr marL="342900" indent="-228600" algn="l"><a:spcBef><a:spcPts val="600"/></a:spcBef>'
        f'<a:buFont typeface="Arial"/><a:buChar char="•"/>'
        f'{_run_style(16, INK, font="+mn-lt")}</a:lvl2pPr></p:bodyStyle>'
        f'<p:otherStyle><a:lvl1pPr algn="l">{_run_style(12, INK, font="+mn-lt")}</a:lvl1pPr></p:otherStyle>'
        f"</p:txStyles>"
    )


def _restyle_master(prs) -> None:
    master = prs.slide_master
    for shape in list(master.placeholders):
        if shape.placeholder_format.type not in (1, 2):  # keep title (1) and body (2) only
            shape._element.getparent().remove(shape._element)
    title, body = list(master.placeholders)
    for shape, box in ((title, TITLE_BOX), (body, (0.5, 1.4, 12.33, 5.3))):
        shape.left, shape.top, shape.width, shape.height = (Emu(int(Inches(v))) for v in box)
    old = master._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
    old.getparent().replace(old, parse_xml(_text_styles()))


def _set_theme_fonts(prs, typeface: str) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for latin in theme.iter(f"{a}latin"):
        if latin.getparent().tag in (f"{a}majorFont", f"{a}minorFont"):
            latin.set("typeface", typeface)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_template(path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _set_theme_fonts(prs, FONT)
    _restyle_master(prs)
    shapes = _layout_shapes()
    assert list(shapes) == list(LAYOUTS), "make_template and template.LAYOUTS disagree"
    layouts = list(prs.slide_layouts)
    for layout in layouts[len(shapes):]:
        prs.slide_layouts.remove(layout)
    for layout, (name, xml) in zip(layouts, shapes.items()):
        layout.part._element = parse_xml(_layout_xml(name, xml))
    prs.notes_master  # noqa: B018 - created now so that decks do not each create one
    prs.core_properties.title = "Modèle des présentations officereport"
    prs.core_properties.author = "officereport"
    prs.save(path)


if __name__ == "__main__":
    build_template(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/deck-template.pptx"))
