"""The reconciliation report of one department (.xlsx), what the county needs and no more.

Sheet 比对汇总 (intake.departments.report_summary): the list sent and the answer read, then the
differences counted by kind under grouped headers that say what adds up to what
(templates/dept_report.toml). Sheet 差异明细: every difference with township, file, Excel row,
name, field, the sheet's value, the department's value, the decision taken (and its reason and
time) and a note; ID numbers only masked. Sheet 疑似漏报名单: the department's records of
children on no sheet, by township, with what the township needs to visit (name, ID number,
addresses). Written atomically (intake.export.output), optionally encrypted.
"""
from __future__ import annotations

from pathlib import Path

import xlsxwriter

from intake.departments.outgoing import printable
from intake.departments.model import ACTION_ZH, KIND_ZH, MISSED, MISSED_ACTION_ZH, NUMBER_KINDS, Difference
from intake.departments.report_summary import write_summary
from intake.export.output import Steps, output_file, writer_tmpdir
from intake.export.protect import check_password
from intake.forms import load_form
from intake.privacy import quote
from intake.stats.book.formats import text_width

DETAIL = ("序号", "类型", "乡镇（街道）", "文件", "行号", "姓名", "项目", "登记表的值", "部门的值",
          "处理决定", "处理说明", "决定时间", "部门回复位置", "说明")
MISSED_COLUMNS = ("序号", "乡镇（街道）", "姓名", "公民身份号码", "出生日期", "现住址", "户籍地址", "登记为",
                  "部门回复位置", "处理决定", "处理说明")
FORM_ZH = {"liudong": "流动儿童", "liushou": "留守儿童"}
WIDTHS = {"类型": 16, "乡镇（街道）": 11, "文件": 24, "姓名": 8, "项目": 16, "登记表的值": 16, "部门的值": 16,
          "处理决定": 26, "处理说明": 20, "决定时间": 16, "部门回复位置": 12, "说明": 36, "公民身份号码": 21,
          "现住址": 36, "户籍地址": 36, "出生日期": 11}
LINE_PT = 15                # a wrapped line of the 11 pt text, in points (the default row's height)
# text_width units a line holds in a column of width 1: the stats overview measured 140 units in
# a 110 wide column in LibreOffice (intake.stats.book.workbook); a little less, so that an
# estimate errs towards a spare line rather than a cut one
UNITS_PER_WIDTH = 1.2


def write_report(depts, dept: str, target, *, password: str | None = None, protected=(), progress=None,
                 cancelled=None) -> Path:
    target = Path(target)
    check_password(target, password)
    diffs = depts.differences(dept)
    names = _names(depts, diffs)
    steps = Steps(len(diffs), progress, cancelled)
    with output_file(target, protected, password) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False,
                                              "strings_to_urls": False, "tmpdir": writer_tmpdir(tmp)})
        f = {"bold": book.add_format({"bold": True, "font_size": 14}),
             "head": book.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7", "text_wrap": True}),
             "text": book.add_format({"num_format": "@", "valign": "top", "text_wrap": True}),
             "cell": book.add_format({"border": 1}),
             "total": book.add_format({"border": 1, "bold": True, "top": 2}),
             "note": book.add_format({"text_wrap": True, "valign": "top", "font_color": "#444444"})}
        f["head"].set_align("center")
        f["head"].set_align("vcenter")
        write_summary(book.add_worksheet("比对汇总"), f, depts, dept, diffs)
        rows = [_detail(d, n, names) for n, d in enumerate((d for d in diffs if d.kind != MISSED), start=1)]
        _table(book.add_worksheet("差异明细"), f, DETAIL, rows, steps)
        leads = [_missed(d, n) for n, d in enumerate((d for d in diffs if d.kind == MISSED), start=1)]
        _table(book.add_worksheet("疑似漏报名单"), f, MISSED_COLUMNS, leads, steps)
        steps.finish()
        book.close()
    return target


def _names(depts, diffs: list[Difference]) -> dict:
    refs = [d.child.ref for d in diffs if d.child]
    values = depts.desk.records.values(refs) if refs else {}
    return {r: v.get("name") for r, v in values.items()}


def _table(ws, f, header: tuple[str, ...], rows: list[list], steps) -> None:
    for c, h in enumerate(header):
        ws.set_column(c, c, WIDTHS.get(h, 8), f["text"])
        ws.write_string(0, c, h, f["head"])
    widths = [WIDTHS.get(h, 8) for h in header]
    for r, row in enumerate(rows, start=1):
        lines = max((wrapped_lines(v, w) for v, w in zip(row, widths) if isinstance(v, str) and v), default=1)
        if lines > 1:
            ws.set_row(r, LINE_PT * lines)
        for c, v in enumerate(row):
            if isinstance(v, int):
                ws.write_number(r, c, v)
            elif v:
                ws.write_string(r, c, str(v))
        steps.step()
    ws.freeze_panes(1, 0)
    printable(ws, 0)
    if rows:
        ws.autofilter(0, 0, len(rows), len(header) - 1)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` Excel units wide (a CJK
    character counts two, a line break starts a line)."""
    per_line = max(1, int(width * UNITS_PER_WIDTH) - 2)
    return sum(max(1, -(-text_width(part) // per_line)) for part in str(text).split("\n"))


def _decision(d: Difference) -> tuple[str, str, str]:
    dec = d.decision
    if dec is None:
        return (f"待处理（曾{_action(d, d.stale.action)}，数据已变）" if d.stale else "待处理"), "", ""
    words = _action(d, dec.action) + (f"：{dec.value}" if dec.value else "")
    return words + ("" if d.current else "（现已一致）" if dec.action == "accept" else ""), dec.reason, \
        dec.at[:16].replace("T", " ")


def _action(d: Difference, action: str) -> str:
    return (MISSED_ACTION_ZH if d.kind == MISSED else ACTION_ZH).get(action, action)


def _where(d: Difference) -> str:
    return f"{d.answer_sheet + ' ' if d.answer_sheet else ''}第{d.answer_row}行" if d.answer_row else ""


def _detail(d: Difference, n: int, names: dict) -> list:
    c = d.child
    label = load_form(c.form).field(d.field).label if c and d.field else ""
    dept_value = d.dept_value if d.kind not in NUMBER_KINDS else quote(d.dept_value or "")
    return [n, KIND_ZH[d.kind], d.township or "未识别乡镇", _file(c), c.row if c else None, quote(names.get(c.ref) or "") if c else "", label, d.sheet_value or "",
            dept_value or "", *_decision(d), _where(d), d.note or ""]


def _file(c) -> str:
    if c is None:
        return ""
    return c.file if c.sheet in ("", "Sheet1", "sheet1") else f"{c.file}（{c.sheet}）"


def _missed(d: Difference, n: int) -> list:
    p = d.person
    words, reason, _at = _decision(d)
    return [n, d.township or "未识别乡镇", p.name or "", p.id_number or "", p.birth or "", p.address or "",
            p.hukou or "", FORM_ZH.get(p.form or "", ""), _where(d), words, reason]
