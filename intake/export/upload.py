"""The upload file: the rows with no errors, laid out by an export profile, for the national system.

One sheet per form (tables of the same form are joined, 序号 renumbered), then a 导出说明 sheet
listing the rows left out (and why) and the rows exported with warnings. IDs and phones are text
cells with number format '@'; dates YYYY-MM-DD; options in canonical wording (or codes).
Written with xlsxwriter in constant-memory mode (the fastest well-kept writer measured).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import xlsxwriter

from intake.export.cells import RowValues, fixes_of
from intake.export.output import Progress, Steps, output_file
from intake.export.profiles import SEQ, ExportProfile, ProfileColumn, load_profile
from intake.forms import load_form
from validators.findings import Severity

SUMMARY_SHEET = "导出说明"
WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_numbers": False,
                    "strings_to_formulas": False, "strings_to_urls": False}


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
    with output_file(target, protected) as tmp:
        book = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        styles = _Styles(book)
        for form in forms:
            sheets = [c for c in checked if c.table.form == form]
            summary.exported[form] = _write_form(book, styles, chosen[form], sheets, summary, steps)
        if any(p.summary_sheet for p in chosen.values()):
            _write_summary(book, styles, summary)
        steps.finish()
        book.close()        # only on success: a cancelled or failed write is discarded whole
    return summary


class _Styles:
    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format({"bold": True, "border": 1, "align": "center",
                                       "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"})
        self.text = book.add_format({"num_format": "@"})


def _write_form(book, styles: _Styles, profile: ExportProfile, sheets: Sequence,
                summary: UploadSummary, steps: Steps) -> int:
    ws = book.add_worksheet(profile.sheet_name)
    text_fields = profile.text_fields
    for c, col in enumerate(profile.columns):
        is_text = col.field in text_fields
        ws.set_column(c, c, col.width or _width(col, is_text), styles.text if is_text else None)
        ws.write_string(0, c, col.header, styles.header)
    ws.freeze_panes(1, 0)
    r = 0
    for checked in sheets:
        table = checked.table
        plan = _plan(profile, RowValues(table), styles.text, text_fields)
        with_findings = set(checked.findings.rows_with_findings())
        for i in range(table.n_rows):
            steps.step()
            fixes = None
            if i in with_findings:
                found = checked.findings.for_row(i)
                if _note(table, i, found, summary):
                    continue
                fixes = fixes_of(found)
            r += 1
            _write_row(ws, r, i, plan, fixes)
    return r


@dataclass
class _Plan:
    """How one table's records become upload cells (the hot loop: 100k rows x 45 columns)."""

    seq: list[int] = field(default_factory=list)                  # running-number columns
    constants: list[tuple[int, str]] = field(default_factory=list)  # same text in every row
    fields: list[tuple] = field(default_factory=list)   # (col, key, cells, fallback, convert, format)


def _plan(profile: ExportProfile, values: RowValues, text_format, text_fields: set[str]) -> _Plan:
    plan = _Plan()
    for c, col in enumerate(profile.columns):
        if col.field == SEQ:
            plan.seq.append(c)
            continue
        fallback = values.fallback.get(col.field) if col.field else col.fixed
        cells = values.columns.get(col.field) if col.field else None
        if cells is None:
            if fallback:        # a fixed column, or a field the sheet lacks but its 填报 line gives
                plan.constants.append((c, fallback))
            continue
        plan.fields.append((c, col.field, cells, fallback, _converter(col, profile),
                            text_format if col.field in text_fields else None))
    return plan


def _write_row(ws, r: int, i: int, plan: _Plan, fixes: dict | None) -> None:
    write = ws.write_string
    for c in plan.seq:
        ws.write_number(r, c, r)
    for c, text in plan.constants:
        write(r, c, text)
    for c, key, cells, fallback, convert, fmt in plan.fields:
        v = fixes.get(key) if fixes else None
        if v is None:
            v = cells[i]
            v = (v.strip() if v else v) or fallback
        if v:
            write(r, c, convert(v) if convert else v, fmt)


def _note(table, i: int, found: list, summary: UploadSummary) -> bool:
    """Record a row with problems; True when it has errors (left out)."""
    if not found:
        return False
    errors = [f.message for f in found if f.is_error]
    name = table.data.get("name", i) if "name" in table.data.values else None
    if errors:
        summary.left_out.append(RowNote(table.sheet, table.row_numbers[i], name, errors))
        return True
    warnings = [f.message for f in found if f.severity is Severity.WARNING]
    if warnings:        # hints only: normalised in the file, nothing to verify
        summary.with_warnings.append(RowNote(table.sheet, table.row_numbers[i], name, warnings))
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


def _width(col: ProfileColumn, is_text: bool) -> float:
    if is_text:
        return 21
    if col.field and col.field != SEQ and "address" in col.field:
        return 36
    return max(8.0, min(24.0, len(col.header) * 2.2))


def _write_summary(book, styles: _Styles, summary: UploadSummary) -> None:
    ws = book.add_worksheet(SUMMARY_SHEET)
    for c, (title, width) in enumerate((("状态", 16), ("原表工作表", 16), ("原表行号", 10),
                                         ("儿童", 12), ("原因", 100))):
        ws.set_column(c, c, width)
        ws.write_string(0, c, title, styles.header)
    r = 0
    for status, notes in (("未导出（有错误）", summary.left_out), ("已导出（有警告）", summary.with_warnings)):
        for note in notes:
            r += 1
            ws.write_string(r, 0, status)
            ws.write_string(r, 1, note.sheet)
            ws.write_number(r, 2, note.row)
            ws.write_string(r, 3, note.name or "")
            ws.write_string(r, 4, "；".join(note.problems))
    if not r:
        ws.write_string(1, 0, "所有行都已导出，没有错误或警告")
