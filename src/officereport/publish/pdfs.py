"""PDFs of a staged build: one beside each workbook and deck, written before the publication check.

    add_pdfs(staging, written, kinds, published, settings) -> (outputs, warning or None)
    published_kinds(record, outputs), waiting_for_libreoffice(reasons)   (for refresh)

An output gets its PDF when the PDF kind of its kind is wanted (``planning.with_pdfs``). The PDFs
are then outputs like the others: checked, listed in the manifest with their SHA-256, swapped in
with the rest. A source whose content equals one of the published build (same SHA-256 in its
manifest) gets the published PDF copied instead of a new conversion. Without LibreOffice the
Office files are published all the same and the warning says how to install it; a file that fails
to convert fails the year (``PdfError``, naming the file inside the build folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from officereport import pdf
from officereport.planning import OutputFile, is_pdf_kind, pdf_kind, pdf_output
from officereport.progress import ProgressCallback, silent
from officereport.publish.checks import read_manifest
from officereport.publish.settings import PDF_ASKED
from officereport.publish.state import BuildRecord


@dataclass(frozen=True)
class PdfSettings:
    jobs: int | None = None  # LibreOffice workers; None: one per core
    progress: ProgressCallback = silent


def reusable(published: Path) -> dict[str, Path]:
    """{SHA-256 of a published workbook or deck: its published PDF}, from the folder's manifest."""
    manifest = read_manifest(published)
    if manifest is None:
        return {}
    by_path = {entry["path"]: entry for entry in manifest["outputs"]}
    earlier = {}
    for entry in manifest["outputs"]:
        made = by_path.get(pdf_output(OutputFile(entry["kind"], entry["scope"], entry["path"])).path)
        if made is not None and made is not entry and (published / made["path"]).is_file() \
                and (published / made["path"]).stat().st_size == made["bytes"]:
            earlier[entry["sha256"]] = published / made["path"]
    return earlier


def add_pdfs(staging: Path, written: list[OutputFile], kinds: frozenset[str], published: Path,
             settings: PdfSettings = PdfSettings()) -> tuple[list[OutputFile], str | None]:
    """``written`` and the PDFs made in ``staging`` beside those of them whose PDF kind is in ``kinds``;
    and, when LibreOffice is missing, the French warning saying so (no PDF is then written)."""
    sources = [output for output in written if pdf_kind(output.kind) in kinds]
    if not sources:
        return written, None
    try:
        pdf.convert([staging / output.path for output in sources], jobs=settings.jobs or os.cpu_count() or 1,
                    progress=settings.progress, earlier=reusable(published))
    except pdf.LibreOfficeMissing as missing:
        return written, str(missing)
    except pdf.PdfError as err:  # the staging folder is private: name the file as it would be published
        raise pdf.PdfError(err.path, str(err).replace(f"{staging}{os.sep}", "")) from err
    return written + [pdf_output(output) for output in sources], None


def published_kinds(record: BuildRecord, outputs: list[dict]) -> BuildRecord:
    """``record`` as the publication made it: without its PDF kinds when no PDF could be written
    (LibreOffice missing), so that a later run with LibreOffice installed adds them."""
    if any(is_pdf_kind(entry["kind"]) for entry in outputs):
        return record
    return replace(record, kinds=tuple(kind for kind in record.kinds if not is_pdf_kind(kind)))


def waiting_for_libreoffice(reasons: list[str]) -> bool:
    """Only PDFs to add, and still no LibreOffice: a rebuild would add nothing."""
    return reasons == [PDF_ASKED] and pdf.libreoffice_available() is None
