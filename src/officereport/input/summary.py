"""What ``officereport check`` shows of loaded data: coverage, volumes, totals, unknown codes, sources."""

from __future__ import annotations

from dataclasses import asdict

from officereport.input import labels
from officereport.model import EXPORT, IMPORT, TradeData


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
