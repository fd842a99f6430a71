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

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches
from template_shapes import LAYOUT_SHAPES, TITLE_BOX, layout_xml, text_styles

from officereport.deck.ooxml import qn
from officereport.deck.pptx_adapter import replace_xml
from officereport.deck.template import LAYOUTS

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
FONT = "Arial"


def _restyle_master(prs) -> None:
    master = prs.slide_master
    for shape in list(master.placeholders):
        if shape.placeholder_format.type not in (1, 2):  # keep title (1) and body (2) only
            shape.element.getparent().remove(shape.element)
    title, body = list(master.placeholders)
    for shape, box in ((title, TITLE_BOX), (body, (0.5, 1.4, 12.33, 5.3))):
        shape.left, shape.top, shape.width, shape.height = (Emu(int(Inches(v))) for v in box)
    old = master.element.find(qn("p:txStyles"))
    old.getparent().replace(old, parse_xml(text_styles()))


def _set_theme_fonts(prs, typeface: str) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    for latin in theme.iter(qn("a:latin")):
        if latin.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", typeface)
    theme_part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_template(path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _set_theme_fonts(prs, FONT)
    _restyle_master(prs)
    assert list(LAYOUT_SHAPES) == list(LAYOUTS), "make_template and template.LAYOUTS disagree"
    layouts = list(prs.slide_layouts)
    for layout in layouts[len(LAYOUT_SHAPES):]:
        prs.slide_layouts.remove(layout)
    for layout, (name, write_shapes) in zip(layouts, LAYOUT_SHAPES.items()):
        replace_xml(layout.part, parse_xml(layout_xml(name, write_shapes)))
    prs.notes_master  # noqa: B018 - created now so that decks do not each create one
    prs.core_properties.title = "Modèle des présentations officereport"
    prs.core_properties.author = "officereport"
    prs.save(path)


if __name__ == "__main__":
    build_template(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/deck-template.pptx"))
