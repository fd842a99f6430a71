"""The slide template: named layouts with named placeholders, loaded once per process.

The template carries every style of the decks (fonts, colours, positions); the builder only asks
for a layout and a placeholder by name. A template that lacks one fails at load time with a
message naming the file, the layout and the placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from xml.sax.saxutils import quoteattr

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import Slide, SlideLayout

# Layout name -> the placeholder names the builder fills in it.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "Titre": ("Titre", "Sous-titre", "Départements", "Source", "Avertissement"),
    "Section": ("Titre", "Texte", "Avertissement"),
    "Texte": ("Titre", "Texte", "Source", "Avertissement"),
    "Graphique": ("Titre", "Graphique", "Clé de lecture", "Source", "Avertissement"),
    "Sankey": ("Titre", "Total", "Graphique", "Clé de lecture", "Source", "Avertissement"),
    "Infos pratiques": ("Titre", "Texte", "Source", "Avertissement"),
}

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "deck-template.pptx"

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_FALLBACK_SIZE_PT = 18.0
_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)


class TemplateError(Exception):
    """The slide template cannot be used; the message says what it lacks."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class PlaceholderStyle:
    idx: int  # the placeholder's index, which slides made from the layout keep (not its name)
    ph_xml: str  # its ``p:ph`` element, which ties a slide's placeholder to this one
    box: Box
    size_pt: float  # the font size the template gives the placeholder's first level
    bold: bool


def _first_level_size(container: etree._Element | None, tag: str = f"{_A}lvl1pPr") -> tuple[float, bool] | None:
    """(size, bold) set by a ``lvl1pPr/defRPr`` under ``container``, if any."""
    if container is None:
        return None
    for level in container.iter(tag):
        rpr = level.find(f"{_A}defRPr")
        if rpr is not None and rpr.get("sz"):
            return int(rpr.get("sz")) / 100, rpr.get("b") in ("1", "true")
    return None


def _text_size(layout: SlideLayout, placeholder) -> tuple[float, bool]:
    """The font size a placeholder shows by inheritance: layout, then master placeholder, then master styles."""
    found = _first_level_size(placeholder._element.find(f"{_P}txBody/{_A}lstStyle"))
    if found:
        return found
    is_title = placeholder.placeholder_format.type in (1, 3)  # title, centred title
    master = layout.slide_master
    for shape in master.placeholders:
        if (shape.placeholder_format.type in (1, 3)) == is_title:
            found = _first_level_size(shape._element.find(f"{_P}txBody/{_A}lstStyle"))
            if found:
                return found
            break
    styles = master._element.find(f"{_P}txStyles/{_P}{'titleStyle' if is_title else 'bodyStyle'}")
    return _first_level_size(styles) or (_FALLBACK_SIZE_PT, is_title)


class DeckTemplate:
    """A checked slide template: its bytes (each deck opens a fresh copy) and its placeholder styles."""

    def __init__(self, blob: bytes, name: str):
        self.blob = blob
        self.name = name
        prs = Presentation(BytesIO(blob))
        self.slide_width, self.slide_height = int(prs.slide_width), int(prs.slide_height)
        self.styles = self._read_styles(prs)

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
                ph_xml = etree.tostring(shape._element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")).decode()
                styles[(layout_name, ph_name)] = PlaceholderStyle(shape.placeholder_format.idx, ph_xml, box, size, bold)
        return styles

    @classmethod
    def load(cls, path: Path | None = None) -> "DeckTemplate":
        """The template at ``path`` (the shipped one by default), read and checked once per process."""
        path = Path(path or DEFAULT_TEMPLATE).resolve()
        if not path.is_file():
            raise TemplateError(f"{path} : modèle de présentation introuvable")
        return _load_cached(path, path.stat().st_mtime_ns)

    def open(self) -> tuple[PresentationObject, dict[str, SlideLayout]]:
        """A fresh presentation from the template, with its layouts by name."""
        prs = Presentation(BytesIO(self.blob))
        return prs, {layout.name: layout for layout in prs.slide_layouts}

    def style(self, layout: str, placeholder: str) -> PlaceholderStyle:
        return self.styles[(layout, placeholder)]

    def new_slide(self, prs: PresentationObject, layouts: dict[str, SlideLayout], layout: str) -> tuple[Slide, dict]:
        """A slide from ``layout`` holding the placeholders the builder fills, named as in the layout,
        and those placeholder elements by name.

        python-pptx's ``add_slide`` would clone every layout placeholder through its XPath-heavy API
        (a third of a deck's time) under generic names; the placeholders are written here instead,
        empty so that everything is inherited from the layout."""
        rel_id, slide = prs.part.add_slide(layouts[layout])
        prs.slides._sldIdLst.add_sldId(rel_id)
        by_name = {}
        for shape_id, name in enumerate(LAYOUTS[layout], start=2):
            element = parse_xml(
                f"<p:sp {_NS}><p:nvSpPr><p:cNvPr id=\"{shape_id}\" name={quoteattr(name)}/><p:cNvSpPr>"
                f"<a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{self.styles[(layout, name)].ph_xml}</p:nvPr></p:nvSpPr>"
                "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
            )
            slide.shapes._spTree.append(element)
            by_name[name] = element
        return slide, by_name


@lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime_ns: int) -> DeckTemplate:
    try:
        return DeckTemplate(path.read_bytes(), str(path))
    except TemplateError:
        raise
    except Exception as err:  # not a zip, not a presentation: say which file
        raise TemplateError(f"{path} : ce fichier n'est pas un modèle PowerPoint lisible ({err})") from err


def remove_shape(element: etree._Element) -> None:
    element.getparent().remove(element)
