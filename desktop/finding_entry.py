"""The words of the problem list: a group's title and its entries.

When every finding of a kind is on one column, the group title names the column
("身份证校验位错误 · 公民身份号码") and each entry is the row and the message ("第7行：…"); a kind
spread over several columns (必填项为空) names the column in each entry instead. Which columns a
kind is on comes from FindingSet.fields_of (kept incrementally), so titles cost nothing per edit.
"""
from __future__ import annotations

from typing import Sequence

from validators.form import FormTemplate
from validators.codes import CODES
from validators.finding_set import FindingSet
from validators.findings import Finding

TITLE_SEPARATOR = " · "


def kind_title(code: str) -> str:
    entry = CODES.get(code)
    return entry.title if entry else code


def single_field(findings: FindingSet, code: str) -> str | None:
    """The one column every finding of this code is on, or None (several, or whole-row)."""
    fields = findings.fields_of(code)
    return next(iter(fields)) if len(fields) == 1 else None


class EntryWords:
    """Titles and entries for one sheet: its Excel row numbers and its form's column labels."""

    def __init__(self, form: FormTemplate, row_numbers: Sequence[int]):
        self._form = form
        self._rows = row_numbers

    def label(self, field: str | None) -> str:
        return self._form.field(field).label if field and self._form.has(field) else ""

    def title_label(self, findings: FindingSet, code: str) -> str:
        """The column a group's title names ("" when its findings are on several)."""
        return self.label(single_field(findings, code))

    def group_title(self, findings: FindingSet, code: str) -> str:
        title, label = kind_title(code), self.title_label(findings, code)
        return title + TITLE_SEPARATOR + label if label and label not in title else title

    def entry(self, f: Finding, field_in_title: bool) -> str:
        """第7行：<message>; the column is added in front when the title does not name it and
        the message does not either."""
        row = self._rows[f.index]
        label = "" if field_in_title else self.label(f.field)
        if label and label not in f.message:
            return f"第{row}行 {label}：{f.message}"
        return f"第{row}行：{f.message}"
