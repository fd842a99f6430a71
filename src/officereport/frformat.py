"""Numbers written the French way, for text on slides, in sentences and in the CLI.

Cells keep numbers and a number format; only text needs this. The symbols are babel's (CLDR's
French: a narrow no-break space U+202F groups thousands, a comma marks decimals); a no-break space
(U+00A0) goes before units, so that « 1 070,9 » and « 1,5 % » never break across lines.

Digits are rounded half up on the decimal value, as Excel shows the same figure in a cell (1,05
million -> « 1,1 »), where Python's float formatting would round the binary value. Babel's own
``format_decimal`` gives the same text (a test holds it to that) but costs about ten times more:
21 µs a number against 4 µs, some 11 ms on a deck of 100 ms that writes 600 numbers.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_decimal_symbol, get_group_symbol

LOCALE = "fr_FR"
THOUSANDS = get_group_symbol(LOCALE)
NBSP = "\u00a0"
_SYMBOLS = str.maketrans({",": THOUSANDS, ".": get_decimal_symbol(LOCALE)})


def number(value: float, decimals: int = 0) -> str:
    """``1070.94, 1`` -> ``1 070,9``; ``-2.5, 1`` -> ``-2,5``."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}".translate(_SYMBOLS)


def millions(value_eur: float, decimals: int = 1) -> str:
    """Euros as millions: ``1_070_900_000`` -> ``1 070,9``."""
    return number(value_eur / 1e6, decimals)


def millions_of_euros(value_eur: float, decimals: int = 1) -> str:
    """``1_070_900_000`` -> ``1 070,9 millions d'euros``."""
    return f"{millions(value_eur, decimals)}{NBSP}millions d'euros"


def meur(value_eur: float, decimals: int = 1) -> str:
    """``1_070_900_000`` -> ``1 070,9 M€``."""
    return f"{millions(value_eur, decimals)}{NBSP}M€"


def percent(value_pct: float, decimals: int = 1) -> str:
    """A value already in percent: ``1.5`` -> ``1,5 %``."""
    return f"{number(value_pct, decimals)}{NBSP}%"


def share_decimals(value_pct: float) -> int:
    """Decimals that keep a small share readable, as the publication does (1,5 % but 0,18 %)."""
    return 1 if abs(value_pct) >= 1 else 2
