"""The French lines on the change since N-1 and on dependency (``show`` text, workbooks, decks)."""

from officereport import indicators
from officereport.evolution import TotalsChange, YearTotals
from officereport.frformat import NBSP, THOUSANDS
from officereport.model import EXPORT, IMPORT
from officereport.wording import evolution as words
from officereport.wording import series as series_words
from productfactory import CPF4_NAMES, trade_data
from twoyears import CURRENT, PREVIOUS


def test_change_reads_new_without_previous_value():
    assert words.change(None) == "nouveau"
    assert words.change(7.09) == f"+7,1{NBSP}%"
    assert words.change(-20.0) == f"-20,0{NBSP}%"
    assert words.change(0.0) == f"0,0{NBSP}%"


def test_change_sentence():
    totals = TotalsChange.of(1_070_900_000, 0, 1_000_000_000, 0)
    assert words.change_sentence(EXPORT, totals, 2024) == (
        f"Exportations : 1{THOUSANDS}070,9{NBSP}millions d'euros en 2024, contre 1{THOUSANDS}000,0{NBSP}millions "
        f"d'euros en 2023 (+7,1{NBSP}%).")
    # Nothing either year is no « nouveau »: there is nothing new; something after nothing is.
    assert words.change_sentence(IMPORT, totals, 2024) == "Importations : aucun échange ni en 2023 ni en 2024."
    assert words.change_sentence(IMPORT, TotalsChange.of(0, 5_000_000, 0, 0), 2024) == (
        f"Importations : 5,0{NBSP}millions d'euros en 2024, contre 0,0{NBSP}millions d'euros en 2023 (nouveau).")


def test_series_without_imports_either_end_says_so_not_new():
    points = [YearTotals(2022, 4_000_000, 0, 4_000_000), YearTotals(2023, 5_000_000, 1_000_000, 4_000_000),
              YearTotals(2024, 6_000_000, 0, 6_000_000)]
    exports, imports, balance = series_words.series_sentences(points)
    assert exports.endswith(f"en 2024 (+50,0{NBSP}%).")
    assert imports.endswith("en 2024 (aucun échange).") and "nouveau" not in imports
    assert "(excédent)" in balance
    assert words.change_between(5, 0) == "nouveau" and words.change_between(0, 0) == "aucun échange"


def test_show_lines_with_and_without_previous_year():
    nat = indicators.compute_national(trade_data(CURRENT), 2024, previous=trade_data(PREVIOUS))
    lines = words.show_lines(nat.departements["43"])
    assert lines[0] == "Évolution 2023 → 2024 :"
    assert lines[1].endswith(f"(+66,7{NBSP}%).")
    assert f"Pays suivi, Etats-Unis (US) : 20,0{NBSP}% des exportations, 25,0{NBSP}% des importations." in lines[6]
    assert lines[7].strip() == "2 produits remplissent les critères de dépendance."
    assert lines[8].strip() == f"Pétrole brut (0610) : 0,3{NBSP}M€ importés ; première source Chine (90,0{NBSP}%)"
    alone = words.show_lines(indicators.compute_departement(trade_data(CURRENT), 2024, "01"))
    assert alone[0].startswith("L'année 2023 complète ne figure pas")
    assert "aucun échange avec un pays" in alone[3]


def test_the_products_left_out_are_counted_where_all_are_given():
    assert words.more_products_line(18, 5, "dans les notes") == ["… et 13 autres (dans les notes)."]
    assert words.more_products_line(6, 5, "dans les notes") == ["… et 1 autre (dans les notes)."]
    assert words.more_products_line(5, 5, "dans les notes") == []
    rows = [("I", 2024, 1, "43", "C29A", cpf4, "CN", 100_000 * (i + 1)) for i, cpf4 in enumerate(CPF4_NAMES)]
    lines = words.show_lines(indicators.compute_departement(trade_data(rows), 2024, "43"))
    assert lines[-7].strip() == "6 produits remplissent les critères de dépendance."
    assert lines[-1].strip() == "… et 1 autre (liste complète avec --json)."
