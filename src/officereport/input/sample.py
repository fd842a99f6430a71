"""Synthetic customs data in the exact DGDDI "latest publication" layout, for tests and demos.

``write_sample`` writes one zip like the DGDDI regional download: the export and import data
files (five quarters: all of ``year`` and the first quarter of the next), the four label files
with the encodings and quirks of the real ones, and the officereport sample marker. For 2024 the
yearly totals of France, Auvergne-Rhône-Alpes and Haute-Loire equal the published figures to
the euro, so that outputs built from the sample can be checked against the publication.
"""

from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from babel import Locale

from officereport.input import samplecodes, samplesizes
from officereport.input.geography import DEPARTEMENTS
from officereport.model import EXPORT, IMPORT, SAMPLE_MARKER
from officereport.progress import ProgressCallback, silent

DEFAULT_ROWS_PER_FLOW = 1_500_000
DATA_MEMBERS = {EXPORT: "REGIONAL_CPF4PAYSE.txt", IMPORT: "REGIONAL_CPF4PAYSI.txt"}
A129_MEMBER = "Libelle_A129.txt"
CPF4_MEMBER = "Libelle_CPF4_rev2.1.txt"
PARTNERS_MEMBER = "Libelle_PAYS.txt"
DEPARTEMENTS_MEMBER = "Departement_region.txt"

# Every département-quarter gets at least this many rows, so that small départements still
# show several products and partners.
MIN_ROWS_PER_QUARTER = 8
MARKER_TEXT = (
    "Données fictives produites par officereport pour les essais et les démonstrations.\r\n"
    "Ces chiffres ne sont pas des statistiques de la DGDDI et ne décrivent aucun échange réel.\r\n"
)
_STILL_VALID = 999912


@dataclass(frozen=True)
class Calibration:
    """Yearly totals (euros) that the sample must reproduce exactly for one flow."""

    france: int
    region_code: str
    region: int
    dep_code: str
    dep: int


# Published 2024 figures (ANCT, Haute-Loire issue): France, Auvergne-Rhône-Alpes, Haute-Loire.
CALIBRATIONS: dict[int, dict[str, Calibration]] = {
    2024: {
        EXPORT: Calibration(580_354_500_000, "18", 71_307_500_000, "43", 1_070_900_000),
        IMPORT: Calibration(684_776_300_000, "18", 76_304_600_000, "43", 1_268_700_000),
    }
}


@dataclass(frozen=True)
class _Codes:
    """The code universe of the sample, in a fixed order that indexes the generated arrays."""

    deps: tuple[str, ...]
    a129_of_cpf4: tuple[str, ...]
    cpf4: tuple[str, ...]
    partners: tuple[str, ...]


def _codes() -> _Codes:
    pairs = sorted((cpf4, a129) for a129, products in samplecodes.CPF4_BY_A129.items() for cpf4 in products)
    partners = sorted({*samplecodes.PARTNER_COUNTRIES, *samplecodes.PARTNER_LABELS})
    return _Codes(
        deps=tuple(sorted(DEPARTEMENTS)),
        a129_of_cpf4=tuple(a for _, a in pairs),
        cpf4=tuple(c for c, _ in pairs),
        partners=tuple(partners),
    )


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer ``total`` in proportion to ``weights``: every part >= 1, parts sum to ``total``.

    The rounding residual goes to the largest part, which is big enough to absorb it.
    """
    if total < len(weights):
        raise ValueError(f"cannot split {total} into {len(weights)} positive parts")
    parts = np.maximum(np.floor(weights / weights.sum() * total), 1).astype(np.int64)
    parts[np.argmax(parts)] += total - int(parts.sum())
    return parts


def _yearly_targets(flow: str, year: int, codes: _Codes) -> np.ndarray:
    """Each département's yearly value in euros, calibrated when the year has published figures."""
    column = 0 if flow == EXPORT else 1
    sizes = np.array([samplesizes.DEP_SIZES_GEUR[d][column] * 1e9 for d in codes.deps])
    calibration = CALIBRATIONS.get(year, {}).get(flow)
    if calibration is None:
        return np.round(sizes).astype(np.int64)
    deps = np.array(codes.deps)
    in_region = np.array([DEPARTEMENTS[d].region_code == calibration.region_code for d in codes.deps])
    is_dep = deps == calibration.dep_code
    targets = np.zeros(len(deps), dtype=np.int64)
    targets[is_dep] = calibration.dep
    rest_of_region = in_region & ~is_dep
    targets[rest_of_region] = apportion(calibration.region - calibration.dep, sizes[rest_of_region])
    targets[~in_region] = apportion(calibration.france - calibration.region, sizes[~in_region])
    return targets


