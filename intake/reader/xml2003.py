"""Excel 2003 XML spreadsheets (SpreadsheetML), which some web systems export with an .xls name.

Cells keep their type (Number, DateTime, String, Boolean, Error); ss:MergeAcross/MergeDown
become merged ranges; ss:Hidden rows and columns are hidden. Cells are collected by position
first (ss:Index may jump anywhere), so a stray far cell never makes a huge grid.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree

from intake.errors import ReadError
from intake.reader import limits
from intake.reader.grid import Grid, grid_from_cells
from intake.reader.source import read_all

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
BROKEN = "“{name}”是Excel 2003 XML表格，但内容已损坏，无法读取。请用Excel或WPS打开后另存为.xlsx再试"


class _Broken(Exception):
    """An ss:Index, ss:Span or merge outside Excel's grid, or not a number."""


def read_xml2003(path: Path) -> list[Grid]:
    try:
        root = etree.fromstring(read_all(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                  huge_tree=True))
        return [_grid(ws) for ws in root.iter(f"{SS}Worksheet")]
    except (etree.XMLSyntaxError, _Broken) as exc:
        raise ReadError(BROKEN.format(name=path.name)) from exc


def _number(node, attr: str, default: int, top: int, low: int = 1) -> int:
    text = node.get(f"{SS}{attr}")
    if text is None:
        return default
    try:
        n = int(text)
    except ValueError:
        raise _Broken(attr) from None
    if not low <= n <= top:
        raise _Broken(attr)
    return n


def _grid(ws) -> Grid:
    name = ws.get(f"{SS}Name", "")
    table = ws.find(f"{SS}Table")
    if table is None:
        return Grid(name=name, rows=[])
    hidden_cols, widths = _columns(table)
    cells: dict[int, dict[int, Any]] = {}
    hidden_rows, merged = set(), []
    r = 0
    for row in table.iter(f"{SS}Row"):
        r = _number(row, "Index", r + 1, limits.MAX_ROWS)
        if row.get(f"{SS}Hidden") in ("1", "true"):
            hidden_rows.add(r)
        _row(row, r, cells.setdefault(r, {}), merged)
    grid = grid_from_cells(name, cells, merged=merged, hidden_rows=hidden_rows,
                           hidden_cols=hidden_cols, widths=widths)
    return grid.rectangular()


def _columns(table) -> tuple[set[int], dict[int, float]]:
    hidden, widths = set(), {}
    c = 0
    for col in table.iter(f"{SS}Column"):
        c = _number(col, "Index", c + 1, limits.MAX_COLS)
        last = min(c + _number(col, "Span", 0, limits.MAX_COLS, 0), limits.MAX_COLS)
        for cc in range(c, last + 1):
            if col.get(f"{SS}Hidden") in ("1", "true"):
                hidden.add(cc)
            if col.get(f"{SS}Width"):
                try:
                    widths[cc] = round(float(col.get(f"{SS}Width")) / 7, 2)
                except ValueError:
                    pass
        c = last
    return hidden, widths


def _row(row, r: int, cells: dict[int, Any], merged: list) -> None:
    c = 0
    for cell in row.iter(f"{SS}Cell"):
        c = _number(cell, "Index", c + 1, limits.MAX_COLS)
        data = cell.find(f"{SS}Data")
        cells[c] = None if data is None else _value(data)
        across = _number(cell, "MergeAcross", 0, limits.MAX_COLS - c, 0)
        down = _number(cell, "MergeDown", 0, limits.MAX_ROWS - r, 0)
        if across or down:
            merged.append((r, c, r + down, c + across))
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
