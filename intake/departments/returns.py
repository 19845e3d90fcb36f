"""Department differences the county sent back to a township, as problems of the records in
that township's return file (intake.county.upload.return_sheets): a dept.sent_back finding on
each record, naming the department and what it said.

Read from the department log (the latest decision of each difference, not undone), checked
against the record as it is now, so no reconciliation is needed to write a return file and the
file agrees with the 部门比对 view: a send-back is left out once it went stale on the sheet's
side, i.e. the record is no longer one of the county's children (merged away, deleted), its ID
changed (the difference's key is the ID's hash), or the compared field no longer holds the
value the decision was made for (the township corrected it: now as the department says, or
otherwise changed; the view lists the difference as 现已一致 or as open with 数据已变). A 证件号码有误
or 没有证件号码 difference is about the department's number and is not checked against the record.
"""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from intake.departments import register as reg
from intake.departments.model import FIELD, KIND_ZH, NOT_KNOWN, NUMBER_KINDS, SEND_BACK, hashed
from intake.departments.profile import load_profiles
from intake.departments.store import DECIDE_CMD, DeptLog
from intake.forms import load_form
from validators.codes import make
from validators.findings import Finding


def sent_back_problems(desk, sheet_id: int) -> dict[int, list[Finding]]:
    """record index -> the dept.sent_back findings (still in force) of one sheet."""
    entries = [e for e in DeptLog(desk.workspace).latest(DECIDE_CMD).values()
               if e.payload["action"] == SEND_BACK and (e.payload["difference"].get("child") or {}).get("sheet_id") == sheet_id]
    if not entries:
        return {}
    now = _records_now(desk, sheet_id, [e.payload["difference"] for e in entries])
    salt = desk.store.salt()
    out: dict[int, list[Finding]] = defaultdict(list)
    profiles = load_profiles()
    for e in entries:
        d = e.payload["difference"]
        child = d["child"]
        if not _holds(d, now.get(child["index"]), salt):
            continue
        p = profiles.get(d["dept"])
        name = p.name if p else d["dept"]
        out[child["index"]].append(make("dept.sent_back", child["index"], d.get("field"), dept=name,
                                        what=_what(d, name, child["form"]),
                                        reason=f"（县级说明：{e.reason}）" if e.reason else ""))
    return dict(out)


def _records_now(desk, sheet_id: int, diffs: list[dict]) -> dict[int, dict]:
    """record index -> its key and compared fields now (canonical, as the reconciliation sees
    them), for the sent-back records of one sheet that are still among the county's children."""
    keys = desk.children_keys()
    keys = keys.filter((pl.col("sheet_id") == sheet_id) & pl.col("index").is_in([d["child"]["index"] for d in diffs]))
    fields = sorted({d["field"] for d in diffs if d.get("field")})
    frame = reg.with_fields(keys, reg.SheetColumns(desk.workspace), fields, desk.merged_values())
    return {r["index"]: r for r in frame.iter_rows(named=True)}


def _holds(d: dict, record: dict | None, salt: str) -> bool:
    if d["kind"] in NUMBER_KINDS:
        return record is not None
    if record is None or not record["id"] or hashed(salt, record["id"]) not in d["key"].split(":"):
        return False
    return d["kind"] != FIELD or record.get(d["field"]) == d.get("sheet_value")


def _what(d: dict, name: str, form: str) -> str:
    if d["kind"] == NOT_KNOWN:
        return f"{name}没有这名儿童的记录"
    if d.get("field"):
        label = load_form(form).field(d["field"]).label
        return f"{label}登记为“{d.get('sheet_value') or '空'}”，{name}的记录是“{d.get('dept_value') or '空'}”"
    return KIND_ZH.get(d["kind"], d["kind"]) + (f"（{d['note']}）" if d.get("note") else "")
