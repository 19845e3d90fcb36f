"""The reference for the register's previous-register reader (tests/test_register_previous.py
compares with it, benchmarks/register.py times it): main's intake/register/previous.py before
the calamine reader, its cells read by openpyxl (read-only, data_only) in this process. The
header, key and row logic is the module's own (unchanged): only the reading differs."""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from intake.errors import MopaiError, WriteError
from intake.reader.xlsx_guard import check_directory
from intake.register.definitions import RegisterDef
from intake.register.previous import UNREADABLE, Previous, _sheet_rows


def _open(path: Path, password: str | None):
    from openpyxl import load_workbook
    from intake.reader.crypto import decrypt, is_encrypted
    data = path.read_bytes()
    if is_encrypted(data):
        data = decrypt(data, password, path.name).getvalue()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        check_directory(archive, path.name)
    return load_workbook(BytesIO(data), read_only=True, data_only=True)


def read_previous_before(path: Path, rdef: RegisterDef, password: str | None = None) -> Previous | None:
    if not path.exists():
        return None
    try:
        book = _open(path, password)
    except MopaiError as exc:
        raise WriteError(UNREADABLE.format(name=path.name, why=exc.message.rstrip("。"))) from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WriteError(UNREADABLE.format(name=path.name, why="不是可以读取的Excel工作簿")) from exc
    previous = Previous()
    try:
        for name, removed in ((rdef.sheet, False), (rdef.removed_sheet, True)):
            if name in book.sheetnames:
                for row in _sheet_rows(book[name].iter_rows(values_only=True), removed):
                    if row.key not in previous.rows or previous.rows[row.key].removed:
                        previous.rows[row.key] = row
    finally:
        book.close()
    if rdef.sheet not in book.sheetnames:
        raise WriteError(UNREADABLE.format(name=path.name, why=f"其中没有“{rdef.sheet}”工作表，不像是本工具导出的台账"))
    return previous
