"""The .xlsx/.xlsm reader: cells through calamine, hidden rows/columns and widths from the sheet XML.

calamine does not expose hidden rows or columns. They are read from xl/worksheets/*.xml with a
byte scan: the part is streamed once, only `hidden="…"` hits are looked at, nothing is parsed
into a tree (a 100k-row sheet costs about half a second).
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

from intake.errors import ReadError
from intake.reader.calamine_book import CORRUPT, read_workbook
from intake.reader.grid import Grid
from intake.reader.source import LOCKED

NOT_A_WORKBOOK = ("“{name}”不是Excel工作簿（可能是Word文档、压缩包或其他文件），"
                  "请确认选对了文件")

_CHUNK = 1 << 20
_OVERLAP = 1024
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"[^>]*?\s\w+:id="([^"]*)"|'
                    rb'<(?:\w+:)?sheet\b[^>]*?\s\w+:id="([^"]*)"[^>]*?\sname="([^"]*)"')
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'\b(min|max|width|hidden)="([^"]*)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN_HIT = re.compile(rb'\bhidden="(?:1|true)"')


def read_xlsx(source: Path | BytesIO, display_name: str) -> list[Grid]:
    _check_package(source, display_name)
    grids = read_workbook(source, display_name, "Excel 工作簿", (".xlsx", ".xlsm"))
    try:
        with zipfile.ZipFile(source) as archive:
            parts = _sheet_parts(archive)
            for grid in grids:
                part = parts.get(grid.name)
                if part and part in archive.namelist():
                    _add_row_col_info(archive, part, grid)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        pass        # the cells were read; hidden-row information is a bonus
    return grids


def _check_package(source: Path | BytesIO, display_name: str) -> None:
    """A zip that is not a workbook (a .docx, a zip of files) gets its own message."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
    except PermissionError as exc:
        raise ReadError(f"无法打开“{display_name}”：{LOCKED}") from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(CORRUPT.format(name=display_name, kind="Excel 工作簿")) from exc
    if not names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
        raise ReadError(NOT_A_WORKBOOK.format(name=display_name))


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
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


def _add_row_col_info(archive: zipfile.ZipFile, part: str, grid: Grid) -> None:
    head = b""
    in_data = False
    carry = b""
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
                _read_cols(head, grid)
            buf = carry + chunk
            _hidden_rows(buf, grid)
            carry = buf[-_OVERLAP:]
        if not in_data:
            _read_cols(head, grid)


def _read_cols(head: bytes, grid: Grid) -> None:
    for tag in _COL.findall(head):
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(tag)}
        try:
            first, last = int(attrs["min"]), int(attrs["max"])
        except (KeyError, ValueError):
            continue
        for col in range(first, min(last, max(grid.n_cols, first)) + 1):
            if attrs.get("hidden") in ("1", "true"):
                grid.hidden_cols.add(col)
            if "width" in attrs:
                grid.widths[col] = float(attrs["width"])


def _hidden_rows(buf: bytes, grid: Grid) -> None:
    if b'hidden="' not in buf:
        return
    for hit in _HIDDEN_HIT.finditer(buf):
        start = buf.rfind(b"<", 0, hit.start())
        tag = buf[start:hit.end()]
        if not (tag.startswith(b"<row") or b":row " in tag[:12]):
            continue
        number = _ROW_NUMBER.search(tag)
        if number:
            grid.hidden_rows.add(int(number.group(1)))
