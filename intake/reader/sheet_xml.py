"""Hidden rows, hidden columns and widths of each .xlsx worksheet, read from the sheet XML.

calamine does not expose them. Each part is streamed once and only `hidden="…"` hits are looked
at, nothing is parsed into a tree (about half a second for a 100k-row sheet, and it runs in a
thread beside calamine, which releases the GIL while it parses).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

from intake.reader.grid import Grid

_CHUNK = 1 << 20
_OVERLAP = 1024
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"[^>]*?\s\w+:id="([^"]*)"|'
                    rb'<(?:\w+:)?sheet\b[^>]*?\s\w+:id="([^"]*)"[^>]*?\sname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(min|max|width|hidden)="([^"]*)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN_HIT = re.compile(rb'\bhidden="(?:1|true)"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*?\bt="e")[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>'
                         rb'(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]{1,20})</', re.S)


@dataclass
class SheetXmlInfo:
    hidden_rows: set[int] = field(default_factory=set)
    cols: list[tuple[int, int, float | None, bool]] = field(default_factory=list)  # first, last, width, hidden
    errors: dict[tuple[int, int], str] = field(default_factory=dict)   # (row, col) → '#REF!' …

    def apply(self, grid: Grid) -> None:
        grid.hidden_rows |= self.hidden_rows
        n_cols = grid.n_cols if self.cols else 0
        for first, last, width, hidden in self.cols:
            for col in range(first, min(last, max(n_cols, first)) + 1):
                if hidden:
                    grid.hidden_cols.add(col)
                if width is not None:
                    grid.widths[col] = width
        for (row, col), text in self.errors.items():     # calamine reads an error value as ''
            if row <= grid.n_rows and col <= len(grid.rows[row - 1]) and not grid.rows[row - 1][col - 1]:
                grid.rows[row - 1][col - 1] = text


def scan_workbook(source: Path | BytesIO) -> dict[str, SheetXmlInfo]:
    """Sheet name → its hidden rows and columns; {} when the package cannot be read this way."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            return {name: _scan_part(archive, part)
                    for name, part in sheet_parts(archive).items() if part in names}
    except Exception:       # zlib.error, BadZipFile, a missing part …: the cells come from calamine
        return {}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part path, from workbook.xml and its relationships."""
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for m in _REL.finditer(rels):
        rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        targets[rid] = target.decode()
    parts = {}
    for m in _SHEET.finditer(book):
        name, rid = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
        target = targets.get(rid)
        if target:
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            parts[_unescape(name.decode("utf-8"))] = path
    return parts


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _scan_part(archive: zipfile.ZipFile, part: str) -> SheetXmlInfo:
    info = SheetXmlInfo()
    head, carry, in_data = b"", b"", False
    with archive.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            if not in_data:
                head += chunk
                found = _SHEET_DATA.search(head)
                if found is None and len(head) < 4 * _CHUNK:
                    continue
                in_data = True
                at = found.start() if found else 0
                chunk, head = head[at:], head[:at]
                info.cols = _cols(head)
            buf = carry + chunk
            _hidden_rows(buf, info.hidden_rows)
            _error_cells(buf, info.errors)
            carry = buf[-_OVERLAP:]
    if not in_data:
        info.cols = _cols(head)
    return info


def _cols(head: bytes) -> list[tuple[int, int, float | None, bool]]:
    cols = []
    for tag in _COL.findall(head):
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(tag)}
        try:
            width = float(attrs["width"]) if "width" in attrs else None
            cols.append((int(attrs["min"]), int(attrs["max"]), width, attrs.get("hidden") in ("1", "true")))
        except (KeyError, ValueError):
            continue
    return cols


def _error_cells(buf: bytes, errors: dict[tuple[int, int], str]) -> None:
    """Cells of type "e" (a formula's cached error value); rare, so found by a plain search first."""
    if b't="e"' not in buf:
        return
    for letters, row, value in _ERROR_CELL.findall(buf):
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        errors[(int(row), col)] = value.decode("ascii", "replace")


def _hidden_rows(buf: bytes, rows: set[int]) -> None:
    if b'hidden="' not in buf:
        return
    for hit in _HIDDEN_HIT.finditer(buf):
        tag = buf[buf.rfind(b"<", 0, hit.start()):hit.end()]
        if tag.startswith(b"<row") or b":row " in tag[:12]:
            number = _ROW_NUMBER.search(tag)
            if number:
                rows.add(int(number.group(1)))