def _partner_weights(flow: str, codes: _Codes, seed: int) -> np.ndarray:
    """National partner mix of a flow: known main partners, a long Pareto tail, non-country codes."""
    column = 0 if flow == EXPORT else 1
    rng = np.random.default_rng([seed, column, 7919])
    known = {code: shares[column] for code, shares in samplesizes.MAIN_PARTNERS.items()}
    known.update({code: shares[column] for code, shares in samplesizes.NON_COUNTRY_SHARES.items()})
    tail = [p for p in codes.partners if p not in known]
    tail_weights = rng.pareto(2.5, len(tail)) + 0.01
    tail_share = 100.0 - sum(known.values())
    weights = dict(zip(tail, tail_weights / tail_weights.sum() * tail_share))
    weights.update(known)
    return np.array([weights[p] for p in codes.partners])


def _product_weights(flow: str, dep: str, codes: _Codes, rng: np.random.Generator) -> np.ndarray:
    """A département's own product mix: the national size of each group with local noise, its
    specialities, Paris's pipelines."""
    groups = sorted(samplecodes.A129_LABELS)
    column = 0 if flow == EXPORT else 1
    national = np.array([samplesizes.NATIONAL_GROUP_SIZES[g][column] for g in groups])
    group_weight = dict(zip(groups, national * rng.lognormal(0.0, 1.0, len(groups))))
    for a129 in samplesizes.SPECIALITIES.get(dep, ()):
        group_weight[a129] *= 6.0
    # Electricity and pipeline gas are booked in Paris; elsewhere only shipped crude/LNG remains.
    for a129 in samplesizes.PARIS_PIPELINE_IMPORTS:
        if dep != "75":
            group_weight[a129] = 0.0 if a129.startswith("D35") else group_weight[a129] * 0.05
        elif flow == IMPORT:
            group_weight[a129] = sum(group_weight.values()) * 0.2
    # Split each group's weight over its CPF4 products, so that a group with many products is not
    # heavier for it.
    within = rng.lognormal(0.0, 1.0, len(codes.cpf4))
    group_of = np.array(codes.a129_of_cpf4)
    group_total = {a: within[group_of == a].sum() for a in set(codes.a129_of_cpf4)}
    return np.array([group_weight[a] / group_total[a] for a in codes.a129_of_cpf4]) * within


@dataclass
class _Rows:
    """Generated rows of one flow as parallel index arrays into the code universe."""

    period: np.ndarray  # 0..3 quarters of the year, 4 = first quarter of the next year
    dep: np.ndarray
    cpf4: np.ndarray
    partner: np.ndarray
    value: np.ndarray
    mass: np.ndarray  # float, NaN when the mass is left empty


