"""The upload file: the rows with no errors, laid out by an export profile, for the national system.

One sheet per form (tables of the same form are joined, 序号 renumbered), then a 导出说明 sheet
listing the rows left out (and why: errors, or deleted by the township) and the rows exported with
warnings (hints are not listed: their values are written the canonical way). IDs and phones are text
cells with number format '@'; dates YYYY-MM-DD text; options in canonical wording (or codes).
Streamed by intake.export.xlsx_stream (inline strings, deflate level 1): about 5x faster than
xlsxwriter's constant-memory mode on the same cells, with no temporary file but the target's own.

The county's merged upload (intake.county.upload) passes sheet objects with optional
attributes, all absent for a township's own export: `records` (the record indices to write, in
order: one row per child), `overrides` (index -> {field: canonical value}: a merged record's
fields), `source` ((township, file): each written row is listed on a 来源 sheet with its
township, file, sheet and Excel row), `label` (how the 导出说明 sheet names the sheet) and
`held_back` (RowNotes of rows not written for reasons other than their errors).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from intake.export.cells import RowValues, fixes_of
from intake.export.output import Progress, Steps, output_file
from intake.export.protect import check_password
from intake.export.profiles import SEQ, ExportProfile, ProfileColumn, load_profile
from intake.export.upload_sources import SourceRow, write_sources
from intake.export.xlsx_stream import StreamBook
from intake.forms import load_form
from intake.severity_words import is_warning

SUMMARY_SHEET = "导出说明"
DELETED_NOTE = "乡镇已删除此行（不属于本表的摸排对象或重复登记）"
FITTED = {"id": (20, 24), "date": (12, 14), "address": (20, 60)}     # type -> (min, max) width


@dataclass
class RowNote:
    sheet: str
    row: int                   # Excel row in the township's sheet
    name: str | None
    problems: list[str]
    status: str | None = None  # the 导出说明 status when not "未导出（有错误）" (county: held back)


@dataclass
class UploadSummary:
    path: Path
    exported: dict[str, int] = field(default_factory=dict)     # form key -> rows written
    left_out: list[RowNote] = field(default_factory=list)
    with_warnings: list[RowNote] = field(default_factory=list)
    deleted: list[RowNote] = field(default_factory=list)       # rows the township deleted
    sources: list[SourceRow] = field(default_factory=list)     # the county's 来源 sheet

    def lines(self) -> list[str]:
        done = "，".join(f"{load_form(k).short}{n}行" for k, n in self.exported.items()) or "0行"
        out = [f"上报文件已写入：{self.path}（导出{done}）"]
        errors = sum(n.status is None for n in self.left_out)
        if errors:
            out.append(f"{errors}行有错误，没有导出，原因见上报文件的“{SUMMARY_SHEET}”页")
        if len(self.left_out) > errors:
            out.append(f"另有{len(self.left_out) - errors}行未导出（县级待处理或同一儿童的另一条记录），"
                       f"原因见“{SUMMARY_SHEET}”页")
        if self.deleted:
            out.append(f"乡镇删除的{len(self.deleted)}行未导出")
        if self.with_warnings:
            out.append(f"{len(self.with_warnings)}行有警告，已导出，请逐行核实")
        return out


def write_upload(checked: Sequence, target: str | os.PathLike, *,
                 profiles: dict[str, ExportProfile] | None = None, protected: Iterable[Path] = (),
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 output_password: str | None = None) -> UploadSummary:
    """checked: CheckedSheet-like objects (.table: SheetTable, .findings: FindingSet);
    output_password: protect the written file with it (intake.export.protect)."""
    check_password(Path(target), output_password)
    protected = [*protected, *{Path(c.table.source) for c in checked}]
    forms = list(dict.fromkeys(c.table.form for c in checked))
    chosen = {f: (profiles or {}).get(f) or load_profile(form=f) for f in forms}
    steps = Steps(sum(len(_records(c)) for c in checked), progress, cancelled)
    summary = UploadSummary(Path(target))
    # only a clean exit writes the book's parts: a cancelled or failed write is discarded whole
    with output_file(target, protected, output_password) as tmp, StreamBook(tmp) as book:
        styles = _Styles(book)
        for form in forms:
            sheets = [c for c in checked if c.table.form == form]
            summary.exported[form] = _write_form(book, styles, chosen[form], sheets, summary, steps)
        if summary.sources:
            write_sources(book, styles.header, summary.sources)
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
    fitted = content_widths(profile, sheets)
    widths = [col.width or fitted.get(col.field) or _width(col, col.field in text_fields)
              for col in profile.columns]
    formats = [styles.text if col.field in text_fields else 0 for col in profile.columns]
    ws = book.add_sheet(profile.sheet_name, widths, formats, freeze_rows=1)
    ws.row([col.header for col in profile.columns], [styles.header] * len(widths))
    r = 0
    for checked in sheets:
        table, findings = checked.table, checked.findings
        plan = _plan(profile, RowValues(table))
        deleted = getattr(checked, "deleted_rows", None) or frozenset()
        overrides = getattr(checked, "overrides", None) or {}
        source = getattr(checked, "source", None)
        label = getattr(checked, "label", None) or table.sheet
        summary.left_out += getattr(checked, "held_back", ())
        for i in _records(checked):
            steps.step()
            if i in deleted:
                summary.deleted.append(RowNote(label, table.row_numbers[i], _name(table, i),
                                               [DELETED_NOTE]))
                continue
            fixes = None
            if findings.has_findings(i):
                found = findings.for_row(i)
                if _note(table, i, found, summary, label):
                    continue
                fixes = fixes_of(found)
            if i in overrides:
                fixes = {**(fixes or {}), **{k: v or "" for k, v in overrides[i].items()}}
            r += 1
            ws.row(_row(r, i, plan, fixes))
            if source:
                summary.sources.append(SourceRow(profile.sheet_name, r + 1, *source, table.sheet,
                                                 table.row_numbers[i]))
    return r


def _records(checked) -> Sequence[int]:
    records = getattr(checked, "records", None)
    return range(checked.table.n_rows) if records is None else records


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


def _note(table, i: int, found: list, summary: UploadSummary, label: str) -> bool:
    """Record a row with problems; True when it has errors (left out)."""
    errors = [f.message for f in found if f.is_error]
    if errors:
        summary.left_out.append(RowNote(label, table.row_numbers[i], _name(table, i), errors))
        return True
    warnings = [f.message for f in found if is_warning(f)]
    if warnings:
        summary.with_warnings.append(RowNote(label, table.row_numbers[i], _name(table, i), warnings))
    return False


def _name(table, i: int) -> str | None:
    return table.data.get("name", i) if "name" in table.data.values else None


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


def content_widths(profile: ExportProfile, sheets: Sequence) -> dict[str, float]:
    """Excel widths of the ID, date and address columns from their longest value (a CJK
    character is about two digits wide), so nothing shows as ##### or is cut off. The longest
    value by length is measured (one C-speed pass a column: 100k rows take milliseconds)."""
    form = load_form(profile.form)
    widths: dict[str, float] = {}
    for col in profile.columns:
        if not col.field or col.field == SEQ or not form.has(col.field):
            continue
        kind = form.field(col.field).type
        if kind not in FITTED:
            continue
        longest = max((display_width(max(filter(None, cells), key=len, default=""))
                       for cells in (c.table.data.values.get(col.field) for c in sheets) if cells),
                      default=0)
        low, high = FITTED[kind]
        widths[col.field] = max(low, min(high, longest + 2), len(col.header) * 2.2)
    return widths


def display_width(text: str) -> int:
    """Width in Excel's digit units: CJK and full-width characters count two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _width(col: ProfileColumn, is_text: bool) -> float:
    if is_text:
        return 21
    if col.field and col.field != SEQ and "address" in col.field:
        return 36
    return max(8.0, min(24.0, len(col.header) * 2.2))


def _write_summary(book: StreamBook, styles: _Styles, summary: UploadSummary) -> None:
    titles, widths = zip(("状态", 16), ("原表工作表", 16), ("原表行号", 10), ("儿童", 12), ("原因", 100))
    ws = book.add_sheet(SUMMARY_SHEET, widths)
    ws.row(titles, [styles.header] * len(titles))
    for status, notes in (("未导出（有错误）", summary.left_out), ("未导出（乡镇已删除）", summary.deleted),
                          ("已导出（有警告）", summary.with_warnings)):
        for note in notes:
            ws.row([note.status or status, note.sheet, note.row, note.name or "",
                    join_problems(note.problems)])
    if ws.n_rows == 1:
        ws.row(["所有行都已导出，没有错误或警告"])


def join_problems(problems: list[str]) -> str:
    """Messages joined with “；” and ending with one “。” (messages may end with their own)."""
    parts = [p.strip().rstrip("。；;") for p in problems]
    return "；".join(p for p in parts if p) + "。"
