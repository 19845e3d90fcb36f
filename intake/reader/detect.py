"""流动 or 留守: which form a sheet is, from the fields its header maps to."""
from __future__ import annotations

from dataclasses import dataclass

from intake.table import SourceColumn
from validators.form import FormTemplate


@dataclass(frozen=True)
class Detection:
    form: str | None          # liudong | liushou | None (neither)
    reason: str               # Chinese: why this form, or what was not found


def detect_form(mapped: dict[str, list[SourceColumn]], forms: dict[str, FormTemplate],
                hint_text: str = "") -> Detection:
    """`mapped`: form key → that form's column mapping; `hint_text`: sheet name and titles."""
    found = {key: _detect_fields_present(mapped[key], forms[key]) for key in mapped}
    ranked = sorted(mapped, key=lambda k: (len(found[k]), _n_mapped(mapped[k])), reverse=True)
    best = ranked[0]
    if not found[best]:
        return Detection(None, neither_reason(forms))
    if len(ranked) > 1 and _tie(best, ranked[1], found, mapped):
        by_title = [k for k in ranked if forms[k].short in hint_text]
        if len(by_title) != 1:
            return Detection(None, "表头里流动儿童和留守儿童登记表特有的列一样多，无法判断是哪一张表，"
                             "请在导入时指定表单类型")
        best = by_title[0]
    labels = "".join(f"“{forms[best].field(k).label}”" for k in found[best][:2])
    return Detection(best, f"表头中有{labels}等{forms[best].short}登记表特有的列")


def forced_reason(form: FormTemplate) -> str:
    return f"按指定的表单类型（{form.title}）读取"


def neither_reason(forms: dict[str, FormTemplate]) -> str:
    parts = []
    for form in forms.values():
        labels = "".join(f"“{form.field(k).label}”" for k in form.detect_fields[:4])
        parts.append(f"{form.short}登记表应有{labels}等列")
    return "表头中没有找到流动儿童或留守儿童登记表特有的列（" + "；".join(parts) + "）"


def _detect_fields_present(columns: list[SourceColumn], form: FormTemplate) -> list[str]:
    present = {c.field for c in columns if c.field}
    return [k for k in form.detect_fields if k in present]


def _n_mapped(columns: list[SourceColumn]) -> int:
    return sum(1 for c in columns if c.field)


def _tie(a: str, b: str, found: dict, mapped: dict) -> bool:
    return len(found[a]) == len(found[b]) and _n_mapped(mapped[a]) == _n_mapped(mapped[b])
