"""The reference for the register's previous-register reader (tests/test_register_previous.py
compares with it, benchmarks/register.py times it): main's intake/register/previous.py before
the calamine reader (openpyxl read-only, in this process), verbatim but for the function's name.

The register already at the target path (the last run's, with what the county typed): its
rows by match key, read by header (the county may have moved or added columns), from both the
register sheet and the removed sheet. A file that cannot be read is never overwritten (the
county's notes would be lost): a WriteError says why.

`read_previous(path, rdef, password)` -> Previous(rows: key -> PreviousRow) or None (no file)."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from intake.errors import MopaiError, WriteError
from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef
from intake.register.rows import ID_KEY
from intake.reader.xlsx_guard import check_directory

HEADER_SCAN = 10
UNREADABLE = ("无法读取原有的台账“{name}”（{why}），为免丢失已填写的帮扶措施等内容，没有覆盖它。"
              "请关闭正在打开它的程序、输入正确的密码，或换一个文件名另存新台账")
_ID = re.compile(ID_KEY)


@dataclass
class PreviousRow:
    key: str
    values: dict[str, object]                 # header -> cell, as the file has it
    removed: bool                             # on the removed sheet
    removed_why: object = None
    removed_on: object = None


@dataclass
class Previous:
    rows: dict[str, PreviousRow] = field(default_factory=dict)

    def noted(self, reasons: tuple[str, ...]) -> dict[str, set[str]]:
        """key -> the county_noted reasons marked 是 (or ✓, √, 1) for that child."""
        out: dict[str, set[str]] = {}
        for key, row in self.rows.items():
            marked = {r for r in reasons if _marked(row.values.get(r))}
            if marked:
                out[key] = marked
        return out


def _marked(value: object) -> bool:
    return str(value or "").strip() in ("是", "✓", "√", "1", "Y", "y", "有")


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else " ".join(str(value).split())


def row_key(values: dict[str, object]) -> str | None:
    """The match key of a register line (as intake.register.rows.key_expr makes it)."""
    ident = _text(values.get("公民身份号码")).replace(" ", "").upper()
    if _ID.match(ident):
        return "id:" + ident
    name = _text(values.get("姓名")).replace(" ", "")
    if not name:
        return None
    return "nb:" + "|".join([name, _text(values.get("出生日期")), _text(values.get("乡镇（街道）"))])


def _open(path: Path, password: str | None):
    from openpyxl import load_workbook
    from intake.reader.crypto import decrypt, is_encrypted
    data = path.read_bytes()
    if is_encrypted(data):
        data = decrypt(data, password, path.name).getvalue()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        check_directory(archive, path.name)
    return load_workbook(BytesIO(data), read_only=True, data_only=True)


def _sheet_rows(ws, removed: bool) -> list[PreviousRow]:
    rows = ws.iter_rows(values_only=True)
    header: list[str] | None = None
    out = []
    for n, cells in enumerate(rows):
        if header is None:
            if n >= HEADER_SCAN:
                return []
            if cells and any(_text(c) == "序号" for c in cells) and any(_text(c) == "姓名" for c in cells):
                header = [_text(c) for c in cells]
            continue
        values = {h: v for h, v in zip(header, cells) if h}
        key = row_key(values)
        if key:
            out.append(PreviousRow(key, values, removed, values.get(REMOVED_WHY), values.get(REMOVED_ON)))
    return out


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
                for row in _sheet_rows(book[name], removed):
                    if row.key not in previous.rows or previous.rows[row.key].removed:
                        previous.rows[row.key] = row
    finally:
        book.close()
    if rdef.sheet not in book.sheetnames:
        raise WriteError(UNREADABLE.format(name=path.name, why=f"其中没有“{rdef.sheet}”工作表，不像是本工具导出的台账"))
    return previous
