"""Numbers written the French way, for text on slides and in sentences.

Cells keep numbers and a number format; only text needs this. A narrow no-break space (U+202F)
groups thousands and a no-break space (U+00A0) goes before units, so that « 1 070,9 » and « 1,5 % »
never break across lines.
"""

from __future__ import annotations

import math

THOUSANDS = "\u202f"
NBSP = "\u00a0"


def number(value: float, decimals: int = 0) -> str:
    """``1070.94, 1`` -> ``1 070,9``; ``-2.5, 1`` -> ``-2,5``."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", THOUSANDS).replace(".", ",")


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
