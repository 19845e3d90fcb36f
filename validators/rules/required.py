"""Required and applicable fields (the template's required / required_when / applies_when).

A condition on the child's age is taken on the record's reference date; when the age is unknown
(出生日期 and the ID number both blank or invalid) an age condition does not hold, so no field is
demanded on a guess. A field that does not apply may be blank.
"""
from __future__ import annotations

from validators.codes import make
from validators.findings import Finding
from validators.form import Condition, Field
from validators.rules.row import Row


def condition_holds(cond: Condition, row: Row) -> bool:
    if cond.field is not None:
        chosen = set(row.options(cond.field))
        if cond.in_ is not None and not chosen & set(cond.in_):
            return False
        if cond.not_in is not None and chosen & set(cond.not_in):
            return False
    if cond.uses_age:
        if row.age is None:
            return False
        if cond.age_lt is not None and not row.age < cond.age_lt:
            return False
        if cond.age_gte is not None and not row.age >= cond.age_gte:
            return False
        if cond.age_months_lt is not None and not row.age_m < cond.age_months_lt:
            return False
    return True


def applies(field: Field, row: Row) -> bool:
    return all(condition_holds(c, row) for c in field.applies_when)


def is_required(field: Field, row: Row) -> bool:
    if not (field.required or field.required_when):
        return False
    return applies(field, row) and all(condition_holds(c, row) for c in field.required_when)


def hint(field: Field, row: Row) -> str:
    """What to write, in a few words (the options, or why the field is needed here)."""
    parts = []
    for cond in field.required_when:
        if cond.field is not None and cond.in_:
            chosen = "、".join(row.options(cond.field))
            parts.append(f"因为{row.label(cond.field)}为“{chosen}”。")
    if field.key == "id_number":
        parts.append("没有户口的儿童请在“是否登记户口”填“否”。")
    if field.type in ("choice", "multi") and field.options and len(field.options) <= 12:
        parts.append("可填：" + "、".join(field.options))
    if field.type == "multi" and "无" in field.options:
        parts.append("（没有请填“无”）")
    return "".join(parts)


def finding(field: Field, row: Row) -> Finding:
    return make("required.missing", row.index, field.key, value=row.raw(field.key),
                label=field.label, hint=hint(field, row))


def check(row: Row) -> list[Finding]:
    """Every required field left blank in the record (the bulk run uses required_bulk)."""
    return [finding(field, row) for field in row.form.fields
            if row.present(field.key) and row.blank(field.key) and is_required(field, row)]
