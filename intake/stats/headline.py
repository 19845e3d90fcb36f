"""The headline numbers in a sentence each (the workbook's 概览 sheet and the window's first
lines): 仪陇县共有流动儿童316名，其中男孩160名、女孩156名 … read from the computed tables (a table a
county removed from statistics.toml drops its sentence). With masking each number is the one
its table shows (intake.stats.masking: "<5", or "*" where it would give a masked one away)."""
from __future__ import annotations

from intake.forms import load_form
from intake.stats.compute import StatsResult
from intake.stats.masking import NONE, Masked, mask
from intake.stats.table import StatTable
from intake.stats.table_defs import TableDef

TOP = 3
NAMED = 8          # townships named in a sentence (more: only how many)


class _Shown:
    """A table's numbers as its masked grid shows them."""

    def __init__(self, t: StatTable, masked: bool, result: StatsResult):
        self.t = t
        self.m: Masked = mask(t, result.stats.masking) if masked else NONE

    def row(self, i: int) -> str:
        key = ("r", i) if self.t.has_total_column else ("c", i, 0)
        return self.m.text(key) or str(self.t.row_total(i))

    def column(self, j: int) -> str:
        key = ("k", j) if self.t.has_total_column else ("g",)
        return self.m.text(key) or str(self.t.column_totals[j])

    def total(self) -> str:
        return self.m.text(("g",)) or str(self.t.children)

    def pairs(self, skip: tuple[str, ...] = ()) -> list[str]:
        return [f"{r}{self.row(i)}名" for i, r in enumerate(self.t.rows) if r not in skip and self.t.row_total(i)]


def _form_lines(result: StatsResult, form: str, masked: bool) -> list[str]:
    short, scope = load_form(form).short, result.source.scope
    ages = result.table("age_sex", form)
    if ages is None:
        return [f"{scope}共有{short}{result.counted[form]}名。"]
    a = _Shown(ages, masked, result)
    first = f"{scope}共有{short}{a.total()}名"
    if not ages.children:
        return [first + "。"]
    names = {"男": "男孩", "女": "女孩"}
    first += "，其中" + "、".join(f"{names.get(s, s)}{a.column(j)}名" for j, s in enumerate(ages.series))
    lines = [first + "。", f"{short}按年龄：" + "，".join(a.pairs()) + "。"]
    kinds = result.table("liushou_type", form)
    if kinds is not None:
        lines.append(f"{short}中，" + "，".join(_Shown(kinds, masked, result).pairs()) + "。")
    for key, words in (("hukou_province", "户籍地最多的省份"), ("work_province", "父母务工地最多的省份")):
        t = result.table(key, form)
        if t is not None:
            top = _Shown(t, masked, result).pairs((t.definition.otherwise,))[:TOP]
            if top:
                lines.append(f"{short}{words}：" + "、".join(top) + "。")
    return lines


def _care_table(result: StatsResult) -> StatTable:
    """The key-care counts per form as a small table (its parts add up to the total)."""
    forms = list(result.key_care)
    tdef = TableDef("key_care", "", result.stats.key_care_title, "categories", None, tuple(forms))
    counts = tuple((result.key_care[f]["total"],) for f in forms)
    return StatTable(tdef, tuple(load_form(f).short for f in forms), ("人数",), counts,
                     sum(c[0] for c in counts), True)


def _care_line(result: StatsResult, masked: bool) -> str | None:
    if not result.key_care:
        return None
    care = _care_table(result)
    c = _Shown(care, masked, result)
    forms = "、".join(f"{r}{c.row(i)}名" for i, r in enumerate(care.rows))
    line = f"{result.stats.key_care_title}{c.total()}名（{forms}）"
    if care.children:
        below = result.stats.masking.below if masked else 0
        shown = lambda n: result.stats.masking.shown_as if 0 < n < below else str(n)  # noqa: E731
        reasons = [f"{why}{shown(sum(k.get(why, 0) for k in result.key_care.values()))}名"
                   for why in result.stats.reasons if any(why in k for k in result.key_care.values())]
        line += "，其中" + "、".join(reasons) + "（一名儿童可有几项原因）"
    return line + "。"


def _township_lines(result: StatsResult) -> list[str]:
    t = result.table("townships")
    if t is None or not result.townships_listed:
        return []
    lines = []
    for j, s in enumerate(t.series):
        empty = [r for i, r in enumerate(t.rows) if r in result.townships_listed and t.counts[i][j] == 0]
        if len(empty) > NAMED:
            lines.append(f"没有{s}登记的乡镇（街道）{len(empty)}个（见“{t.definition.topic}”表）。")
        elif empty:
            lines.append(f"没有{s}登记的乡镇（街道）{len(empty)}个：" + "、".join(empty) + "。")
    return lines


def sections(result: StatsResult, masked: bool = True) -> list[list[str]]:
    """The sentences in paragraphs: one per form, then key care, townships, who was left out."""
    out = [_form_lines(result, form, masked) for form in result.forms]
    care = _care_line(result, masked)
    last = ([care] if care else []) + _township_lines(result)
    left = sum(result.left_out.values())
    if left:
        below = result.stats.masking.below if masked else 0
        n = result.stats.masking.shown_as if 0 < left < below else str(left)
        last.append(f"另有{n}名儿童在摸排基准日已满{result.stats.max_age}周岁，不计入统计。")
    return [s for s in out + [last] if s]


def headline(result: StatsResult, masked: bool = True) -> list[str]:
    return [line for part in sections(result, masked) for line in part]
