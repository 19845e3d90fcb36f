"""The county page's commands (mixed into CountyPage): a decision bar's request becomes a core
command (desktop.county.deciding) pushed on the page's undo stack in a CountyCommand; running one
(redo or undo, by Ctrl+Z too) refreshes the page and shows the next group after a fresh decision,
the group concerned after an undo or redo."""
from __future__ import annotations

from desktop.county.commands import CountyCommand
from desktop.county.deciding import command_for
from desktop.county.decision_bar import OPEN_RECORD, REOPEN
from intake.errors import MopaiError


class PageCommands:
    """Needs the page's desk, jobs, queue, link, county_stack, refresh() and failed()."""

    _next: str | None = None            # the group to show once the pushed command has run

    def decide(self, action: str) -> None:
        panel = self.queue.panel
        group, chosen = panel.group, panel.chosen
        if group is None or self.desk is None or self.jobs.busy:
            return
        if action == OPEN_RECORD:
            if chosen is not None:
                self.link.open_record(chosen.ref.sheet_id, chosen.ref.index)
            return
        following = group.key if action == REOPEN else self.queue.next_key()
        try:
            command = command_for(self.desk, action, group, chosen, panel.bar.reason.text().strip(), self)
        except MopaiError as exc:
            self.failed(exc.message)
            return
        if command is not None:
            panel.bar.take_reason()
            self.push(command, following)

    def push(self, command, select: str | None = None) -> None:
        """A core command on the undo stack (its push does it)."""
        self._next = select
        self.county_stack.push(CountyCommand(self.run_command, command))

    def run_command(self, action, command, first: bool) -> bool:
        if self.desk is None or self.jobs.busy:
            return False
        try:
            action()
        except MopaiError as exc:
            self.failed(exc.message)
            return False
        self.refresh(select=self._next if first else command.target)
        self._next = None
        return True
