"""One département's indicators as plain JSON-ready data (``officereport show --json``).

Amounts are integers in euros, shares are percentages; every row keeps its codes. Without the
previous year's data, ``previous_year`` and every previous value and change are null (the keys
stay, so that readers of the JSON see one shape).
"""

from __future__ import annotations

import dataclasses

from officereport.indicators import DepartementIndicators, FlowView
from officereport.model import EXPORT, IMPORT


def _flow_rows(view: FlowView) -> list[dict]:
    return [
        {
            "source_code": r.source_code,
            "source": r.source_name,
            "target_code": r.target_code,
            "target": r.target_name,
            "value_eur": int(r.value_eur),
            "top5": bool(r.top5),
        }
        for r in view.table.itertuples(index=False)
    ]


def _area(name: str, exports: int, imports: int, export_view: FlowView, import_view: FlowView) -> dict:
    return {
        "name": name,
        "exports_eur": exports,
        "imports_eur": imports,
        "export_flows": _flow_rows(export_view),
        "import_flows": _flow_rows(import_view),
    }


def departement_json(ind: DepartementIndicators) -> dict:
    t = ind.totals
    dep = ind.departement
    evo = ind.evolution
    change = evo.totals if evo else None
    partners_before = {p.code: p for p in evo.partners} if evo else {}
    products_before = {(p.flow, p.a129): p.value_eur_previous for p in evo.products} if evo else {}

    def before(code: str, field: str) -> int | None:
        row = partners_before.get(code)
        return getattr(row, field) if row else None

    return {
        "year": ind.year,
        "previous_year": evo.previous_year if evo else None,
        "departement": {"code": dep.code, "insee_code": dep.insee_code, "name": dep.name},
        "region": {"code": dep.region_code, "insee_code": dep.region.insee_code, "name": dep.region.name},
        "totals": {
            "exports_eur": t.exports_eur,
            "imports_eur": t.imports_eur,
            "balance_eur": t.balance_eur,
            "export_share_of_region_pct": t.share_of_region_pct(EXPORT),
            "import_share_of_region_pct": t.share_of_region_pct(IMPORT),
            "export_share_of_france_pct": t.share_of_france_pct(EXPORT),
            "import_share_of_france_pct": t.share_of_france_pct(IMPORT),
            "exports_eur_previous": change.exports_eur_previous if change else None,
            "imports_eur_previous": change.imports_eur_previous if change else None,
            "exports_change_pct": change.exports_change_pct if change else None,
            "imports_change_pct": change.imports_change_pct if change else None,
        },
        "partners": [
            {
                "code": r.partner,
                "name": r.partner_name,
                "imports_eur": int(r.imports_eur),
                "exports_eur": int(r.exports_eur),
                "balance_eur": int(r.balance_eur),
                "exports_eur_previous": before(r.partner, "exports_eur_previous"),
                "imports_eur_previous": before(r.partner, "imports_eur_previous"),
            }
            for r in ind.partners.itertuples(index=False)
        ],
        "activities": [
            {"flow": r.flow, "a129": r.a129, "name": r.a129_name, "value_eur": int(r.value_eur),
             "share_pct": float(r.share_pct), "value_eur_previous": products_before.get((r.flow, r.a129))}
            for r in ind.activities.itertuples(index=False)
        ],
        "dependency": dataclasses.asdict(ind.dependency) if ind.dependency else None,
        "export_flows": _flow_rows(ind.export_flows),
        "import_flows": _flow_rows(ind.import_flows),
        "region_comparison": _area(ind.region.scope.name, ind.region.exports_eur, ind.region.imports_eur,
                                   ind.region.export_flows, ind.region.import_flows),
        "france_comparison": _area(ind.france.scope.name, ind.france.exports_eur, ind.france.imports_eur,
                                   ind.france.export_flows, ind.france.import_flows),
    }
