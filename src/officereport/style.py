"""The house style shared by workbooks and decks: one palette, the number formats, chart axis rounding.

Colours are ``RRGGBB`` strings, the form OOXML stores in both file kinds; XlsxWriter takes them
through ``css()`` (``#RRGGBB``). One value per role, so that a workbook and a deck show the same
blue, violet, green and red: imports blue, exports violet, a surplus green, a deficit and the five
largest flows red, as the publication draws them. No other module spells a colour.
"""

from __future__ import annotations

import math

from officereport.model import EXPORT, IMPORT

# --- Palette ------------------------------------------------------------------------------------
IMPORT_BLUE = "2A5CAA"
EXPORT_VIOLET = "7B3F9E"
FLOW_COLOURS = {IMPORT: IMPORT_BLUE, EXPORT: EXPORT_VIOLET}
SURPLUS = "2E8B3E"  # 4.3:1 on white, the darker of the two greens the renderers had
RED = "D62828"  # deficits and the five largest flows: « en rouge » in every reading key
DEFICIT = TOP_FLOW = RED
BALANCE_LINE = "404040"  # a yearly series' balance, a line read against zero (its sign changes over the years)

TITLE = "000091"  # titles, as in the slide template
INK = "1E1E1E"  # running text and reading keys
SUBTITLE = "404040"
MUTED = "5A5A5A"  # sources, notes, « Aucun échange »
WARNING = "CE0500"  # the sample-data warning
WHITE = "FFFFFF"
HEADER_FILL = "E7E6EF"  # table headers, for readers that ignore table styles
GRID = "D9D9D9"  # chart gridlines
OTHERS_GREY = "B5B0AC"  # « Autres » in stacked bars

# The flow matrix heat map: white to a light tint of the flow's colour, so red cells stand out.
HEAT_LOW = WHITE
HEAT_HIGH = {IMPORT: "8FB4E3", EXPORT: "C3A3D9"}

# The Sankey diagram: dark nodes, translucent grey ribbons, the five largest flows red on top.
SANKEY_NODE = "3E4A5C"
SANKEY_RIBBON, SANKEY_RIBBON_ALPHA = "9FB0C3", 55
SANKEY_TOP_ALPHA = 80

# Ten distinguishable series colours without red, which is kept for the top flows.
SERIES_COLOURS = (
    "4E79A7", "F28E2B", "59A14F", "76B7B2", "EDC948",
    "B07AA1", "FF9DA7", "9C755F", "86BCB6", "D4A6C8",
)


def css(colour: str) -> str:
    """``2A5CAA`` -> ``#2A5CAA``, the form XlsxWriter validates."""
    return f"#{colour}"


# --- Number formats -----------------------------------------------------------------------------
# Workbook cells hold euros and show millions: the two trailing commas of ``#,##0.0,,`` divide by a
# million at display time. Formats are stored US-style; Excel and LibreOffice show them with the
# reader's separators (``1 070,9`` on a French system). Shares are stored as fractions.
MEUR = '#,##0.0,, "M€"'
MEUR_BARE = "#,##0.0,,"  # matrix cells and data labels, where the unit is in the title
PCT = "0.0%"
PCT_SMALL = "0.00%"  # shares of France are often below 1 %
INTEGER = "#,##0"
DATETIME = "dd/mm/yyyy hh:mm"
# Deck charts hold values already in millions of euros (their data sheet is read by people).
MILLIONS = "#,##0.0;-#,##0.0"
MILLIONS_NO_SIGN = "#,##0;#,##0"
MILLIONS_SIGNED = '"+"#,##0.0;"−"#,##0.0;0'  # a balance: its sign says surplus or deficit without colour


def as_fraction(value_pct: float | None) -> float | None:
    """A value in % (a share, a change) as a cell or a chart stores it under ``PCT``: a fraction; None
    (nothing to compute) stays None."""
    return None if value_pct is None else value_pct / 100


# --- Chart axes ---------------------------------------------------------------------------------
def axis_limit(largest: float) -> tuple[float, float]:
    """A round axis bound at or above ``largest`` and its major unit (1, 2 or 5 × 10^n), about five
    steps at most: the same rounding for a workbook's chart (in euros) and a deck's (in millions)."""
    value = largest if largest > 0 else 1.0
    exponent = math.floor(math.log10(value / 4))
    unit = 10**exponent
    for step in (1, 2, 5, 10):
        if value / (step * unit) <= 5:
            unit *= step
            break
    limit = math.ceil(value / unit) * unit
    if exponent < 0:  # below one, round away the binary noise of 0.1 × 3
        return round(limit, 1 - exponent), round(unit, 1 - exponent)
    return limit, unit


def axis_bounds(low: float, high: float) -> tuple[float, float, float]:
    """Minimum, maximum and major unit of a value axis from ``low`` (0 or below) to ``high``: whole
    steps of :func:`axis_limit`'s unit on either side of zero, as a workbook's and a deck's charts draw
    signed values (a balance)."""
    _, unit = axis_limit(max(abs(low), abs(high)))
    minimum = math.floor(low / unit) * unit if low < 0 else 0
    maximum = math.ceil(high / unit) * unit if high > 0 else 0 if low < 0 else unit
    if unit < 1:  # round away the binary noise of 0.1 × 3
        minimum, maximum = round(minimum, 6), round(maximum, 6)
    return minimum, maximum, unit


def meur_axis_format(unit_eur: float, *, signed: bool = True) -> str:
    """The format of a workbook axis in M€ whose major unit is ``unit_eur``: whole numbers when the
    steps are whole millions (« 0 50 100 », not « 0,0 50,0 100,0 »), else the decimals a step needs.
    Unsigned for the butterfly, whose imports are stored negative but read as amounts."""
    step = unit_eur / 1e6
    decimals = 0 if step >= 1 else -math.floor(math.log10(step) + 1e-9)
    number = "#,##0" + ("." + "0" * decimals if decimals else "") + ",,"
    return number if signed else f"{number};{number}"


# --- Contrast -----------------------------------------------------------------------------------
MIN_TEXT_CONTRAST = 4.5  # WCAG 2 level AA for body text


def _luminance(colour: str) -> float:
    """WCAG relative luminance of an ``RRGGBB`` colour."""
    channels = []
    for i in (0, 2, 4):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(text: str, fill: str) -> float:
    """WCAG contrast ratio of two ``RRGGBB`` colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((_luminance(text), _luminance(fill)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
