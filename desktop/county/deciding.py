"""From a button of the decision bar to the core command (intake.county.commands) the page
pushes on its undo stack: keep the chosen record, merge (asking field by field), not the same
child, send back (every record's township or the chosen one's), reopen, or confirm a stale
decision for the group's present records."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.county import decision_bar as bar
from desktop.county.merge_dialog import MergeDialog
from intake.county.model import KEEP, MERGE, NOT_SAME, SEND_BACK, Decision, Group, Occurrence


def command_for(desk, action: str, group: Group, chosen: Occurrence | None, reason: str,
                parent: QWidget | None):
    """The core command for the clerk's request, or None (cancelled, or nothing to do)."""
    if action == bar.KEEP and chosen is not None:
        return desk.keep(group, chosen.ref, reason)
    if action == bar.MERGE:
        return _merge(desk, group, chosen, reason, parent)
    if action == bar.NOT_SAME:
        return desk.not_same(group, reason)
    if action == bar.SEND_BACK_ALL:
        return desk.send_back(group, None, reason)
    if action == bar.SEND_BACK_ONE and chosen is not None:
        return desk.send_back(group, [chosen.ref], reason)
    if action == bar.REOPEN:
        return desk.reopen(group, reason)
    if action == bar.CONFIRM and group.stale is not None:
        return _confirm(desk, group, group.stale, reason, parent)
    return None


def _merge(desk, group: Group, chosen: Occurrence | None, reason: str, parent: QWidget | None):
    records = desk.side_by_side(group)
    base = next((n for n, (o, _v) in enumerate(records) if chosen is not None and o.ref == chosen.ref), 0)
    dialog = MergeDialog(group, records, base, parent)
    dialog.reason.setText(reason)
    if not dialog.exec():
        return None
    ref, take, why = dialog.chosen()
    return desk.merge(group, ref, take, why)


def _confirm(desk, group: Group, d: Decision, reason: str, parent: QWidget | None):
    """The stale decision again, for the records the group has now (those it named that are
    still in the group)."""
    refs = set(group.refs)
    why = reason or d.reason
    if d.action == KEEP and d.keep in refs:
        return desk.keep(group, d.keep, why)
    if d.action == MERGE and d.keep in refs and all(o.source in refs for o in d.overrides):
        return desk.merge(group, d.keep, {o.field: o.source for o in d.overrides}, why)
    if d.action == NOT_SAME:
        return desk.not_same(group, why)
    if d.action == SEND_BACK and refs & set(d.sent_back):
        return desk.send_back(group, [r for r in d.sent_back if r in refs], why)
    QMessageBox.information(parent, "无法沿用原处理", "原处理所保留或采用的记录已不在这组中，请重新处理这组记录。")
    return None
