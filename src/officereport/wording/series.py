"""Sentences about a yearly series of exports, imports and balance, for workbooks and decks alike."""

from __future__ import annotations

from collections.abc import Sequence

from officereport import frformat
from officereport.evolution import MIN_SERIES_YEARS, YearTotals
from officereport.wording.evolution import change_between
from officereport.wording.figures import balance_verdict

TABLE_TITLE = "Série annuelle"
SERIES_KEY = (
    "Clé de lecture : chaque point donne le total d'une année complète, en millions d'euros : exportations en "
    "violet, importations en bleu, solde (exportations moins importations) en gris, excédentaire au-dessus de "
    "zéro, déficitaire en dessous."
)


def series_title(points: Sequence[YearTotals]) -> str:
    """« Exportations et importations depuis 2021 »."""
    return f"Exportations et importations depuis {points[0].year}"


def too_few_years(years: Sequence[int]) -> str:
    """Why a workbook shows no series: « … ; données présentes : 2023, 2024. »"""
    present = ", ".join(map(str, years)) or "aucune"
    return (f"Série annuelle : {MIN_SERIES_YEARS} années complètes au moins sont nécessaires ; "
            f"données présentes : {present}.")


def _signed(value_eur: int) -> str:
    """A balance in millions, its sign always written: « +1,3 », « -0,9 »."""
    return ("+" if value_eur > 0 else "") + frformat.millions(value_eur)


def series_sentences(points: Sequence[YearTotals]) -> list[str]:
    """The first year against the last, per flow, then the balance: the series in three sentences."""
    first, last = points[0], points[-1]
    lines = [f"{what} : {frformat.meur(a)} en {first.year}, {frformat.meur(b)} en {last.year} ({change_between(b, a)})."
             for what, a, b in (("Exportations", first.exports_eur, last.exports_eur),
                                ("Importations", first.imports_eur, last.imports_eur))]
    lines.append(f"Solde : {_signed(first.balance_eur)}{frformat.NBSP}M€ en {first.year} ({balance_verdict(first.balance_eur)}), "
                 f"{_signed(last.balance_eur)}{frformat.NBSP}M€ en {last.year} ({balance_verdict(last.balance_eur)}).")
    return lines


def series_description(points: Sequence[YearTotals]) -> str:
    """The figures an alternative text gives: the sentences of ``series_sentences`` on one line."""
    return (f"Courbes des exportations, des importations et du solde, de {points[0].year} à {points[-1].year}, en "
            f"millions d'euros. " + " ".join(series_sentences(points)))


def series_notes(points: Sequence[YearTotals]) -> list[str]:
    """Every year's figures, for the speaker notes."""
    return ["Exportations / importations / solde par année (M€) :",
            *(f"- {p.year} : {frformat.millions(p.exports_eur)} / {frformat.millions(p.imports_eur)} / "
              f"{_signed(p.balance_eur)}" for p in points)]
