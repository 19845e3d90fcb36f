"""Notes about a read sheet the clerk should know: hidden rows/columns, IDs stored as numbers."""
from __future__ import annotations

from intake.privacy import quote
from intake.reader.grid import Grid
from intake.table import ImportNote, SheetTable
from validators.form import FormTemplate

MAX_LISTED = 8


def sheet_notes(grid: Grid, table: SheetTable, form: FormTemplate) -> list[ImportNote]:
    return [*_no_rows(table), *_hidden_sheet(grid), *_hidden_rows(grid, table),
            *_hidden_cols(table), *_number_ids(table, form)]


def _no_rows(table: SheetTable) -> list[ImportNote]:
    if table.n_rows:
        return []
    return [ImportNote("read.no_rows", "表头下面没有数据行：这张表还没有填写", table.header_rows[-1], None)]


def _listed(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:MAX_LISTED])
    return shown + ("等" if len(numbers) > MAX_LISTED else "")


def _hidden_sheet(grid: Grid) -> list[ImportNote]:
    if not grid.hidden_sheet:
        return []
    return [ImportNote("read.hidden_sheet", f"工作表“{quote(grid.name)}”是隐藏的工作表，其中的登记表也已读取")]


def _hidden_rows(grid: Grid, table: SheetTable) -> list[ImportNote]:
    hidden = [r for r in table.row_numbers if r in grid.hidden_rows]
    if not hidden:
        return []
    return [ImportNote("read.hidden_rows", f"第{_listed(hidden)}行（共{len(hidden)}行）是隐藏行，"
                       "已一并读取和检查；请在Excel中取消隐藏后核对", hidden[0], None)]


def _hidden_cols(table: SheetTable) -> list[ImportNote]:
    notes = []
    for c in table.columns:
        if c.hidden:
            notes.append(ImportNote("read.hidden_column", f"“{quote(c.header)}”列是隐藏列，已一并读取"
                                    "和检查；请在Excel中取消隐藏后核对", None, c.col))
    return notes


def _number_ids(table: SheetTable, form: FormTemplate) -> list[ImportNote]:
    notes = []
    for f in form.fields_of_type("id"):
        indices = sorted(table.data.numeric.get(f.key, ()))
        if not indices:
            continue
        rows = [table.row_numbers[i] for i in indices]
        notes.append(ImportNote(
            "read.number_id", f"“{f.label}”列有{len(rows)}个单元格是数字格式（第{_listed(rows)}行）："
            "Excel只保留15位有效数字，身份号码的后几位可能已经丢失。请按原始证件把这些号码"
            "重新录入为文本（先把单元格格式设为“文本”）", rows[0], table.col_of(f.key)))
    return notes
