"""The county log as the clerk reads it (决定记录): one line per decision or correction, newest
first - when, what kind, which records (township, file, Excel row, name and the masked ID
number) or files, the clerk's reason, and whether it is in force or was undone (and when).
The department decisions (intake.departments.log_lines: 采用部门数据, 保留登记表数据, 退回乡镇核实,
naming the department) are listed among the county's own, in time order.
Undone entries stay listed, marked 已撤销: the log keeps what was taken back. Saved as .xlsx
by `write_log_book` (atomic, like every export), under a title and a source line (county,
基准日, when written) like the county's other workbooks; `book_name` is its default file name.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from intake.county.log import CURRENT, DECIDE, RELATION, REMOVE, TOWNSHIP, LogEntry
from intake.county.model import ACTION_ZH, KIND_ZH, Ref
from intake.county.report import field_label
from intake.zh_dates import zh_date, zh_time
from validators import divisions
from validators.redact import mask_id

COMMAND_ZH = {TOWNSHIP: "更正乡镇", CURRENT: "设为当前版本", REMOVE: "移除文件"}
COLUMNS = ("时间", "决定", "涉及的记录或文件", "理由", "状态")
TITLE = "县级汇总决定记录"
HEAD_ROW = 2                      # the title, the source line, then the column header


@dataclass(frozen=True)
class LogLine:
    entry_id: int
    at: str
    kind: str
    records: str
    reason: str
    status: str
    undone: bool
    stamp: str = ""               # the entry's time in full (ISO): the order of the merged lines

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.at, self.kind, self.records, self.reason, self.status)


def line_time(at: str | None) -> str:
    return (at or "")[:16].replace("T", " ")


def status_text(e: LogEntry) -> str:
    return f"已撤销（{line_time(e.undone_at)}）" if e.undone else "有效"


def book_name(county: str | None) -> str:
    """仪陇县县级汇总决定记录.xlsx, as the upload file starts with the county's name."""
    d = divisions.get(county) if county else None
    return f"{d.name if d else ''}{TITLE}.xlsx"


def log_lines(desk) -> list[LogLine]:
    """Every entry of the desk's log and of the department checks' log, newest first."""
    from intake.departments.log_lines import dept_log_lines    # departments build on the county
    lines = _county_lines(desk) + dept_log_lines(desk)
    return sorted(lines, key=lambda line: line.stamp, reverse=True)


def _county_lines(desk) -> list[LogLine]:
    """Every entry of the county's own log, oldest first."""
    entries = desk.log.entries()
    files = {f.id: f.name for f in desk.store.files()}
    sheets = {s.sheet_id: s for s in desk.store.sheets()}
    refs = [Ref(*r) for e in entries if e.command == DECIDE for r in e.payload["refs"]]
    values = desk.records.values([r for r in refs if r.sheet_id in sheets])
    towns = desk.snapshot.towns

    def record(r: Ref, short: bool = False) -> str:
        s = sheets.get(r.sheet_id)
        if s is None:
            return "（记录所在的表已不在工作区）"
        rows = desk.keys.rows(r.sheet_id)
        v = values.get(r, {})
        town = towns[s.file_id].name if s.file_id in towns else ""
        row = f"第{rows[r.index] if r.index < len(rows) else r.index + 1}行"
        if short:
            return f"{town or '未识别乡镇'} {row}"
        where = f"{town or '未识别乡镇'} {files.get(s.file_id, '')} {row}"
        return " ".join(x for x in (where, v.get("name") or "", mask_id(v.get("id_number"))) if x)

    def label(r: Ref, key: str) -> str:
        s = sheets.get(r.sheet_id)
        return field_label(s.form, key) if s is not None else key

    return [_line(e, record, files, label) for e in entries]


