"""Synthetic customs data in the exact DGDDI layouts, for tests and demos.

``write_sample`` writes one zip like the DGDDI « latest publication » download: the export and
import data files (five quarters: all of ``year`` and the first quarter of the next), the four
label files with the encodings and quirks of the real ones, and the officereport sample marker.
``write_samples`` writes a data folder as users keep one: an annual zip per past year
(``Region_<year>_Export.txt`` / ``Region_<year>_Import.txt``) and the latest publication for the
last year, so that outputs can show the evolution from one year to the next. For 2024 the yearly
totals of France, Auvergne-Rhône-Alpes and Haute-Loire equal the published figures to the euro,
so that outputs built from the sample can be checked against the publication. The rows
themselves come from :mod:`~officereport.input.samplerows`.
"""

from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from pathlib import Path

from babel import Locale

from officereport.input import samplecodes
from officereport.input.geography import DEPARTEMENTS
from officereport.input.samplerows import MIN_ROWS_PER_QUARTER, Codes, Rows, code_universe, generate_flow
from officereport.model import EXPORT, IMPORT, SAMPLE_MARKER
from officereport.progress import ProgressCallback, silent

__all__ = ["DATA_MEMBERS", "DEFAULT_ROWS_PER_FLOW", "MIN_ROWS_PER_QUARTER", "write_sample", "write_samples"]

DEFAULT_ROWS_PER_FLOW = 1_500_000
DATA_MEMBERS = {EXPORT: "REGIONAL_CPF4PAYSE.txt", IMPORT: "REGIONAL_CPF4PAYSI.txt"}
A129_MEMBER = "Libelle_A129.txt"
CPF4_MEMBER = "Libelle_CPF4_rev2.1.txt"
PARTNERS_MEMBER = "Libelle_PAYS.txt"
DEPARTEMENTS_MEMBER = "Departement_region.txt"
MARKER_TEXT = (
    "Données fictives produites par officereport pour les essais et les démonstrations.\r\n"
    "Ces chiffres ne sont pas des statistiques de la DGDDI et ne décrivent aucun échange réel.\r\n"
)
_STILL_VALID = 999912


def _data_text(flow: str, year: int, rows: Rows, codes: Codes) -> bytes:
    """The headerless ``;`` file: the leading fields come from small per-index prefix tables."""
    period_prefix = [f"{flow};{q};{year};" for q in (1, 2, 3, 4)] + [f"{flow};1;{year + 1};"]
    dep_prefix = [f"{d};{DEPARTEMENTS[d].region_code};" for d in codes.deps]
    product_prefix = [f"{a};{c};" for a, c in zip(codes.a129_of_cpf4, codes.cpf4)]
    partner_prefix = [f"{p};" for p in codes.partners]
    masses = ["" if math.isnan(m) else str(int(m)) for m in rows.mass.tolist()]
    lines = [
        f"{period_prefix[q]}{dep_prefix[d]}{product_prefix[c]}{partner_prefix[p]}{v};{m}\r\n"
        for q, d, c, p, v, m in zip(
            rows.period.tolist(), rows.dep.tolist(), rows.cpf4.tolist(), rows.partner.tolist(),
            rows.value.tolist(), masses,
        )
    ]
    return "".join(lines).encode("utf-8")


