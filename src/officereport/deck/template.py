"""The slide template: named layouts with named placeholders, loaded once per process.

The template carries every style of the decks (fonts, colours, positions); the builder only asks
for a layout and a placeholder by name. A template that lacks one fails at load time with a
message naming the file, the layout and the placeholder. Decks start from the template's layouts
only: slides left in it are not copied into every deck.
"""

from __future__ import annotations

import copy
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.oxml import serialize_part_xml
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import SlideLayout

from officereport.deck.drawing import Box
from officereport.deck.ooxml import Attributes, XmlWriter, qn
from officereport.deck.page import Page, notes_paragraphs
from officereport.deck.pptx_adapter import drop_slides, new_slide_part

# Layout name -> the placeholder names the builder fills in it.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "Titre": ("Titre", "Sous-titre", "Départements", "Source", "Avertissement"),
    "Section": ("Titre", "Texte", "Avertissement"),
    "Texte": ("Titre", "Texte", "Source", "Avertissement"),
    "Graphique": ("Titre", "Graphique", "Clé de lecture", "Source", "Avertissement"),
    "Sankey": ("Titre", "Total", "Graphique", "Clé de lecture", "Source", "Avertissement"),
    "Infos pratiques": ("Titre", "Texte", "Source", "Avertissement"),
}
READ_LAST = ("Clé de lecture", "Source")  # notes under a drawing: read after it

# The shipped template: package data of officereport.templates (the top-level templates/ folder of a checkout).
DEFAULT_TEMPLATE = Path(str(resources.files("officereport.templates") / "deck-template.pptx"))

# Every deck copies the template's media: a 108 MB picture once gave 11 GB of decks.
MAX_TEMPLATE_BYTES = 20_000_000
_LIST_STYLE = f"{qn('p:txBody')}/{qn('a:lstStyle')}"
_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_FALLBACK_SIZE_PT = 18.0
_NOTES_MARK = "\u2063notes\u2063"


class TemplateError(Exception):
    """The slide template cannot be used; the message says what it lacks."""


@dataclass(frozen=True)
class PlaceholderStyle:
    idx: int  # the placeholder's index, which slides made from the layout keep (not its name)
    ph: Attributes  # the attributes of its ``p:ph``, which tie a slide's placeholder to this one
    box: Box
    size_pt: float  # the font size the template gives the placeholder's first level
    bold: bool


def _first_level_size(container: etree._Element | None, tag: str = qn("a:lvl1pPr")) -> tuple[float, bool] | None:
    """(size, bold) set by a ``lvl1pPr/defRPr`` under ``container``, if any."""
    if container is None:
        return None
    for level in container.iter(tag):
        rpr = level.find(qn("a:defRPr"))
        if rpr is not None and rpr.get("sz"):
            return int(rpr.get("sz")) / 100, rpr.get("b") in ("1", "true")
    return None


def _text_size(layout: SlideLayout, placeholder) -> tuple[float, bool]:
    """The font size a placeholder shows by inheritance: layout, then master placeholder, then master styles."""
    found = _first_level_size(placeholder.element.find(_LIST_STYLE))
    if found:
        return found
    is_title = placeholder.placeholder_format.type in (1, 3)  # title, centred title
    master = layout.slide_master
    for shape in master.placeholders:
        if (shape.placeholder_format.type in (1, 3)) == is_title:
            found = _first_level_size(shape.element.find(_LIST_STYLE))
            if found:
                return found
            break
    styles = master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle' if is_title else 'p:bodyStyle')}")
    return _first_level_size(styles) or (_FALLBACK_SIZE_PT, is_title)


