"""Typed cells of every worksheet of an .xlsx/.xlsm/.xls workbook, through python-calamine.

calamine gives each cell's own type (text, number, date, bool) and formulas' cached values; it
never guesses a column type. Hidden rows and columns come from the format-specific modules.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Callable, Iterator

import python_calamine as pc

from intake.errors import ReadError
from intake.reader.grid import Grid
from intake.reader.source import source_error
from validators.run_support import gc_paused

CORRUPT = "文件“{name}”已损坏或不完整（{kind}无法打开），请让报送单位重新导出后再发一次"


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to the null device (Rust panic messages go straight there)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def read_workbook(source: Path | BytesIO, display_name: str, kind: str,
                  suffixes: tuple[str, ...] = ()) -> list[Grid]:
    """Every worksheet as a Grid (values only; hidden rows/cols are added by the caller).

    calamine's from_path picks the format by the file name, so it is used only when the name
    fits the content (`suffixes`); otherwise the bytes go through from_filelike (a bit slower)."""
    if isinstance(source, BytesIO):
        source.seek(0)
        return _read_book(lambda: pc.CalamineWorkbook.from_filelike(source), display_name, kind)
    try:
        if source.suffix.lower() in suffixes:
            return _read_book(lambda: pc.CalamineWorkbook.from_path(str(source)), display_name, kind)
        with open(source, "rb") as fh:
            return _read_book(lambda: pc.CalamineWorkbook.from_filelike(fh), display_name, kind)
    except OSError as exc:
        raise source_error(source, exc) from exc


def _read_book(open_book: Callable[[], "pc.CalamineWorkbook"], display_name: str, kind: str) -> list[Grid]:
    try:
        book = open_book()
        grids = []
        with gc_paused():
            for meta in book.sheets_metadata:
                if meta.typ != pc.SheetTypeEnum.WorkSheet:
                    continue
                grids.append(_grid(book.get_sheet_by_name(meta.name), meta))
        return grids
    except (PermissionError, FileNotFoundError):
        raise
    except Exception as exc:
        raise ReadError(CORRUPT.format(name=display_name, kind=kind)) from exc
    except BaseException as exc:     # a Rust panic inside calamine on a malformed file
        if type(exc).__name__ == "PanicException":
            raise ReadError(CORRUPT.format(name=display_name, kind=kind)) from exc
        raise


def _grid(sheet: "pc.CalamineSheet", meta: "pc.SheetMetadata") -> Grid:
    rows = sheet.to_python(skip_empty_area=False)
    merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ()]
    return Grid(name=meta.name, rows=rows, merged=merged,
                hidden_sheet=meta.visible != pc.SheetVisibleEnum.Visible).rectangular()
