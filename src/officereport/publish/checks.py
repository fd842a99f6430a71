"""Would this output open? Checked on every output before it is published, and on published builds.

An Office file is a zip of XML parts. One ill-formed part (a control character in a label, a
truncated write) and PowerPoint or Excel refuses the whole file or offers a repair, so every part
named ``*.xml`` or ``*.rels`` is parsed, in the file and in the workbooks embedded in it (the data
behind each deck chart), and every member's CRC is checked on the way.

Parsing is done by expat, which checks well-formedness without building a tree: twice as fast as
lxml here (about 250 MB of XML in a year's 285 outputs), and the check runs on every publication;
a member identical to one already proven is not inflated or parsed again (``OfficeCheck``), and
members are inflated from the file read once (``members``), which hashes it as well.
A PDF is only checked for its ``%PDF-`` header.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from officereport.digest import sha256_bytes
from officereport.publish.members import packed_bytes, read_here, unpacked_bytes
from officereport.publish.paths import MANIFEST_NAME
from officereport.publish.state import read_json

# The part without which Excel or PowerPoint cannot open the file at all.
_MAIN_PART = {".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
_XML_SUFFIXES = (".xml", ".rels")
_OFFICE_SUFFIXES = (".xlsx", ".pptx", ".docx")


_EXPAT_REASONS = {
    expat.errors.XML_ERROR_INVALID_TOKEN: "caractère ou balise invalide",
    expat.errors.XML_ERROR_NO_ELEMENTS: "partie tronquée ou vide",
    expat.errors.XML_ERROR_TAG_MISMATCH: "balises mal fermées",
    expat.errors.XML_ERROR_UNCLOSED_TOKEN: "partie tronquée",
}


def _well_formed_problem(content: bytes) -> str | None:
    """Where the XML stops being well-formed, in French (expat's own messages are English)."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(content, True)
    except expat.ExpatError as err:
        what = _EXPAT_REASONS.get(expat.ErrorString(err.code), "XML invalide")
        return f"ligne {err.lineno}, colonne {err.offset + 1} : {what}"
    return None


class OfficeCheck:
    """The check of a run's outputs, where a member met before is not inflated or parsed again.

    Most members of a year's outputs are byte-identical (template masters, layouts and theme, the
    slides that show France, the embedded workbooks' styles or whole workbooks): two thirds of the
    XML. A member is passed on sight only when its stored bytes and its directory entry (method,
    sizes, CRC-32) equal those of a member this object already proved sound: inflating the same
    bytes gives the same bytes, which had that length and CRC and parsed well-formed (an embedded
    workbook: passed this whole check). The directory entry only finds the candidate: an equal
    CRC-32 is no proof of equal content (any four bytes can be set to give any CRC), the byte
    comparison is, and it costs a memory comparison where the first sight cost inflating and
    parsing. Every member's local header is still read. The bytes kept (the run's distinct
    members, compressed: 10 MB for a year) are freed with the object, one per check or per pool
    worker.
    """

    def __init__(self) -> None:
        self._proven: dict[tuple[str, int, int, int, int], bytes] = {}

    def problem(self, content: bytes, suffix: str) -> str | None:
        """Why an output of that suffix holding these bytes would not open, or None when every part is sound.

        A PDF is checked by its header only: LibreOffice wrote it whole or the conversion failed."""
        if suffix == ".pdf":
            return None if content.startswith(b"%PDF-") else "PDF vide ou invalide (pas d'en-tête %PDF-)"
        return self._zip_problem(content, suffix)

    def _zip_problem(self, content: bytes, suffix: str) -> str | None:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                members = archive.infolist()
                for member in members:
                    if (why := self._member_problem(archive, content, member)) is not None:
                        return why
        except (OSError, zipfile.BadZipFile) as err:
            return f"archive zip illisible ({err})"
        part = _MAIN_PART.get(suffix)
        if part is not None and all(member.filename != part for member in members):
            return f"partie {part} absente"
        return None

    def _member_problem(self, archive: zipfile.ZipFile, content: bytes, member: zipfile.ZipInfo) -> str | None:
        """Why one member is unusable: a bad CRC, ill-formed XML, or a broken embedded Office file."""
        name = member.filename
        try:
            if not read_here(member):
                return self._content_problem(name, archive.read(member))  # checks the CRC
            packed = packed_bytes(content, member)
            # The check a member gets is part of its key: bytes passed unparsed as an image are no
            # proof for an XML part or an embedded workbook holding the same bytes.
            key = (_checked_as(name), member.compress_type, member.compress_size, member.file_size, member.CRC)
            if self._proven.get(key) == packed:
                return None  # the very bytes of a member proven sound (see the class docstring)
            why = self._content_problem(name, unpacked_bytes(member, packed))
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
            return f"membre corrompu dans l'archive : {name} ({err})"
        if why is None:
            self._proven.setdefault(key, packed)
        return why

    def _content_problem(self, name: str, data: bytes) -> str | None:
        checked_as = _checked_as(name)
        if checked_as == "xml":
            why = _well_formed_problem(data)
            if why is not None:
                return f"partie {name} : XML mal formé, {why}"
        elif checked_as:
            why = self._zip_problem(data, checked_as)
            if why is not None:
                return f"{name} : {why}"
        return None


def _checked_as(name: str) -> str:
    """What a member is checked as: « xml » (parsed), an Office suffix (opened and checked), or « » (its CRC only)."""
    lower = name.lower()
    if lower.endswith(_XML_SUFFIXES):
        return "xml"
    return PurePosixPath(lower).suffix if lower.endswith(_OFFICE_SUFFIXES) else ""


def check_office_file(path: Path) -> str | None:
    """Why this output (an Office file or its PDF) would not open, or None when every part of it is sound."""
    return OfficeCheck().problem(path.read_bytes(), path.suffix.lower())


_ENTRY_TYPES = {"kind": str, "scope": str, "path": str, "sha256": str, "bytes": int}


def _sound_entry(entry: object) -> bool:
    """An output entry as this tool writes it, its path inside the folder (held-open names have spaces)."""
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), t) for k, t in _ENTRY_TYPES.items()):
        return False
    path = entry["path"]
    return not (path.startswith("/") or "\\" in path or ":" in path or ".." in PurePosixPath(path).parts)


def read_manifest(folder: Path) -> dict | None:
    """The folder's manifest, or None when there is none or it is not one this tool wrote (hand-edited):
    a folder without a trustworthy manifest is published whole again."""
    manifest = read_json(folder / MANIFEST_NAME)
    if manifest is None or not isinstance(manifest.get("outputs"), list):
        return None
    return manifest if all(_sound_entry(entry) for entry in manifest["outputs"]) else None


def verify_build(folder: Path) -> list[str]:
    """Everything wrong with a published build: missing manifest, missing, altered or unreadable files."""
    manifest = read_manifest(folder)
    if manifest is None:
        return [f"{folder}: {MANIFEST_NAME} absent ou illisible"]
    problems = []
    check = OfficeCheck()
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{path}: absent")
            continue
        content = path.read_bytes()
        if len(content) != entry["bytes"] or sha256_bytes(content) != entry["sha256"]:
            problems.append(f"{path}: contenu différent du manifeste")
        elif (why := check.problem(content, path.suffix.lower())) is not None:
            problems.append(f"{path}: {why}")
    return problems
