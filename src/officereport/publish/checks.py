"""Would this output open? Checked on every output before it is published, and on published builds.

An Office file is a zip of XML parts. One ill-formed part (a control character in a label, a
truncated write) and PowerPoint or Excel refuses the whole file or offers a repair, so every part
named ``*.xml`` or ``*.rels`` is parsed, in the file and in the workbooks embedded in it (the data
behind each deck chart), and every member's CRC is checked on the way.

Parsing is done by expat, which checks well-formedness without building a tree: twice as fast as
lxml here (about 100 MB of XML in a year's 203 outputs), and the check runs on every publication.
A PDF is only checked for its ``%PDF-`` header.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from officereport.digest import sha256_file
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


def _part_problem(archive: zipfile.ZipFile, name: str) -> str | None:
    """Why one member is unusable: a bad CRC, ill-formed XML, or a broken embedded Office file."""
    try:
        content = archive.read(name)  # checks the CRC
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        return f"membre corrompu dans l'archive : {name} ({err})"
    lower = name.lower()
    if lower.endswith(_XML_SUFFIXES):
        why = _well_formed_problem(content)
        if why is not None:
            return f"partie {name} : XML mal formé, {why}"
    elif lower.endswith(_OFFICE_SUFFIXES):
        why = _zip_problem(io.BytesIO(content), Path(name).suffix.lower())
        if why is not None:
            return f"{name} : {why}"
    return None


def _zip_problem(source: Path | io.BytesIO, suffix: str) -> str | None:
    try:
        with zipfile.ZipFile(source) as archive:
            names = archive.namelist()
            for name in names:
                if (why := _part_problem(archive, name)) is not None:
                    return why
    except (OSError, zipfile.BadZipFile) as err:
        return f"archive zip illisible ({err})"
    part = _MAIN_PART.get(suffix)
    if part is not None and part not in names:
        return f"partie {part} absente"
    return None


def _pdf_problem(path: Path) -> str | None:
    """A PDF is checked by its header only: LibreOffice wrote it whole or the conversion failed."""
    with open(path, "rb") as stream:
        start = stream.read(5)
    return None if start == b"%PDF-" else "PDF vide ou invalide (pas d'en-tête %PDF-)"


def check_office_file(path: Path) -> str | None:
    """Why this output (an Office file or its PDF) would not open, or None when every part of it is sound."""
    if path.suffix.lower() == ".pdf":
        return _pdf_problem(path)
    return _zip_problem(path, path.suffix.lower())


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
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{path}: absent")
        elif path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"{path}: contenu différent du manifeste")
        elif (why := check_office_file(path)) is not None:
            problems.append(f"{path}: {why}")
    return problems
