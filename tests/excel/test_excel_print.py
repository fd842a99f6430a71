"""What a reader of the workbooks sees, read back from the files: headers that wrap between words,
charts clear of the rows repeated in print, axes in whole millions, chart helper data hidden."""

from __future__ import annotations

import re
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.utils import range_boundaries

from excel_inputs import provenance, trade_data, with_data_files
from officereport import indicators, style, wording
from officereport.excel import layout, method, write_departement_workbook, write_national_workbook

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
BOLD_CHAR = 1.2  # an independent floor: a bold character of LibreOffice's fallback font, in digit widths
REGULAR_CHAR = 1.1  # the same for regular text


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    national = indicators.compute_national(trade_data(), 2024)
    out = tmp_path_factory.mktemp("print")
    paths = {"43": out / "dep-43.xlsx", "national": out / "national.xlsx"}
    write_departement_workbook(national.departements["43"], provenance(), paths["43"])
    write_national_workbook(national, provenance(), paths["national"])
    return paths


def column(ws, col: int):
    """The column's dimension; openpyxl keys a run of equal columns by its first letter."""
    return next(d for d in ws.column_dimensions.values() if d.min <= col <= d.max)


def visible_headers(ws) -> list[tuple[str, float, float]]:
    """(header, column width, header row height) of every visible table column of a sheet."""
    found = []
    for table in ws.tables.values():
        first_col, header_row, last_col, _ = range_boundaries(table.ref)
        height = ws.row_dimensions[header_row].height
        for col in range(first_col, last_col + 1):
            dim = column(ws, col)
            if not dim.hidden:
                found.append((ws.cell(header_row, col).value, dim.width, height))
    return found


@pytest.mark.parametrize("kind", ["43", "national"])
def test_table_headers_wrap_between_words(workbooks, kind):
    """Each header word fits its column and the header row holds every wrapped line: no « Importation s »."""
    wb = openpyxl.load_workbook(workbooks[kind])
    checked = 0
    for ws in wb.worksheets:
        for header, width, height in visible_headers(ws):
            longest = max(header.split(), key=len)
            assert width >= len(longest) * BOLD_CHAR, f"{ws.title}: {header!r} in a column {width} wide"
            lines = textwrap.wrap(header, int(width / BOLD_CHAR))
            assert height >= 14 * len(lines), f"{ws.title}: {header!r} needs {len(lines)} lines, row {height} pt"
            checked += 1
    assert checked > 40


def sheet_charts(path: Path) -> dict[str, list[etree._Element]]:
    """Each sheet's drawing anchors (``xdr:twoCellAnchor``), through the package relationships."""
    xdr = {"xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"}
    wb = openpyxl.load_workbook(path)
    anchors = {}
    with zipfile.ZipFile(path) as z:
        for i, ws in enumerate(wb.worksheets, 1):
            rels = f"xl/worksheets/_rels/sheet{i}.xml.rels"
            if rels not in z.namelist():
                continue
            target = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', z.read(rels).decode())
            if target:
                drawing = etree.fromstring(z.read(f"xl/drawings/{target.group(1)}"))
                anchors[ws.title] = drawing.xpath("//xdr:twoCellAnchor", namespaces=xdr)
    return anchors


@pytest.mark.parametrize("kind", ["43", "national"])
def test_charts_start_below_the_rows_repeated_in_print(workbooks, kind):
    """A chart overlapping a repeated row is printed again, cut, at the top of the next page."""
    wb = openpyxl.load_workbook(workbooks[kind])
    charted = sheet_charts(workbooks[kind])
    assert sum(len(a) for a in charted.values()) == {"43": 9, "national": 6}[kind]
    for sheet, anchors in charted.items():
        titles = wb[sheet].print_title_rows  # "1:8", or None
        last_repeated = int(titles.split(":")[1].strip("$")) if titles else 0
        rows = [int(a.findtext("{*}from/{*}row")) + 1 for a in anchors]  # 1-based, as in print titles
        assert min(rows) > last_repeated, f"{sheet}: chart at row {min(rows)}, rows 1-{last_repeated} repeated"


@pytest.mark.parametrize("kind", ["43", "national"])
def test_charts_lie_inside_the_print_area(workbooks, kind):
    """A sheet printing only part of itself prints its charts whole; a flow sheet, one page of matrix
    and chart, is fitted to one page both ways."""
    wb = openpyxl.load_workbook(workbooks[kind])
    checked = 0
    for sheet, anchors in sheet_charts(workbooks[kind]).items():
        ws = wb[sheet]
        if not ws.print_area:
            continue
        _, _, last_col, last_row = range_boundaries(ws.print_area.split("!")[1].replace("$", ""))
        for anchor in anchors:
            # xdr:to is 0-based, the cell where the chart ends
            assert int(anchor.findtext("{*}to/{*}row")) + 1 <= last_row, sheet
            assert int(anchor.findtext("{*}to/{*}col")) + 1 <= last_col, sheet
            checked += 1
        # An absent attribute is the schema's default, 1 (XlsxWriter leaves defaults out).
        pages = [1 if n is None else int(n) for n in (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)]
        assert ws.sheet_properties.pageSetUpPr.fitToPage and pages == [1, 1], sheet
    assert checked == {"43": 2, "national": 0}[kind]  # the export and import flow sheets


def chart_parts(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
                       key=lambda n: int(re.sub(r"\D", "", n)))
        return [etree.fromstring(z.read(n)) for n in names]


