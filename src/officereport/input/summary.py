"""What ``officereport check`` shows of loaded data: coverage, volumes, totals, unknown codes, sources,
and for a folder of several releases where each year comes from and how overlapping quarters differ."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from officereport import frformat
from officereport.input import labels
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, TradeData

if TYPE_CHECKING:  # releases imports the loader, which imports this module
    from officereport.input.releases import ReleaseSet


def summarize(data: TradeData) -> dict:
    """Years and their quarters per flow, rows, départements, totals per flow, codes without label."""
    trade = data.trade
    quarters = data.quarters_by_year()
    complete = set(data.complete_years())
    by_flow = {flow: data.quarters_by_year(flow) for flow in (EXPORT, IMPORT)}
    totals = trade.groupby(["year", "flow"], observed=True)["value_eur"].sum()
    rows_per_flow = trade["flow"].value_counts()
    unknown = {
        column: len(labels.codes_without_label(trade[column].unique(), getattr(data.labels, kind)))
        for column, kind in (("a129", "a129"), ("cpf4", "cpf4"), ("partner", "partners"))
    }
    return {
        "is_sample": data.is_sample,
        "years": [
            {"year": year, "quarters": qs, "complete": year in complete, "missing_quarters": {
                flow: [q for q in (1, 2, 3, 4) if q not in by_flow[flow].get(year, [])] for flow in (EXPORT, IMPORT)
            }}
            for year, qs in sorted(quarters.items())
        ],
        "rows_per_flow": {flow: int(rows_per_flow.get(flow, 0)) for flow in (EXPORT, IMPORT)},
        "departements": int(trade["dep"].nunique()),
        "totals_eur": {
            year: {flow: int(totals.get((year, flow), 0)) for flow in (EXPORT, IMPORT)} for year in sorted(quarters)
        },
        "unknown_codes": unknown,
        "sources": [asdict(source) for source in data.sources],
        "warnings": list(data.warnings),
    }


def summarize_releases(loaded: ReleaseSet) -> dict:
    """:func:`summarize` of a data folder's releases: each year names the release it comes from,
    every release is listed with its fingerprint, and the quarters held twice say how they differ."""
    summary = summarize(loaded.data)
    for year in summary["years"]:
        year["release"] = loaded.year_release[year["year"]].name
    summary["releases"] = [
        {"name": r.name, "files": [{"name": name, "sha256": sha256} for name, sha256 in r.files],
         "complete_years": list(r.complete_years),
         "years_used": [y for y, used in sorted(loaded.year_release.items()) if used is r]}
        for r in loaded.releases
    ]
    summary["revisions"] = [
        {**asdict(r), "difference_eur": r.difference_eur,
         "difference_pct": None if r.difference_pct is None else round(r.difference_pct, 2)}
        for r in loaded.revisions
    ]
    return summary


def release_lines(summary: dict) -> list[str]:
    """The French lines ``check`` prints about releases: where each year comes from, what differs."""
    lines = ["Publication retenue pour chaque année (la plus récente qui la contient entière) :"]
    lines += [
        f"  {year['year']} : {year['release']}"
        + ("" if year["complete"] else " (incomplète partout : la plus récente qui en contient une partie)")
        for year in summary["years"]
    ]
    if summary["revisions"]:
        lines.append("Trimestres présents dans plusieurs publications (révisions) :")
    for r in summary["revisions"]:
        pct = "" if r["difference_pct"] is None else f" ({_signed(r['difference_pct'], 2)}{frformat.NBSP}%)"
        lines.append(
            f"  {r['year']} T{r['quarter']} {FLOW_NAMES[r['flow']].lower()} : {frformat.meur(r['used_eur'])} dans "
            f"{r['used']} (retenue), {frformat.meur(r['other_eur'])} dans {r['other']} : "
            f"écart {_signed(r['difference_eur'] / 1e6, 1)}{frformat.NBSP}M€{pct}"
        )
    return lines


def _signed(value: float, decimals: int) -> str:
    return ("+" if value > 0 else "") + frformat.number(value, decimals)