def _generate_flow(
    flow: str, year: int, seed: int, rows_per_flow: int, codes: _Codes, progress: ProgressCallback
) -> _Rows:
    n_deps, n_partners = len(codes.deps), len(codes.partners)
    yearly = _yearly_targets(flow, year, codes)
    flow_index = 0 if flow == EXPORT else 1
    spare = rows_per_flow - MIN_ROWS_PER_QUARTER * 5 * n_deps
    if spare < n_deps:
        raise ValueError(f"au moins {(MIN_ROWS_PER_QUARTER * 5 + 1) * n_deps} lignes par flux (--rows-per-flow)")
    # Bigger départements trade more distinct products with more partners, less than proportionally.
    rows_per_dep = apportion(spare, yearly.astype(float) ** 0.7) + MIN_ROWS_PER_QUARTER * 5
    national_partners = np.log(_partner_weights(flow, codes, seed))
    eur_per_kg = np.array([samplesizes.EUR_PER_KG.get(a, 5.0) for a in codes.a129_of_cpf4])
    no_mass = np.array([a == "D35A" for a in codes.a129_of_cpf4])

    chunks: list[_Rows] = []
    for d, dep in enumerate(codes.deps):
        rng = np.random.default_rng([seed, flow_index, d])
        with np.errstate(divide="ignore"):
            log_products = np.log(_product_weights(flow, dep, codes, rng))
        # A département's partners are mostly the same at export and at import: shared noise, then a little of the flow's own.
        shared = np.random.default_rng([seed, d, 31]).normal(0.0, 0.7, n_partners)
        log_partners = national_partners + shared + rng.normal(0.0, 0.3, n_partners)
        log_pairs = (log_products[:, None] + log_partners[None, :]).ravel()
        possible = int(np.isfinite(log_pairs).sum())
        # Quarter values: the year split unevenly, then next year's first quarter a little higher.
        quarter_shares = rng.normal(1.0, 0.05, 5)
        values = np.empty(5, dtype=np.int64)
        values[:4] = apportion(int(yearly[d]), quarter_shares[:4])
        values[4] = int(yearly[d] * quarter_shares[4] * 1.02 / 4)
        # A pair that trades in one quarter tends to trade in the others: shared noise + own noise.
        persistent = rng.gumbel(size=log_pairs.size)
        for period, share in enumerate(apportion(int(rows_per_dep[d]), np.ones(5))):
            n_rows = min(int(share), possible)
            keys = log_pairs + persistent + 0.5 * rng.gumbel(size=log_pairs.size)
            chosen = np.argpartition(-keys, n_rows - 1)[:n_rows]
            raw = np.exp(log_pairs[chosen] - log_pairs[chosen].max()) * rng.lognormal(0.0, 1.0, n_rows)
            value = apportion(int(values[period]), raw)
            cpf4, partner = np.divmod(chosen, n_partners)
            mass = np.round(value / (eur_per_kg[cpf4] * rng.lognormal(0.0, 0.4, n_rows)))
            mass[no_mass[cpf4] | (rng.random(n_rows) < 0.005)] = np.nan
            chunks.append(_Rows(np.full(n_rows, period), np.full(n_rows, d), cpf4, partner, value, mass))
        progress(flow_index * n_deps + d + 1, 2 * n_deps, "Données fictives")
    rows = _Rows(*(np.concatenate([getattr(c, f) for c in chunks]) for f in _Rows.__dataclass_fields__))
    order = np.lexsort((rows.partner, rows.cpf4, rows.dep, rows.period))
    return _Rows(*(getattr(rows, f)[order] for f in _Rows.__dataclass_fields__))


def _data_text(flow: str, year: int, rows: _Rows, codes: _Codes) -> bytes:
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


def _partner_rows(codes: _Codes) -> list[tuple[object, ...]]:
    names = Locale("fr").territories
    current_from = {code: start for code, _, _, _, start in samplecodes.PARTNER_OLD_ROWS}
    rows: list[tuple[object, ...]] = [
        (code, samplecodes.PARTNER_LABELS.get(code) or names[code], current_from.get(code, 190001), _STILL_VALID)
        for code in codes.partners
    ]
    rows += [(code, label, start, end) for code, label, start, end, _ in samplecodes.PARTNER_OLD_ROWS]
    return sorted(rows, key=lambda row: (row[0], row[2]))


def _label_members(codes: _Codes) -> dict[str, bytes]:
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


def write_sample(
    out_dir: Path,
    *,
    year: int = 2024,
    seed: int = 0,
    rows_per_flow: int = DEFAULT_ROWS_PER_FLOW,
    progress: ProgressCallback = silent,
) -> Path:
    """Write a synthetic DGDDI regional zip into ``out_dir`` and return its path; the same
    arguments always give the same bytes (fixed seed, fixed zip timestamps)."""
    codes = _codes()
    members: dict[str, bytes] = {}
    for flow in (EXPORT, IMPORT):
        rows = _generate_flow(flow, year, seed, rows_per_flow, codes, progress)
        members[DATA_MEMBERS[flow]] = _data_text(flow, year, rows, codes)
    members.update(_label_members(codes))
    members[SAMPLE_MARKER] = MARKER_TEXT.encode("utf-8")

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / sample_zip_name(year)
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
