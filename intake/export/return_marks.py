"""Marking one sheet of the return file: red (error) and amber (warning) cells with comments,
hints (only written differently) with a comment and no colour, the clerk's edits green, deleted
rows grey and struck through, ID and phone cells formatted as text, and a 问题说明 column
listing each row's problems."""
from __future__ import annotations

from collections import defaultdict
from copy import copy

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intake.export.source_book import cell_safe
from intake.forms import load_form
from intake.reader.limits import COL_GAP
from intake.severity_words import WORD
from intake.table import SheetTable
from validators.findings import Severity

AUTHOR = "摸排助手"
NOTES_HEADER = "问题说明"
ERROR_COLOR, WARNING_COLOR = "FFFF8080", "FFFFD966"
ERROR_FILL = PatternFill("solid", start_color=ERROR_COLOR, end_color=ERROR_COLOR)
WARNING_FILL = PatternFill("solid", start_color=WARNING_COLOR, end_color=WARNING_COLOR)
EDITED_COLOR = "FFC6EFCE"
EDITED_FILL = PatternFill("solid", start_color=EDITED_COLOR, end_color=EDITED_COLOR)
DELETED_COLOR = "FFD9D9D9"
DELETED_FILL = PatternFill("solid", start_color=DELETED_COLOR, end_color=DELETED_COLOR)
NO_FILL = PatternFill(fill_type=None)
TAG = {s: f"【{w}】" for s, w in WORD.items()}
FILL = {Severity.ERROR: ERROR_FILL, Severity.WARNING: WARNING_FILL, Severity.HINT: NO_FILL}
DELETED_NOTE = "【已删除】乡镇已删除此行（不属于本表的摸排对象或重复登记），不会上报；如果删错了，请告诉乡镇"
MARK_COLORS = (ERROR_COLOR, WARNING_COLOR, EDITED_COLOR, DELETED_COLOR)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")      # one object for every note cell


def mark_sheet(ws, table: SheetTable, findings, step, returned_before: bool = False,
               edits: dict[tuple[int, str], str | None] | None = None,
               deleted: frozenset[int] = frozenset()) -> None:
    """findings: the table's FindingSet; step(): one tick of progress per row;
    returned_before: the workbook is a return file sent back (its old marks are removed);
    edits: (record index, field) → the value as imported, for every cell the clerk changed in
    the app: the file gets the corrected value, filled green with a comment naming the old one;
    deleted: record indices of the rows the clerk deleted (grey, struck through, noted)."""
    form = load_form(table.form)
    if returned_before:
        _clear_old_marks(ws, table)
    notes_col = _notes_column(ws, table)
    _text_format(ws, table, form)
    _write_edits(ws, table, edits or {})
    cells: dict[tuple[int, int], list] = defaultdict(list)
    labels = _Labels(table, form)
    for i in range(table.n_rows):
        step()
        if i in deleted:
            _mark_deleted(ws, table, i, notes_col)
            continue
        found = findings.for_row(i)
        if not found:
            continue
        row = table.row_numbers[i]
        for f in found:
            col = table.col_of(f.field)
            if col is not None:
                cells[(row, col)].append(f)
        _row_note(ws.cell(row=row, column=notes_col), found, labels)
    for (row, col), found in cells.items():
        _mark_cell(ws.cell(row=row, column=col), found)


def _write_edits(ws, table: SheetTable, edits: dict[tuple[int, str], str | None]) -> None:
    for (index, field), old in edits.items():
        col = table.col_of(field)
        if col is None:
            continue
        cell = ws.cell(row=table.row_numbers[index], column=col)
        cell.value = cell_safe(table.data.get(field, index))
        cell.data_type = "s" if cell.value is not None else cell.data_type
        cell.fill = EDITED_FILL
        cell.comment = Comment(edit_note(old), AUTHOR)


def _mark_deleted(ws, table: SheetTable, index: int, notes_col: int) -> None:
    row = table.row_numbers[index]
    for c in table.columns:
        cell = ws.cell(row=row, column=c.col)
        cell.fill = DELETED_FILL
        _set_font(cell, strike=True, color="FF7F7F7F")
    note = ws.cell(row=row, column=notes_col, value=DELETED_NOTE)
    note.alignment = WRAP_TOP
    note.fill = DELETED_FILL


