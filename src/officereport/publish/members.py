"""One zip member's bytes, inflated from the archive held in memory, its length and CRC-32 checked.

    member_bytes(archive, content, member) -> bytes   # raises zipfile.BadZipFile or zlib.error

zipfile reads the central directory; a member is then inflated in one zlib call, where
``ZipFile.read`` builds a file object per member (shared-file lock, seeks, header read, a
decompressor, buffered reads): a year's outputs hold some 27,000 members of a few kB each, and
that per-member cost was half the reading time of the publication check. What zipfile refuses is
refused here: a local header missing or naming another member, a member cut short, a length or a
CRC-32 other than the directory's. Encrypted members and methods other than stored or deflated
(none in what this tool writes) are read by zipfile.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then name and extra field lengths
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED = 0x1
_UTF8_NAME = 0x800


def _data_start(content: bytes, member: zipfile.ZipInfo) -> int:
    """Where the member's data starts, after its local header (whose name must be the directory's)."""
    start = member.header_offset
    if start + _LOCAL_HEADER.size > len(content):
        raise zipfile.BadZipFile("en-tête local hors de l'archive")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(content, start)
    if signature != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile("en-tête local absent")
    name_start = start + _LOCAL_HEADER.size
    encoding = "utf-8" if member.flag_bits & _UTF8_NAME else "cp437"
    if content[name_start:name_start + name_length].decode(encoding, "replace") != member.orig_filename:
        raise zipfile.BadZipFile("l'en-tête local nomme un autre membre")
    return name_start + name_length + extra_length


def read_here(member: zipfile.ZipInfo) -> bool:
    """Whether this module reads the member (stored or deflated, not encrypted), or zipfile must."""
    return not member.flag_bits & _ENCRYPTED and member.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def packed_bytes(content: bytes, member: zipfile.ZipInfo) -> bytes:
    """The member's bytes as stored in the archive (compressed or not), whole."""
    start = _data_start(content, member)
    packed = content[start:start + member.compress_size]
    if len(packed) != member.compress_size:
        raise zipfile.BadZipFile("membre tronqué")
    return packed


def unpacked_bytes(member: zipfile.ZipInfo, packed: bytes) -> bytes:
    """The member's uncompressed bytes, proven by their length and CRC-32 to be the ones written."""
    data = zlib.decompress(packed, -zlib.MAX_WBITS) if member.compress_type == zipfile.ZIP_DEFLATED else packed
    if len(data) != member.file_size or zlib.crc32(data) != member.CRC:
        raise zipfile.BadZipFile("somme de contrôle CRC fausse")
    return data
