"""Groups as the clerk sees them: the matching's groups with each record's township, file,
sheet and Excel row, which fields agree and which differ, and the decisions applied.

Comparing fields reads the records' cells, so it is done on demand (`compare`: the group the
clerk looks at, or all of them for the JSON report) and kept per (group key, records) until one
of the records is edited (`forget_sheet`): rebuilding the queue after a decision or an edit
reads nothing.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from intake.county.decisions import apply
from intake.county.matching import Found
from intake.county.model import KINDS, Decision, Group, Occurrence, Ref
from intake.county.state import Snapshot
from intake.county.values import Records, compare


class GroupBuilder:
    def __init__(self, records: Records, rows: Callable[[int], list[int]]):
        self.records = records
        self.rows = rows
        self._compared: dict[tuple[str, tuple[Ref, ...]], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def forget_sheet(self, sheet_id: int, records=None) -> None:
        """Compare again the groups with an edited record (records None: any of the sheet)."""
        edited = None if records is None else {Ref(sheet_id, i) for i in records}
        self._compared = {k: v for k, v in self._compared.items()
                          if not any(r.sheet_id == sheet_id and (edited is None or r in edited) for r in k[1])}
        self.records.forget(sheet_id)

    def build(self, found: Iterable[Found], snapshot: Snapshot, decisions: dict[str, Decision]) -> list[Group]:
        """The groups with their occurrences and decisions; agrees/differs as compared before
        (None until `compare`: comparing reads every record's cells)."""
        groups = []
        for g in found:
            agrees, differs = self._compared.get((g.key, g.refs), (None, None))
            groups.append(Group(g.kind, g.key, g.form, tuple(self._occurrence(r, snapshot) for r in g.refs),
                                agrees, differs, g.why, owner=g.owner))
        groups = apply(groups, decisions)
        return sorted(groups, key=lambda g: (KINDS.index(g.kind), _place(g)))

    def compare(self, groups: list[Group], snapshot: Snapshot) -> list[Group]:
        """The groups with agrees/differs filled in; the cells of all groups still to compare
        are read in one pass over their sheets."""
        missing = [g for g in groups if g.differs is None and (g.key, g.refs) not in self._compared]
        values = self.records.values(r for g in missing for r in g.refs)
        for g in missing:
            self._compared[(g.key, g.refs)] = compare([(snapshot.meta[r.sheet_id].info.form, values[r])
                                                       for r in g.refs])
        return [g if g.differs is not None else
                replace(g, agrees=self._compared[(g.key, g.refs)][0], differs=self._compared[(g.key, g.refs)][1])
                for g in groups]

    def _occurrence(self, ref: Ref, snapshot: Snapshot) -> Occurrence:
        m = snapshot.meta[ref.sheet_id]
        return Occurrence(ref, m.info.form, m.township.name, m.file.name, m.info.sheet,
                          self.rows(ref.sheet_id)[ref.index])


def _place(g: Group) -> tuple:
    first = g.occurrences[0]
    return first.township, first.file, first.sheet, first.row
