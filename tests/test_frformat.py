"""French numbers in text: babel's symbols and babel's digits, rounded half up like an Excel cell."""

from __future__ import annotations

import decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from officereport import frformat

NB, NNB = "\u00a0", "\u202f"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 3))
def test_number_is_what_babel_writes_rounding_half_up(value, decimals):
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        expected = format_decimal(value, "#,##0" + ("." + "0" * decimals if decimals else ""), locale="fr_FR")
    assert frformat.number(value, decimals) == expected


def test_amounts_and_shares_read_the_french_way():
    assert frformat.meur(1_070_900_000) == f"1{NNB}070,9{NB}M€"
    assert frformat.millions_of_euros(-197_800_000) == f"-197,8{NB}millions d'euros"
    assert frformat.millions(1_050_000) == "1,1"  # half up, as Excel shows 1 050 000 with #,##0.0,,
    assert frformat.percent(0.175, frformat.share_decimals(0.175)) == f"0,18{NB}%"
    assert frformat.number(1234567) == f"1{NNB}234{NNB}567"
    with pytest.raises(ValueError, match="not a finite number"):
        frformat.number(float("nan"))
