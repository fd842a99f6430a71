"""The one module that reaches below python-pptx's public API.

Everything else in ``deck/`` uses python-pptx's documented objects, or writes its own XML through
``ooxml``. What needs more lives here, so that a python-pptx upgrade is checked in one place:

- chart data whose embedded workbook is dated by the build (reproducible decks) and stores every
  label as a plain string: XlsxWriter's defaults would turn a label such as ``=cmd|' /C calc'!A0``
  into a live formula and ``http://…`` into a hyperlink, run when a user opens the chart's data;
- slide and notes parts added to a presentation without python-pptx's shape machinery;
- the package written with fixed zip dates, each member compressed once per process (``_write_deflated``).
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import OpcPackage, Part, XmlPart, _Relationships
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.presentation import Presentation
from pptx.util import lazyproperty
from xlsxwriter import Workbook

from officereport.text import clean

# Data is data: no formula, no link, no number guessed from a string.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
COMPRESS_LEVEL = 6  # zlib's default: level 1 halves its cost (4 ms a deck) but makes decks a sixth larger
MEMBER_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip member can carry
FIRST_SLIDE_ID = 256  # the smallest id PowerPoint gives a slide


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

    @property
    def key(self) -> Hashable:
        """All that the chart part and its embedded workbook are made from."""
        return (self._created, self.number_format, tuple(c.label for c in self.categories),
                tuple((s.name, tuple(s.values), s.number_format) for s in self))

    @lazyproperty
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _WorkbookWriter(self, self._created)


def category_chart_data(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                        number_format: str, created: datetime) -> _ChartData:
    """Chart data with labels cleaned (python-pptx writes them into the chart part unchecked) and an
    embedded workbook created at ``created`` that holds strings as strings."""
    data = _ChartData(created, number_format)
    data.categories = [clean(c) for c in categories]
    for name, values in series:
        data.add_series(clean(name), values)
    return data


class _Recent(OrderedDict):
    """The ``kept`` values last used, by key: a cache that forgets the least recently used."""

    def __init__(self, kept: int):
        super().__init__()
        self.kept = kept

    def used(self, key: Hashable) -> Any:
        """The value kept for ``key``, or None."""
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def keep(self, key: Hashable, value: Any) -> Any:
        self[key] = value
        if len(self) > self.kept:
            self.popitem(last=False)
        return value


# A département's charts recur in every deck that covers it: each is built through python-pptx
# once per process (chart XML and embedded workbook), then copied from its bytes.
_CHARTS = _Recent(512)


def new_chart_part(chart_type, data: _ChartData, package: OpcPackage, style: Callable[..., None],
                   *args: Hashable) -> ChartPart:
    """A chart part of ``chart_type`` showing ``data`` (from ``category_chart_data``), finished by
    ``style(chart, *args)``; made from the bytes of the same chart (type, data, style) when this
    process has made it before."""
    key = (chart_type, data.key, style, args)
    blobs = _CHARTS.used(key)
    if blobs is None:
        part = ChartPart.new(chart_type, data, package)
        style(part.chart, *args)
        _CHARTS.keep(key, (part.blob, part.chart_workbook.xlsx_part.blob))
        return part
    xml, xlsx = blobs
    part = ChartPart.load(package.next_partname(ChartPart.partname_template), CT.DML_CHART, package, xml)
    part.relate_to(EmbeddedXlsxPart.new(xlsx, package), RT.PACKAGE)  # rId1, as ChartPart.new relates it
    return part


def new_slide_part(prs: Presentation, layout_part: Part) -> Part:
    """An empty slide part after the last one, related to its layout and listed in the presentation;
    its bytes are set later (``Part.blob``)."""
    slide_ids = prs.element.get_or_add_sldIdLst()
    part = Part(PackURI(f"/ppt/slides/slide{len(slide_ids) + 1}.xml"), CT.PML_SLIDE, prs.part.package)
    part.relate_to(layout_part, RT.SLIDE_LAYOUT)
    # The id python-pptx's add_sldId gives (the largest so far + 1, from 256), without its XPath per slide.
    next_id = max((int(slide_id.get("id")) for slide_id in slide_ids), default=FIRST_SLIDE_ID - 1) + 1
    slide_ids._add_sldId(id=next_id, rId=prs.part.relate_to(part, RT.SLIDE))
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
            _write_deflated(archive, zipfile.ZipInfo(member, MEMBER_DATE), data)

        write("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write("_rels/.rels", _rels_xml(package._rels))
        for part in parts:
            write(part.partname.membername, part.blob)
            if part.rels:
                write(part.partname.rels_uri.membername, _rels_xml(part.rels))


# Relationship parts by what they hold: a layout's, and most slides', are the same in every deck.
_RELS = _Recent(2048)


def _rels_xml(rels: _Relationships) -> bytes:
    """``rels.xml``, serialised once per process for each set of relationships."""
    key = tuple((rel.rId, rel.reltype, rel.target_ref, rel.is_external) for rel in rels.values())
    return _RELS.used(key) or _RELS.keep(key, rels.xml)


@dataclass(frozen=True)
class _Deflated:
    crc: int
    size: int
    data: bytes


# Compressed members by the digest of their bytes. The template's parts are the same in every
# deck, and a region's or France's flow slides (the largest members) in nearly every deck of a
# build: each is compressed once per process.
_DEFLATED = _Recent(2048)


def _deflate(data: bytes) -> _Deflated:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)  # as zipfile compresses
    return _Deflated(zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def _write_deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Write ``data`` as ``ZipFile.writestr(info, data, ZIP_DEFLATED, COMPRESS_LEVEL)`` writes it
    to a seekable file, the same bytes, from its compressed form if it was compressed before.
    This reaches into ``zipfile``: tests compare the result with ``writestr``'s."""
    key = hashlib.sha256(data).digest()
    deflated = _DEFLATED.used(key) or _DEFLATED.keep(key, _deflate(data))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.flag_bits = 0
    info.external_attr = info.external_attr or 0o600 << 16
    info.CRC, info.file_size, info.compress_size = deflated.crc, deflated.size, len(deflated.data)
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(False))
    archive.fp.write(deflated.data)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True
