"""The sample generator's rows: how much each département trades, with whom and in what.

Each département has its own size (the rough table of :mod:`samplesizes` with noise of its own),
product mix and partner mix, drawn from a seed. The département's mixes are structural (the same
every year); what changes from one year to the next is drawn from the seed and the year: the
département's total moves by a few percent with spread, partners' weights shift and some small
partners stop or start trading. The published 2024 totals anchor every year: 2024 equals them to
the euro and the other years drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from officereport.input import samplecodes, samplesizes
from officereport.input.geography import DEPARTEMENTS
from officereport.model import EXPORT, IMPORT
from officereport.progress import ProgressCallback

# Every département-quarter gets at least this many rows, so that small départements still
# show several products and partners.
MIN_ROWS_PER_QUARTER = 8

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
class Codes:
    """The code universe of the sample, in a fixed order that indexes the generated arrays."""

    deps: tuple[str, ...]
    a129_of_cpf4: tuple[str, ...]
    cpf4: tuple[str, ...]
    partners: tuple[str, ...]


def code_universe() -> Codes:
    pairs = sorted((cpf4, a129) for a129, products in samplecodes.CPF4_BY_A129.items() for cpf4 in products)
    partners = sorted({*samplecodes.PARTNER_COUNTRIES, *samplecodes.PARTNER_LABELS})
    return Codes(
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


def _yearly_targets(flow: str, year: int, seed: int, codes: Codes) -> np.ndarray:
    """Each département's yearly value in euros: calibrated on a published year, drifting from it otherwise."""
    column = 0 if flow == EXPORT else 1
    # The size table is rounded (many départements at 1,5 G€): a factor of each one's own, mostly
    # shared by both flows, so that no two départements trade the same amounts.
    own = np.random.default_rng([seed, 104729]).lognormal(0.0, 0.2, len(codes.deps))
    own *= np.random.default_rng([seed, column, 104729]).lognormal(0.0, 0.05, len(codes.deps))
    sizes = np.array([samplesizes.DEP_SIZES_GEUR[d][column] * 1e9 for d in codes.deps]) * own
    calibration = CALIBRATIONS.get(year, {}).get(flow)
    if calibration is not None:
        return _calibrated(sizes, calibration, codes)
    anchor = max(CALIBRATIONS)
    moves = _growth(seed, column, range(min(year, anchor) + 1, max(year, anchor) + 1), len(codes.deps))
    drift = np.exp(moves if year > anchor else -moves)
    return np.round(_calibrated(sizes, CALIBRATIONS[anchor][flow], codes) * drift).astype(np.int64)


def _growth(seed: int, column: int, years: range, n_deps: int) -> np.ndarray:
    """Each département's log-growth summed over ``years``: +2 % a year on average, 6 % of spread."""
    total = np.zeros(n_deps)
    for year in years:
        total += np.random.default_rng([seed, column, year, 15485863]).normal(0.02, 0.06, n_deps)
    return total


def _calibrated(sizes: np.ndarray, calibration: Calibration, codes: Codes) -> np.ndarray:
    """``sizes`` rescaled so that France, the region and the département add up to the published totals."""
    deps = np.array(codes.deps)
    in_region = np.array([DEPARTEMENTS[d].region_code == calibration.region_code for d in codes.deps])
    is_dep = deps == calibration.dep_code
    targets = np.zeros(len(deps), dtype=np.int64)
    targets[is_dep] = calibration.dep
    rest_of_region = in_region & ~is_dep
    targets[rest_of_region] = apportion(calibration.region - calibration.dep, sizes[rest_of_region])
    targets[~in_region] = apportion(calibration.france - calibration.region, sizes[~in_region])
    return targets


def _partner_weights(flow: str, codes: Codes, seed: int) -> np.ndarray:
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


def _product_weights(flow: str, dep: str, codes: Codes, rng: np.random.Generator) -> np.ndarray:
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
class Rows:
    """Generated rows of one flow as parallel index arrays into the code universe."""

    period: np.ndarray  # 0..3 quarters of the year, 4 = first quarter of the next year
    dep: np.ndarray
    cpf4: np.ndarray
    partner: np.ndarray
    value: np.ndarray
    mass: np.ndarray  # float, NaN when the mass is left empty


