"""The .xls (Excel 97–2003, BIFF8) reader: cells through calamine; hidden rows, hidden columns
and widths from the BIFF records (ROW, COLINFO), which calamine does not expose."""
from __future__ import annotations

import struct
from io import BytesIO

import olefile

from intake.errors import ReadError
from intake.reader.calamine_book import CORRUPT, quiet_stderr, read_workbook
from intake.reader.grid import Grid
from validators.formula_errors import BY_BIFF_CODE

KIND = "Excel 97-2003 工作簿"
NOT_A_WORKBOOK = ("“{name}”不是Excel/WPS表格文件（可能是Word文档或其他Office文件），"
                  "请确认选对了文件。")
BOF, EOF, BOUNDSHEET, ROW, COLINFO = 0x0809, 0x000A, 0x0085, 0x0208, 0x007D
FORMULA, BOOLERR = 0x0006, 0x0205
ROW_HIDDEN = 0x20          # fDyZero
COL_HIDDEN = 0x01


def workbook_stream(data: BytesIO, name: str) -> bytes:
    """The BIFF 'Workbook' (or BIFF5 'Book') stream; ReadError when the container is broken or
    holds no workbook (a Word document, say)."""
    try:
        with olefile.OleFileIO(data.getvalue()) as ole:
            stream = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if stream is None:
                raise ReadError(NOT_A_WORKBOOK.format(name=name))
            body = ole.openstream(stream).read()
    except ReadError:
        raise
    except Exception as exc:        # olefile raises assorted errors on a damaged container
        raise ReadError(CORRUPT.format(name=name, kind=KIND)) from exc
    if len(body) < 8 or struct.unpack_from("<H", body, 0)[0] != BOF:
        raise ReadError(CORRUPT.format(name=name, kind=KIND))
    return body


def read_xls(data: BytesIO, display_name: str) -> list[Grid]:
    stream = workbook_stream(data, display_name)
    with quiet_stderr():            # calamine prints a Rust panic on some damaged files
        grids = read_workbook(BytesIO(data.getvalue()), display_name, KIND)
    try:
        offsets = _worksheet_offsets(stream)
        for grid, offset in zip(grids, offsets):
            _read_sheet_records(stream, offset, grid)
    except (struct.error, IndexError):
        pass        # the cells were read; hidden-row information is a bonus
    return grids


def _records(stream: bytes, pos: int):
    end = len(stream)
    while pos + 4 <= end:
        rtype, size = struct.unpack_from("<HH", stream, pos)
        yield rtype, stream[pos + 4:pos + 4 + size]
        pos += 4 + size


def _worksheet_offsets(stream: bytes) -> list[int]:
    """Stream offsets of the worksheets' BOF records, in workbook order (charts skipped)."""
    offsets = []
    for rtype, body in _records(stream, 0):
        if rtype == BOUNDSHEET and len(body) >= 6:
            position, _state, sheet_type = struct.unpack_from("<IBB", body, 0)
            if sheet_type == 0:
                offsets.append(position)
        elif rtype == EOF:
            break
    return offsets


def _read_sheet_records(stream: bytes, offset: int, grid: Grid) -> None:
    n_cols = grid.n_cols
    for rtype, body in _records(stream, offset):
        if rtype == ROW and len(body) >= 14:
            row, flags = struct.unpack_from("<H", body, 0)[0], struct.unpack_from("<H", body, 12)[0]
            if flags & ROW_HIDDEN:
                grid.hidden_rows.add(row + 1)
        elif rtype == COLINFO and len(body) >= 10:
            first, last, width, _xf, flags = struct.unpack_from("<HHHHH", body, 0)
            for col in range(first + 1, min(last + 1, max(n_cols, first + 1)) + 1):
                grid.widths[col] = round(width / 256, 2)
                if flags & COL_HIDDEN:
                    grid.hidden_cols.add(col)
        elif rtype in (FORMULA, BOOLERR) and len(body) >= 8:
            _error_cell(rtype, body, grid)
        elif rtype == EOF:
            break


def _error_cell(rtype: int, body: bytes, grid: Grid) -> None:
    """An error value (#REF! …) in a BOOLERR cell or as a formula's cached result: calamine
    gives a blank there, so the grid gets the error text (validators.formula_errors)."""
    row, col = struct.unpack_from("<HH", body, 0)
    if rtype == BOOLERR:
        code = body[6] if body[7] == 1 else None
    else:       # FORMULA: an 8-byte result; byte 0 = 2 and bytes 6-7 = FFFF mean an error code
        code = body[8] if len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff" else None
    text = BY_BIFF_CODE.get(code) if code is not None else None
    if text and row < grid.n_rows and col < len(grid.rows[row]) and not grid.rows[row][col]:
        grid.rows[row][col] = text
