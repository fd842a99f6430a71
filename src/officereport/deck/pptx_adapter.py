"""The one module that reaches below python-pptx's public API.

Everything else in ``deck/`` uses python-pptx's documented objects, or writes its own XML through
``ooxml``. What needs more lives here, so that a python-pptx upgrade is checked in one place:

- chart data whose embedded workbook is dated by the build (reproducible decks) and stores every
  label as a plain string: XlsxWriter's defaults would turn a label such as ``=cmd|' /C calc'!A0``
  into a live formula and ``http://…`` into a hyperlink, run when a user opens the chart's data;
- slide and notes parts added to a presentation without python-pptx's shape machinery;
- the package written with fixed zip dates.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import OpcPackage, Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.chart import ChartPart
from pptx.presentation import Presentation
from pptx.util import lazyproperty
from xlsxwriter import Workbook

from officereport.text import clean

# Data is data: no formula, no link, no number guessed from a string.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
COMPRESS_LEVEL = 6  # zlib's default: level 1 halves its cost (4 ms a deck) but makes decks a sixth larger
MEMBER_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip member can carry


class _WorkbookWriter(CategoryWorkbookWriter):
    def __init__(self, chart_data: CategoryChartData, created: datetime):
        super().__init__(chart_data)
        self._created = created

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, WORKBOOK_OPTIONS)
        workbook.set_properties({"created": self._created})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _ChartData(CategoryChartData):
    def __init__(self, created: datetime, number_format: str):
        super().__init__(number_format)
        self._created = created

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _WorkbookWriter(self, self._created)


def category_chart_data(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                        number_format: str, created: datetime) -> CategoryChartData:
    """Chart data with labels cleaned (python-pptx writes them into the chart part unchecked) and an
    embedded workbook created at ``created`` that holds strings as strings."""
    data = _ChartData(created, number_format)
    data.categories = [clean(c) for c in categories]
    for name, values in series:
        data.add_series(clean(name), values)
    return data


def new_chart_part(chart_type, data: CategoryChartData, package: OpcPackage) -> ChartPart:
    return ChartPart.new(chart_type, data, package)


def new_slide_part(prs: Presentation, layout_part: Part) -> Part:
    """An empty slide part after the last one, related to its layout and listed in the presentation;
    its bytes are set later (``Part.blob``)."""
    slide_ids = prs.element.get_or_add_sldIdLst()
    part = Part(PackURI(f"/ppt/slides/slide{len(slide_ids) + 1}.xml"), CT.PML_SLIDE, prs.part.package)
    part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    slide_ids.add_sldId(prs.part.relate_to(part, RT.SLIDE))
    return part


def add_notes_part(slide_part: Part, notes_master_part: Part, blob: bytes) -> Part:
    """The speaker notes of ``slide_part``, numbered like their slide (every slide has notes)."""
    part = Part(PackURI(f"/ppt/notesSlides/notesSlide{slide_part.partname.idx}.xml"), CT.PML_NOTES_SLIDE,
                slide_part.package, blob)
    part.relate_to(notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return part


def drop_slides(prs: Presentation) -> None:
    """Remove the slides of ``prs``; what only they use (their notes, their media) goes with them."""
    slide_ids = prs.element.get_or_add_sldIdLst()
    for slide_id in list(slide_ids):
        slide_ids.remove(slide_id)
        prs.part.drop_rel(slide_id.rId)


def replace_xml(part: XmlPart, element: etree._Element) -> None:
    """Give ``part`` new XML content (make_template rewrites python-pptx's default layouts)."""
    part._element = element


def save(package: OpcPackage, path: Path) -> None:
    """Content types, package relationships, then each part and its relationships, as python-pptx
    orders them; python-pptx's own ``save`` stamps every member with the current time."""
    parts = tuple(package.iter_parts())
    with zipfile.ZipFile(path, "w") as archive:

        def write(member: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(member, MEMBER_DATE), data, zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)

        write("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write("_rels/.rels", package._rels.xml)
        for part in parts:
            write(part.partname.membername, part.blob)
            if part.rels:
                write(part.partname.rels_uri.membername, part.rels.xml)
