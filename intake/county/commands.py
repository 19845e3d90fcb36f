"""The county's commands, each one user action with its inverse (decisions.LogCommand):
returned not yet done, like SheetSession.edit returns a batch: call `redo()` to do it (the
window pushes it on its QUndoStack, whose push calls redo), `undo()` to take it back. Each is
logged with what, which records, why and when, and is durable when redo/undo returns.

- decisions on a group: `keep`, `merge`, `not_same`, `send_back`, `reopen`;
- `set_township(file_id, name)`: the clerk's township for a file;
- `make_current(file_id, form)`: which version of a township's sheet counts;
- `set_relation(file_a, file_b, form, same)`: two files of a township are versions of one list
  (the newer replaces the older) or separate parts (both count), whatever their contents say;
- `remove_file(file_id)`: a file received by mistake no longer counts (undo brings it back);
- `sheet_edited(sheet_id, session)`: after an edit through the sheet's SheetSession (an
  ordinary edit of that sheet), so the board and the matching follow it.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from intake.county.decisions import LogCommand, check, payload
from intake.county.intake_job import SheetCounts
from intake.county.keys import error_codes_of, keys_blob, record_keys
from intake.county.log import CURRENT, DECIDE, RELATION, REMOVE, TOWNSHIP
from intake.county.parts import pair_key
from intake.county.model import ACTION_ZH, KEEP, MERGE, NOT_SAME, REOPEN, SEND_BACK, Decision, Group, Override, Ref
from intake.county.recheck import context
from intake.errors import MopaiError


class DeskCommands:
    """Mixed into CountyDesk (it provides log, records, snapshot, group(), refresh())."""

    def _group(self, group: Group | str) -> Group:
        key = group if isinstance(group, str) else group.key
        found = self.group(key)
        if found is None:
            raise MopaiError("这组记录已经不存在（记录可能已被修改或文件已被替换），请刷新后再处理")
        return found

    def _decide(self, group: Group | str, action: str, reason: str, **fields) -> LogCommand:
        g = self._group(group)
        d = Decision(action=action, group_key=g.key, kind=g.kind, refs=g.refs, reason=reason, **fields)
        check(g, d)
        body = payload(d)
        return LogCommand(self.log, DECIDE, g.key, body, _label_of(DECIDE, body), reason or None, self._changed)

    def keep(self, group: Group | str, ref: Ref, reason: str = "") -> LogCommand:
        """The record `ref` stands; the group's other records are not counted or uploaded."""
        return self._decide(group, KEEP, reason, keep=Ref(*ref))

    def merge(self, group: Group | str, base: Ref, take: Mapping[str, Ref], reason: str = "") -> LogCommand:
        """One record made of `base` with some fields taken from the group's other records
        (field key -> the record to take it from; the value is taken as it is now)."""
        values = self.records.values([Ref(*r) for r in take.values()])
        overrides = tuple(Override(f, Ref(*r), values[Ref(*r)].get(f)) for f, r in take.items())
        return self._decide(group, MERGE, reason, keep=Ref(*base), overrides=overrides)

    def not_same(self, group: Group | str, reason: str = "") -> LogCommand:
        """The records are different children (e.g. twins given one ID by mistake)."""
        return self._decide(group, NOT_SAME, reason)

    def send_back(self, group: Group | str, refs: Iterable[Ref] | None = None, reason: str = "") -> LogCommand:
        """The townships of `refs` (default: every record) must check: the records are held
        back from the upload and listed in those townships' return files."""
        g = self._group(group)
        return self._decide(g, SEND_BACK, reason, sent_back=tuple(Ref(*r) for r in (refs or g.refs)))

    def reopen(self, group: Group | str, reason: str = "") -> LogCommand:
        """Take back the decision in force (the group is open again)."""
        return self._decide(group, REOPEN, reason)

    def set_township(self, file_id: int, name: str, reason: str = "") -> LogCommand:
        body = {"name": name.strip()}
        return LogCommand(self.log, TOWNSHIP, f"file:{file_id}", body, _label_of(TOWNSHIP, body),
                          reason or None, self._changed)

    def make_current(self, file_id: int, form: str, reason: str = "") -> LogCommand:
        """Make this file's sheet of `form` the current version of its township's (a restore)."""
        chain = next((m.version.chain for m in self.snapshot.meta.values()
                      if m.file.id == file_id and m.info.form == form), None)
        if chain is None:
            raise MopaiError("没有找到这个文件的这张表，无法设为当前版本")
        body = {"file_id": file_id}
        return LogCommand(self.log, CURRENT, chain, body, _label_of(CURRENT, body), reason or None, self._changed)

    def set_relation(self, file_a: int, file_b: int, form: str, same: bool, reason: str = "") -> LogCommand:
        """The clerk's word on two files of one township and form: `same` - the newer is a new
        version of the older (it replaces it); not `same` - separate parts (both count)."""
        if file_a == file_b:
            raise ValueError("a file and itself")
        a, b = pair_key(file_a, file_b)
        body = {"files": [a, b], "form": form, "same": bool(same)}
        return LogCommand(self.log, RELATION, f"pair:{a}|{b}|{form}", body, _label_of(RELATION, body),
                          reason or None, self._changed)

    def remove_file(self, file_id: int, reason: str = "") -> LogCommand:
        """Take a file received by mistake (another county's, a test file) out of the county's
        work: its sheets leave the board, the matching, the counts and the upload. The file
        stays stored, so undo brings it back as it was."""
        name = next((f.name for f in self.snapshot.files if f.id == file_id), None)
        if name is None:
            raise MopaiError("没有找到这个文件（它可能已被移除），请刷新后再试")
        body = {"name": name}
        return LogCommand(self.log, REMOVE, f"file:{file_id}", body, _label_of(REMOVE, body),
                          reason or None, self._changed)

    def sheet_edited(self, sheet_id: int, session, records=None) -> None:
        """Bring the counts, keys and matching up to date after an edit of the sheet through
        its SheetSession (cell edits, deleted or restored rows). records: the record indices
        the edit affected (what SheetSession.apply/revert return); without them every group of
        the sheet is compared again, which reads the other sheets of those groups."""
        findings = session.findings
        keys = record_keys(session.table, error_codes_of(findings))
        edits = next(s.n_edits for s in self.store.sheets() if s.sheet_id == sheet_id)
        self.store.update_sheet(sheet_id, SheetCounts.of(findings),
                                context(self.as_of, self.given_county, edits),
                                keys_blob(keys, session.table.row_numbers))
        self.findings[sheet_id] = findings
        self.keys.forget(sheet_id)
        self.sheet_changed(sheet_id, records)

    def logged_commands(self) -> list[LogCommand]:
        """The commands in force (not undone), oldest first, as done commands: after a restart
        the window rebuilds its undo stack from them (as it does from Workspace.batches)."""
        out = []
        for e in self.log.entries(include_undone=False):
            cmd = LogCommand(self.log, e.command, e.target, e.payload, _label_of(e.command, e.payload),
                             e.reason, self._changed)
            cmd.entry = e
            out.append(cmd)
        return out

    def _changed(self, target: str) -> None:
        self.refresh()


def _label_of(command: str, body: dict) -> str:
    """The undo stack's text for a command."""
    if command == DECIDE:
        return f"{ACTION_ZH[body['action']]}（{len(body['refs'])}条记录）"
    if command == TOWNSHIP:
        return f"指定乡镇：{body['name']}"
    if command == RELATION:
        return "标为新版本" if body["same"] else "标为单独的一部分"
    if command == REMOVE:
        return f"移除文件：{body['name']}"
    return "设为当前版本"
