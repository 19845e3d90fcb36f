"""HTML tables (what web systems and WPS save as ".xls") as grids: rowspan/colspan become merged
ranges, rows hidden with display:none are hidden rows. Every cell is text."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from intake.errors import ReadError
from intake.reader import limits
from intake.reader.grid import Grid, grid_from_cells
from intake.reader.source import read_all
from intake.reader.text_decode import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
MAX_SPANNED = 2_000_000      # cells covered by rowspan/colspan in one table
NO_TABLE = "“{name}”是网页文件（HTML），但其中没有表格。请从系统重新导出Excel文件"


def read_html(path: Path) -> list[Grid]:
    data = read_all(path)
    declared = _CHARSET.search(data[:4096])
    text, _ = decode(data, path.name, declared.group(1).decode() if declared else None)
    try:
        doc = lxml.html.document_fromstring(_XML_DECL.sub("", text))
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(NO_TABLE.format(name=path.name)) from exc
    for br in doc.iter("br"):
        br.tail = "\n" + (br.tail or "")
    tables = [t for t in doc.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    if not tables:
        raise ReadError(NO_TABLE.format(name=path.name))
    return [_grid(t, "" if len(tables) == 1 else f"表格{i + 1}") for i, t in enumerate(tables)]


def _grid(table, name: str) -> Grid:
    """Cells are placed by position (spans push later cells right and down) and collected sparse,
    so a row of huge colspans never makes a huge grid; spans stop at the table's last row."""
    trs = list(_rows(table))
    cells: dict[int, dict[int, str]] = {}
    hidden, merged = set(), []
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(trs, start=1):
        if _HIDDEN.search(tr.get("style", "")):
            hidden.add(r)
        row = cells.setdefault(r, {})
        c = 1
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            if c > limits.MAX_COLS:
                break
            rowspan = min(_span(td, "rowspan"), len(trs) - r + 1)
            colspan = min(_span(td, "colspan"), limits.MAX_COLS - c + 1)
            row[c] = _text(td)
            if rowspan > 1 or colspan > 1:
                merged.append((r, c, r + rowspan - 1, c + colspan - 1))
                if len(taken) + rowspan * colspan > MAX_SPANNED:
                    raise limits.AreaTooLarge(r + rowspan - 1, c + colspan - 1, name)
                taken.update((rr, cc) for rr in range(r, r + rowspan) for cc in range(c, c + colspan))
            c += colspan
    return grid_from_cells(name, cells, merged=merged, hidden_rows=hidden, typed=False).rectangular()


def _rows(table):
    for el in table.iter("tr"):
        if next((a for a in el.iterancestors("table")), None) is table:
            yield el


def _span(td, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1")), 1000))
    except ValueError:
        return 1


def _text(td) -> str:
    return td.text_content().replace("\xa0", " ").strip()
