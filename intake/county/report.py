"""`mopai county`'s JSON report and Chinese summary, from a CountyDesk.

Keys as issue 9 specifies (county, as_of, files, groups, resubmissions, children, stats,
key_care), plus: county_inferred, unreadable and skipped (this run's files that could not be
used or had a content received before), each group's status and why, each occurrence's sheet
and township. No ID number or name anywhere: occurrences are file and row.
"""
from __future__ import annotations

from intake.county.children import decided_effects
from intake.county.model import KIND_ZH, KINDS, OPEN, WHY_ZH, Ref
from intake.county.receive import SAME, Received
from intake.county.resubmissions import resubmissions
from intake.forms import FORM_KEYS, load_form
from intake.stats import basic_stats, key_care_count, needed_fields


def field_label(form: str, key: str) -> str:
    """A field's Chinese label on the form (the key itself when the form has no such field)."""
    f = load_form(form)
    return f.field(key).label if f.has(key) else key


def files_part(desk) -> list[dict]:
    names = {f.id: f.name for f in desk.snapshot.files}
    out = []
    for m in sorted(desk.snapshot.meta.values(), key=lambda m: (m.file.name, m.info.sheet_id)):
        v = m.version
        out.append({"file": m.file.name, "township": m.township.name, "form": m.info.form,
                    "rows": m.info.n_rows, "rows_with_errors": m.info.counts.rows_with_errors,
                    "fill_date": v.fill_date, "superseded_by": names[v.superseded_by] if v.superseded_by else None,
                    "sheet": m.info.sheet, "township_how": m.township.how})
    return out


def groups_part(desk) -> list[dict]:
    return [{"kind": g.kind,
             "occurrences": [{"file": o.file, "row": o.row, "sheet": o.sheet, "township": o.township}
                             for o in g.occurrences],
             "differs": [field_label(g.occurrences[0].form, k) for k in g.differs],
             "status": g.status, "why": [WHY_ZH.get(w, w) for w in g.why],
             "decision": g.decision.action if g.decision else None} for g in desk.groups(compared=True)]


def error_rows_after_decisions(desk) -> int:
    """Current records that count and still have an error (a kept record's duplicate-ID error
    is resolved by the decision)."""
    groups = desk.groups()
    dropped, _, _ = decided_effects(groups)
    kept = {g.decision.keep for g in groups if g.decision and g.decision.keep}
    live = desk.keys.live(desk.snapshot)
    n = 0
    for s, i, codes in live.filter(live["errors"].is_not_null()).select("sheet_id", "index", "errors").iter_rows():
        ref = Ref(s, i)
        if ref in dropped:
            continue
        if ref in kept and set(codes.split("|")) <= {"id.duplicate"}:
            continue
        n += 1
    return n


def county_report(desk, received: list[Received]) -> dict:
    stats, care, children = {}, {}, {}
    for form in FORM_KEYS:
        frame = desk.children_frame(form, needed_fields())
        children[form] = frame.height
        stats[form] = basic_stats(frame, desk.as_of)
        care[form] = key_care_count(frame)
    return {
        "county": desk.county, "county_inferred": desk.county_inferred, "as_of": desk.as_of.isoformat(),
        "files": files_part(desk),
        "groups": groups_part(desk),
        "resubmissions": [{"township": r.township, "form": r.form, "old": r.old, "new": r.new,
                           "added": len(r.diff.added), "removed": len(r.diff.removed),
                           "changed": len(r.diff.changed)} for r in resubmissions(desk)],
        "children": children, "stats": stats, "key_care": care,
        "unreadable": [{"file": f.name, "message": f.message} for f in desk.snapshot.files if f.message],
        "skipped": [{"file": r.path.name, "note": r.message} for r in received if r.status == SAME],
    }


def summary_lines(desk, received: list[Received], report: dict) -> list[str]:
    added = sum(r.status == "added" for r in received)
    lines = [f"收到文件{len(received)}个：读入{added}个，内容重复跳过{len(report['skipped'])}个，"
             f"无法读取{len(report['unreadable'])}个。"]
    lines += [f"  {u['message']}" for u in report["unreadable"]]
    lines += [f"  {s['note']}" for s in report["skipped"]]
    if desk.county_inferred:
        lines.append(f"未指定 --county：按各行地址推断为{_county_name(desk.county)}（{desk.county}），"
                     "未检查各行是否属于本县。")
    groups = desk.groups()
    counts = "，".join(f"{KIND_ZH[k]}{sum(g.kind == k for g in groups)}组" for k in KINDS)
    lines.append(f"待核实的记录组：{counts}（未处理{sum(g.status == OPEN for g in groups)}组）。")
    lines.append("儿童人数（去重后）：" + "，".join(f"{load_form(f).short}{n}人" for f, n in report["children"].items()))
    for r in report["resubmissions"]:
        lines.append(f"{r['township']}{load_form(r['form']).short}表更新：“{r['old']}”→“{r['new']}”，"
                     f"新增{r['added']}人，删除{r['removed']}人，变更{r['changed']}人。")
    return lines


def _county_name(code: str | None) -> str:
    from validators import divisions
    return divisions.full_name(code) if code else "未知"
