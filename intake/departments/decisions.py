"""Decisions about differences: stored in the department log (intake.departments.store.DeptLog),
applied to the differences of each reconciliation.

A decision is made for a difference as it was (the sheet's and the department's values). It is
in force while the difference is found with those values: when either side changes (the
township corrected the cell, the department answered again) the difference is open again and
shows the earlier decision as `stale`. An accepted value makes the difference go away; the
decision keeps it listed (current=False) with what was decided, for the report — and should
the accepted cell be changed back, the difference is found again, open, the acceptance stale.
Each entry's payload holds the difference as decided (where, which values), so that it can be
listed when it is no longer found; for ACCEPT also the sheet's edit batch.
"""
from __future__ import annotations

from dataclasses import asdict, replace

from intake.county.children import ChildRef
from intake.county.log import LogEntry
from intake.departments.model import (ACCEPT, DECIDED, OPEN, REOPEN, SEND_BACK, SENT_BACK, Decision,
                                      Difference, Person)
from intake.edits import CellEdit, EditBatch


def payload(action: str, d: Difference, *, value: str | None = None, batch: EditBatch | None = None) -> dict:
    snapshot = {k: v for k, v in asdict(d).items() if k not in ("status", "decision", "stale", "current")}
    snapshot["proposed"] = list(d.proposed)
    body = {"action": action, "value": value, "difference": snapshot}
    if batch is not None:
        body["batch"] = {"id": batch.id, "label": batch.label, "kind": batch.kind,
                         "edits": [[e.index, e.field, e.old, e.new] for e in batch.edits]}
    return body


def batch_of(body: dict) -> tuple[int, EditBatch] | None:
    """(sheet id, the edit batch) of an ACCEPT entry."""
    b = body.get("batch")
    if not b:
        return None
    sheet_id = body["difference"]["child"]["sheet_id"]
    return sheet_id, EditBatch(b["label"], tuple(CellEdit(*e) for e in b["edits"]), id=b["id"], kind=b["kind"])


def decision_of(e: LogEntry) -> Decision:
    p, d = e.payload, e.payload["difference"]
    b = p.get("batch")
    return Decision(p["action"], e.target, e.reason or "", p.get("value"), d.get("sheet_value"),
                    d.get("dept_value"), b["id"] if b else None, e.id, e.at)


def difference_of(body: dict) -> Difference:
    """The difference as it was decided (listed once it is no longer found)."""
    d = dict(body["difference"])
    d["child"] = ChildRef(**d["child"]) if d.get("child") else None
    d["person"] = Person(**d["person"]) if d.get("person") else None
    d["proposed"] = tuple(d.get("proposed") or ())
    return Difference(**d)


def in_force(dec: Decision, d: Difference) -> bool:
    """A keep or send-back decision holds for the difference found now only while both sides
    still say what they said when it was made (the view and the township's return file ask
    this same question)."""
    return dec.action not in (ACCEPT, REOPEN) and (dec.sheet_value, dec.dept_value) == (d.sheet_value, d.dept_value)


def apply(found: list[Difference], entries: dict[str, LogEntry]) -> list[Difference]:
    """The differences found, with their status, the decision in force or a stale one; then
    the decided ones no longer found."""
    out = []
    seen = set()
    for d in found:
        seen.add(d.key)
        e = entries.get(d.key)
        if e is None:
            out.append(d)
            continue
        dec = decision_of(e)
        if dec.action == REOPEN:
            out.append(d)
        elif in_force(dec, d):
            out.append(replace(d, status=SENT_BACK if dec.action == SEND_BACK else DECIDED, decision=dec))
        else:
            out.append(replace(d, status=OPEN, stale=dec))
    for key, e in entries.items():
        if key in seen or e.payload["action"] == REOPEN:
            continue
        dec = decision_of(e)
        out.append(replace(difference_of(e.payload), status=SENT_BACK if dec.action == SEND_BACK else DECIDED,
                           decision=dec, current=False))
    return out
