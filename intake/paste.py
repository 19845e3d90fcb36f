"""Blocks of cells as Excel and WPS put them on the clipboard: tab-separated lines.

`parse_block(text)` reads what Excel/WPS/LibreOffice copy (cells by tabs, rows by CR LF or LF, a
cell holding a tab, a line break or a quote is quoted with doubled quotes, a trailing line break
ends the block). `format_block(rows)` writes the same, so a block copied here pastes into Excel
cell by cell. The GUI maps the block onto the cells it covers and makes ONE EditBatch of it
(intake.edits.batch_of): pasting is one validated, undoable edit.
"""
from __future__ import annotations

from typing import Sequence

QUOTE = '"'


def parse_block(text: str) -> list[list[str]]:
    """The rows of cells of a tab-separated block (every row as long as the longest)."""
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_start = True                         # at the start of a cell: a quote opens a quoted cell
    while i < n:
        ch = text[i]
        if at_start and ch == QUOTE:
            end, value = _quoted(text, i)
            if end is not None:
                cell.append(value)
                i, at_start = end, False
                continue
        if ch == "\t":
            row.append("".join(cell))
            cell, at_start = [], True
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_start = [], [], True
        else:
            cell.append(ch)
            at_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _quoted(text: str, start: int) -> tuple[int | None, str]:
    """A quoted cell starting at `start`: (index after it, its text); (None, '') when the quote
    does not close before the cell's end (then it is an ordinary character, as in Excel)."""
    out: list[str] = []
    i, n = start + 1, len(text)
    while i < n:
        ch = text[i]
        if ch == QUOTE:
            if i + 1 < n and text[i + 1] == QUOTE:
                out.append(QUOTE)
                i += 2
                continue
            after = i + 1
            if after == n or text[after] in "\t\r\n":
                return after, "".join(out)
            return None, ""
        out.append(ch)
        i += 1
    return None, ""


def format_block(rows: Sequence[Sequence[str | None]]) -> str:
    """Cells as Excel copies them: tabs between cells, a line break after each row."""
    return "".join("\t".join(_cell(v) for v in row) + "\r\n" for row in rows)


def _cell(value: str | None) -> str:
    if not value:
        return ""
    if any(c in value for c in '\t\r\n"'):
        return QUOTE + value.replace(QUOTE, QUOTE * 2) + QUOTE
    return value
