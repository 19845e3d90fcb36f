"""Helpers for the export tests: small hand-made sheets, in memory and as .xlsx files."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from intake.checking import CheckedSheet, check_file, validator_for
from intake.forms import load_form
from intake.table import SheetTable, SourceColumn
from sheetkit import AS_OF, child_id, columns, liudong_record

FORM = load_form("liudong")
KEYS = list(liudong_record())
TITLE = "流动儿童基本情况登记表"
REPORT_LINE = "填报单位（盖章）：金水区经八路街道办事处        填报日期：2025年12月31日"


def clean_records(n: int) -> list[dict]:
    """n clean records, each with its own child ID (born 2015-03-02 … in March 2015)."""
    out = []
    for i in range(n):
        day = f"201503{i + 2:02d}"
        out.append(liudong_record(seq=str(i + 1), birth_date=f"2015-03-{i + 2:02d}",
                                  id_number=child_id(day, f"{(i * 2 + 11) % 1000:03d}")))
    return out


def in_memory(records: list[dict], source: Path, sheet: str = "Sheet1") -> CheckedSheet:
    """A validated sheet built without a file: header on row 1, records from row 2."""
    cols = [SourceColumn(col=i + 1, header=FORM.field(k).label, field=k) for i, k in enumerate(KEYS)]
    table = SheetTable(source=source, sheet=sheet, form="liudong", form_reason="test",
                       header_rows=[1], columns=cols, row_numbers=list(range(2, len(records) + 2)),
                       data=columns(records))
    validator = validator_for(table, as_of=AS_OF)
    validator.run()
    return CheckedSheet(table, validator)


def write_xlsx(path: Path, records: list[dict], widths: dict[str, float] | None = None) -> Path:
    """A township sheet: title, 填报 line, header on row 3, records from row 4, IDs as text."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "流动儿童"
    ws.append([TITLE])
    ws.append([REPORT_LINE])
    ws.append([FORM.field(k).label for k in KEYS])
    for rec in records:
        ws.append([rec[k] for k in KEYS])
    for letter, width in (widths or {}).items():
        ws.column_dimensions[letter].width = width
    book.save(path)
    return path


def check(path: Path) -> list[CheckedSheet]:
    return check_file(path, as_of=AS_OF)


def col(key: str) -> int:
    """1-based column of a field in the sheets written here."""
    return KEYS.index(key) + 1