def _label_text(rows: list[tuple[object, ...]], encoding: str) -> bytes:
    """A label file: ``;``-separated, labels holding ``;`` quoted, CRLF, no header."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _partner_rows(codes: Codes) -> list[tuple[object, ...]]:
    names = Locale("fr").territories
    current_from = {code: start for code, _, _, _, start in samplecodes.PARTNER_OLD_ROWS}
    rows: list[tuple[object, ...]] = [
        (code, samplecodes.PARTNER_LABELS.get(code) or names[code], current_from.get(code, 190001), _STILL_VALID)
        for code in codes.partners
    ]
    rows += [(code, label, start, end) for code, label, start, end, _ in samplecodes.PARTNER_OLD_ROWS]
    return sorted(rows, key=lambda row: (row[0], row[2]))


def _label_members(codes: Codes) -> dict[str, bytes]:
    cpf4_labels = {c: label for products in samplecodes.CPF4_BY_A129.values() for c, label in products.items()}
    return {
        A129_MEMBER: _label_text(
            [(a, label, 200901, _STILL_VALID) for a, label in sorted(samplecodes.A129_LABELS.items())], "utf-8-sig"
        ),
        CPF4_MEMBER: _label_text([(c, cpf4_labels[c], 201501, _STILL_VALID) for c in codes.cpf4], "cp1252"),
        PARTNERS_MEMBER: _label_text(_partner_rows(codes), "utf-8"),
        DEPARTEMENTS_MEMBER: _label_text(
            [(d.code, d.name, d.region_code, d.region.name) for d in DEPARTEMENTS.values()], "utf-8"
        ),
    }


def sample_zip_name(year: int) -> str:
    return f"REGIONAL_CPF4PAYS_{year}T1-{year + 1}T1_fictif.zip"


def annual_zip_name(year: int) -> str:
    return f"Region_{year}_fictif.zip"


def write_sample(
    out_dir: Path,
    *,
    year: int = 2024,
    seed: int = 0,
    rows_per_flow: int = DEFAULT_ROWS_PER_FLOW,
    progress: ProgressCallback = silent,
) -> Path:
    """Write a synthetic DGDDI « latest publication » zip into ``out_dir`` and return its path; the
    same arguments always give the same bytes (fixed seed, fixed zip timestamps)."""
    return _write_release(out_dir / sample_zip_name(year), DATA_MEMBERS, year, 5, seed, rows_per_flow, progress)


def write_samples(
    out_dir: Path,
    years: range,
    *,
    seed: int = 0,
    rows_per_flow: int = DEFAULT_ROWS_PER_FLOW,
    progress: ProgressCallback = silent,
) -> list[Path]:
    """Write an annual zip for each year of ``years`` but the last, then the latest publication
    holding the last year; the paths, oldest first. Each year's figures drift from the previous
    year's by a few percent, differently in each département and with each partner."""
    if not years:
        raise ValueError("aucune année demandée")
    paths = []
    for year in years[:-1]:
        members = {flow: f"Region_{year}_{name}.txt" for flow, name in ((EXPORT, "Export"), (IMPORT, "Import"))}
        paths.append(_write_release(out_dir / annual_zip_name(year), members, year, 4, seed, rows_per_flow, progress))
    paths.append(write_sample(out_dir, year=years[-1], seed=seed, rows_per_flow=rows_per_flow, progress=progress))
    return paths


def _write_release(
    path: Path, data_members: dict[str, str], year: int, periods: int, seed: int, rows_per_flow: int,
    progress: ProgressCallback,
) -> Path:
    """One zip: the data files of ``periods`` quarters from ``year`` Q1, the label files and the marker."""
    universe = code_universe()
    members: dict[str, bytes] = {}
    for flow in (EXPORT, IMPORT):
        rows = generate_flow(flow, year, seed, rows_per_flow, universe, progress, periods=periods)
        members[data_members[flow]] = _data_text(flow, year, rows, universe)
    members.update(_label_members(universe))
    members[SAMPLE_MARKER] = MARKER_TEXT.encode("utf-8")

    path.parent.mkdir(parents=True, exist_ok=True)
    # A publication date after the last quarter, fixed so that the archive bytes are reproducible.
    stamp = (year + 1, 6, 15, 12, 0, 0)
    # Written aside then renamed: a run stopped half-way never leaves a broken zip in a data folder.
    partial = path.with_name(f".{path.name}.part")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                archive.writestr(info, data)
        os.replace(partial, path)
    except BaseException:  # a full disk, an interrupt: nothing half-written stays behind
        partial.unlink(missing_ok=True)
        raise
    return path
