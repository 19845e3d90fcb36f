"""Helpers for workspace and session tests: a SheetTable built from raw records, as a reader
would give it (no file needed)."""
from __future__ import annotations

from pathlib import Path

from intake.table import SheetTable, SourceColumn
from intake.forms import load_form
from sheetkit import child_id, columns, liudong_record

__all__ = ["child_id", "liudong_record", "make_table", "sample_records", "write_xlsx"]


def make_table(records, source: str | Path = "村甲.xlsx", *, numeric=None, unit: str = "某某镇",
               extra: dict[int, list] | None = None) -> SheetTable:
    data = columns(records, numeric)
    form = load_form("liudong")
    labels = {f.key: f.label for f in form.fields}
    cols = [SourceColumn(col=i + 1, header=labels[k], field=k) for i, k in enumerate(data.values)]
    for col in extra or {}:
        cols.append(SourceColumn(col=col, header=f"备注{col}", field=None, how="unmapped"))
    return SheetTable(source=Path(source), sheet="Sheet1", form="liudong", form_reason="表头与附件1一致",
                      header_rows=[3, 4], columns=cols,
                      row_numbers=[5 + i for i in range(len(records))], data=data,
                      reporting_unit=unit, report_date_text="填报日期：2025年12月31日",
                      extra=dict(extra or {}))


def sample_records() -> list[dict]:
    """Four records: one clean, one with certain fixes (date, option, spaces), one bad ID, and a
    duplicate of the first child's ID."""
    return [
        liudong_record(),
        liudong_record(id_number=child_id("20150302", "135"), birth_date="2015/3/2", sex="男 ",
                       name="李 四"),
        liudong_record(id_number=child_id("20150302", "157")[:17] + "0", name="王五"),
        liudong_record(name="赵六", birth_date="2015.3.2"),
    ]


def write_xlsx(path: Path, records: list[dict], unit: str = "某某镇") -> Path:
    """A township file as a clerk would send it: title, 填报单位/填报日期 line, one header row
    with the form's labels, then the records (all cells as text)."""
    from openpyxl import Workbook

    form = load_form("liudong")
    labels = {f.key: f.label for f in form.fields}
    keys = list(records[0])
    wb = Workbook()
    ws = wb.active
    ws.append(["流动儿童信息登记表"])
    ws.append([f"填报单位：{unit}", None, None, "填报日期：2025年12月31日"])
    ws.append([labels[k] for k in keys])
    for rec in records:
        ws.append([rec.get(k) for k in keys])
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.number_format = "@"
    wb.save(path)
    return path
