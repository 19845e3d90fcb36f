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

A call that writes every township's return file (intake.county.returns.write_returns) builds one
SendBacks and passes it for each file: the log, the county's keys and each department's stored,
name-matched answer are read once for all files, not once a sheet.
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


def sent_back_problems(desk, sheet_id: int, checks: SendBacks | None = None) -> dict[int, list[Finding]]:
    """record index -> the dept.sent_back findings (still in force) of one sheet; `checks`: the
    SendBacks of a call that writes several return files (read once for all of them)."""
    return (checks or SendBacks(desk)).problems(sheet_id)


class SendBacks:
    """The department send-backs of one call that writes return files. The log is read once,
    and each department's latest stored answer is read and name-matched once (as the 部门比对
    view matches the whole answer), when a sheet first needs it. Build one per call: it does not
    follow edits or answers made after it read them."""

    def __init__(self, desk):
        self.desk = desk
        self.by_sheet: dict[int, list] = defaultdict(list)
        for e in DeptLog(desk.workspace).latest(DECIDE_CMD).values():
            sheet_id = (e.payload["difference"].get("child") or {}).get("sheet_id")
            if e.payload["action"] == SEND_BACK and sheet_id is not None:
                self.by_sheet[sheet_id].append(e)
        self._county: tuple | None = None
        self._answers: dict[str, pl.DataFrame | None] = {}

    def problems(self, sheet_id: int) -> dict[int, list[Finding]]:
        entries = self.by_sheet.get(sheet_id)
        if not entries:
            return {}
        profiles = load_profiles()
        indices = {e.payload["difference"]["child"]["index"] for e in entries}
        now = self._found_now(sheet_id, indices, {e.payload["difference"]["dept"] for e in entries} & set(profiles),
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

    def _found_now(self, sheet_id: int, indices: set[int], depts: set[str], profiles: dict) -> dict[str, Difference]:
        """key -> the difference found now, for some records of one sheet, per department with a
        stored answer (the records as the department's register holds them)."""
        keys, columns, merged, salt = self._county_state()
        mine = keys.filter((pl.col("sheet_id") == sheet_id) & pl.col("index").is_in(sorted(indices)))
        out: dict[str, Difference] = {}
        for dept in sorted(depts):
            answer = self._answer(dept, profiles[dept], keys)
            if answer is None:
                continue
            profile = profiles[dept]
            register = reg.with_fields(reg.selected(mine, profile.children, self.desk.as_of), columns,
                                       reg.compared_fields(profile), merged)
            out.update((d.key, d) for d in record_differences(profile, register, answer, salt))
        return out

    def _county_state(self) -> tuple:
        if self._county is None:
            desk = self.desk
            self._county = (desk.children_keys(county_only=True), reg.SheetColumns(desk.workspace),
                            desk.merged_values(), desk.store.salt())
        return self._county

    def _answer(self, dept: str, profile, keys: pl.DataFrame) -> pl.DataFrame | None:
        """The department's latest stored answer, its records without a number matched by name
        and birth date (intake.departments.by_name, as the view does); None without an answer."""
        if dept not in self._answers:
            stored = DeptStore(self.desk.workspace).answer(dept)
            self._answers[dept] = None if stored is None else by_name.resolved(profile, stored.records, keys)
        return self._answers[dept]


def _what(d: dict, name: str, form: str) -> str:
    if d["kind"] == NOT_KNOWN:
        return f"{name}没有这名儿童的记录"
    if d.get("field"):
        label = load_form(form).field(d["field"]).label
        return f"{label}登记为“{d.get('sheet_value') or '空'}”，{name}的记录是“{d.get('dept_value') or '空'}”"
    return KIND_ZH.get(d["kind"], d["kind"]) + (f"（{d['note']}）" if d.get("note") else "")
