"""Excel 2003 XML spreadsheets (SpreadsheetML), which some web systems export with an .xls name.

Cells keep their type (Number, DateTime, String, Boolean); ss:MergeAcross/MergeDown become
merged ranges; ss:Hidden rows and columns are hidden.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree

from intake.errors import ReadError
from intake.reader.grid import Grid
from intake.reader.source import read_all

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
BROKEN = "“{name}”是Excel 2003 XML表格，但内容已损坏，无法读取。请用Excel或WPS打开后另存为.xlsx再试"


def read_xml2003(path: Path) -> list[Grid]:
    try:
        root = etree.fromstring(read_all(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                  huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ReadError(BROKEN.format(name=path.name)) from exc
    return [_grid(ws) for ws in root.iter(f"{SS}Worksheet")]


def _grid(ws) -> Grid:
    grid = Grid(name=ws.get(f"{SS}Name", ""), rows=[])
    table = ws.find(f"{SS}Table")
    if table is None:
        return grid
    _columns(table, grid)
    r = 0
    for row in table.iter(f"{SS}Row"):
        r = int(row.get(f"{SS}Index", r + 1))
        if row.get(f"{SS}Hidden") in ("1", "true"):
            grid.hidden_rows.add(r)
        _row(row, r, grid)
    return grid.rectangular()


def _columns(table, grid: Grid) -> None:
    c = 0
    for col in table.iter(f"{SS}Column"):
        c = int(col.get(f"{SS}Index", c + 1))
        last = c + int(col.get(f"{SS}Span", 0))
        for cc in range(c, last + 1):
            if col.get(f"{SS}Hidden") in ("1", "true"):
                grid.hidden_cols.add(cc)
            if col.get(f"{SS}Width"):
                grid.widths[cc] = round(float(col.get(f"{SS}Width")) / 7, 2)
        c = last


def _row(row, r: int, grid: Grid) -> None:
    while len(grid.rows) < r:
        grid.rows.append([])
    cells = grid.rows[r - 1]
    c = 0
    for cell in row.iter(f"{SS}Cell"):
        c = int(cell.get(f"{SS}Index", c + 1))
        while len(cells) < c:
            cells.append(None)
        data = cell.find(f"{SS}Data")
        cells[c - 1] = None if data is None else _value(data)
        across, down = int(cell.get(f"{SS}MergeAcross", 0)), int(cell.get(f"{SS}MergeDown", 0))
        if across or down:
            grid.merged.append((r, c, r + down, c + across))
        c += across


def _value(data) -> Any:
    text = "".join(data.itertext())
    kind = data.get(f"{SS}Type", "String")
    try:
        if kind == "Number":
            return float(text)
        if kind == "DateTime":
            return datetime.fromisoformat(text[:19])
        if kind == "Boolean":
            return text.strip() in ("1", "true", "TRUE")
    except ValueError:
        pass
    return text
