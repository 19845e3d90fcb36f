"""The .xlsx/.xlsm reader: cells through calamine; hidden rows/columns and widths from the sheet
XML (intake.reader.sheet_xml), scanned in a thread while calamine parses."""
from __future__ import annotations

import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from intake.errors import ReadError
from intake.reader.calamine_book import CORRUPT, read_workbook
from intake.reader import xlsx_guard
from intake.reader.grid import Grid
from intake.reader.limits import far_cells_note
from intake.reader.sheet_xml import scan_workbook
from intake.reader.source import source_error
from intake.reader.xlsx_guard import Trim

NOT_A_WORKBOOK = ("“{name}”不是Excel/WPS表格文件（可能是Word文档、压缩包或其他文件），"
                  "请确认选对了文件。")


def read_xlsx(source: Path | BytesIO, display_name: str) -> list[Grid]:
    trimmed, trims = _check_package(source, display_name)
    source = trimmed or source
    if isinstance(source, BytesIO):       # one in-memory buffer: one reader at a time
        grids = read_workbook(source, display_name, "Excel 工作簿")
        extras = scan_workbook(source)
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            scanning = pool.submit(scan_workbook, source)
            grids = read_workbook(source, display_name, "Excel 工作簿", (".xlsx", ".xlsm"))
            extras = scanning.result()
    far = {t.sheet: t.far for t in trims if t.far}
    for grid in grids:
        if grid.name in extras:
            extras[grid.name].apply(grid)
        if grid.name in far:
            grid.notes.append(far_cells_note(far[grid.name]))
    return grids


def _check_package(source: Path | BytesIO, display_name: str) -> tuple[BytesIO | None, list[Trim]]:
    """A zip that is not a workbook (a .docx, a zip of files) gets its own message; a zip bomb
    or a sheet with an abnormal used range is refused, or read from a trimmed copy (returned
    with its trims) when only stray far cells make it abnormal (intake.reader.xlsx_guard)."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if not names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"}:
                raise ReadError(NOT_A_WORKBOOK.format(name=display_name))
            xlsx_guard.check_directory(archive, display_name)
            trims = xlsx_guard.plan_trims(archive, display_name) if "xl/workbook.xml" in names else {}
            if trims:
                return xlsx_guard.trimmed_package(archive, trims), list(trims.values())
            return None, []
    except OSError as exc:
        raise source_error(Path(display_name), exc) from exc
    except (zipfile.BadZipFile, ValueError, KeyError, EOFError, zlib.error) as exc:
        raise ReadError(CORRUPT.format(name=display_name, kind="Excel 工作簿")) from exc
