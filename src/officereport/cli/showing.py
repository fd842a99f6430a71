"""``officereport show``: one département's indicators, in words or as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from officereport.cli import settings
from officereport.cli.frenchargs import INTEGER
from officereport.model import DEFAULT_FOCUS, EXPORT, IMPORT

SHOWN_ROWS = 5  # rows per list in the text output; --json gives them all


def departement_code(text: str) -> str:
    """A DGDDI département code from a DGDDI or INSEE one (``974`` -> ``9D``)."""
    from officereport.input import geography

    code = text.strip().upper()
    if code in geography.DEPARTEMENTS:
        return code
    try:
        return geography.dgddi_from_insee_departement(code)
    except KeyError:
        raise argparse.ArgumentTypeError(f"département inconnu : {text} (exemples : 43, 2A, 974)") from None


def add_show(sub) -> None:
    parser = settings.command_parser(
        sub, "show",
        "Afficher les indicateurs d'un département : totaux et parts, pays partenaires, activités "
        "(A129), flux à l'export et à l'import avec les comparaisons région et France.",
        ["officereport show --dep 43", "officereport show --year 2024 --dep 974 --json",
         "officereport show --dep 43 --focus DE"],
    )
    settings.input_options(parser)
    parser.add_argument("--dep", type=departement_code, required=True, metavar="CODE",
                        help="code département DGDDI ou INSEE (43, 2A, 974, 9D)")
    parser.add_argument("--year", type=INTEGER, metavar="ANNÉE", help="année (défaut : la dernière année complète)")
    parser.add_argument("--json", action="store_true", help="tous les indicateurs en JSON (euros, parts en %%)")
    settings.focus_option(parser, publishes=False)


def chosen_year(data, year: int | None) -> tuple[int, list[int] | None]:
    """The year to show and, when it is incomplete, its quarters; an absent year is refused."""
    from officereport.build import latest_complete_year

    if year is None:
        return latest_complete_year(data), None
    present = data.quarters_by_year()
    complete = data.complete_years()
    if year not in present:
        listed = ", ".join(map(str, complete)) or "aucune"
        raise settings.CommandError(f"l'année {year} est absente des données ; années complètes : {listed}")
    return year, (None if year in complete else list(present[year]))


def run_show(args: argparse.Namespace) -> int:
    from officereport.indicators import compute_departement, previous_year_data
    from officereport.showjson import departement_json

    config = settings.resolve(args)
    data = settings.load(args, config).data
    year, partial = chosen_year(data, args.year)
    with settings.focus_named(args, config):
        ind = compute_departement(data, year, args.dep, previous=previous_year_data(data, year),
                                  focus=config.focus or DEFAULT_FOCUS)
    if partial:
        print(f"ATTENTION : {incomplete_mark(partial)} : les totaux ne couvrent pas l'année entière", file=sys.stderr)
    if args.json:
        print(json.dumps({"is_sample": data.is_sample, "complete_year": partial is None,
                          "quarters": partial or [1, 2, 3, 4], **departement_json(ind)},
                         ensure_ascii=False, indent=2))
        return 0
    print("\n".join(text_lines(ind, partial)))
    return 0


def incomplete_mark(quarters: list[int]) -> str:
    """« ANNÉE INCOMPLÈTE : T1 seulement »."""
    return f"ANNÉE INCOMPLÈTE : {', '.join(f'T{q}' for q in quarters)} seulement"


def text_lines(ind, partial: list[int] | None) -> list[str]:
    """The département in words: totals, then each list of the help's promise in a few lines."""
    from officereport import frformat, wording
    from officereport.wording.evolution import show_lines

    t = ind.totals
    lines = [f"{wording.departement_label(ind.departement)} — {ind.year}"]
    if partial:
        lines.append(incomplete_mark(partial))
    euros = {name: f"{frformat.number(v)}{frformat.NBSP}€" for name, v in
             (("exportations", t.exports_eur), ("importations", t.imports_eur), ("solde", t.balance_eur))}
    lines.append(" ; ".join(f"{name} : {value}" for name, value in euros.items()).capitalize())
    region = ind.departement.region
    lines += [wording.total_with_shares(EXPORT, t, region), wording.total_with_shares(IMPORT, t, region),
              wording.balance_sentence(t), "Principaux pays partenaires :"]
    for row in ind.partners.head(SHOWN_ROWS).itertuples(index=False):
        lines.append(f"  {row.partner_name} : importations {frformat.meur(row.imports_eur)}, "
                     f"exportations {frformat.meur(row.exports_eur)}, solde {frformat.meur(row.balance_eur)}")
    for flow in (EXPORT, IMPORT):
        lines.append(f"Principales activités à {wording.FLOW_WORDS[flow][2]} (A129) :")
        activities = ind.activities[ind.activities["flow"] == flow].nlargest(SHOWN_ROWS, "value_eur")
        for row in activities.itertuples(index=False):
            lines.append(f"  {row.a129_name} : {frformat.meur(row.value_eur)} ({wording.share(row.share_pct)})")
    for flow, view in ((EXPORT, ind.export_flows), (IMPORT, ind.import_flows)):
        lines.append(f"Principaux flux à {wording.FLOW_WORDS[flow][2]} "
                     f"({'produit -> pays' if flow == EXPORT else 'pays -> produit'}) :")
        lines += [f"  {row}" for row in _top_flows(view)]
    lines.append("Comparaisons (premier flux de chaque sens) :")
    for area in (ind.region, ind.france):
        first_export = (_top_flows(area.export_flows, 1) or ["aucun"])[0]
        first_import = (_top_flows(area.import_flows, 1) or ["aucun"])[0]
        lines.append(f"  {area.scope.name} : exportations {frformat.meur(area.exports_eur)} ({first_export}) ; "
                     f"importations {frformat.meur(area.imports_eur)} ({first_import})")
    return lines + show_lines(ind)


def _top_flows(view, count: int = SHOWN_ROWS) -> list[str]:
    from officereport import frformat
    from officereport.model import OTHERS_CODE

    # « Autres » gathers what the top 10 leave out: not a flow one can name.
    named = view.table[(view.table["source_code"] != OTHERS_CODE) & (view.table["target_code"] != OTHERS_CODE)]
    table = named.nlargest(count, "value_eur")
    return [f"{row.source_name} -> {row.target_name} : {frformat.meur(row.value_eur)}"
            for row in table.itertuples(index=False)]


COMMANDS = {"show": (add_show, run_show)}
