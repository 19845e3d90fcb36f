"""One QUndoCommand per department decision (intake.departments.commands.DeptCommand): redo()
and undo() call the core command's, which store the decision (and, for 采用部门数据, apply the
sheet edit through its SheetSession) before returning. Commands rebuilt after a restart
(DepartmentDesk.logged_commands) are pushed with already_done=True."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand


class DecisionCommand(QUndoCommand):
    def __init__(self, command, after: Callable[[object], None], already_done: bool = False):
        super().__init__(command.label)
        self.command, self.after = command, after
        self._skip = already_done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self.command.redo()
        self.after(self.command)

    def undo(self) -> None:
        self.command.undo()
        self.after(self.command)
