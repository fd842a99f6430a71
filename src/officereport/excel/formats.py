"""The cell formats of one workbook, in the house style (``officereport.style``)."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from officereport import style
from officereport.style import css


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
    top_flow: Format
    pct: Format
    pct_small: Format
    integer: Format
    datetime: Format
    header: Format
    surplus: Format
    deficit: Format

    @classmethod
    def create(cls, wb: Workbook) -> Formats:
        add = wb.add_format
        return cls(
            title=add({"bold": True, "font_size": 15, "font_color": css(style.TITLE)}),
            subtitle=add({"font_size": 11, "font_color": css(style.SUBTITLE)}),
            warning=add({"bold": True, "font_size": 12, "font_color": css(style.WARNING)}),
            note=add({"italic": True, "font_size": 9, "font_color": css(style.MUTED)}),
            key=add({"italic": True, "font_size": 10, "font_color": css(style.INK)}),
            label=add({"bold": True}),
            text=add({}),
            meur=add({"num_format": style.MEUR}),
            meur_bare=add({"num_format": style.MEUR_BARE}),
            top_flow=add({"num_format": style.MEUR_BARE, "bold": True, "font_color": css(style.WHITE), "bg_color": css(style.TOP_FLOW)}),
            pct=add({"num_format": style.PCT}),
            pct_small=add({"num_format": style.PCT_SMALL}),
            integer=add({"num_format": style.INTEGER, "align": "center"}),
            datetime=add({"num_format": style.DATETIME, "align": "left"}),
            header=add({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": css(style.HEADER_FILL)}),
            surplus=add({"font_color": css(style.SURPLUS)}),
            deficit=add({"font_color": css(style.DEFICIT)}),
        )