def test_value_axes_in_whole_millions(workbooks):
    for kind, path in workbooks.items():
        for chart in chart_parts(path):
            formats = chart.xpath("//c:valAx/c:numFmt/@formatCode", namespaces=NS)
            units = [float(u) for u in chart.xpath("//c:valAx/c:majorUnit/@val", namespaces=NS)]
            assert len(formats) == len(units) == 1
            assert units[0] >= 1e6 and ".0" not in formats[0], f"{kind}: {formats} every {units}"
            assert chart.xpath("//c:valAx/c:title//a:t/text()", namespaces={**NS, "a": style_ns()}) == ["M€"]


def style_ns() -> str:
    return "http://schemas.openxmlformats.org/drawingml/2006/main"


@pytest.mark.parametrize(("unit", "expected"), [
    (50e6, "#,##0,,"), (1e6, "#,##0,,"), (5e5, "#,##0.0,,"), (2e4, "#,##0.00,,"),
])
def test_axis_format_has_the_decimals_a_step_needs(unit, expected):
    assert style.meur_axis_format(unit) == expected
    assert style.meur_axis_format(unit, signed=False) == f"{expected};{expected}"


def test_legends_name_what_is_drawn_not_the_stored_unit(workbooks):
    """Series names, literal or read from a header cell, never say « (€) » over an axis in M€."""
    for path in workbooks.values():
        wb = openpyxl.load_workbook(path)
        names = []
        for chart in chart_parts(path):
            names += chart.xpath("//c:ser/c:tx/c:v/text()", namespaces=NS)
            for ref in chart.xpath("//c:ser/c:tx//c:f/text()", namespaces=NS):
                sheet, cell = ref.rsplit("!", 1)
                names.append(wb[sheet.strip("'")][cell.replace("$", "")].value)
        assert names and not [n for n in names if "€" in n]
        assert {"Importations", "Exportations"} <= set(names)


def test_butterfly_helper_column_is_hidden_but_charted(workbooks):
    wb = openpyxl.load_workbook(workbooks["43"])
    ws = wb["Partenaires"]
    header_row = range_boundaries(ws.tables["Partenaires"].ref)[1]
    hidden = [ws.cell(header_row, col).value for col in range(1, ws.max_column + 1) if column(ws, col).hidden]
    assert hidden == ["Importations en négatif (€)"]
    butterfly = chart_parts(workbooks["43"])[0]
    # No <c:plotVisOnly>: hidden cells are plotted (XlsxWriter's show_hidden_data).
    assert butterfly.xpath("//c:plotVisOnly", namespaces=NS) == []


def test_every_chart_says_what_it_shows_with_figures(workbooks):
    """Alt text on every chart of both workbooks, naming its leading figures in M€."""
    for kind, path in workbooks.items():
        with zipfile.ZipFile(path) as z:
            drawings = [etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
        frames = [f for d in drawings for f in d.xpath("//*[local-name()='graphicFrame']")]
        described = [f.xpath(".//@descr") for f in frames]
        assert len(frames) == {"43": 9, "national": 6}[kind]
        assert all(len(d) == 1 and len(re.findall(r"\d,\d\sM€", d[0])) >= 2 for d in described), described


def test_no_text_runs_wider_than_a_paragraph_with_ten_years_of_files(tmp_path):
    """A build of ten annual releases read 22 data files. Its source line named them all in one cell,
    which ran over some forty columns, and LibreOffice shrank every printed page to fit it. The line
    now counts them and, like every text, is cut into rows that read together as the line; no text
    is wider than its sheet's paragraphs (the subtitle of a flow sheet was)."""
    files = [f"Region_{year}_{flow}.txt" for year in range(2014, 2024) for flow in ("Export", "Import")]
    files += ["REGIONAL_CPF4PAYSE.txt", "REGIONAL_CPF4PAYSI.txt"]
    prov = with_data_files(provenance(), files)
    line = wording.source_line(prov)
    assert "(22 fichiers de données" in line and len(line) > layout.PARAGRAPH_CHARS
    national = indicators.compute_national(trade_data(), 2024)
    paths = [tmp_path / "43.xlsx", tmp_path / "national.xlsx"]
    write_departement_workbook(national.departements["43"], prov, paths[0])
    write_national_workbook(national, prov, paths[1])
    for path in paths:
        wb = openpyxl.load_workbook(path)
        sources = 0
        for ws in wb.worksheets:
            texts = [c.value for row in ws.iter_rows(max_col=1) for c in row if isinstance(c.value, str)]
            widest = method.CAVEAT_CHARS if ws.title == method.SHEET else layout.PARAGRAPH_CHARS
            too_long = [t for t in texts if len(t) > widest]
            assert not too_long, f"{path.name}, {ws.title}: {too_long[0][:80]}…"
            starts = [i for i, t in enumerate(texts) if t.startswith("Source : ")]
            for i in starts:
                assert " ".join(texts[i:]).startswith(line), f"{path.name}, {ws.title}: source line cut short"
            sources += len(starts)
        assert sources >= (6 if path == paths[0] else 1)


def test_the_contents_list_shows_each_sheet_name_whole(workbooks):
    """« Évolution et dépendance » was cut to « Évolution et dépenda » by the description beside it."""
    wb = openpyxl.load_workbook(workbooks["43"])
    ws = wb["Synthèse"]
    first = next(c.row for c in ws["A"] if c.value == "Contenu du classeur") + 1
    listed = [ws.cell(r, 1).value for r in range(first, ws.max_row + 1) if ws.cell(r, 1).value]
    assert listed == wb.sheetnames[1:]
    width = column(ws, 1).width
    for name in listed:
        assert width >= len(name) * REGULAR_CHAR, f"{name!r} in a column {width} wide"
