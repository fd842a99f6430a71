"""Speaker notes of the deck's chart slides: the figures behind each chart, in words."""

from __future__ import annotations

from officereport import frformat
from officereport.indicators import DepartementIndicators, FlowView, rows
from officereport.model import EXPORT, IMPORT
from officereport.wording.figures import balance_sentence, total_sentence


def flows_notes(view: FlowView) -> list[str]:
    """The total and the five red flows with their values."""
    flows = rows(view.table, "source_name", "target_name", "value_eur", "top5")
    red = sorted((f for f in flows if f[3]), key=lambda f: -f[2])
    lines = [f"{total_sentence(view.flow, view.total_eur)}.", "Les cinq principaux flux :"]
    lines += [f"- {source} → {target} : {frformat.meur(value)}" for source, target, value, _ in red]
    return lines


def partners_notes(dep: DepartementIndicators) -> list[str]:
    lines = ["Importations / exportations / solde par pays (M€) :"]
    lines += [
        f"- {name} : {frformat.millions(imports)} / {frformat.millions(exports)} / {frformat.millions(balance)}"
        for name, imports, exports, balance in rows(dep.partners, "partner_name", "imports_eur", "exports_eur",
                                                    "balance_eur")
    ]
    return lines


def activities_notes(dep: DepartementIndicators, limit: int = 5) -> list[str]:
    lines = []
    for flow, label in ((EXPORT, "exportées"), (IMPORT, "importées")):
        named = [r for r in rows(dep.activities, "flow", "a129_name", "value_eur", "share_pct") if r[0] == flow]
        lines.append(f"Principales activités {label} :")
        lines += [f"- {name} : {frformat.meur(value)} ({frformat.percent(share)})" for _, name, value, share in named[:limit]]
    lines.append(balance_sentence(dep.totals))
    return lines
