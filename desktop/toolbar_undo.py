"""Toolbar buttons for undo and redo whose label never changes.

QUndoGroup's actions carry the step in their text (撤销 修改 第291行 公民身份号码), right for the
Edit menu but not for a toolbar: the button widens and every button after it moves. The toolbar
gets a stand-in action with a fixed label that follows the real one's enabled state, shows its
text as the tooltip and triggers it.
"""
from __future__ import annotations

from PySide6.QtGui import QAction


def fixed_label_action(action: QAction, label: str, shortcut_text: str) -> QAction:
    stand_in = QAction(action.icon(), label, action.parent())
    stand_in.setObjectName(f"toolbar_{label}")

    def follow() -> None:
        stand_in.setEnabled(action.isEnabled())
        text = action.text().strip() or label
        stand_in.setToolTip(f"{text}（{shortcut_text}）")
        stand_in.setStatusTip(text)

    action.changed.connect(follow)
    stand_in.triggered.connect(action.trigger)
    follow()
    return stand_in
