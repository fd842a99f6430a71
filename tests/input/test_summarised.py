"""A release summed per flow, year, quarter and département: what a build reads of a series year."""

from __future__ import annotations

import math

from officereport.input import combine
from tradefactory import typed_trade


def test_values_and_masses_are_summed_per_flow_year_quarter_and_departement():
    trade = typed_trade([
        ("E", 2022, 1, "43", "C29A", "DE", 100),
        ("E", 2022, 1, "43", "C10A", "US", 250),
        ("I", 2022, 1, "43", "C21Z", "CN", 70),
        ("E", 2022, 2, "43", "C28A", "IT", 5),
        ("E", 2022, 1, "69", "C29A", "BE", 1_000_000_000_001),
        ("E", 2021, 1, "43", "C29A", "DE", 9),
    ])
    trade["mass_kg"] = [10.0, math.nan, 3.0, math.nan, 2.0, 1.0]

    summed = combine.summarised(trade)

    got = {(r.flow, r.year, r.quarter, r.dep): (r.value_eur, r.mass_kg, r.a129, r.partner)
           for r in summed.itertuples(index=False)}
    assert got == {
        ("E", 2022, 1, "43"): (350, 10.0, "C29A", "DE"),  # codes of the first row summed; no mass counts as 0
        ("I", 2022, 1, "43"): (70, 3.0, "C21Z", "CN"),
        ("E", 2022, 2, "43"): (5, 0.0, "C28A", "IT"),
        ("E", 2022, 1, "69"): (1_000_000_000_001, 2.0, "C29A", "BE"),
        ("E", 2021, 1, "43"): (9, 1.0, "C29A", "DE"),
    }
    assert set(summed["region"]) == {"18"}  # Haute-Loire and Rhône: Auvergne-Rhône-Alpes, DGDDI's code
    assert summed.dtypes.to_dict() == trade.dtypes.to_dict()
    assert list(summed.columns) == list(trade.columns)


def test_an_empty_table_stays_as_it_is():
    empty = typed_trade([("E", 2022, 1, "43", "C29A", "DE", 1)]).iloc[:0]
    assert combine.summarised(empty) is empty
