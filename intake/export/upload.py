"""The upload file: the rows with no errors, laid out by an export profile, for the national system.

One sheet per form (tables of the same form are joined, 序号 renumbered), then a 导出说明 sheet
listing the rows left out (and why) and the rows exported with warnings. IDs and phones are text
cells with number format '@'; dates YYYY-MM-DD text; options in canonical wording (or codes).
Streamed by intake.export.xlsx_stream (inline strings, deflate level 1): about 5x faster than
xlsxwriter's constant-memory mode on the same cells, with no temporary file but the target's own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from intake.export.cells import RowValues, fixes_of
from intake.export.output import Progress, Steps, output_file
from intake.export.xlsx_stream import StreamBook
from intake.export.profiles import SEQ, ExportProfile, ProfileColumn, load_profile
from intake.forms import load_form

SUMMARY_SHEET = "导出说明"


@dataclass
class RowNote:
    sheet: str
    row: int                   # Excel row in the township's sheet
    name: str | None
    problems: list[str]


@dataclass
class UploadSummary:
    path: Path
    exported: dict[str, int] = field(default_factory=dict)     # form key -> rows written
    left_out: list[RowNote] = field(default_factory=list)
    with_warnings: list[RowNote] = field(default_factory=list)

    def lines(self) -> list[str]:
        done = "，".join(f"{load_form(k).short}{n}行" for k, n in self.exported.items()) or "0行"
        out = [f"上报文件已写入：{self.path}（导出{done}）"]
        if self.left_out:
            out.append(f"有错误未导出{len(self.left_out)}行，原因见上报文件的“{SUMMARY_SHEET}”页")
        if self.with_warnings:
            out.append(f"已导出但有警告{len(self.with_warnings)}行，请核实")
        return out


def write_upload(checked: Sequence, target: str | os.PathLike, *,
                 profiles: dict[str, ExportProfile] | None = None, protected: Iterable[Path] = (),
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> UploadSummary:
    """checked: CheckedSheet-like objects (.table: SheetTable, .findings: FindingSet)."""
    protected = [*protected, *{Path(c.table.source) for c in checked}]
    forms = list(dict.fromkeys(c.table.form for c in checked))
    chosen = {f: (profiles or {}).get(f) or load_profile(form=f) for f in forms}
    steps = Steps(sum(c.table.n_rows for c in checked), progress, cancelled)
    summary = UploadSummary(Path(target))
    # only a clean exit writes the book's parts: a cancelled or failed write is discarded whole
    with output_file(target, protected) as tmp, StreamBook(tmp) as book:
        styles = _Styles(book)
        for form in forms:
            sheets = [c for c in checked if c.table.form == form]
            summary.exported[form] = _write_form(book, styles, chosen[form], sheets, summary, steps)
        if any(p.summary_sheet for p in chosen.values()):
            _write_summary(book, styles, summary)
        steps.finish()
    return summary


class _Styles:
    def __init__(self, book: StreamBook):
        self.header = book.style(bold=True, border=True, center=True, fill="#DDEBF7")
        self.text = book.style(text=True)


def _write_form(book: StreamBook, styles: _Styles, profile: ExportProfile, sheets: Sequence,
                summary: UploadSummary, steps: Steps) -> int:
    text_fields = profile.text_fields
    form = load_form(profile.form)
    widths = [col.width or _width(col, col.field in text_fields, form) for col in profile.columns]
    formats = [styles.text if col.field in text_fields else 0 for col in profile.columns]
    rows = sum(c.table.n_rows - c.findings.n_rows_with_errors for c in sheets)
    ws = book.add_sheet(profile.sheet_name, widths, formats, freeze_rows=1, rows=rows + 1)
    ws.row([col.header for col in profile.columns], [styles.header] * len(widths))
    r = 0
    for checked in sheets:
        table, findings = checked.table, checked.findings
        plan = _plan(profile, RowValues(table))
        for i in range(table.n_rows):
            steps.step()
            fixes = None
            if findings.has_findings(i):
                found = findings.for_row(i)
                if _note(table, i, found, summary):
                    continue
                fixes = fixes_of(found)
            r += 1
            ws.row(_row(r, i, plan, fixes))
    return r


@dataclass
class _Plan:
    """How one table's records become upload cells (the hot loop: 100k rows x 45 columns)."""

    template: list = field(default_factory=list)         # a row with the constant columns filled
    seq: list[int] = field(default_factory=list)          # running-number columns
    fields: list[tuple] = field(default_factory=list)     # (col, key, cells, fallback, convert)


def _plan(profile: ExportProfile, values: RowValues) -> _Plan:
    plan = _Plan(template=[None] * len(profile.columns))
    for c, col in enumerate(profile.columns):
        if col.field == SEQ:
            plan.seq.append(c)
            continue
        fallback = values.fallback.get(col.field) if col.field else col.fixed
        cells = values.columns.get(col.field) if col.field else None
        if cells is None:
            if fallback:        # a fixed column, or a field the sheet lacks but its 填报 line gives
                plan.template[c] = fallback
            continue
        plan.fields.append((c, col.field, cells, fallback, _converter(col, profile)))
    return plan


def _row(r: int, i: int, plan: _Plan, fixes: dict | None) -> list:
    row = plan.template.copy()
    for c in plan.seq:
        row[c] = r
    for c, key, cells, fallback, convert in plan.fields:
        v = fixes.get(key) if fixes else None
        if v is None:
            v = cells[i]
            v = (v.strip() if v else v) or fallback
        if v:
            row[c] = convert(v) if convert else v
    return row


def _note(table, i: int, found: list, summary: UploadSummary) -> bool:
    """Record a row with problems; True when it has errors (left out)."""
    if not found:
        return False
    errors = [f.message for f in found if f.is_error]
    name = table.data.get("name", i) if "name" in table.data.values else None
    if errors:
        summary.left_out.append(RowNote(table.sheet, table.row_numbers[i], name, errors))
        return True
    summary.with_warnings.append(RowNote(table.sheet, table.row_numbers[i], name,
                                         [f.message for f in found]))
    return False


def _converter(col: ProfileColumn, profile: ExportProfile):
    field_ = load_form(profile.form).field(col.field)
    sep = profile.multi_separator
    if col.value == "code":
        codes = col.codes
        if field_.type == "multi":
            return lambda text: sep.join(codes.get(p.split("：")[0], p) for p in text.split("、"))
        return lambda text: codes.get(text, text)
    if field_.type == "multi" and sep != "、":
        return lambda text: text.replace("、", sep)
    return None


def _width(col: ProfileColumn, is_text: bool, form) -> float:
    if is_text:
        return 21
    if col.field and col.field != SEQ and form.has(col.field) and form.field(col.field).type == "date":
        return 12           # 2015-03-02 in full
    if col.field and col.field != SEQ and "address" in col.field:
        return 36
    return max(8.0, min(24.0, len(col.header) * 2.2))


def _write_summary(book: StreamBook, styles: _Styles, summary: UploadSummary) -> None:
    titles, widths = zip(("状态", 16), ("原表工作表", 16), ("原表行号", 10), ("儿童", 12), ("原因", 100))
    ws = book.add_sheet(SUMMARY_SHEET, widths)
    ws.row(titles, [styles.header] * len(titles))
    for status, notes in (("未导出（有错误）", summary.left_out), ("已导出（有警告）", summary.with_warnings)):
        for note in notes:
            ws.row([status, note.sheet, note.row, note.name or "", "；".join(note.problems)])
    if not ws.n_rows - 1:
        ws.row(["所有行都已导出，没有错误或警告"])
