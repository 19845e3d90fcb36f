"""The .xlsx/.xlsm reader: cells through calamine; hidden rows/columns and widths from the sheet
XML (intake.reader.sheet_xml), scanned in a thread while calamine parses."""
from __future__ import annotations

import zipfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from intake.errors import ReadError
from intake.reader.calamine_book import CORRUPT, read_workbook
from intake.reader.grid import Grid
from intake.reader.sheet_xml import scan_workbook
from intake.reader.source import LOCKED

NOT_A_WORKBOOK = ("“{name}”不是Excel工作簿（可能是Word文档、压缩包或其他文件），"
                  "请确认选对了文件")


def read_xlsx(source: Path | BytesIO, display_name: str) -> list[Grid]:
    _check_package(source, display_name)
    if isinstance(source, BytesIO):       # one in-memory buffer: one reader at a time
        grids = read_workbook(source, display_name, "Excel 工作簿")
        extras = scan_workbook(source)
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            scanning = pool.submit(scan_workbook, source)
            grids = read_workbook(source, display_name, "Excel 工作簿", (".xlsx", ".xlsm"))
            extras = scanning.result()
    for grid in grids:
        if grid.name in extras:
            extras[grid.name].apply(grid)
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
