"""Every deck of a build read back: each tile and node labelled, no name of 40 characters or fewer cut,
no label over a node or another label, alt text with figures on every drawing, unique titles read
first, and every text readable on its fill (WCAG contrast).

The decks are the 183 Territoires d'industrie when the real list is beside the checkout, the 101
département decks otherwise; shapes are read from the slide XML (boxes in EMU), not from the layout code.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

import pytest
from lxml import etree
from pptx.util import Pt

from officereport import build, style
from officereport.build import BuildSettings
from officereport.deck import textfit
from officereport.indicators import compute_national
from officereport.model import Provenance
from realdata import ANCT

pytestmark = pytest.mark.slow  # end to end: see pyproject's markers

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
REAL_TERRITORIES = ANCT / "ti_2023_2027_derived.csv"
FIGURE = re.compile(r"\d+(,\d+)?\u00a0(M€|millions d'euros|%)")
NEVER_CUT = 40


@dataclass(frozen=True)
class Shape:
    name: str
    x: int
    y: int
    w: int
    h: int
    element: etree._Element

    def overlaps(self, other: Shape) -> bool:
        return (min(self.x + self.w, other.x + other.w) > max(self.x, other.x)
                and min(self.y + self.h, other.y + other.h) > max(self.y, other.y))

    @property
    def runs(self) -> list[etree._Element]:
        return self.element.findall(".//a:r", NS)

    @property
    def text(self) -> str:
        return "".join(self.element.xpath(".//a:t/text()", namespaces=NS))


def children(group: etree._Element) -> list[Shape]:
    found = []
    for sp in group.findall("p:sp", NS):
        off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
        found.append(Shape(sp.find(".//p:cNvPr", NS).get("name"), int(off.get("x")), int(off.get("y")),
                           int(ext.get("cx")), int(ext.get("cy")), sp))
    return found


@pytest.fixture(scope="module")
def decks(sample_data, tmp_path_factory) -> dict[str, list[etree._Element]]:
    """Every deck's slides (spTree elements), by file name."""
    target = tmp_path_factory.mktemp("decks")
    territories = REAL_TERRITORIES if REAL_TERRITORIES.is_file() else None
    prov = Provenance(2024, tuple(sample_data.sources), True, "0.1.0", datetime(2026, 11, 26, 6, 0))
    build.render(compute_national(sample_data, 2024), prov, target, kinds=build.DECK_KINDS,
                 settings=BuildSettings(territories=territories))
    found = {}
    for path in sorted(target.rglob("*.pptx")):
        with zipfile.ZipFile(path) as z:
            names = sorted((n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                           key=lambda n: int(re.sub(r"\D", "", n)))
            found[path.name] = [etree.fromstring(z.read(n)).find("p:cSld/p:spTree", NS) for n in names]
    assert len(found) == (183 if territories else 101)
    return found


def groups(decks, prefix: str):
    for deck, slides in decks.items():
        for tree in slides:
            for group in tree.findall("p:grpSp", NS):
                name = group.find("p:nvGrpSpPr/p:cNvPr", NS).get("name")
                if name.startswith(prefix):
                    yield f"{deck} « {name} »", group


def test_every_treemap_tile_carries_a_label_and_nothing_overlaps(decks):
    tiles_seen = numbered = 0
    for where, group in groups(decks, "Activités"):
        shapes = children(group)
        tiles = [s for s in shapes if s.element.find("p:spPr/a:prstGeom", NS) is not None
                 and s.element.find("p:nvSpPr/p:cNvSpPr", NS).get("txBox") is None]
        key = next((s.text for s in shapes if s.name.startswith("Légende")), "")
        for tile in tiles:
            tiles_seen += 1
            assert tile.text.strip(), f"{where} : case vide {tile.name}"
            if tile.text.isdigit():  # a number keyed to the list under the treemap, which names the tile
                numbered += 1
                assert f"{tile.text} {tile.name.rsplit(' (', 1)[0]}" in key, where
            else:
                assert tile.text.startswith(tile.name.rsplit(" (", 1)[0]), where
            size = int(tile.runs[0].find("a:rPr", NS).get("sz")) / 100
            assert size >= 7, f"{where} : {tile.name} en {size} pt"
        for i, a in enumerate(shapes):
            for b in shapes[i + 1:]:
                assert not a.overlaps(b), f"{where} : {a.name} chevauche {b.name}"
    assert tiles_seen > 1000 and numbered > 0  # the numbered tiles are exercised too


def label_lines(label: Shape) -> int:
    size = int(label.runs[0].find("a:rPr", NS).get("sz")) / 100
    return textfit.wrapped_lines(label.text, label.w / Pt(1) / (size * textfit.BOLD_CHAR_EM))


def test_sankey_labels_keep_names_whole_on_two_lines_clear_of_nodes_and_each_other(decks):
    labels_seen = wrapped = 0
    for where, group in groups(decks, "Diagramme de flux"):
        shapes = children(group)
        labels = [s for s in shapes if s.name.startswith("Libellé ")]
        nodes = [s for s in shapes if s.name.startswith("Nœud ")]
        for label in labels:
            labels_seen += 1
            name = label.name.removeprefix("Libellé ")
            shown = label.runs[0].findtext("a:t", namespaces=NS)
            if len(name) <= NEVER_CUT:
                assert shown == name, f"{where} : « {shown} » pour « {name} »"
            lines = label_lines(label)
            wrapped += lines == 2
            assert lines <= 2, where
            size = int(label.runs[0].find("a:rPr", NS).get("sz")) / 100
            assert lines * size * textfit.LINE_EM <= label.h / Pt(1), f"{where} : {name} déborde"
        for i, a in enumerate(labels):
            for b in labels[i + 1:] + nodes:
                assert not a.overlaps(b), f"{where} : {a.name} chevauche {b.name}"
    assert labels_seen > 2000 and wrapped > 0


def test_every_drawing_has_alt_text_with_its_main_figures(decks):
    drawings = 0
    for deck, slides in decks.items():
        for tree in slides:
            for props in tree.xpath("p:grpSp/p:nvGrpSpPr/p:cNvPr | p:graphicFrame/p:nvGraphicFramePr/p:cNvPr",
                                    namespaces=NS):
                drawings += 1
                descr = props.get("descr", "")
                assert FIGURE.search(descr) or "Aucun échange" in descr, f"{deck} : {props.get('name')} « {descr} »"
    assert drawings >= 6 * len(decks)  # per département: butterfly, two treemaps, at least two Sankeys


def test_every_slide_has_a_unique_title_read_first(decks):
    for deck, slides in decks.items():
        titles = []
        for tree in slides:
            first = tree.find("p:sp", NS)
            assert first.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type") in ("title", "ctrTitle"), deck
            titles.append("".join(first.xpath(".//a:t/text()", namespaces=NS)))
            order = [e.find(".//p:cNvPr", NS).get("name") for e in tree.xpath("p:sp | p:grpSp | p:graphicFrame",
                                                                                  namespaces=NS)]
            drawn = [i for i, e in enumerate(tree.xpath("p:sp | p:grpSp | p:graphicFrame", namespaces=NS))
                     if not e.tag.endswith("}sp")]
            if drawn:  # the reading key and the source are read after the drawing they explain
                assert order.index("Clé de lecture") > max(drawn) and order.index("Source") > max(drawn), deck
        assert len(titles) == len(set(titles)), f"{deck} : titres répétés"


def test_every_coloured_text_is_readable_on_its_fill(decks):
    pairs = set()
    for slides in decks.values():
        for tree in slides:
            for sp in tree.iter(f"{{{NS['p']}}}sp"):
                fill = sp.find("p:spPr/a:solidFill/a:srgbClr", NS)
                background = fill.get("val") if fill is not None else style.WHITE
                for colour in sp.xpath(".//a:rPr/a:solidFill/a:srgbClr/@val", namespaces=NS):
                    pairs.add((colour, background))
    assert (style.WHITE, style.IMPORT_BLUE) in pairs and (style.WHITE, style.EXPORT_VIOLET) in pairs
    assert {pair: round(style.contrast_ratio(*pair), 2) for pair in pairs
            if style.contrast_ratio(*pair) < style.MIN_TEXT_CONTRAST} == {}
