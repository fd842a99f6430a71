"""scopes: the trade summed per scope, checked against sums over the raw rows written out by hand."""

from __future__ import annotations

from collections import Counter

from officereport import codesum, scopes
from officereport.model import EXPORT as E
from officereport.model import IMPORT as I
from productfactory import trade_data

# (flow, year, quarter, dep, a129, cpf4, partner, value_eur)
ROWS = [
    (E, 2024, 1, "43", "C10", "1011", "DE", 100),
    (E, 2024, 2, "43", "C10", "1011", "DE", 50),  # same cell, another quarter: summed
    (E, 2024, 1, "43", "C10", "1011", "US", 7),
    (I, 2024, 1, "63", "C20", "2120", "US", 30),
    (I, 2024, 3, "69", "C20", "2120", "US", 12),
    (E, 2024, 4, "69", "C29", "2910", "IT", 0),  # no value: left out
    (E, 2023, 1, "43", "C10", "1011", "DE", 999),  # another year
]
# Overlapping scopes, one with a département that has no trade, one with none in the data.
SCOPES = {"auv": ("43", "63"), "lyon+43": ("69", "43"), "01": ("01",)}
KEYS = ["flow", "a129", "partner"]


def expected(rows, scope_map, keys_at):
    """Σ value per (scope, key) straight from the rows, each row counted in every scope holding its département."""
    sums = Counter()
    for row in rows:
        flow, year, _, dep, a129, cpf4, partner, value = row
        if year != 2024 or value == 0:
            continue
        cell = {"flow": flow, "a129": a129, "cpf4": cpf4, "partner": partner}
        for scope, deps in scope_map.items():
            if dep in deps:
                sums[(scope, *(cell[k] for k in keys_at))] += value
    return dict(sums)


def as_dict(table, keys_at):
    return {tuple(r[:-1]): r[-1] for r in table[["scope", *keys_at, "value_eur"]].itertuples(index=False)}


def test_scoped_cube_counts_each_row_in_every_scope_of_its_departement():
    table = scopes.scoped_cube(trade_data(ROWS).trade, [2024], SCOPES, KEYS)
    assert as_dict(table, KEYS) == expected(ROWS, SCOPES, KEYS)
    assert as_dict(table, KEYS)[("lyon+43", E, "C10", "DE")] == 150
    assert "01" not in set(table["scope"])
    assert str(table["value_eur"].dtype) == "int64"


def test_by_scope_of_a_text_cube_equals_the_scoped_cube():
    data = trade_data(ROWS)
    by_text = scopes.by_scope(scopes.cube(data.trade, [2024], KEYS), SCOPES, KEYS)
    assert as_dict(by_text, KEYS) == as_dict(scopes.scoped_cube(data.trade, [2024], SCOPES, KEYS), KEYS)


def test_rolled_up_sums_over_the_keys_left_out():
    detailed = scopes.scoped_cube(trade_data(ROWS).trade, [2024], SCOPES, ["flow", "cpf4", "partner"])
    assert as_dict(scopes.rolled_up(detailed, ["scope", "flow", "partner"]), ["flow", "partner"]) == expected(
        ROWS, SCOPES, ["flow", "partner"])


def test_an_empty_year_gives_an_empty_table():
    table = scopes.scoped_cube(trade_data(ROWS).trade, [2019], SCOPES, KEYS)
    assert len(table) == 0 and list(table.columns) == ["scope", *KEYS, "value_eur"]


def test_keys_too_many_to_count_at_once_are_renumbered_on_the_way(monkeypatch):
    # A key space of 8 cells forces a renumbering before almost every column: same sums, same codes.
    monkeypatch.setattr(codesum, "_DENSE_KEYS", 8)
    keys = ["flow", "a129", "cpf4", "partner"]
    table = scopes.scoped_cube(trade_data(ROWS).trade, [2024], SCOPES, keys)
    assert as_dict(table, keys) == expected(ROWS, SCOPES, keys)


def test_coded_cube_keeps_codes_as_categories_and_sums_like_the_text_one():
    data = trade_data(ROWS)
    coded = scopes.cube(data.trade, [2024], KEYS, coded=True)
    assert all(str(coded[col].dtype) == "category" for col in ["dep", *KEYS])
    text = scopes.cube(data.trade, [2024], KEYS)
    assert coded.astype({col: object for col in ["dep", *KEYS]}).equals(text)
    assert text.groupby("dep")["value_eur"].sum().to_dict() == {"43": 100 + 50 + 7, "63": 30, "69": 12}
