"""One slide (and its speaker notes) written as XML text and serialised once.

A slide is a plain package part whose bytes are composed from strings: its placeholders (named as
in the layout, empty but for the text put in them, so that everything else is inherited), then
the drawn shapes. Going through python-pptx's shape objects instead (cloning placeholders,
parsing each snippet, serialising the tree again on save) took most of a deck's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_SLIDE_HEAD = (
    f"{XML_DECLARATION}<p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/>"
    "<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
)
_SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
_FIRST_PLACEHOLDER_ID = 2  # 1 is the shape tree itself


def notes_paragraphs(lines: Sequence[str]) -> str:
    """Plain paragraphs, one per line, as python-pptx writes a text frame's ``text``."""
    return "".join(f"<a:p><a:r><a:t>{escape(line)}</a:t></a:r></a:p>" if line else "<a:p/>" for line in lines)


class Page:
    """A slide from a layout: fill or remove its placeholders, add shapes, relate parts; then ``finish``."""

    def __init__(self, part: Part, layout: str, placeholders: Sequence[tuple[str, str]]):
        """``placeholders``: (name, ``p:ph`` element text) in the order the layout's shapes are written."""
        self.part = part
        self.layout = layout
        self._placeholders = list(placeholders)
        self._text: dict[str, str] = {}
        self._removed: set[str] = set()
        self._shapes: list[str] = []
        self._next_id: int | None = None

    def fill(self, name: str, paragraphs: str) -> None:
        self._text[name] = paragraphs

    def remove(self, name: str) -> None:
        """Leave the placeholder ``name`` off the slide (its place is taken by a drawing, or unused)."""
        if self._next_id is not None:
            raise RuntimeError(f"« {name} » : les espaces réservés se retirent avant d'ajouter des formes")
        self._removed.add(name)

    def next_id(self) -> int:
        """A shape id after those of the placeholders kept, as PowerPoint numbers added shapes."""
        if self._next_id is None:
            kept = [i for i, (name, _) in enumerate(self._placeholders, start=_FIRST_PLACEHOLDER_ID)
                    if name not in self._removed]
            self._next_id = max(kept, default=_FIRST_PLACEHOLDER_ID - 1) + 1
        shape_id, self._next_id = self._next_id, self._next_id + 1
        return shape_id

    def skip_ids(self, count: int) -> None:
        """Mark the ``count`` ids after the last one given as used (by shapes numbered elsewhere)."""
        self._next_id += count

    def add(self, shape_xml: str) -> None:
        """Append a shape (``p:sp``, ``p:grpSp``, ``p:graphicFrame``) written with the ``a:``/``p:``/``r:`` prefixes."""
        self._shapes.append(shape_xml)

    def relate(self, part: Part, reltype: str) -> str:
        return self.part.relate_to(part, reltype)

    def xml(self) -> str:
        placeholders = [
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f"</p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
            f"{self._text.get(name, '<a:p/>')}</p:txBody></p:sp>"
            for shape_id, (name, ph) in enumerate(self._placeholders, start=_FIRST_PLACEHOLDER_ID)
            if name not in self._removed
        ]
        return "".join((_SLIDE_HEAD, *placeholders, *self._shapes, _SLIDE_TAIL))

    def finish(self) -> None:
        """Write the slide's bytes into its part."""
        self.part.blob = self.xml().encode()


def new_slide_part(presentation_part, layout_part: Part) -> Part:
    """A slide part after the last one, related to its layout and listed in the presentation."""
    slide_ids = presentation_part._element.get_or_add_sldIdLst()
    part = Part(PackURI(f"/ppt/slides/slide{len(slide_ids) + 1}.xml"), CT.PML_SLIDE, presentation_part.package)
    part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    slide_ids.add_sldId(presentation_part.relate_to(part, RT.SLIDE))
    return part


def add_notes(slide_part: Part, notes_master_part: Part, skeleton: tuple[str, str], lines: Sequence[str]) -> Part:
    """The speaker notes of ``slide_part``: ``skeleton`` (text before and after the notes body's
    paragraphs) around ``lines``. Numbered like their slide, as each slide has notes."""
    number = slide_part.partname.idx
    head, tail = skeleton
    blob = f"{head}{notes_paragraphs(lines)}{tail}".encode()
    part = Part(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE, slide_part.package, blob)
    part.relate_to(notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return part