def _set_font(cell, **changes) -> None:
    font = copy(cell.font)
    for name, value in changes.items():
        setattr(font, name, value)
    cell.font = font


def worst(found: list) -> Severity:
    severities = {f.severity for f in found}
    return next(s for s in (Severity.ERROR, Severity.WARNING, Severity.HINT) if s in severities)


def edit_note(old: str | None) -> str:
    return f"乡镇已修改，原为：{cell_safe(quote_text(old)) if old not in (None, '') else '（空）'}"


def quote_text(value: str, limit: int = 200) -> str:
    """A cell's text in a note of the return file: whole (IDs included: it is the township's own
    file), but at most `limit` characters."""
    return value if len(value) <= limit else f"{value[:limit]}…(共 {len(value)} 字)"


def _line(f, label: str) -> str:
    text = TAG[f.severity] + (f"{label}：" if label and label not in f.message else "") + f.message
    return text + (f"（可改为：{cell_safe(quote_text(f.suggestion))}）" if f.suggestion else "")


def _mark_cell(cell, found: list) -> None:
    level = worst(found)
    if level is not Severity.HINT:           # a hint keeps the cell's own fill (or the edit's green)
        cell.fill = FILL[level]
    text = "\n".join(_line(f, "") for f in found)
    if cell.comment is not None and cell.comment.author == AUTHOR:   # the clerk's edit note
        text = cell.comment.text + "\n" + text
    comment = Comment(text, AUTHOR)
    comment.width, comment.height = 320, min(60 + 40 * len(found) + len(text) // 2, 400)
    cell.comment = comment


class _Labels(dict):
    """field -> the label a row's note names it by: the sheet's own header, else the form's
    label (made once a sheet, not once a row)."""
    def __init__(self, table: SheetTable, form) -> None:
        super().__init__((c.field, c.header) for c in table.columns if c.field)
        self.form = form

    def __missing__(self, field: str | None) -> str:
        return self.form.field(field).label if field else ""


def _row_note(cell, found: list, labels: _Labels) -> None:
    lines = [_line(f, labels[f.field] or labels.__missing__(f.field)) for f in found]
    cell.value = "\n".join(f"{n}. {text}" for n, text in enumerate(lines, start=1))
    cell.data_type = "s"
    cell.alignment = WRAP_TOP
    cell.fill = FILL[worst(found)]


def _notes_column(ws, table: SheetTable) -> int:
    """The 问题说明 column: the one a previous return file added (emptied), else a new last one."""
    top, last = table.header_rows[0], table.header_rows[-1]
    max_column = ws.max_column          # openpyxl counts it over every cell: once
    for col in range(1, max_column + 1):
        if any(ws.cell(row=r, column=col).value == NOTES_HEADER for r in table.header_rows):
            for row in table.row_numbers:
                cell = ws.cell(row=row, column=col)
                cell.value, cell.fill = None, NO_FILL
            return col
    table_end = max((c.col for c in table.columns), default=0)
    # after the sheet's last used column, unless that is a stray cell far beyond the table
    col = (max(max_column, table_end) if max_column - table_end <= COL_GAP else table_end) + 1
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
                if cell.fill is not None and cell.fill.start_color.rgb in MARK_COLORS:
                    cell.fill = NO_FILL
            elif _is_deleted_mark(cell):
                cell.fill = NO_FILL
                _set_font(cell, strike=False, color=None)


def _is_deleted_mark(cell) -> bool:
    """Grey and struck through: a row this tool marked deleted in an earlier return file."""
    return (cell.fill is not None and cell.fill.start_color.rgb == DELETED_COLOR
            and bool(cell.font and cell.font.strike))


def _text_format(ws, table: SheetTable, form) -> None:
    """IDs and phones as text ('@'), so a corrected number typed in Excel keeps its digits."""
    for c in table.columns:
        if c.field and form.field(c.field).type in ("id", "phone"):
            for row in table.row_numbers:
                ws.cell(row=row, column=c.col).number_format = "@"
