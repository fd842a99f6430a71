"""One slide and its speaker notes, written as XML text and serialised once.

A slide is a plain package part whose bytes are written in document order: its placeholders
(named as in the layout, empty but for the text put in them, so that everything else is
inherited), then the drawn shapes. Going through python-pptx's shape objects instead (cloning
placeholders, parsing each snippet, serialising the tree again on save) took most of a deck's time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pptx.opc.package import Part

from officereport.deck import drawing, pptx_adapter
from officereport.deck.drawing import Paragraph
from officereport.deck.ooxml import XML_DECLARATION, Attributes, XmlWriter, xmlns

_FIRST_PLACEHOLDER_ID = 2  # 1 is the shape tree itself


def notes_paragraphs(w: XmlWriter, lines: Sequence[str]) -> None:
    """Plain paragraphs, one per line, as python-pptx writes a text frame's ``text``."""
    for line in lines:
        if line:
            w.start("a:p")
            w.start("a:r")
            w.data("a:t", line)
            w.end("a:r")
            w.end("a:p")
        else:
            w.empty("a:p")


def notes_xml(skeleton: tuple[str, str], lines: Sequence[str]) -> str:
    """A notes page: ``skeleton`` (the text before and after its body's paragraphs) around ``lines``."""
    w = XmlWriter()
    w.fragment(skeleton[0])
    notes_paragraphs(w, lines)
    w.fragment(skeleton[1])
    return w.getvalue()


def add_notes(slide_part: Part, notes_master_part: Part, skeleton: tuple[str, str], lines: Sequence[str]) -> Part:
    """The speaker notes of ``slide_part``."""
    return pptx_adapter.add_notes_part(slide_part, notes_master_part, notes_xml(skeleton, lines).encode())


def placeholder_identity(w: XmlWriter, shape_id: int, name: str, ph: Attributes) -> None:
    """The ``p:nvSpPr`` of a placeholder: its id, its name and the ``p:ph`` tying it to the layout's
    (the same on a slide and in the template's layouts)."""
    w.start("p:nvSpPr")
    w.empty("p:cNvPr", (("id", shape_id), ("name", name)))
    w.start("p:cNvSpPr")
    w.empty("a:spLocks", (("noGrp", 1),))
    w.end("p:cNvSpPr")
    w.start("p:nvPr")
    w.empty("p:ph", ph)
    w.end("p:nvPr")
    w.end("p:nvSpPr")


def _placeholder(w: XmlWriter, shape_id: int, name: str, ph: Attributes, text: Sequence[Paragraph] | None) -> None:
    """A placeholder tied to the layout's by ``ph``: no geometry nor style of its own."""
    w.start("p:sp")
    placeholder_identity(w, shape_id, name, ph)
    w.empty("p:spPr")
    w.start("p:txBody")
    w.empty("a:bodyPr")
    w.empty("a:lstStyle")
    if text:
        drawing.paragraphs(w, text)
    else:
        w.empty("a:p")
    w.end("p:txBody")
    w.end("p:sp")


class Page:
    """A slide from a layout: fill or remove its placeholders, draw shapes into ``shapes``, relate
    parts; then ``finish``."""

    def __init__(self, part: Part, layout: str, placeholders: Sequence[tuple[str, Attributes]],
                 read_last: Collection[str] = ()):
        """``placeholders``: (name, attributes of its ``p:ph``) in the order the layout's shapes are written;
        those named in ``read_last`` (reading key, source) are written after the drawn shapes."""
        self.part = part
        self.layout = layout
        self._read_last = frozenset(read_last)
        self.shapes = XmlWriter()  # the drawn shapes, after the placeholders
        self._placeholders = list(placeholders)
        self._text: dict[str, Sequence[Paragraph]] = {}
        self._removed: set[str] = set()
        self._next_id: int | None = None

    def fill(self, name: str, text: Sequence[Paragraph]) -> None:
        self._text[name] = text

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

    def relate(self, part: Part, reltype: str) -> str:
        return self.part.relate_to(part, reltype)

    def xml(self) -> str:
        """The slide part: the shape tree, then the colour mapping inherited from the master."""
        w = XmlWriter()
        w.fragment(XML_DECLARATION)
        w.start("p:sld", xmlns("a", "p", "r"))
        w.start("p:cSld")
        w.start("p:spTree")
        w.start("p:nvGrpSpPr")
        w.empty("p:cNvPr", (("id", 1), ("name", "")))
        w.empty("p:cNvGrpSpPr")
        w.empty("p:nvPr")
        w.end("p:nvGrpSpPr")
        w.empty("p:grpSpPr")
        # Shape order is reading order for screen readers: title and text, drawings, then the notes under them.
        kept = [(i, name, ph) for i, (name, ph) in enumerate(self._placeholders, start=_FIRST_PLACEHOLDER_ID)
                if name not in self._removed]
        for shape_id, name, ph in kept:
            if name not in self._read_last:
                _placeholder(w, shape_id, name, ph, self._text.get(name))
        w.fragment(self.shapes.getvalue())
        for shape_id, name, ph in kept:
            if name in self._read_last:
                _placeholder(w, shape_id, name, ph, self._text.get(name))
        w.end("p:spTree")
        w.end("p:cSld")
        w.start("p:clrMapOvr")
        w.empty("a:masterClrMapping")
        w.end("p:clrMapOvr")
        w.end("p:sld")
        return w.getvalue()

    def finish(self) -> None:
        """Write the slide's bytes into its part."""
        self.part.blob = self.xml().encode()
