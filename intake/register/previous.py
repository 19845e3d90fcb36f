"""The register already at the target path (the last run's, with what the county typed): its
rows by match key, read by header (the county may have moved or added columns), from both the
register sheet and the removed sheet. A file that cannot be read is never overwritten (the
county's notes would be lost): a WriteError says why. The cells are read by python-calamine in
a child process (intake.reader.sheet_rows: the values openpyxl gave before, a crash is a
message).

`read_previous(path, rdef, password)` -> Previous(rows: key -> PreviousRow) or None (no file)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence

from intake.child_memory import limit_bytes, size_text
from intake.errors import WriteError
from intake.reader.isolated import crash_reason
from intake.reader.sheet_rows import NOT_A_BOOK, SheetRows
from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef
from intake.register.rows import ID_KEY

HEADER_SCAN = 10
UNREADABLE = ("无法读取原有的台账“{name}”（{why}），为免丢失已填写的帮扶措施等内容，没有覆盖它。"
              "请关闭正在打开它的程序、输入正确的密码，或换一个文件名另存新台账")
_ID = re.compile(ID_KEY)
READER = "intake.reader.sheet_rows:sheet_rows_job"


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


def _read(path: Path, names: tuple[str, ...], password: str | None) -> SheetRows:
    """The sheets' cells, read by python-calamine in a child process (a crash there becomes a
    WriteError: the file is then not overwritten)."""
    from intake.child_pool import ChildPool, JobFailed
    with ChildPool(workers=1) as pool:
        _, result = next(pool.run(READER, [((str(path), names, password), {})]))
    if isinstance(result, JobFailed):
        why = (f"读取它需要的内存超过了这台电脑能安全使用的上限（约{size_text(limit_bytes() or 0)}）" if result.memory
               else f"读取程序意外终止：{crash_reason(result.exitcode)}" if result.crashed else NOT_A_BOOK)
        raise WriteError(UNREADABLE.format(name=path.name, why=why))
    if result.error:
        raise WriteError(UNREADABLE.format(name=path.name, why=result.error))
    return result


def _sheet_rows(rows: Iterable[Sequence], removed: bool) -> list[PreviousRow]:
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


def read_previous(path: Path, rdef: RegisterDef, password: str | None = None) -> Previous | None:
    if not path.exists():
        return None
    book = _read(path, (rdef.sheet, rdef.removed_sheet), password)
    if rdef.sheet not in book.sheets:
        raise WriteError(UNREADABLE.format(name=path.name, why=f"其中没有“{rdef.sheet}”工作表，不像是本工具导出的台账"))
    previous = Previous()
    for name, removed in ((rdef.sheet, False), (rdef.removed_sheet, True)):
        for row in _sheet_rows(book.sheets.get(name, []), removed):
            if row.key not in previous.rows or previous.rows[row.key].removed:
                previous.rows[row.key] = row
    return previous