class DeckTemplate:
    """A checked slide template: its bytes (each deck opens a fresh copy), its placeholder styles and
    the speaker-notes page its notes master gives."""

    def __init__(self, blob: bytes, name: str):
        self.name = name
        prs = Presentation(BytesIO(blob))
        if len(prs.slides):
            drop_slides(prs)
            slideless = BytesIO()
            prs.save(slideless)
            blob = slideless.getvalue()
        self.blob = blob
        self._opened: PresentationObject | None = None  # the template as python-pptx reads it, never changed
        self.slide_width, self.slide_height = int(prs.slide_width), int(prs.slide_height)
        self.styles = self._read_styles(prs)
        self.notes_skeleton = self._notes_skeleton(prs)

    @staticmethod
    def _notes_skeleton(prs: PresentationObject) -> tuple[str, str]:
        """The notes page python-pptx makes from the notes master (creating a default master if the
        template has none), as the text before and after its body's paragraphs."""
        notes = prs.slides.add_slide(prs.slide_layouts[0]).notes_slide
        notes.notes_text_frame.text = _NOTES_MARK
        mark = XmlWriter()
        notes_paragraphs(mark, [_NOTES_MARK])
        head, tail = serialize_part_xml(notes.element).decode().split(mark.getvalue())
        return head, tail

    def _read_styles(self, prs: PresentationObject) -> dict[tuple[str, str], PlaceholderStyle]:
        layouts = {layout.name: layout for layout in prs.slide_layouts}
        styles: dict[tuple[str, str], PlaceholderStyle] = {}
        for layout_name, needed in LAYOUTS.items():
            layout = layouts.get(layout_name)
            if layout is None:
                raise TemplateError(
                    f"{self.name} : il manque la disposition « {layout_name} » "
                    f"(dispositions présentes : {', '.join(f'« {n} »' for n in layouts) or 'aucune'})"
                )
            by_name = {shape.name: shape for shape in layout.placeholders}
            for ph_name in needed:
                shape = by_name.get(ph_name)
                if shape is None:
                    raise TemplateError(
                        f"{self.name} : la disposition « {layout_name} » n'a pas d'espace réservé "
                        f"« {ph_name} » (présents : {', '.join(f'« {n} »' for n in by_name) or 'aucun'})"
                    )
                if not (shape.width and shape.height):
                    raise TemplateError(
                        f"{self.name} : l'espace réservé « {ph_name} » de la disposition « {layout_name} » n'a pas de taille"
                    )
                size, bold = _text_size(layout, shape)
                box = Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
                ph = tuple(shape.element.find(_PH).attrib.items())
                styles[(layout_name, ph_name)] = PlaceholderStyle(shape.placeholder_format.idx, ph, box, size, bold)
        return styles

    @classmethod
    def load(cls, path: Path | None = None) -> DeckTemplate:
        """The template at ``path`` (the shipped one by default), read and checked once per process."""
        path = Path(path or DEFAULT_TEMPLATE).resolve()
        if not path.is_file():
            raise TemplateError(f"{path} : modèle de présentation introuvable")
        _check_size(path)
        return _load_cached(path, path.stat().st_mtime_ns)

    def open(self) -> tuple[PresentationObject, dict[str, SlideLayout]]:
        """A fresh presentation from the template, with its layouts by name: a copy of the one read
        once per process (copying python-pptx's objects and their XML costs a fraction of reading
        the package again)."""
        if self._opened is None:
            self._opened = Presentation(BytesIO(self.blob))
        prs = copy.deepcopy(self._opened)
        return prs, {layout.name: layout for layout in prs.slide_layouts}

    def __getstate__(self) -> dict:
        # Workers started by spawn receive the template pickled: its XML trees are read again there.
        return {**self.__dict__, "_opened": None}

    def style(self, layout: str, placeholder: str) -> PlaceholderStyle:
        return self.styles[(layout, placeholder)]

    def new_page(self, prs: PresentationObject, layouts: dict[str, SlideLayout], layout: str) -> Page:
        """A slide of ``prs`` from ``layout`` holding the placeholders the builder fills, named as in the layout."""
        part = new_slide_part(prs, layouts[layout].part)
        return Page(part, layout, [(name, self.styles[(layout, name)].ph) for name in LAYOUTS[layout]], READ_LAST)


def _check_size(path: Path) -> None:
    """Refuse a template too large on disk or once unpacked (pictures can compress well)."""
    size = path.stat().st_size
    try:
        with zipfile.ZipFile(path) as archive:
            size = max(size, sum(member.file_size for member in archive.infolist()))
    except (zipfile.BadZipFile, OSError):
        pass  # not a zip: refused as unreadable when loaded
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"{path} : modèle de présentation trop volumineux ({size / 1e6:.0f} Mo une fois décompressé ; "
            f"au plus {MAX_TEMPLATE_BYTES / 1e6:.0f} Mo, car chaque présentation en copie les images)"
        )


def _unreadable(err: Exception) -> str:
    """Why python-pptx could not open a template, in French."""
    if isinstance(err, zipfile.BadZipFile):
        return "ce n'est pas une archive zip"
    if isinstance(err, etree.XMLSyntaxError):
        return f"XML illisible, ligne {err.lineno}"
    if isinstance(err, KeyError) and (member := re.search(r"'([^']+)'", str(err))):
        return f"la partie « {member.group(1)} » manque"
    if isinstance(err, ValueError) and "not a PowerPoint file" in str(err):
        return "ce n'est pas une présentation PowerPoint"
    return type(err).__name__


@lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime_ns: int) -> DeckTemplate:
    try:
        return DeckTemplate(path.read_bytes(), str(path))
    except TemplateError:
        raise
    except Exception as err:  # not a zip, not a presentation: say which file
        raise TemplateError(f"{path} : ce fichier n'est pas un modèle PowerPoint lisible ({_unreadable(err)})") from err

