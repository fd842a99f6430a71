"""Zip members read from the archive in memory: the bytes written, or the reason they are not."""

from __future__ import annotations

import io
import zipfile

import pytest

from officereport.publish.members import packed_bytes, read_here, unpacked_bytes

TEXT = "<sst><si><t>Haute-Loire</t></si></sst>" * 20


def archive_of(parts: dict[str, str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def member(content: bytes, name: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.getinfo(name)


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_each_member_reads_back_as_written(compression):
    content = archive_of({"xl/workbook.xml": "<w/>", "xl/sharedStrings.xml": TEXT}, compression)
    for name, text in (("xl/workbook.xml", "<w/>"), ("xl/sharedStrings.xml", TEXT)):
        info = member(content, name)
        assert read_here(info)
        assert unpacked_bytes(info, packed_bytes(content, info)) == text.encode()


def test_a_member_cut_short_is_refused():
    content = archive_of({"xl/sharedStrings.xml": TEXT})
    info = member(content, "xl/sharedStrings.xml")
    cut = content[:info.header_offset + 30 + len("xl/sharedStrings.xml") + info.compress_size // 2]
    with pytest.raises(zipfile.BadZipFile, match="membre tronqué"):
        packed_bytes(cut, info)


def test_a_directory_pointing_at_another_member_is_refused():
    content = archive_of({"xl/workbook.xml": "<w/>", "xl/styles.xml": "<s/>"})
    info = member(content, "xl/styles.xml")
    info.header_offset = member(content, "xl/workbook.xml").header_offset
    with pytest.raises(zipfile.BadZipFile, match="l'en-tête local nomme un autre membre"):
        packed_bytes(content, info)


def test_an_offset_outside_any_local_header_is_refused():
    content = archive_of({"xl/workbook.xml": "<w/>"})
    info = member(content, "xl/workbook.xml")
    info.header_offset += 1
    with pytest.raises(zipfile.BadZipFile, match="en-tête local absent"):
        packed_bytes(content, info)


def test_a_length_other_than_the_directory_s_is_refused():
    content = archive_of({"xl/sharedStrings.xml": TEXT})
    info = member(content, "xl/sharedStrings.xml")
    info.file_size += 1
    with pytest.raises(zipfile.BadZipFile, match="somme de contrôle CRC fausse"):
        unpacked_bytes(info, packed_bytes(content, info))


def test_other_methods_are_left_to_zipfile():
    content = archive_of({"xl/sharedStrings.xml": TEXT}, zipfile.ZIP_BZIP2)
    assert not read_here(member(content, "xl/sharedStrings.xml"))
