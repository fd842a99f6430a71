"""Loaded data of several releases made into one: trade tables, labels, sources and warnings."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from officereport.codesum import codes_of, grouped
from officereport.input import labels
from officereport.model import LabelRow, Labels, TradeData


def concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The tables as one, each code column over the sorted union of the categories they hold.

    Concatenating categoricals of different categories would give plain object columns. A single
    table is given back with a fresh index, its columns untouched.
    """
    if len(tables) == 1:
        return tables[0].reset_index(drop=True)
    unions = {column: sorted(set().union(*(_used_categories(t[column]) for t in tables)))
              for column, dtype in tables[0].dtypes.items() if isinstance(dtype, pd.CategoricalDtype)}
    # Each table's code columns recoded, its other columns as they are: pd.concat makes the one copy.
    recoded = [t.assign(**{column: t[column].cat.set_categories(union) for column, union in unions.items()})
               for t in tables]
    return pd.concat(recoded, ignore_index=True)


def _used_categories(column: pd.Series) -> list[str]:
    """The categories a column's rows hold (a year's slice keeps its release's others); a count, no sort."""
    categories = column.cat.categories
    return categories[np.bincount(column.cat.codes.to_numpy(), minlength=len(categories)) > 0].tolist()


def merged_labels(parts: list[TradeData]) -> Labels:
    """Every part's label rows once; on equal validity, Labels keeps the first part's row."""
    rows_of: dict[str, list[LabelRow]] = {labels.A129: [], labels.CPF4: [], labels.PARTNERS: []}
    for part in parts:
        for kind, rows in rows_of.items():
            seen = set(rows)
            rows.extend(row for row in getattr(part.labels, kind) if row not in seen)
    return Labels(**rows_of)


def label_rows(names: Labels) -> dict[str, list[LabelRow]]:
    """The label rows of each kind that has some, as :func:`labels.coverage_warnings` takes them."""
    return {kind: getattr(names, kind) for kind in (labels.A129, labels.CPF4, labels.PARTNERS)
            if getattr(names, kind)}


def without_label_warnings(data: TradeData) -> TradeData:
    """The data without its warnings about label coverage, to be judged again once labels are
    merged: an annual zip without label files is no news when another release brings them."""
    own = labels.coverage_warnings(data.trade, label_rows(data.labels))
    return replace(data, warnings=[w for w in data.warnings if w not in own])


def relative_sources(data: TradeData, base: Path) -> TradeData:
    """The data with its source names relative to the data folder, as outputs must name them."""
    root = base.resolve()

    def relative(name: str) -> str:
        file, bang, member = name.partition("!")
        with contextlib.suppress(ValueError):  # not under the data folder: keep the name as the loader gave it
            file = Path(file).resolve().relative_to(root).as_posix()
        return f"{file}{bang}{member}"

    return replace(data, sources=[replace(s, name=relative(s.name)) for s in data.sources])


def combined(trade: pd.DataFrame, parts: list[TradeData]) -> TradeData:
    """``trade`` with the labels, sources and warnings of ``parts`` (newest first, passed through
    :func:`without_label_warnings`), and the label coverage of ``trade`` with the merged labels."""
    names = merged_labels(parts)
    return TradeData(
        trade=trade,
        labels=names,
        sources=[s for part in parts[::-1] for s in part.sources],
        warnings=[w for part in parts[::-1] for w in part.warnings] + labels.coverage_warnings(trade, label_rows(names)),
        is_sample=any(part.is_sample for part in parts),
    )


_SUMMARY_KEYS = ["flow", "year", "quarter", "dep", "region"]


def summarised(trade: pd.DataFrame) -> pd.DataFrame:
    """One row per flow, year, quarter and département, its value and mass summed: what a build of
    year N needs of a series year (totals per département, and whether the year is complete),
    in a few hundred rows instead of millions. The product and partner codes are those of the first
    row summed, so that every code is still a labelled one; they mean nothing else."""
    if trade.empty:
        return trade
    summed, group = grouped({col: codes_of(trade[col]) for col in _SUMMARY_KEYS})
    rows = np.arange(len(trade))
    first = np.full(len(summed), len(trade))
    np.minimum.at(first, group, rows)
    for col in ("a129", "cpf4", "partner"):
        summed[col] = trade[col].iloc[first].array
    value, mass = np.zeros(len(summed), dtype=np.int64), np.zeros(len(summed))
    np.add.at(value, group, trade["value_eur"].to_numpy())
    np.add.at(mass, group, np.nan_to_num(trade["mass_kg"].to_numpy(), nan=0.0))  # no mass counts as 0, as in a sum
    summed["value_eur"], summed["mass_kg"] = value, mass
    return summed[list(trade.columns)].astype(trade.dtypes.to_dict())
