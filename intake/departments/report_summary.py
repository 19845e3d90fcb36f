"""The 比对汇总 sheet of a department's 比对报告: the list sent, the answer read, then the
differences counted by kind under the grouped headers of templates/dept_report.toml (what each
number is and what adds up to what is written there, as data).

`summary_layout()` -> SummaryLayout (checked: an unknown count is refused); `write_summary(ws,
formats, depts, dept, diffs)`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from intake.departments.model import DECIDED, KIND_ZH, KINDS, OPEN, SENT_BACK, Difference
from templates import TEMPLATES_DIR

LAYOUT_FILE = TEMPLATES_DIR / "dept_report.toml"
COUNTS = {
    "total": lambda ds: len(ds),
    "open": lambda ds: sum(d.status == OPEN for d in ds),
    "decided": lambda ds: sum(d.status == DECIDED for d in ds),
    "sent_back": lambda ds: sum(d.status == SENT_BACK for d in ds),
    "current": lambda ds: sum(d.current for d in ds),
    "resolved": lambda ds: sum(not d.current for d in ds),
}


@dataclass(frozen=True)
class Group:
    label: str | None                         # None: one column, its header over both rows
    columns: tuple[tuple[str, str], ...]      # (count, label)


@dataclass(frozen=True)
class SummaryLayout:
    kind_header: str
    total_row: str
    note: str
    groups: tuple[Group, ...]

    @property
    def columns(self) -> list[tuple[str, str]]:
        return [c for g in self.groups for c in g.columns]


@cache
def summary_layout(path: Path = LAYOUT_FILE) -> SummaryLayout:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    groups = []
    for g in data["groups"]:
        columns = tuple((c["count"], c["label"]) for c in g["columns"])
        unknown = [c for c, _ in columns if c not in COUNTS]
        if unknown or not columns:
            raise ValueError(f"{path.name}: unknown count {unknown} (one of {sorted(COUNTS)})")
        groups.append(Group(g.get("label"), columns))
    return SummaryLayout(data["kind_header"], data["total_row"], data["note"], tuple(groups))


def count_rows(diffs: list[Difference], layout: SummaryLayout) -> list[tuple[str, list[int]]]:
    """(kind's words, its counts) per kind, then the total row."""
    rows = [(KIND_ZH[k], [COUNTS[c]([d for d in diffs if d.kind == k]) for c, _ in layout.columns]) for k in KINDS]
    return rows + [(layout.total_row, [COUNTS[c](diffs) for c, _ in layout.columns])]


def write_summary(ws, f: dict, depts, dept: str, diffs: list[Difference]) -> None:
    s, p, layout = depts.summary(dept), depts.profiles[dept], summary_layout()
    width = 1 + len(layout.columns)
    ws.set_column(0, 0, 22)
    ws.set_column(1, width - 1, 12)
    ws.write_string(0, 0, f"{p.name}比对报告（摸排基准日{depts.desk.as_of.isoformat()}）", f["bold"])
    lines = [("核对单位", p.title), ("核对内容", p.checks),
             ("名单发送", f"{s.sent_at[:16].replace('T', ' ')}，{s.sent_children}名儿童" if s.sent_at else "尚未发送"),
             ("部门回复", f"{s.answer_file}（{s.answer_records}条记录，{s.answered_at[:16].replace('T', ' ')}读入）"
              if s.answered_at else "尚未回复")]
    for r, (k, v) in enumerate(lines, start=2):
        ws.write_string(r, 0, f"{k}：{v}")
    top = len(lines) + 3
    _headers(ws, f, layout, top)
    row = top + 1
    for row, (words, counts) in enumerate(count_rows(diffs, layout), start=top + 2):
        total = words == layout.total_row
        ws.write_string(row, 0, words, f["total"] if total else f["cell"])
        for c, n in enumerate(counts, start=1):
            ws.write_number(row, c, n, f["total"] if total else f["cell"])
    ws.merge_range(row + 2, 0, row + 2, width - 1, layout.note, f["note"])
    ws.set_row(row + 2, 15 * 4)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def _headers(ws, f: dict, layout: SummaryLayout, top: int) -> None:
    """Two header rows: a group's label over its columns, a lone column over both rows."""
    ws.merge_range(top, 0, top + 1, 0, layout.kind_header, f["head"])
    col = 1
    for g in layout.groups:
        if g.label is None and len(g.columns) == 1:
            ws.merge_range(top, col, top + 1, col, g.columns[0][1], f["head"])
        else:
            last = col + len(g.columns) - 1
            if last > col:
                ws.merge_range(top, col, top, last, g.label or "", f["head"])
            else:
                ws.write_string(top, col, g.label or "", f["head"])
            for n, (_count, label) in enumerate(g.columns):
                ws.write_string(top + 1, col + n, label, f["head"])
        col += len(g.columns)
    ws.set_row(top, 30)
    ws.set_row(top + 1, 30)
