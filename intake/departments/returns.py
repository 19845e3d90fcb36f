"""Department differences the county sent back to a township, as problems of the records in
that township's return file (intake.county.upload.return_sheets): a dept.sent_back finding on
each record, naming the department and what it said.

Read from the department log (the latest decision of each difference, not undone). Each
send-back is checked at the moment the file is written against the difference found now for its
record: the record as it is now against the department's latest stored answer, found by the
reconciliation's own code (intake.departments.reconcile.record_differences) and judged by the
view's own test (intake.departments.decisions.in_force). So no reconciliation is needed to write
a return file, and the file agrees with the 部门比对 view: a send-back is left out once it went
stale on either side, i.e. the record is no longer one of the county's children (merged away,
deleted), its ID changed (the difference's key is the ID's hash), the compared field no longer
holds the value the decision was made for (the township corrected it), or the department
answered again with another value or no longer names the record (the view lists it as 现已一致,
or as open with 数据已变).
"""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from intake.departments import by_name, register as reg
from intake.departments.decisions import decision_of, in_force
from intake.departments.model import KIND_ZH, NOT_KNOWN, SEND_BACK, Difference
from intake.departments.profile import load_profiles
from intake.departments.reconcile import record_differences
from intake.departments.store import DECIDE_CMD, DeptLog, DeptStore
from intake.forms import load_form
from validators.codes import make
from validators.findings import Finding


def sent_back_problems(desk, sheet_id: int) -> dict[int, list[Finding]]:
    """record index -> the dept.sent_back findings (still in force) of one sheet."""
    entries = [e for e in DeptLog(desk.workspace).latest(DECIDE_CMD).values()
               if e.payload["action"] == SEND_BACK and (e.payload["difference"].get("child") or {}).get("sheet_id") == sheet_id]
    if not entries:
        return {}
    profiles = load_profiles()
    indices = {e.payload["difference"]["child"]["index"] for e in entries}
    now = _found_now(desk, sheet_id, indices, {e.payload["difference"]["dept"] for e in entries} & set(profiles),
                     profiles)
    out: dict[int, list[Finding]] = defaultdict(list)
    for e in entries:
        d = e.payload["difference"]
        found = now.get(e.target)
        if found is None or not in_force(decision_of(e), found):
            continue
        child = d["child"]
        name = profiles[d["dept"]].name
        out[child["index"]].append(make("dept.sent_back", child["index"], d.get("field"), dept=name,
                                        what=_what(d, name, child["form"]),
                                        reason=f"（县级说明：{e.reason}）" if e.reason else ""))
    return dict(out)


def _found_now(desk, sheet_id: int, indices: set[int], depts: set[str], profiles: dict) -> dict[str, Difference]:
    """key -> the difference found now, for some records of one sheet, per department with a
    stored answer (the records as the department's register holds them)."""
    keys = desk.children_keys(county_only=True)
    mine = keys.filter((pl.col("sheet_id") == sheet_id) & pl.col("index").is_in(sorted(indices)))
    columns, merged, salt, store = reg.SheetColumns(desk.workspace), desk.merged_values(), desk.store.salt(), \
        DeptStore(desk.workspace)
    out: dict[str, Difference] = {}
    for dept in sorted(depts):
        stored = store.answer(dept)
        if stored is None:
            continue
        profile = profiles[dept]
        register = reg.with_fields(reg.selected(mine, profile.children, desk.as_of), columns,
                                   reg.compared_fields(profile), merged)
        ids = register["id"].drop_nulls()
        near = stored.records.filter(pl.col("id").is_null() | pl.col("id").is_in(ids.implode())
                                     | pl.col("prefix").is_in(ids.str.slice(0, 17).implode()))
        answer = by_name.resolved(profile, near, keys)     # the records that can name these children
        out.update((d.key, d) for d in record_differences(profile, register, answer, salt))
    return out


def _what(d: dict, name: str, form: str) -> str:
    if d["kind"] == NOT_KNOWN:
        return f"{name}没有这名儿童的记录"
    if d.get("field"):
        label = load_form(form).field(d["field"]).label
        return f"{label}登记为“{d.get('sheet_value') or '空'}”，{name}的记录是“{d.get('dept_value') or '空'}”"
    return KIND_ZH.get(d["kind"], d["kind"]) + (f"（{d['note']}）" if d.get("note") else "")
