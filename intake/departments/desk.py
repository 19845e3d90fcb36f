"""DepartmentDesk: the county's checks against other departments' records, over a CountyDesk.

    with Workspace(path) as ws, CountyDesk(ws, as_of=date(2025, 12, 31), county="511324") as desk:
        depts = DepartmentDesk(desk)
        depts.write_list("yibao", "医保核对名单.xlsx", password="…")
        answer = depts.read_answer("yibao", "医保回复.csv")       # in a child process
        depts.store_answer(answer)                              # stored, reconciled
        for d in depts.differences("yibao", status="open"):
            depts.keep(d, "以登记表为准").redo()

The children are the county's distinct children after its decisions; a difference's record is
edited through that sheet's SheetSession (`sessions`: the window gives the session its open tab
uses; otherwise the desk opens its own). Synchronous and not thread-safe, like the CountyDesk:
run reading, reconciling and writing in a worker thread and leave the desk alone meanwhile.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Callable

import polars as pl

from intake.departments import by_name, header_memory, register as reg
from intake.departments.answer_read import AnswerFile, read_answer
from intake.departments.commands import DeptCommand, DeptCommands, label_of
from intake.departments.decisions import apply, batch_of
from intake.departments.model import KINDS, Difference, Summary
from intake.departments.profile import load_profiles
from intake.departments.queue import DeptQueue
from intake.departments.reconcile import reconcile, record_differences
from intake.departments.store import DECIDE_CMD, DeptLog, DeptStore
from intake.county.decisions import LogCommand

OWN_SESSIONS = 4


class DepartmentDesk(DeptCommands, DeptQueue):
    def __init__(self, desk, sessions: Callable[[int], object] | None = None):
        self.desk, self.workspace = desk, desk.workspace
        self.store, self.log = DeptStore(self.workspace), DeptLog(self.workspace)
        self.profiles = load_profiles()
        self.columns = reg.SheetColumns(self.workspace)
        self._sessions = sessions
        self._own: OrderedDict[int, object] = OrderedDict()
        self._found: dict[str, list[Difference]] = {}
        self._registers: dict[str, pl.DataFrame] = {}
        self._answers: dict[str, pl.DataFrame] = {}
        self._applied: dict[str, list[Difference]] = {}
        self._matched: dict[str, pl.DataFrame] = {}        # the answer, records matched by name filled in
        self.repair_log()

    # --- sessions and edits ------------------------------------------------------------------------
    def session(self, sheet_id: int):
        if self._sessions is not None:
            return self._sessions(sheet_id)
        if sheet_id not in self._own:
            self._own[sheet_id] = self.desk.open_session(sheet_id)
            while len(self._own) > OWN_SESSIONS:
                self._own.popitem(last=False)
        return self._own[sheet_id]

    def apply_edit(self, sheet_id: int, batch) -> set[int]:
        return self._edit(sheet_id, batch, revert=False)

    def revert_edit(self, sheet_id: int, batch) -> set[int]:
        return self._edit(sheet_id, batch, revert=True)

    def _edit(self, sheet_id: int, batch, revert: bool) -> set[int]:
        """The batch applied (or reverted) through the sheet's session, then the county desk and
        these differences told."""
        session = self.session(sheet_id)
        touched = session.revert(batch) if revert else session.apply(batch)
        self.desk.sheet_edited(sheet_id, session, touched)
        self.sheet_edited(sheet_id, batch.rows)
        return touched

    def sheet_edited(self, sheet_id: int, records=None) -> None:
        """After an edit of a sheet (here or in its own tab, once CountyDesk.sheet_edited ran):
        the differences of the edited records are found again (all of them without records)."""
        self.columns.forget(sheet_id)
        for dept in list(self._found):
            if records is None:
                self.forget(dept)
            else:
                self._refound(dept, sheet_id, set(records))

    def forget(self, dept: str | None = None) -> None:
        """Find the differences again when next asked (after the register changed wholesale)."""
        for cache in (self._found, self._registers, self._applied, self._matched):
            if dept is None:
                cache.clear()
            else:
                cache.pop(dept, None)

    def _changed(self, target: str) -> None:
        self._applied.pop(target.split(":", 1)[0], None)

    # --- answers ---------------------------------------------------------------------------------
    def read_answer(self, dept: str, path, *, password=None, mapping=None, progress=None,
                    cancelled=None) -> AnswerFile:
        """Read a department's answer (in a child process), the columns the clerk confirmed for
        its earlier answers mapped so again; nothing is stored yet."""
        return read_answer(self.profiles[dept], path, password=password, mapping=mapping,
                           headers=header_memory.recalled(self.workspace, dept), progress=progress,
                           cancelled=cancelled)

    def confirm_columns(self, answer: AnswerFile, choices: dict[tuple[str, int], str | None]) -> None:
        """Remember the clerk's choice for these columns ((sheet, column) -> answer key, None: not
        used) for the department's later answers."""
        header_memory.remember(self.workspace, answer.dept, header_memory.chosen_headers(answer.tables, choices))

    def store_answer(self, answer: AnswerFile) -> list[Difference]:
        """Keep the answer (it replaces the department's earlier one) and reconcile."""
        self.store.store_answer(answer.dept, Path(answer.path).name, str(answer.path), answer.file_hash,
                                answer.records, answer.mapping, answer.notes)
        self._answers[answer.dept] = answer.records
        self.forget(answer.dept)
        return self.differences(answer.dept)

    def answer_records(self, dept: str) -> pl.DataFrame | None:
        if dept not in self._answers:
            stored = self.store.answer(dept)
            if stored is None:
                return None
            self._answers[dept] = stored.records
        return self._answers[dept]

    # --- reconciling -----------------------------------------------------------------------------
    def found(self, dept: str) -> list[Difference]:
        """The differences found now (no decisions applied)."""
        if dept not in self._found:
            self._found[dept] = self._reconcile(dept)
        return self._found[dept]

    def register(self, dept: str, fields: list[str], keys: pl.DataFrame | None = None) -> pl.DataFrame:
        """The children the department gets, with `fields` (canonical); keys: the county's
        children_keys() when the caller has them."""
        profile = self.profiles[dept]
        keys = reg.selected(self.desk.children_keys(county_only=True) if keys is None else keys, profile.children, self.desk.as_of)
        return reg.with_fields(keys, self.columns, fields, self.desk.merged_values())

    def _fields(self, dept: str) -> list[str]:
        return reg.compared_fields(self.profiles[dept])

    def _reconcile(self, dept: str) -> list[Difference]:
        answer = self.answer_records(dept)
        if answer is None:
            return []
        keys = self.desk.children_keys(county_only=True)
        register = self.register(dept, self._fields(dept), keys)
        self._registers[dept] = register
        answer = self._matched[dept] = by_name.resolved(self.profiles[dept], answer, keys)
        return reconcile(self.profiles[dept], register, answer, salt=self.desk.store.salt(),
                         known_ids=keys["id"].drop_nulls(), as_of=self.desk.as_of, county=self.desk.county)

    def _refound(self, dept: str, sheet_id: int, records: set[int]) -> None:
        """The differences of a few edited records, found again (the rest stand)."""
        register = self._registers.get(dept)
        if register is None:
            return self.forget(dept)
        where = (pl.col("sheet_id") == sheet_id) & pl.col("index").is_in(list(records))
        touched = register.filter(where)
        if touched.is_empty():
            return
        fresh = reg.with_fields(touched, self.columns, self._fields(dept), self.desk.merged_values())
        self._registers[dept] = pl.concat([register.filter(~where), fresh])
        again = record_differences(self.profiles[dept], fresh, self._matched[dept], self.desk.store.salt())
        refs = {(sheet_id, i) for i in records}
        self._found[dept] = [d for d in self._found[dept] if not (d.child and d.child.ref in refs)] + again
        self._applied.pop(dept, None)

    def differences(self, dept: str) -> list[Difference]:
        """Every difference of the department with the decisions applied (see decisions.apply),
        by kind, then township, file and row."""
        if dept not in self._applied:
            entries = {k: e for k, e in self.log.latest(DECIDE_CMD).items() if k.startswith(dept + ":")}
            self._applied[dept] = sorted(apply(self.found(dept), entries), key=_order)
        return self._applied[dept]

    def summary(self, dept: str) -> Summary:
        p = self.profiles[dept]
        s = Summary(dept, p.name)
        sent = self.store.last_list(dept)
        if sent:
            s.sent_at, s.sent_children = sent.at, sent.n_children
        answered = self.store.answered(dept)
        if answered:
            s.answered_at, s.answer_file, s.answer_records = answered
            for d in self.differences(dept):
                if d.current:
                    s.counts[d.kind] = s.counts.get(d.kind, 0) + 1
                setattr(s, d.status, getattr(s, d.status) + 1)
        return s

    # --- the log -----------------------------------------------------------------------------------
    def logged_commands(self) -> list[DeptCommand]:
        """The decisions in force (not undone), oldest first, as done commands: the window
        rebuilds its undo stack from them after a restart."""
        out = []
        for e in self.log.entries(include_undone=False):
            log_cmd = LogCommand(self.log, e.command, e.target, e.payload, "", e.reason, self._changed)
            log_cmd.entry = e
            dept, kind = e.target.split(":")[:2]
            name = self.profiles[dept].name if dept in self.profiles else dept
            log_cmd.label = label_of(name, kind, e.payload["action"])
            out.append(DeptCommand(log_cmd, batch_of(e.payload), self))
        return out

    def repair_log(self) -> None:
        """An acceptance whose edit never reached the sheet (the program ended between the two
        writes) is marked undone."""
        for e in self.log.entries(include_undone=False):
            found = batch_of(e.payload)
            if found and not self.workspace.query("SELECT 1 FROM edits WHERE batch = ? AND undone = 0 LIMIT 1",
                                                  [found[1].id]):
                self.log.set_undone(e.id, True)

    # --- outputs -----------------------------------------------------------------------------------
    def write_list(self, dept: str, target, *, password: str | None = None, protected=(), progress=None,
                   cancelled=None):
        from intake.departments.outgoing import write_list
        profile = self.profiles[dept]
        frame = self.register(dept, list(profile.sent_fields))
        frame = frame.filter(pl.col("id").is_null() | pl.col("id").is_first_distinct())   # one row an ID
        summary = write_list(profile, frame, target, as_of=self.desk.as_of, county=self.desk.county,
                             password=password, protected=protected, progress=progress, cancelled=cancelled)
        self.store.record_list(dept, str(Path(target).resolve()), summary.children, bool(password))
        return summary

    def write_report(self, dept: str, target, *, password: str | None = None, protected=(), progress=None,
                     cancelled=None):
        from intake.departments.report import write_report
        return write_report(self, dept, target, password=password, protected=protected, progress=progress,
                            cancelled=cancelled)


def _order(d: Difference) -> tuple:
    c = d.child
    return (KINDS.index(d.kind), d.township or "\uffff", c.file if c else "", c.row if c else d.answer_row or 0,
            d.field or "")
