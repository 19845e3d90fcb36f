"""Decisions about groups: stored in the county log, applied to the groups of each matching.

A decision is made for a group's records as they were (`Decision.refs`). It is in force for a
group only while the group has exactly those records: when a record leaves or joins the group
(an ID edited, a resubmission, a new file) the decision does not silently carry over to other
records; the group is open again and shows the earlier decision as `stale`, for the clerk to
confirm or change. Edits of the records themselves do not unmake a decision: the records it
names are the same records (a kept record's fixes flow into the upload; a merged record keeps
the field values the clerk took, as they were when taken).

`LogCommand` is one user action with its inverse: `redo()` writes it to the log the first time
and marks it done again later, `undo()` marks it undone. The window wraps each in a
QUndoCommand; both are durable when they return.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from intake.county.log import DECIDE, CountyLog, LogEntry
from intake.county.model import (DECIDED, KEEP, MERGE, NOT_SAME, OPEN, REOPEN, SEND_BACK, SENT_BACK,
                                 Decision, Group, Override, Ref)

ACTIONS = (KEEP, MERGE, NOT_SAME, SEND_BACK, REOPEN)


def payload(d: Decision) -> dict:
    return {"action": d.action, "kind": d.kind, "refs": [list(r) for r in d.refs],
            "keep": list(d.keep) if d.keep else None,
            "overrides": [{"field": o.field, "source": list(o.source), "value": o.value} for o in d.overrides],
            "sent_back": [list(r) for r in d.sent_back]}


def from_entry(e: LogEntry) -> Decision:
    p = e.payload
    return Decision(action=p["action"], group_key=e.target, kind=p["kind"],
                    refs=tuple(Ref(*r) for r in p["refs"]), keep=Ref(*p["keep"]) if p.get("keep") else None,
                    overrides=tuple(Override(o["field"], Ref(*o["source"]), o["value"]) for o in p.get("overrides", ())),
                    sent_back=tuple(Ref(*r) for r in p.get("sent_back", ())), reason=e.reason or "",
                    entry_id=e.id, at=e.at)


def in_force(log: CountyLog) -> dict[str, Decision]:
    """group key -> its latest decision not undone."""
    return {key: from_entry(e) for key, e in log.latest(DECIDE).items()}


def apply(groups: Iterable[Group], decisions: dict[str, Decision]) -> list[Group]:
    """Each group with its status, the decision in force and an earlier decision gone stale."""
    groups = list(groups)
    used: set[str] = set()
    out = []
    for g in groups:
        d = decisions.get(g.key)
        if d is not None and set(d.refs) == set(g.refs):
            used.add(g.key)
            if d.action == REOPEN:
                out.append(replace(g, status=OPEN))
            else:
                out.append(replace(g, status=SENT_BACK if d.action == SEND_BACK else DECIDED, decision=d))
        else:
            out.append(g)
    by_ref: dict[Ref, Decision] = {}
    for key, d in decisions.items():
        if key not in used and d.action != REOPEN:
            for r in d.refs:
                if r not in by_ref or (by_ref[r].entry_id or 0) < (d.entry_id or 0):
                    by_ref[r] = d
    if not by_ref:
        return out
    return [replace(g, stale=stale) if g.status == OPEN and (stale := _latest(by_ref.get(r) for r in g.refs))
            else g for g in out]


def _latest(found: Iterable[Decision | None]) -> Decision | None:
    return max((d for d in found if d is not None), key=lambda d: d.entry_id or 0, default=None)


def check(group: Group, d: Decision) -> None:
    """Refuse a decision that does not fit its group (a programming error of the caller)."""
    refs = set(group.refs)
    if d.action not in ACTIONS:
        raise ValueError(f"unknown action {d.action}")
    if d.action in (KEEP, MERGE) and d.keep not in refs:
        raise ValueError("the kept record is not in the group")
    if any(o.source not in refs for o in d.overrides) or any(r not in refs for r in d.sent_back):
        raise ValueError("a record named by the decision is not in the group")
    if d.action == NOT_SAME and len(refs) < 2:
        raise ValueError("a group of one record")


class LogCommand:
    """One county command and its inverse over the log (see the module docstring)."""

    def __init__(self, log: CountyLog, command: str, target: str, payload: dict, label: str,
                 reason: str | None = None, on_change: Callable[[str], None] | None = None):
        self.log, self.command, self.target, self.payload = log, command, target, payload
        self.label, self.reason = label, reason
        self.on_change = on_change or (lambda target: None)
        self.entry: LogEntry | None = None

    def redo(self) -> None:
        if self.entry is None:
            self.entry = self.log.append(self.command, self.target, self.payload, self.reason)
        else:
            self.log.set_undone(self.entry.id, False)
        self.on_change(self.target)

    def undo(self) -> None:
        if self.entry is None:
            raise RuntimeError("undo of a command never done")
        self.log.set_undone(self.entry.id, True)
        self.on_change(self.target)
