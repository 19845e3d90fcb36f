"""The county's merged upload and the townships' return files, on intake.export's writers.

Upload: one sheet per form with one row per distinct child (intake.county.children) whose
record has no error, a merged record's field values in place, a 来源 sheet naming each row's
township, file and Excel row, and on the 导出说明 sheet the rows held back and why: errors (as
for a township's export; the duplicate-ID error of a record the county kept is resolved by the
decision), a conflict group still open or sent back to the township, or the same child kept in
another record. Return file of a township's file: its own findings plus a county.sent_back
problem on every record the county sent back (and a dept.sent_back problem on every record
sent back after a department check, intake.departments.returns).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from intake.county.model import DECIDED, KEEP, KIND_ZH, MERGE, OPEN, SENT_BACK, WHY_ZH, Group, Occurrence, Ref
from intake.county.values import canonical
from intake.export.upload import RowNote
from intake.forms import FORM_KEYS, load_form
from intake.table import SheetTable
from validators.codes import make
from validators.finding_set import FindingSet

RESOLVED_BY_DECISION = frozenset({"id.duplicate"})
HELD_BACK = "未导出（县级汇总）"


@dataclass
class CountySheet:
    """A sheet as intake.export's writers take it (.table, .findings) with the upload hooks."""
    table: SheetTable
    findings: FindingSet
    records: list[int] | None = None
    overrides: dict[int, dict[str, str | None]] = field(default_factory=dict)
    source: tuple[str, str] | None = None
    label: str = ""
    held_back: list[RowNote] = field(default_factory=list)
    deleted_rows: frozenset[int] = frozenset()     # deleted by the clerk: listed, not written


def _where(o: Occurrence) -> str:
    return f"{o.township or '未识别乡镇'}“{o.file}”第{o.row}行"


def _others(g: Group, ref: Ref) -> str:
    return "、".join(_where(o) for o in g.occurrences if o.ref != ref)


def held_back(groups: list[Group]) -> tuple[dict[Ref, str], set[Ref]]:
    """(record -> why it is held back, records kept by a decision of a duplicate kind)."""
    why: dict[Ref, str] = {}
    kept: set[Ref] = set()
    for g in groups:
        d = g.decision
        for o in g.occurrences:
            if g.status == OPEN:
                why.setdefault(o.ref, f"县级尚未处理：{KIND_ZH[g.kind]}（与{_others(g, o.ref)}）")
            elif g.status == SENT_BACK:
                why.setdefault(o.ref, f"已退回乡镇核实：{KIND_ZH[g.kind]}（与{_others(g, o.ref)}）")
            elif g.status == DECIDED and d.action in (KEEP, MERGE):
                if o.ref == d.keep:
                    kept.add(o.ref)
                else:
                    keep = next(x for x in g.occurrences if x.ref == d.keep)
                    why.setdefault(o.ref, f"与{_where(keep)}为同一儿童，按县级决定保留那一条")
    return why, kept


def _without(findings: FindingSet, form_keys, rows: set[int], codes: frozenset[str]) -> FindingSet:
    out = FindingSet(form_keys)
    out.replace_rows({i: [f for f in findings.for_row(i) if not (i in rows and f.code in codes)]
                      for i in findings.rows_with_findings()})
    return out


def upload_sheets(desk) -> list[CountySheet]:
    """Every current sheet, by form, then township and file, with its children and held rows."""
    why, kept = held_back(desk.groups())
    current = sorted((m for m in desk.snapshot.meta.values() if m.version.current),
                     key=lambda m: (m.township.name or "\uffff", m.file.name, m.info.sheet))
    found = desk.findings_for([m.info.sheet_id for m in current])
    out = []
    for form in FORM_KEYS:
        children = {c.ref: c for c in desk.children(form)}
        out += [_county_sheet(desk, m, children, why, kept, found[m.info.sheet_id])
                for m in current if m.info.form == form]
    return out


def _county_sheet(desk, m, children: dict, why: dict[Ref, str], kept: set[Ref], findings: FindingSet) -> CountySheet:
    sid, form = m.info.sheet_id, m.info.form
    table = desk.workspace.load_sheet(sid)
    label = f"{m.township.name or '未识别乡镇'} {m.file.name} {m.info.sheet}".strip()
    deleted = frozenset(desk.workspace.deleted_rows(sid))
    records, notes, overrides = [], [], {}
    for i in range(table.n_rows):
        ref = Ref(sid, i)
        if i in deleted:
            records.append(i)                  # the writer lists it as deleted by the township
            continue
        if ref in why or ref not in children:
            name = table.data.get("name", i) if "name" in table.data.values else None
            notes.append(RowNote(label, table.row_numbers[i], name, [why.get(ref, "同一儿童的另一条记录已导出")],
                                 HELD_BACK))
            continue
        records.append(i)
        if children[ref].overrides:
            overrides[i] = {k: canonical(form, k, v) for k, v in children[ref].overrides.items()}
    resolved = _without(findings, [f.key for f in load_form(form).fields],
                        {r.index for r in kept if r.sheet_id == sid}, RESOLVED_BY_DECISION)
    return CountySheet(table, resolved, records, overrides, (m.township.name, m.file.name), label, notes, deleted)


def return_sheets(desk, file_id: int, send_backs=None) -> list[CountySheet]:
    """The sheets of one received file with the county's send-backs added as problems, for
    intake.export.write_return (the township's return file); `send_backs`: the
    intake.departments.returns.SendBacks of a call writing several files, else one is made."""
    from intake.departments.returns import SendBacks     # the department checks' send-backs
    send_backs = send_backs or SendBacks(desk)
    metas = sorted((m for m in desk.snapshot.meta.values() if m.file.id == file_id), key=lambda m: m.info.sheet_id)
    found = desk.findings_for([m.info.sheet_id for m in metas])
    out = []
    for m in metas:
        sid = m.info.sheet_id
        findings = FindingSet([f.key for f in load_form(m.info.form).fields])
        rows = {i: found[sid].for_row(i) for i in found[sid].rows_with_findings()}
        for g in desk.groups(status=SENT_BACK):
            for ref in g.decision.sent_back:
                if ref.sheet_id == sid:
                    what = f"{KIND_ZH[g.kind]}，{'、'.join(WHY_ZH[w] for w in g.why if w in WHY_ZH)}"
                    reason = f"（县级说明：{g.decision.reason}）" if g.decision.reason else ""
                    rows.setdefault(ref.index, []).append(
                        make("county.sent_back", ref.index, None, what=what, others=_others(g, ref), reason=reason))
        for index, problems in send_backs.problems(sid).items():
            rows.setdefault(index, []).extend(problems)
        findings.replace_rows(rows)
        out.append(CountySheet(desk.workspace.load_sheet(sid), findings,
                               deleted_rows=frozenset(desk.workspace.deleted_rows(sid))))
    return out
