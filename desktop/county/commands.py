"""Undo/redo on the county page: one QUndoCommand per county command of the core
(intake.county.commands: a decision on a group, a township given to a file, a version made
current). The QUndoCommand does nothing itself: redo() and undo() hand the core command to the
page, which runs it (it is logged and durable when it returns) and refreshes the board and the
queue. After a restart the stack is rebuilt from `desk.logged_commands()`, already done.
"""
from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack


class CoreCommand(Protocol):
    label: str
    def redo(self) -> None: ...
    def undo(self) -> None: ...


Run = Callable[[Callable[[], None], CoreCommand, bool], bool]    # (do, the command, first time)


class CountyCommand(QUndoCommand):
    def __init__(self, run: Run, command: CoreCommand, already_done: bool = False):
        super().__init__(command.label)
        self.run = run
        self.command = command
        self._skip_redo = already_done
        self._done_once = False

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            self._done_once = True
            return
        if not self.run(self.command.redo, self.command, not self._done_once):
            self.setObsolete(True)          # refused: not kept on the stack
        self._done_once = True

    def undo(self) -> None:
        self.run(self.command.undo, self.command, False)


def rebuild(stack: QUndoStack, run: Run, commands: list[CoreCommand]) -> None:
    """The commands in force after a restart, oldest first, as done steps."""
    stack.clear()
    for command in commands:
        stack.push(CountyCommand(run, command, already_done=True))
    stack.setClean()
