"""The list sent to a department: one .xlsx with only the children it gets and only the fields
its profile names (data minimisation), and empty columns for its answer.

Sheet 核对名单: a title row, the header (the county's columns, then the answer columns on a
yellow ground), one row per child; ID cells are text cells (and the answer columns too, so a
pasted 残疾人证号 keeps its 20 digits), answer columns with options have a dropdown, cells that
do not apply (the 0-36个月 service for an older child) are grey. Sheet 填写说明: which columns
to fill and how, how to add children the list lacks, and that the list is personal data.
Sheet 名单外儿童: empty, for records of children the department knows and the list lacks
(the county's 漏报 leads). Written atomically (intake.export.output; with `password`, encrypted
as Excel's 用密码进行加密).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from intake.departments.profile import DepartmentProfile
from intake.export.output import Steps, output_file, writer_tmpdir
from intake.export.protect import check_password
from validators import divisions

LIST_SHEET, HELP_SHEET, EXTRA_SHEET = "核对名单", "填写说明", "名单外儿童"
EXTRA_ROLES = ("name", "id", "birth", "address", "hukou", "kind")
HEADER_ROW = 1
WIDTHS = {"id_number": 21, "name": 10, "seq": 6, "birth_date": 12}


@dataclass(frozen=True)
class ListSummary:
    dept: str
    path: Path
    children: int
    columns: tuple[str, ...]            # the header, in order

    def lines(self) -> list[str]:
        return [f"已生成{self.children}名儿童的核对名单：{self.path}"]


def list_columns(profile: DepartmentProfile) -> list[str]:
    return [s.label for s in profile.sent] + [a.label for a in profile.asked]


def write_list(profile: DepartmentProfile, frame: pl.DataFrame, target, *, as_of: date, county: str | None,
               password: str | None = None, protected=(), progress=None, cancelled=None) -> ListSummary:
    """`frame`: the children (intake.departments.register.CHILD columns and the sent fields)."""
    target = Path(target)
    check_password(target, password)
    steps = Steps(frame.height, progress, cancelled)
    with output_file(target, protected, password) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                              "strings_to_formulas": False, "strings_to_urls": False,
                                              "tmpdir": writer_tmpdir(tmp)})
        styles = _styles(book)
        title = f"{divisions.name(county) if county else ''}{profile.name}核对名单（摸排基准日{as_of.isoformat()}）"
        _write_list(book.add_worksheet(LIST_SHEET), styles, profile, frame, title, as_of, steps)
        _write_help(book.add_worksheet(HELP_SHEET), styles, profile, frame.height)
        _write_extra(book.add_worksheet(EXTRA_SHEET), styles, profile)
        steps.finish()
        book.close()
    return ListSummary(profile.key, target, frame.height, tuple(list_columns(profile)))


def _styles(book) -> dict:
    base = {"border": 1, "valign": "vcenter"}
    return {"title": book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}),
            "head": book.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#DDEBF7"}),
            "ask": book.add_format({**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#FFF2CC"}),
            "text": book.add_format({"num_format": "@"}),
            "grey": book.add_format({"num_format": "@", "bg_color": "#D9D9D9"}),
            "bold": book.add_format({"bold": True, "font_size": 13}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"})}


def _write_list(ws, styles, profile: DepartmentProfile, frame: pl.DataFrame, title: str, as_of: date, steps) -> None:
    sent, asked = profile.sent, profile.asked
    n_cols = len(sent) + len(asked)
    for c, s in enumerate(sent):
        ws.set_column(c, c, WIDTHS.get(s.field, max(12, len(s.label) * 1.8)), styles["text"])
    for c, a in enumerate(asked, start=len(sent)):
        ws.set_column(c, c, 22 if a.role == "card" else max(12, len(a.label) * 1.8), styles["text"])
    ws.merge_range(0, 0, 0, n_cols - 1, title, styles["title"])
    ws.set_row(0, 28)
    ws.set_row(HEADER_ROW, 36)
    for c, s in enumerate(sent):
        ws.write_string(HEADER_ROW, c, s.label, styles["head"])
    for c, a in enumerate(asked, start=len(sent)):
        ws.write_string(HEADER_ROW, c, a.label, styles["ask"])
        if a.options and frame.height:
            ws.data_validation(HEADER_ROW + 1, c, HEADER_ROW + frame.height, c,
                               {"validate": "list", "source": list(a.options), "error_type": "information",
                                "input_title": a.label[:32], "input_message": a.help[:250],
                                "error_message": "请从下拉列表中选择"})
    ws.freeze_panes(HEADER_ROW + 1, 0)
    printable(ws, HEADER_ROW)
    months = _months(frame, as_of)
    values = [_column(frame, s.field) for s in sent]
    for n in range(frame.height):
        r = HEADER_ROW + 1 + n
        for c, column in enumerate(values):
            v = str(n + 1) if column is None else column[n]
            if v:
                ws.write_string(r, c, v)
        for c, a in enumerate(asked, start=len(sent)):      # styled blanks: text cells, grey where n/a
            na = a.applies_months_lt is not None and months[n] is not None and months[n] >= a.applies_months_lt
            ws.write_blank(r, c, None, styles["grey" if na else "text"])
        steps.step()


def printable(ws, header_row: int) -> None:
    """Landscape, as wide as one page, the header on every page."""
    ws.set_landscape()
    ws.set_paper(9)                 # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, header_row)


def _column(frame: pl.DataFrame, field: str) -> list[str | None] | None:
    """The sent values of a field (the ID compacted where it is usable); None for 序号."""
    if field == "seq":
        return None
    if field == "id_number":
        return frame.select(pl.coalesce("id", "id_number")).to_series().to_list()
    return frame[field].to_list()


def _months(frame: pl.DataFrame, as_of: date) -> list[int | None]:
    day = frame["birth"].str.to_date("%Y-%m-%d", strict=False)
    months = (as_of.year - day.dt.year()) * 12 + (as_of.month - day.dt.month()) - \
        (day.dt.day() > as_of.day).cast(pl.Int32)
    return months.to_list()


def _write_help(ws, styles, profile: DepartmentProfile, n: int) -> None:
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 90, styles["wrap"])
    printable(ws, 0)
    ws.write_string(0, 0, f"{profile.name}核对名单填写说明", styles["bold"])
    lines = [
        f"1. 本名单共{n}名儿童，请贵单位（{profile.title}）核对：{profile.checks}。",
        "2. 蓝色表头的列是民政部门登记的情况，请不要修改；黄色表头的列请按贵单位的记录填写。",
        "3. 与贵单位记录一致的，可只在“核对结果”列填“一致”；贵单位没有这名儿童记录的，填“查无此人”。",
        f"4. 贵单位掌握的本县其他流动儿童、留守儿童，名单里没有的，请填在“{EXTRA_SHEET}”工作表中。",
        "5. 身份证号、残疾人证号列是文本格式，请直接粘贴，不要改成“数值”，否则末几位会丢失。",
        "6. 本名单含有儿童的个人信息，仅用于本次比对核实，请妥善保管，不得外传，用后请删除。",
    ]
    for r, line in enumerate(lines, start=1):
        ws.write_string(r, 0, line)
    row = len(lines) + 2
    ws.write_string(row, 0, "各列怎么填", styles["bold"])
    for a in profile.asked:
        row += 1
        ws.write_string(row, 0, a.label)
        ws.write_string(row, 1, "请填写")
        ws.write_string(row, 2, a.help + ("（可选：" + "、".join(a.options) + "）" if a.options else ""))
    for s in profile.sent:
        row += 1
        ws.write_string(row, 0, s.label)
        ws.write_string(row, 1, "不用填")
        ws.write_string(row, 2, "民政部门登记的情况，供核对，请不要修改")


def _write_extra(ws, styles, profile: DepartmentProfile) -> None:
    columns = [a for role in EXTRA_ROLES for a in profile.columns_of(role)]
    columns += [a for a in profile.asked if a.role not in ("result",) and a not in columns]
    for c, a in enumerate(columns):
        ws.set_column(c, c, 21 if a.role in ("id", "card") else 30 if a.role in ("address", "hukou") else 14,
                      styles["text"])
        ws.write_string(0, c, a.label, styles["ask"])
        if a.options:
            ws.data_validation(1, c, 2000, c, {"validate": "list", "source": list(a.options),
                                               "error_type": "information"})
    ws.freeze_panes(1, 0)
    printable(ws, 0)
