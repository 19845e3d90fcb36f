"""Checks on an .xlsx package before python-calamine reads it (it aborts the whole process when
it cannot allocate a sheet's grid).

1. The zip directory: a part that would inflate beyond BOMB_BYTES at more than BOMB_RATIO times
   its compressed size, or a package beyond MAX_TOTAL_BYTES, is refused unread.
2. Each sheet's area from A1: the <dimension ref> every spreadsheet program writes. When it is
   missing or larger than limits.MAX_CELLS, the cells holding a value are scanned: stray cells
   far from the table are cut off (the sheet is read from a trimmed copy of the package, with a
   note), and a sheet whose real data area is still too large is refused.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from intake.errors import ReadError
from intake.privacy import quote
from intake.reader import limits
from intake.reader.sheet_xml import sheet_parts
from intake.reader.xlsx_trim import trimmed_package

__all__ = ["Trim", "check_directory", "plan_trims", "trimmed_package"]

BOMB_BYTES = 500 * 2**20
BOMB_RATIO = 20
MAX_TOTAL_BYTES = 4 * 2**30
MAX_PARTS = 10_000
HEAD_BYTES = 1 << 16
_CHUNK = 1 << 20

BOMB = ("“{name}”解压后异常大（其中“{part}”从{packed}解压后有{size}，是{ratio}倍），像是损坏或被恶意构造的文件，"
        "为保护电脑没有读取。请让报送单位在Excel中打开后重新另存一份，再发送")
HUGE = ("“{name}”解压后有{size}，太大，无法读取。请把表格分成几个较小的文件，或只保留登记表所在的工作表")
MANY = "“{name}”里有{n}个部件，不像是正常的Excel工作簿，为保护电脑没有读取。请让报送单位在Excel中重新另存一份"

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,3})?([0-9]{1,7})?(?::([A-Z]{1,3})([0-9]{1,7}))?"')
# a cell with content (a self-closing <c …/> is an empty styled cell, which calamine skips)
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_PLAIN_ROW = re.compile(rb'<row r="([0-9]{1,7})"')


def size_text(n: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} 字节"


def check_directory(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb from the sizes its directory declares (nothing is inflated)."""
    items = archive.infolist()
    if len(items) > MAX_PARTS:
        raise ReadError(MANY.format(name=name, n=len(items)))
    total = packed = 0
    for item in items:
        total += item.file_size
        packed += item.compress_size
        if item.file_size > BOMB_BYTES and item.file_size > BOMB_RATIO * max(item.compress_size, 1):
            raise ReadError(_bomb(name, item.filename, item.compress_size, item.file_size))
    if total > BOMB_BYTES and total > BOMB_RATIO * max(packed, 1):
        raise ReadError(_bomb(name, "全部内容", packed, total))
    if total > MAX_TOTAL_BYTES:
        raise ReadError(HUGE.format(name=name, size=size_text(total)))


def _bomb(name: str, part: str, packed: int, size: int) -> str:
    return BOMB.format(name=name, part=quote(part), packed=size_text(packed), size=size_text(size),
                       ratio=size // max(packed, 1))


@dataclass
class Trim:
    """Cut a sheet part to rows 1..end_row and columns 1..end_col."""

    sheet: str
    end_row: int
    end_col: int
    far: list[tuple[int, int]] = field(default_factory=list)    # filled while trimming


def plan_trims(archive: zipfile.ZipFile, name: str) -> dict[str, Trim]:
    """Part path → Trim for the sheets with stray far cells; AreaTooLarge for a sheet whose data
    area is too large even without them."""
    trims = {}
    names = set(archive.namelist())
    for sheet, part in sheet_parts(archive).items():
        if part not in names:
            continue
        area = _declared_area(archive, part)
        if area is not None and area[0] * area[1] <= limits.MAX_CELLS:
            continue
        rows, cols = _used(archive, part)
        end_row = limits.data_end(rows, limits.ROW_GAP)
        end_col = limits.data_end(cols, limits.COL_GAP)
        limits.check_area(end_row, end_col, sheet, name)
        if max(rows, default=0) > end_row or max(cols, default=0) > end_col:
            trims[part] = Trim(sheet, end_row, end_col)
    return trims


def _declared_area(archive: zipfile.ZipFile, part: str) -> tuple[int, int] | None:
    """(last row, last column) of the sheet's <dimension ref>, None when there is none."""
    with archive.open(part) as fh:
        head = fh.read(HEAD_BYTES)
    m = _DIMENSION.search(head)
    if m is None or m.group(2) is None:
        return None
    col, row = (m.group(3), m.group(4)) if m.group(4) else (m.group(1), m.group(2))
    return int(row), limits.column_number(col.decode()) if col else limits.MAX_COLS


def _used(archive: zipfile.ZipFile, part: str) -> tuple[set[int], set[int]]:
    """Rows and columns holding a cell (one streaming pass over the sheet XML). The common
    writing (<c r="A1" …>, <row r="1" …>) is matched by plain patterns; a chunk written another
    way (prefixed tags, r not the first attribute) goes through the general one."""
    rows: set[int] = set()
    letters: set[bytes] = set()
    carry = b""
    with archive.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = carry + chunk
            cut = buf.rfind(b"<") if chunk else len(buf)   # a tag cut by the chunk end waits
            cut = cut if cut > 0 else len(buf)
            _used_in(buf[:cut], rows, letters)
            carry = buf[cut:]
            if not chunk:
                break
    return rows, {limits.column_number(c.decode()) for c in letters}


def _used_in(buf: bytes, rows: set[int], letters: set[bytes]) -> None:
    cells = _PLAIN_CELL.findall(buf)
    row_tags = _PLAIN_ROW.findall(buf)
    if len(cells) == buf.count(b"<c ") and len(row_tags) == buf.count(b"<row ") and b":c " not in buf:
        letters.update(cells)
        rows.update(map(int, row_tags))
        return
    for col, row in _VALUE_CELL.findall(buf):
        letters.add(col)
        rows.add(int(row))
