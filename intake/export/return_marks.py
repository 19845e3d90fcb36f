"""Marking one sheet of the return file: red (error) and amber (warning) cells with comments,
ID and phone cells formatted as text, and a 问题说明 column listing each row's problems.

Hints (a value understood and only written differently: 2022.7.27, 汉) are not marked and not
listed: the village has nothing to do about them, and the upload file normalises them. The
问题汇总 sheet counts them on one line (see return_file)."""
from __future__ import annotations

from collections import defaultdict

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intake.forms import load_form
from intake.table import SheetTable
from validators.findings import Severity

AUTHOR = "摸排助手"
NOTES_HEADER = "问题说明"
ERROR_COLOR, WARNING_COLOR = "FFFF8080", "FFFFD966"
ERROR_FILL = PatternFill("solid", start_color=ERROR_COLOR, end_color=ERROR_COLOR)
WARNING_FILL = PatternFill("solid", start_color=WARNING_COLOR, end_color=WARNING_COLOR)
EDITED_COLOR = "FFC6EFCE"
EDITED_FILL = PatternFill("solid", start_color=EDITED_COLOR, end_color=EDITED_COLOR)
NO_FILL = PatternFill(fill_type=None)
TAG = {True: "【错误】", False: "【警告】"}


def mark_sheet(ws, table: SheetTable, findings, step, returned_before: bool = False,
               edits: dict[tuple[int, str], str | None] | None = None) -> None:
    """findings: the table's FindingSet; step(): one tick of progress per row;
    returned_before: the workbook is a return file sent back (its old marks are removed);
    edits: (record index, field) → the value as imported, for every cell the clerk changed in
    the app: the file gets the corrected value, filled green with a comment naming the old one."""
    form = load_form(table.form)
    if returned_before:
        _clear_old_marks(ws, table)
    notes_col = _notes_column(ws, table)
    _text_format(ws, table, form)
    _write_edits(ws, table, edits or {})
    cells: dict[tuple[int, int], list] = defaultdict(list)
    for i in range(table.n_rows):
        step()
        found = to_mark(findings.for_row(i))
        if not found:
            continue
        row = table.row_numbers[i]
        for f in found:
            col = table.col_of(f.field)
            if col is not None:
                cells[(row, col)].append(f)
        _row_note(ws.cell(row=row, column=notes_col), found, table, form)
    for (row, col), found in cells.items():
        _mark_cell(ws.cell(row=row, column=col), found)


def to_mark(found: list) -> list:
    """The findings the return file shows: errors and warnings (hints stay quiet)."""
    return [f for f in found if f.severity is not Severity.HINT]


def _write_edits(ws, table: SheetTable, edits: dict[tuple[int, str], str | None]) -> None:
    for (index, field), old in edits.items():
        col = table.col_of(field)
        if col is None:
            continue
        cell = ws.cell(row=table.row_numbers[index], column=col)
        cell.value = table.data.get(field, index)
        cell.data_type = "s" if cell.value is not None else cell.data_type
        cell.fill = EDITED_FILL
        cell.comment = Comment(edit_note(old), AUTHOR)


def edit_note(old: str | None) -> str:
    return f"乡镇已修改，原为：{old if old not in (None, '') else '（空）'}"


def _line(f, label: str) -> str:
    text = TAG[f.is_error] + (f"{label}：" if label and label not in f.message else "") + f.message
    return text + (f"（可改为：{f.suggestion}）" if f.suggestion else "")


def _mark_cell(cell, found: list) -> None:
    has_error = any(f.is_error for f in found)
    cell.fill = ERROR_FILL if has_error else WARNING_FILL
    text = "\n".join(_line(f, "") for f in found)
    if cell.comment is not None and cell.comment.author == AUTHOR:   # the clerk's edit note
        text = cell.comment.text + "\n" + text
    comment = Comment(text, AUTHOR)
    comment.width, comment.height = 320, min(60 + 40 * len(found) + len(text) // 2, 400)
    cell.comment = comment


def _row_note(cell, found: list, table: SheetTable, form) -> None:
    headers = {c.field: c.header for c in table.columns if c.field}
    lines = [_line(f, headers.get(f.field) or (form.field(f.field).label if f.field else ""))
             for f in found]
    cell.value = "\n".join(f"{n}. {text}" for n, text in enumerate(lines, start=1))
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.fill = ERROR_FILL if any(f.is_error for f in found) else WARNING_FILL


def _notes_column(ws, table: SheetTable) -> int:
    """The 问题说明 column: the one a previous return file added (emptied), else a new last one."""
    top, last = table.header_rows[0], table.header_rows[-1]
    for col in range(1, ws.max_column + 1):
        if any(ws.cell(row=r, column=col).value == NOTES_HEADER for r in table.header_rows):
            for row in table.row_numbers:
                cell = ws.cell(row=row, column=col)
                cell.value, cell.fill = None, NO_FILL
            return col
    col = max(ws.max_column, max((c.col for c in table.columns), default=0)) + 1
    header = ws.cell(row=top, column=col, value=NOTES_HEADER)
    header.font = Font(bold=True, color="FFC00000")
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last > top:
        ws.merge_cells(start_row=top, start_column=col, end_row=last, end_column=col)
    ws.column_dimensions[get_column_letter(col)].width = 60
    return col


def _clear_old_marks(ws, table: SheetTable) -> None:
    """A file returned before carries this tool's old marks: remove them before marking again."""
    for c in table.columns:
        for row in table.row_numbers:
            cell = ws.cell(row=row, column=c.col)
            if cell.comment is not None and cell.comment.author == AUTHOR:
                cell.comment = None
                if cell.fill is not None and cell.fill.start_color.rgb in (ERROR_COLOR, WARNING_COLOR, EDITED_COLOR):
                    cell.fill = NO_FILL


def _text_format(ws, table: SheetTable, form) -> None:
    """IDs and phones as text ('@'), so a corrected number typed in Excel keeps its digits."""
    for c in table.columns:
        if c.field and form.field(c.field).type in ("id", "phone"):
            for row in table.row_numbers:
                ws.cell(row=row, column=c.col).number_format = "@"
