"""The department decisions as lines of the county's 决定记录 (intake.county.log_view): 采用部门数据,
保留登记表数据, 退回乡镇核实 (and 重新待定, the 漏报 decisions), each saying which department, what
kind of difference about which field, and which record (township, file, Excel row, name, the
masked ID number) or, for a 疑似漏报 lead, which child the department named. Values are not
listed (as in the county's own lines): the 比对报告 has them.

Read straight from the workspace's department log (intake.departments.store.DeptLog), so the
county page lists them without opening the department checks.
"""
from __future__ import annotations

from intake.county.log_view import LogLine, line_time, status_text
from intake.county.model import Ref
from intake.departments.decisions import difference_of
from intake.departments.model import ACTION_ZH, FIELD, KIND_ZH, MISSED, MISSED_ACTION_ZH
from intake.departments.profile import load_profiles
from intake.departments.store import DECIDE_CMD, DeptLog
from intake.forms import load_form
from validators.redact import mask_id


def dept_log_lines(desk) -> list[LogLine]:
    """Every department decision of the desk's workspace (undone ones included), oldest first."""
    entries = DeptLog(desk.workspace).entries(DECIDE_CMD)
    if not entries:
        return []
    diffs = [difference_of(e.payload) for e in entries]
    sheets = {s.sheet_id for s in desk.store.sheets()}
    refs = [d.child.ref for d in diffs if d.child and d.child.sheet_id in sheets]
    values = desk.records.values(refs) if refs else {}
    names = {key: p.name for key, p in load_profiles().items()}
    lines = []
    for e, d in zip(entries, diffs):
        actions = MISSED_ACTION_ZH if d.kind == MISSED else ACTION_ZH
        kind = f"{names.get(d.dept, d.dept)}部门比对：{actions.get(e.payload['action'], e.payload['action'])}"
        lines.append(LogLine(e.id, line_time(e.at), kind, _what(d, values), e.reason or "", status_text(e), e.undone,
                             e.at))
    return lines


def _what(d, values: dict) -> str:
    about = KIND_ZH.get(d.kind, d.kind)
    if d.kind == FIELD and d.field and d.form:
        about += f"（{load_form(d.form).field(d.field).label}）"
    if d.child is not None:
        c = d.child
        v = values.get(Ref(c.sheet_id, c.index), {})
        who = [f"{c.township or '未识别乡镇'} {c.file} 第{c.row}行", v.get("name") or "", mask_id(v.get("id_number"))]
    elif d.person is not None:
        who = [f"{d.township or '未识别乡镇'}", d.person.name or "", mask_id(d.person.id_number)]
    else:
        who = [d.township]
    return f"{about}：" + " ".join(x for x in who if x)
