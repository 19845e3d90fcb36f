"""The differences as the window walks them: filtered, next and previous, one difference's
record and the department's side by side. Mixed into DepartmentDesk."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from intake.county.queue import neighbour_in
from intake.county.values import canonical
from intake.departments.model import MISSED, NUMBER_KINDS, Difference
from intake.departments.reconcile import words_of
from intake.forms import load_form

NOT_ON_SHEET = "（登记表中没有）"
PERSON_LINES = (("name", "姓名"), ("id_number", "公民身份号码"), ("birth", "出生日期"), ("address", "现住址"),
                ("hukou", "户籍地址"))


@dataclass(frozen=True)
class SideLine:
    field: str | None          # the form field (None for a line of the department's record only)
    label: str
    sheet: str                 # the sheet's value (canonical), '' when blank
    dept: str                  # the department's words, '' when it said nothing
    differs: bool              # the line of the difference (highlight it)


class DeptQueue:
    def queue(self, dept: str, kind: str | None = None, status: str | None = None,
              township: str | None = None) -> list[Difference]:
        return [d for d in self.differences(dept) if (kind is None or d.kind == kind)
                and (status is None or d.status == status) and (township is None or d.township == township)]

    def difference(self, dept: str, key: str) -> Difference | None:
        return next((d for d in self.differences(dept) if d.key == key), None)

    def neighbour(self, dept: str, key: str, step: int = 1, **filters) -> Difference | None:
        """The next (step 1) or previous (-1) difference of the filtered queue, wrapping; the
        first (or last) when `key` is not in it."""
        return neighbour_in(self.queue(dept, **filters), key, step)

    def townships(self, dept: str) -> list[str]:
        return sorted({d.township for d in self.differences(dept) if d.township})

    def side_by_side(self, d: Difference) -> list[SideLine]:
        """The record's compared fields beside the department's answer (a 漏报 lead: the
        department's record only)."""
        profile = self.profiles[d.dept]
        answer = self._answer_row(d)
        if d.kind == MISSED:
            p = d.person
            return [SideLine(None, label, NOT_ON_SHEET, getattr(p, key) or "", key == "id_number")
                    for key, label in PERSON_LINES]
        values = self.desk.records.values([d.child.ref])[d.child.ref] if d.child else {}
        form = load_form(d.child.form) if d.child else None
        lines = [SideLine("name", "姓名", values.get("name") or "", _said(answer, "raw:name"), False),
                 SideLine("id_number", "公民身份号码", values.get("id_number") or "", answer.get("key") or "" if answer
                          else "", d.kind in NUMBER_KINDS)]
        for cmp in profile.compare:
            if form is None or not form.has(cmp.field):
                continue
            sheet = canonical(d.child.form, cmp.field, values.get(cmp.field)) or ""
            words = words_of(cmp, [_said(answer, f"raw:{s}") or _said(answer, s) for s in cmp.sources])
            lines.append(SideLine(cmp.field, form.field(cmp.field).label, sheet, words, cmp.field == d.field))
        return lines

    def _answer_row(self, d: Difference) -> dict | None:
        records = self.answer_records(d.dept)
        if records is None or d.answer_row is None:
            return None
        found = records.filter((pl.col("row") == d.answer_row) & (pl.col("sheet") == d.answer_sheet))
        return found.row(0, named=True) if found.height else None


def _said(answer: dict | None, column: str) -> str:
    if not answer:
        return ""
    return answer.get(column) or ""
