"""The county's decisions about differences, each one user action with its inverse, returned
not yet done (as the county's commands, intake.county.commands): `redo()` does it (the window's
QUndoStack push calls it), `undo()` takes it back; durable when either returns.

- `accept(diff, value=None)`: the department's value is written into the sheet — an ordinary
  EditBatch through the sheet's SheetSession (stored, re-validated like any edit), then
  CountyDesk.sheet_edited so counts, matching and the upload follow — and the decision is
  logged. `value` picks one of `diff.proposed` when the department's answer fits several
  (医保: 已参保 with no place fits both 纳入户籍地医保 and 纳入居住地医保).
- `keep(diff)`: the sheet's value stands; `send_back(diff)`: the township must check (the record
  gets a dept.sent_back problem in the township's return file; a 漏报 lead goes on its visit
  list); `reopen(diff)`: the decision is taken back.
"""
from __future__ import annotations

from intake.county.decisions import LogCommand
from intake.departments.decisions import payload
from intake.departments.model import (ACCEPT, ACTION_ZH, FIELD, KEEP, MISSED, MISSED_ACTION_ZH, REOPEN,
                                      SEND_BACK, Difference)
from intake.departments.store import DECIDE_CMD
from intake.edits import EditBatch, batch_of
from intake.errors import MopaiError
from intake.forms import load_form

CHOOSE = "{dept}的回复“{words}”可以对应“{options}”，请选择采用哪一个"
CANNOT = "{dept}填写的“{words}”无法对应到登记表的选项，不能直接采用；请保留登记表数据或退回乡镇核实"


def label_of(name: str, kind: str, action: str) -> str:
    """The undo stack's text: 医保比对：采用部门数据."""
    return f"{name}比对：{(MISSED_ACTION_ZH if kind == MISSED else ACTION_ZH)[action]}"


class DeptCommand:
    """A logged decision, and for ACCEPT the sheet edit that goes with it."""

    def __init__(self, log_cmd: LogCommand, edit: tuple[int, EditBatch] | None = None, depts=None):
        self.log_cmd, self.edit, self.depts = log_cmd, edit, depts
        self.label = log_cmd.label

    @property
    def entry(self):
        return self.log_cmd.entry

    def redo(self) -> None:
        """The log entry first, then the edit: a crash between the two leaves an entry whose edit
        is missing, which DepartmentDesk marks undone when it opens (repair_log)."""
        self.log_cmd.redo()
        if self.edit is not None:
            try:
                self.depts.apply_edit(*self.edit)
            except BaseException:
                self.log_cmd.undo()
                raise

    def undo(self) -> None:
        if self.edit is not None:
            self.depts.revert_edit(*self.edit)
        self.log_cmd.undo()


class DeptCommands:
    """Mixed into DepartmentDesk (it provides log, profiles, desk, session(), _changed())."""

    def _command(self, d: Difference, action: str, reason: str, value: str | None = None,
                 edit: tuple[int, EditBatch] | None = None) -> DeptCommand:
        if action not in (REOPEN, *d.actions):
            raise ValueError(f"{action} is not a decision for a {d.kind} difference")
        body = payload(action, d, value=value, batch=edit[1] if edit else None)
        label = label_of(self.profiles[d.dept].name, d.kind, action)
        log_cmd = LogCommand(self.log, DECIDE_CMD, d.key, body, label, reason or None, self._changed)
        return DeptCommand(log_cmd, edit, self)

    def accept(self, d: Difference, value: str | None = None, reason: str = "") -> DeptCommand:
        if d.kind != FIELD or d.child is None:
            raise ValueError("only a field difference can be accepted")
        name = self.profiles[d.dept].name
        if not d.proposed:
            raise MopaiError(CANNOT.format(dept=name, words=d.dept_value or ""))
        if value is None:
            if len(d.proposed) > 1:
                raise MopaiError(CHOOSE.format(dept=name, words=d.dept_value or "", options="”或“".join(d.proposed)))
            value = d.proposed[0]
        if value not in d.proposed:
            raise ValueError(f"{value!r} is not one of the department's values")
        session = self.session(d.child.sheet_id)
        label = f"采用{name}数据：{load_form(d.child.form).field(d.field).label}"
        batch = batch_of(session.table.data, [(d.child.index, d.field, value)], label, kind=f"dept:{d.dept}")
        if not batch:
            raise MopaiError("登记表中的这一格已经是这个值了，请刷新后再看")
        return self._command(d, ACCEPT, reason, value, (d.child.sheet_id, batch))

    def keep(self, d: Difference, reason: str = "") -> DeptCommand:
        return self._command(d, KEEP, reason)

    def send_back(self, d: Difference, reason: str = "") -> DeptCommand:
        return self._command(d, SEND_BACK, reason)

    def reopen(self, d: Difference, reason: str = "") -> DeptCommand:
        return self._command(d, REOPEN, reason)
