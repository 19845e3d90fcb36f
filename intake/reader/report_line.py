"""The 填报单位 / 填报日期 line above a table: the township and the reference date.

Either one cell holds both ("填报单位：城关镇人民政府    填报日期：2024年6月30日"), or a label
cell ("填报单位：") has its value in the next non-empty cell to the right (a text or a date cell).
"""
from __future__ import annotations

import re
from datetime import date, datetime

from intake.reader.cells import date_text, number_text
from intake.reader.grid import Grid

_UNIT_LABEL = r"(?:填报单位|填表单位|填报乡镇(?:\(街道\)|（街道）)?|乡镇\(街道\)|乡镇（街道）)"
_DATE_LABEL = r"(?:填报日期|填表日期|填报时间|摸排日期)"
_ANY_LABEL = rf"(?:{_UNIT_LABEL}|{_DATE_LABEL}|填表人|审核人|负责人|联系电话)"
_UNIT = re.compile(rf"{_UNIT_LABEL}\s*(?:\(盖章\)|（盖章）)?\s*[:：]?\s*(.*?)\s*(?=\s{{2,}}|{_ANY_LABEL}|$)")
_DATE = re.compile(rf"{_DATE_LABEL}\s*[:：]?\s*(.*?)\s*(?=\s{{2,}}|{_ANY_LABEL}|$)")


def find_report_line(grid: Grid, above_row: int) -> tuple[str | None, str | None]:
    """(reporting unit, report date as written) from the rows above `above_row`."""
    unit = when = None
    width = grid.n_cols
    for row in range(1, above_row):
        for col in range(1, width + 1):
            text = grid.text(row, col)
            if not text:
                continue
            if unit is None and (m := _UNIT.search(text)):
                unit = _clean(m.group(1)) or _clean(_value_right_of(grid, row, col, width))
            if when is None and (m := _DATE.search(text)):
                when = _clean(m.group(1)) or _clean(_value_right_of(grid, row, col, width))
    return unit or None, (when if when and re.search(r"\d", when) else None)


def _clean(text: str | None) -> str | None:
    """Drop the (盖章) stamp hint and stray punctuation; None when nothing is left."""
    if not text:
        return None
    text = re.sub(r"[(（]\s*盖\s*章\s*[)）]", "", text).strip(" \u3000:：_")
    return text or None


def _value_right_of(grid: Grid, row: int, col: int, width: int) -> str | None:
    for c in range(col + 1, min(width, col + 6) + 1):
        value = grid.value(row, c)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, (datetime, date)):
            return date_text(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number_text(value)
        text = str(value).strip()
        return None if re.match(_ANY_LABEL, text) else text
    return None
