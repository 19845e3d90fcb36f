"""Which township (乡镇/街道) sent a file, and which county the files belong to.

In order: the 填报单位 line above the table (仪陇县二道镇人民政府 → 二道镇; also a 填报单位 column
when every row says the same), else the township more than half the rows' addresses name (现居住地
for 流动, 户籍地址 for 留守: they are kept where they live / where their 户籍 is), else the file name
(二道镇流动儿童.xlsx), else the township most rows naming one name. (A file whose addresses mostly
write no township and whose name says 新政镇 is 新政镇's, even when two children placed there from
金城镇 have 金城镇 in their address.) The clerk can correct it (intake.county.versions applies the correction).
The county, when not given, is the county most rows' addresses are in, and is said so.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from validators import divisions, townships

UNIT_LINE, UNIT_COLUMN, ADDRESSES, FILE_NAME, CLERK, UNKNOWN = (
    "unit_line", "unit_column", "addresses", "file_name", "clerk", "unknown")
HOW_ZH = {UNIT_LINE: "按表格上方的填报单位", UNIT_COLUMN: "按填报单位列", ADDRESSES: "按多数行的地址",
          FILE_NAME: "按文件名", CLERK: "由工作人员指定", UNKNOWN: "无法识别"}
_TOWN_IN_NAME = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:街道|民族乡|镇|乡|苏木))")


@dataclass(frozen=True)
class Township:
    name: str                 # '' when unknown
    code: str | None          # 9-digit code when it is in the division table
    how: str                  # UNIT_LINE / UNIT_COLUMN / ADDRESSES / FILE_NAME / CLERK / UNKNOWN
    listed: bool = False      # one of the county's townships

    @property
    def key(self) -> str:
        """What files of one township share (versions of a township's sheet are compared)."""
        return self.code or (f"name:{self.name}" if self.name else "")


@dataclass(frozen=True)
class Evidence:
    """What one received file says about its township (from all its sheets)."""
    unit_lines: tuple[str, ...]
    unit_cells: tuple[str, ...]
    towns: dict[str, int]      # township code -> rows naming it
    file_name: str
    rows: int = 0              # data rows of the file (0: unknown, any plurality of addresses wins)


def _in_county(code: str | None, county: str | None) -> bool:
    return bool(code and county and code.startswith(county[:6]))


def of_name(name: str, county: str | None, how: str) -> Township:
    """A township given by name (the clerk's correction, a 填报单位)."""
    found = townships.by_name(county, name) if county else None
    if found is not None:
        return Township(found.name, found.code, how, True)
    return Township(name, None, how, False)


def detect(evidence: Evidence, county: str | None) -> Township:
    for text, how in [*((t, UNIT_LINE) for t in evidence.unit_lines),
                      *((t, UNIT_COLUMN) for t in evidence.unit_cells)]:
        unit = townships.from_unit_text(text, county)
        if unit is not None:
            listed = _in_county(unit.code, county)
            return Township(unit.name, unit.code, how, listed)
    named = Counter({c: n for c, n in evidence.towns.items() if not county or _in_county(c, county)})
    code, n = named.most_common(1)[0] if named else (None, 0)
    if code and 2 * n > evidence.rows:
        return Township(divisions.name(code), code, ADDRESSES, _in_county(code, county))
    by_name = from_file_name(evidence.file_name, county)
    if code and by_name.how == UNKNOWN:
        return Township(divisions.name(code), code, ADDRESSES, _in_county(code, county))
    return by_name


def from_file_name(file_name: str, county: str | None) -> Township:
    stem = Path(file_name).stem
    if county:
        for start in range(len(stem)):
            found = townships.match(county, stem[start:])
            if found is not None:
                return Township(found.name, found.code, FILE_NAME, True)
    m = _TOWN_IN_NAME.search(stem)
    if m:
        return Township(m.group(1), None, FILE_NAME, False)
    return Township("", None, UNKNOWN, False)


def infer_county(places: Iterable[dict[str, int]]) -> str | None:
    """The county-level unit most rows' addresses are in (None when no row says)."""
    total: Counter[str] = Counter()
    for tally in places:
        total.update(tally)
    return total.most_common(1)[0][0] if total else None
