"""What `mopai dept in` prints and writes: the columns to confirm, and the JSON of the
reconciliation (no ID number and no name in it: a difference is a township, a file and an Excel
row, or a row of the department's file)."""
from __future__ import annotations

from intake.departments.answer_read import AnswerFile
from intake.departments.model import KIND_ZH, KINDS, NUMBER_KINDS
from intake.privacy import quote


def doubt_lines(answer: AnswerFile) -> list[str]:
    lines = [f"回复文件“{answer.path.name}”：{answer.n_records}条记录"]
    for d in answer.doubtful:
        lines.append(f"请核对：表头“{quote(d.header)}”按相似度对应到“{d.label or d.key}”（把握{round(d.confidence * 100)}%）；"
                     f"如不对，用 --column \"{quote(d.header)}=字段\" 指定")
    for d in answer.recalled:
        lines.append(f"表头“{quote(d.header)}”按上次确认的对应到“{d.label or '（不使用）'}”；"
                     f"如要改，用 --column \"{quote(d.header)}=字段\" 指定（- 表示不用）")
    if answer.missing:
        lines.append("回复中没有这些列：" + "、".join(answer.missing) + "（这些项目不比对）")
    lines += [f"提示：{n}" for n in answer.notes[:10]]
    return lines


def answer_json(depts, dept: str, answer: AnswerFile) -> dict:
    diffs = depts.differences(dept)
    return {
        "dept": dept, "name": depts.profiles[dept].name, "as_of": depts.desk.as_of.isoformat(),
        "answer_file": answer.path.name, "records": answer.n_records,
        "doubtful": [{"sheet": d.sheet, "col": d.col, "header": d.header, "key": d.key, "confidence": d.confidence}
                     for d in answer.doubtful],
        "missing": answer.missing, "notes": answer.notes,
        "counts": {k: sum(d.kind == k and d.current for d in diffs) for k in KINDS},
        "open": sum(d.status == "open" for d in diffs),
        "differences": [{"kind": d.kind, "key": d.key, "township": d.township, "field": d.field,
                         "file": d.child.file if d.child else None, "row": d.child.row if d.child else None,
                         "answer_sheet": d.answer_sheet, "answer_row": d.answer_row,
                         **_values(d),
                         "status": d.status, "decision": d.decision.action if d.decision else None}
                        for d in diffs],
    }


def _values(d) -> dict:
    """The two values, unless they are a name or a number (a wrong ID)."""
    if d.kind in NUMBER_KINDS or d.field == "name":
        return {"sheet_value": None, "dept_value": None}
    return {"sheet_value": d.sheet_value, "dept_value": d.dept_value}


def open_line(name: str, open_: list) -> str:
    """医保：4处差异待处理（部门无此儿童记录2处，部门记录没有证件号码1处，…）: the kinds in their order."""
    if not open_:
        return f"{name}：没有待处理的差异"
    parts = [f"{KIND_ZH[k]}{n}处" for k in KINDS if (n := sum(d.kind == k for d in open_))]
    return f"{name}：{len(open_)}处差异待处理（{'，'.join(parts)}）"
