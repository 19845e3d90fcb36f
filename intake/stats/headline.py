"""The headline numbers in a sentence each (the workbook's 概览 sheet and the window's first
lines): 仪陇县共有流动儿童316名，其中男孩160名、女孩156名 … read from the computed tables (a table a
county removed from statistics.toml drops its sentence). With masking, a count from 1 to 4 is
written "<5" (templates/statistics.toml [masking], step 1)."""
from __future__ import annotations

from intake.forms import load_form
from intake.stats.compute import StatsResult
from intake.stats.table import StatTable

TOP = 3
NAMED = 8          # townships named in a sentence (more: only how many)


class _Numbers:
    def __init__(self, result: StatsResult, masked: bool):
        self.below = result.stats.masking.below if masked else 0
        self.shown_as = result.stats.masking.shown_as

    def __call__(self, n: int) -> str:
        return self.shown_as if 0 < n < self.below else str(n)


def _pairs(t: StatTable, n: _Numbers, skip: tuple[str, ...] = ()) -> list[str]:
    return [f"{r}{n(t.row_total(i))}名" for i, r in enumerate(t.rows) if r not in skip and t.row_total(i)]


def _form_lines(result: StatsResult, form: str, n: _Numbers) -> list[str]:
    short, scope = load_form(form).short, result.source.scope
    total = result.counted[form]
    first = f"{scope}共有{short}{n(total)}名"
    ages = result.table("age_sex", form)
    if ages is not None and total:
        sexes = [f"{'男孩' if s == '男' else '女孩' if s == '女' else s}{n(c)}名"
                 for s, c in zip(ages.series, ages.column_totals)]
        first += "，其中" + "、".join(sexes)
    lines = [first + "。"]
    if ages is not None and total:
        lines.append(f"{short}按年龄：" + "，".join(_pairs(ages, n)) + "。")
    kinds = result.table("liushou_type", form)
    if kinds is not None and total:
        lines.append(f"{short}中，" + "，".join(_pairs(kinds, n)) + "。")
    for key, words in (("hukou_province", "户籍地最多的省份"), ("work_province", "父母务工地最多的省份")):
        t = result.table(key, form)
        if t is not None and total:
            top = _pairs(t, n, (t.definition.otherwise,))[:TOP]
            if top:
                lines.append(f"{short}{words}：" + "、".join(top) + "。")
    return lines


def _care_line(result: StatsResult, n: _Numbers) -> str | None:
    care = result.key_care
    if not care:
        return None
    total = sum(c["total"] for c in care.values())
    forms = "、".join(f"{load_form(f).short}{n(c['total'])}名" for f, c in care.items())
    reasons = [f"{why}{n(sum(c.get(why, 0) for c in care.values()))}名" for why in result.stats.reasons
               if any(why in c for c in care.values())]
    line = f"{result.stats.key_care_title}{n(total)}名（{forms}）"
    if total:
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
    n = _Numbers(result, masked)
    out = [_form_lines(result, form, n) for form in result.forms]
    care = _care_line(result, n)
    last = ([care] if care else []) + _township_lines(result)
    left = sum(result.left_out.values())
    if left:
        last.append(f"另有{n(left)}名儿童在摸排基准日已满{result.stats.max_age}周岁，不计入统计。")
    return [s for s in out + [last] if s]


def headline(result: StatsResult, masked: bool = True) -> list[str]:
    return [line for part in sections(result, masked) for line in part]
