"""The indicators of « Les indicateurs clés : commerce extérieur »: typed results (``results``)
computed for every département, region and France in one vectorised pass (``compute``)."""

from officereport.indicators.compute import TOP_FLOWS, TOP_N, compute_departement, compute_national
from officereport.indicators.results import (
    AreaIndicators,
    DepartementIndicators,
    FlowGrid,
    FlowView,
    Names,
    NationalIndicators,
    Scope,
    Totals,
    rows,
)

__all__ = [
    "TOP_FLOWS",
    "TOP_N",
    "AreaIndicators",
    "DepartementIndicators",
    "FlowGrid",
    "FlowView",
    "Names",
    "NationalIndicators",
    "Scope",
    "Totals",
    "compute_departement",
    "compute_national",
    "rows",
]
