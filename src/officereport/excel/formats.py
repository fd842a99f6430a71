"""Colours and cell formats shared by every sheet.

Values are stored in euros and shown in millions: the two trailing commas of ``#,##0.0,,`` divide
by a million at display time. Formats are stored US-style; Excel and LibreOffice show them with
the reader's separators (``1 070,9`` on a French system). Shares are stored as fractions.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from officereport.model import EXPORT, IMPORT

MEUR = '#,##0.0,, "M€"'
MEUR_BARE = "#,##0.0,,"  # matrix cells and chart axes, where the unit is in the title
MEUR_NO_SIGN = "#,##0,,;#,##0,,"  # butterfly axis: imports are negative but read as amounts
PCT = "0.0%"
PCT_SMALL = "0.00%"  # shares of France are often below 1 %
DATETIME = "dd/mm/yyyy hh:mm"

# The publication's colours: imports blue, exports violet, balance green or red.
FLOW_COLOURS = {IMPORT: "#2F6DB5", EXPORT: "#7A3E9D"}
SURPLUS = "#2E9A47"
DEFICIT = "#C62828"
TOP_FLOW_RED = "#D7191C"
HEAT_LOW = "#FFFFFF"
HEAT_HIGH = {IMPORT: "#8FB4E3", EXPORT: "#C3A3D9"}
OTHERS_GREY = "#B5B0AC"
# Ten distinguishable series colours without red, which is kept for the top flows.
SERIES_COLOURS = (
    "#4E79A7", "#F28E2B", "#59A14F", "#76B7B2", "#EDC948",
    "#B07AA1", "#FF9DA7", "#9C755F", "#86BCB6", "#D4A6C8",
)


@dataclass(frozen=True)
class Formats:
    """The formats of one workbook (XlsxWriter formats belong to the workbook that made them)."""

    title: Format
    subtitle: Format
    warning: Format
    note: Format
    key: Format
    label: Format
    text: Format
    meur: Format
    meur_bare: Format
    meur_total: Format
    top_flow: Format
    pct: Format
    pct_small: Format
    integer: Format
    datetime: Format
    header: Format
    surplus: Format
    deficit: Format

    @classmethod
    def create(cls, wb: Workbook) -> "Formats":
        add = wb.add_format
        return cls(
            title=add({"bold": True, "font_size": 15, "font_color": "#1F3864"}),
            subtitle=add({"font_size": 11, "font_color": "#404040"}),
            warning=add({"bold": True, "font_size": 12, "font_color": "#C00000"}),
            note=add({"italic": True, "font_size": 9, "font_color": "#595959"}),
            key=add({"italic": True, "font_size": 10, "font_color": "#262626"}),
            label=add({"bold": True}),
            text=add({}),
            meur=add({"num_format": MEUR}),
            meur_bare=add({"num_format": MEUR_BARE}),
            meur_total=add({"num_format": MEUR_BARE, "bold": True, "top": 1}),
            top_flow=add({"num_format": MEUR_BARE, "bold": True, "font_color": "#FFFFFF", "bg_color": TOP_FLOW_RED}),
            pct=add({"num_format": PCT}),
            pct_small=add({"num_format": PCT_SMALL}),
            integer=add({"num_format": "#,##0", "align": "center"}),
            datetime=add({"num_format": DATETIME, "align": "left"}),
            header=add({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#E7E6EF"}),
            surplus=add({"font_color": SURPLUS}),
            deficit=add({"font_color": DEFICIT}),
        )