def generate_flow(
    flow: str, year: int, seed: int, rows_per_flow: int, codes: Codes, progress: ProgressCallback, *, periods: int = 5
) -> Rows:
    """The rows of one flow: the four quarters of ``year``, and with ``periods=5`` the first of the next."""
    n_deps, n_partners = len(codes.deps), len(codes.partners)
    yearly = _yearly_targets(flow, year, seed, codes)
    flow_index = 0 if flow == EXPORT else 1
    spare = rows_per_flow - MIN_ROWS_PER_QUARTER * periods * n_deps
    if spare < n_deps:
        raise ValueError(f"au moins {(MIN_ROWS_PER_QUARTER * periods + 1) * n_deps} lignes par flux (--rows-per-flow)")
    # Bigger départements trade more distinct products with more partners, less than proportionally.
    rows_per_dep = apportion(spare, yearly.astype(float) ** 0.7) + MIN_ROWS_PER_QUARTER * periods
    national_partners = np.log(_partner_weights(flow, codes, seed))
    eur_per_kg = np.array([samplesizes.EUR_PER_KG.get(a, 5.0) for a in codes.a129_of_cpf4])
    no_mass = np.array([a == "D35A" for a in codes.a129_of_cpf4])
    main = set(samplesizes.MAIN_PARTNERS) | set(samplesizes.NON_COUNTRY_SHARES)
    small_partner = np.array([p not in main for p in codes.partners])

    chunks: list[Rows] = []
    for d, dep in enumerate(codes.deps):
        rng = np.random.default_rng([seed, flow_index, d])  # the département's structure: the same every year
        this_year = np.random.default_rng([seed, flow_index, d, year])  # what changes from year to year
        with np.errstate(divide="ignore"):
            log_products = np.log(_product_weights(flow, dep, codes, rng))
        # A département's partners are mostly the same at export and at import: shared noise, then a little of the flow's own.
        shared = np.random.default_rng([seed, d, 31]).normal(0.0, 0.7, n_partners)
        log_partners = national_partners + shared + rng.normal(0.0, 0.3, n_partners)
        persistent = rng.gumbel(size=log_products.size * n_partners)
        # This year: products and partners weigh a little more or less, a few small partners do not trade.
        log_products = log_products + this_year.normal(0.0, 0.1, log_products.size)
        log_partners = log_partners + this_year.normal(0.0, 0.15, n_partners)
        log_partners[small_partner & (this_year.random(n_partners) < 0.05)] = -np.inf
        log_pairs = (log_products[:, None] + log_partners[None, :]).ravel()
        possible = int(np.isfinite(log_pairs).sum())
        # Quarter values: the year split unevenly, then next year's first quarter a little higher.
        quarter_shares = this_year.normal(1.0, 0.05, 5)
        values = np.empty(5, dtype=np.int64)
        values[:4] = apportion(int(yearly[d]), quarter_shares[:4])
        values[4] = int(yearly[d] * quarter_shares[4] * 1.02 / 4)
        # A pair that trades in one quarter tends to trade in the others: shared noise + own noise.
        for period, share in enumerate(apportion(int(rows_per_dep[d]), np.ones(periods))):
            n_rows = min(int(share), possible)
            keys = log_pairs + persistent + 0.5 * this_year.gumbel(size=log_pairs.size)
            chosen = np.argpartition(-keys, n_rows - 1)[:n_rows]
            raw = np.exp(log_pairs[chosen] - log_pairs[chosen].max()) * this_year.lognormal(0.0, 1.0, n_rows)
            value = apportion(int(values[period]), raw)
            cpf4, partner = np.divmod(chosen, n_partners)
            mass = np.round(value / (eur_per_kg[cpf4] * this_year.lognormal(0.0, 0.4, n_rows)))
            mass[no_mass[cpf4] | (this_year.random(n_rows) < 0.005)] = np.nan
            chunks.append(Rows(np.full(n_rows, period), np.full(n_rows, d), cpf4, partner, value, mass))
        progress(flow_index * n_deps + d + 1, 2 * n_deps, "Données fictives")
    rows = Rows(*(np.concatenate([getattr(c, f) for c in chunks]) for f in Rows.__dataclass_fields__))
    order = np.lexsort((rows.partner, rows.cpf4, rows.dep, rows.period))
    return Rows(*(getattr(rows, f)[order] for f in Rows.__dataclass_fields__))
