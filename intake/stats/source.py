"""What the statistics are computed over: one frame of distinct children per form, the
reference date, the county, the townships to list, and where the data came from (the line on
every sheet of the workbook: files, townships, decisions as of when)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl

from intake.forms import load_form
from intake.stats.definitions import Statistics, load_statistics
from intake.zh_dates import zh_date, zh_time

COUNTY, SHEETS = "county", "sheets"


@dataclass(frozen=True)
class SourceInfo:
    scope: str                      # what the headline names: 仪陇县, 二道镇, or a file name
    kind: str                       # COUNTY (a county desk) or SHEETS (single sheets)
    files: tuple[str, ...] = ()     # the files counted (current versions)
    townships: tuple[str, ...] = ()  # the townships that sent them
    decisions: int = 0              # county decisions in force
    decisions_at: str | None = None  # the latest decision or correction (ISO time)
    made_at: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))

    def line(self, as_of: date) -> str:
        """摸排基准日 and source, one line (the window's status, the register's third row)."""
        return "；".join(self.lines(as_of))

    def lines(self, as_of: date) -> tuple[str, str]:
        """The same in two lines (the workbook's second row): the date and the files counted,
        then how duplicates were settled and when the statistics were made."""
        parts = self._parts(as_of)
        return "；".join(parts[:2]), "；".join(parts[2:])

    def _parts(self, as_of: date) -> list[str]:
        parts = [f"摸排基准日：{zh_date(as_of)}"]
        towns = f"（{len(self.townships)}个乡镇/街道）" if self.townships else ""
        parts.append(f"数据来源：{len(self.files)}个文件{towns}")
        if self.kind == COUNTY:
            when = f"，截至{zh_time(self.decisions_at)}" if self.decisions_at else ""
            parts.append(f"已按县级决定去重（{self.decisions}项{when}）" if self.decisions else "尚无县级决定（同一儿童的多条记录按一人计）")
        else:
            parts.append("单表统计（未经县级汇总去重）")
        parts.append(f"统计时间：{zh_time(self.made_at)}")
        return parts




@dataclass
class StatsInput:
    frames: dict[str, pl.DataFrame]     # form -> distinct children (intake.county.frame)
    as_of: date
    county: str | None
    townships: tuple[str, ...]          # listed first, zeros included (the county's townships)
    source: SourceInfo


def fields_for(form: str, stats: Statistics | None = None) -> list[str]:
    """The fields of `form` the tables and the key-care rule read."""
    stats = stats or load_statistics()
    wanted = ["sex", "birth_date", "id_number", *(c.field for c in stats.key_care)]
    for t in stats.tables:
        if t.form == form or (t.form is None and form in t.forms):
            wanted += list(t.fields) + [f for c in t.categories for f, _v in c.when]
    f = load_form(form)
    return [k for k in dict.fromkeys(wanted) if f.has(k)]


def raw_fields_for(form: str, stats: Statistics | None = None) -> list[str]:
    """Fields read as written: the ID number and the addresses the place tables resolve
    column-wise (intake.stats.places)."""
    stats = stats or load_statistics()
    places = [f for t in stats.tables if t.kind == "place" and t.form == form for f in t.fields]
    return ["id_number", *dict.fromkeys(places)]
