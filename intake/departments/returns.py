"""Department differences the county sent back to a township, as problems of the records in
that township's return file (intake.county.upload.return_sheets): a dept.sent_back finding on
each record, naming the department and what it said. Read from the department log (the latest
decision of each difference, not undone), so no reconciliation is needed to write a return file.
"""
from __future__ import annotations

from collections import defaultdict

from intake.departments.model import KIND_ZH, NOT_KNOWN, SEND_BACK
from intake.departments.profile import load_profiles
from intake.departments.store import DECIDE_CMD, DeptLog
from intake.forms import load_form
from validators.codes import make
from validators.findings import Finding


def sent_back_problems(workspace, sheet_id: int) -> dict[int, list[Finding]]:
    """record index -> the dept.sent_back findings of one sheet."""
    out: dict[int, list[Finding]] = defaultdict(list)
    profiles = load_profiles()
    for key, e in DeptLog(workspace).latest(DECIDE_CMD).items():
        body = e.payload
        child = body["difference"].get("child")
        if body["action"] != SEND_BACK or not child or child["sheet_id"] != sheet_id:
            continue
        d = body["difference"]
        p = profiles.get(d["dept"])
        name = p.name if p else d["dept"]
        out[child["index"]].append(make("dept.sent_back", child["index"], d.get("field"), dept=name,
                                        what=_what(d, name, child["form"]),
                                        reason=f"（县级说明：{e.reason}）" if e.reason else ""))
    return dict(out)


def _what(d: dict, name: str, form: str) -> str:
    if d["kind"] == NOT_KNOWN:
        return f"{name}没有这名儿童的记录"
    if d.get("field"):
        label = load_form(form).field(d["field"]).label
        return f"{label}登记为“{d.get('sheet_value') or '空'}”，{name}的记录是“{d.get('dept_value') or '空'}”"
    return KIND_ZH.get(d["kind"], d["kind"]) + (f"（{d['note']}）" if d.get("note") else "")
