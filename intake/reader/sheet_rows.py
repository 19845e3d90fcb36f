"""The cells of named worksheets of an .xlsx, row by row, through python-calamine, with the
values openpyxl (read-only, data_only) gives for the same cells: a blank is None, a whole
number an int (calamine reads every number as a float: a typed 1 is 1.0), a date a datetime
(calamine gives a date when there is no time of day); text, floats, datetimes, times and
booleans as they are. Formulas give their cached values; an error value (#N/A …) reads blank.

Meant to run in a child process (intake.child_pool: a Rust abort fails the job, not the
program): `sheet_rows_job(path, names, password)` returns SheetRows, with the reason in
Chinese when the file cannot be read (the exception's message would not cross the pipe).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from intake.errors import MopaiError
from intake.reader.xlsx_guard import check_directory

NOT_A_BOOK = "不是可以读取的Excel工作簿"
EXACT = 2 ** 53                     # floats beyond this are not whole numbers openpyxl would give as int


@dataclass
class SheetRows:
    sheets: dict[str, list[list]] = field(default_factory=dict)    # name -> rows, for the names present
    names: list[str] = field(default_factory=list)                 # every sheet in the book
    error: str | None = None                                       # why it could not be read


def value(v: object) -> object:
    """A calamine cell as openpyxl gives it."""
    t = type(v)
    if t is str:
        return v or None
    if t is float:
        return int(v) if v.is_integer() and -EXACT < v < EXACT else v
    if t is date:
        return datetime(v.year, v.month, v.day)
    return v


def _book_bytes(path: Path, password: str | None) -> bytes:
    from intake.reader.crypto import decrypt, is_encrypted
    data = path.read_bytes()
    if is_encrypted(data):
        data = decrypt(data, password, path.name).getvalue()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        check_directory(archive, path.name)
    return data


def read_sheet_rows(path: Path, names: tuple[str, ...], password: str | None = None) -> SheetRows:
    """The named sheets' rows (from A1; a MopaiError or any reading error is raised)."""
    import python_calamine as pc
    book = pc.CalamineWorkbook.from_filelike(BytesIO(_book_bytes(Path(path), password)))
    out = SheetRows(names=list(book.sheet_names))
    for name in names:
        if name in out.names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            out.sheets[name] = [[value(v) for v in row] for row in rows]
    return out


def sheet_rows_job(path: str, names: tuple[str, ...], password: str | None = None) -> SheetRows:
    """read_sheet_rows for a child process: a failure comes back as SheetRows.error."""
    try:
        return read_sheet_rows(Path(path), names, password)
    except MopaiError as exc:
        return SheetRows(error=exc.message.rstrip("。"))
    except Exception:          # noqa: BLE001 - OSError, BadZipFile, CalamineError …: not a workbook
        return SheetRows(error=NOT_A_BOOK)
    except BaseException as exc:    # a Rust panic inside calamine on a malformed file
        if type(exc).__name__ == "PanicException":
            return SheetRows(error=NOT_A_BOOK)
        raise