def _decided(p: dict, record, label) -> str:
    """Which records, the one kept (【保留】), the ones sent back when not all were (【退回】),
    and the fields a merged record took from another record (names of fields, never values)."""
    sent = [r for r in p.get("sent_back") or () if r in p["refs"]]
    partial = 0 < len(sent) < len(p["refs"])
    what = "；".join(("【保留】" if p.get("keep") == r else "") + ("【退回】" if partial and r in sent else "")
                    + record(Ref(*r)) for r in p["refs"])
    taken = [f"{label(Ref(*o['source']), o['field'])}（取自{record(Ref(*o['source']), short=True)}）"
             for o in p.get("overrides") or () if o["source"] != p.get("keep")]
    return what + (f"。合并时采用另一条记录的：{'、'.join(taken)}" if taken else "")


def _line(e: LogEntry, record, files: dict[int, str], label) -> LogLine:
    p = e.payload
    if e.command == DECIDE:
        kind = f"{KIND_ZH.get(p['kind'], p['kind'])}：{ACTION_ZH.get(p['action'], p['action'])}"
        what = _decided(p, record, label)
    elif e.command == RELATION:
        kind = "标为新旧版本" if p["same"] else "标为单独的一部分"
        what = "、".join(f"“{files.get(f, f)}”" for f in p["files"])
    else:
        kind = COMMAND_ZH.get(e.command, e.command)
        file_id = p.get("file_id") or int(e.target.split(":")[1])
        what = f"“{files.get(file_id, file_id)}”" + (f" → {p['name']}" if e.command == TOWNSHIP else "")
    return LogLine(e.id, line_time(e.at), kind, what, e.reason or "", status_text(e), e.undone, e.at)


def source_line(desk, lines: list[LogLine], made_at: str) -> str:
    """本县、基准日、写出时间 and how many lines, under the title (as the statistics' source line)."""
    place = " ".join(d.name for d in divisions.path(desk.county)) if desk.county else ""
    undone = sum(line.undone for line in lines)
    parts = [f"本县：{place}（{desk.county}）" if place else "尚未选定本县",
             f"摸排基准日：{zh_date(desk.as_of)}", f"写出时间：{zh_time(made_at)}",
             f"共{len(lines)}条决定（最新的在前" + (f"，其中{undone}条已撤销，灰色）" if undone else "）"),
             "身份证号只显示前4位和后4位"]
    return "；".join(parts)


def write_log_book(desk, target, *, protected=()) -> Path:
    """The 决定记录 as one sheet of an .xlsx (newest first), written atomically; remembered as the
    desk's own output (intake.county.outputs), so adding the folder it was saved in skips it."""
    import xlsxwriter

    from intake.export.output import output_file, writer_tmpdir
    target = Path(target)
    lines = log_lines(desk)
    county = divisions.get(desk.county) if desk.county else None
    with output_file(target, protected) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                              "strings_to_urls": False, "tmpdir": writer_tmpdir(tmp)})
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
        text = book.add_format({"num_format": "@", "valign": "top", "text_wrap": True})
        muted = book.add_format({"num_format": "@", "valign": "top", "text_wrap": True, "font_color": "#808080"})
        ws = book.add_worksheet("决定记录")
        ws.set_landscape()
        ws.fit_to_pages(1, 0)              # printed: one page wide, the header on every page
        ws.repeat_rows(HEAD_ROW)
        ws.write_string(0, 0, f"{county.name if county else ''}{TITLE}", title)
        ws.write_string(1, 0, source_line(desk, lines, datetime.now().isoformat(timespec="seconds")))
        for c, (name, width) in enumerate(zip(COLUMNS, (17, 32, 70, 30, 24))):
            ws.set_column(c, c, width)
            ws.write_string(HEAD_ROW, c, name, head)
        for r, line in enumerate(lines, start=HEAD_ROW + 1):
            ws.set_row(r, 15 * max(1, -(-len(line.records) // 34), -(-len(line.reason) // 14)))
            for c, value in enumerate(line.cells):
                ws.write_string(r, c, value, muted if line.undone else text)
        ws.freeze_panes(HEAD_ROW + 1, 0)
        book.close()
    desk._written([target])     # saved into the received folder (the dialog's default), it is not received back
    return target
