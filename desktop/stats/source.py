"""What the 统计 view computes over. A source is read in two steps: `snapshot()` in the GUI
thread (cheap: a copy of what may change meanwhile), then `children(snapshot)` in a worker
thread (intake.stats.inputs.ChildrenSet). Its `changed` signal (or StatsView.data_changed)
says the data changed (an edit, a decision): the view recomputes.

- SheetSource(tab): one open sheet (a township sees its own), checked with the tab's own
  reference date and county.
- DeskSource(desk): the county's distinct children after its decisions. The desk is not
  thread-safe: the host (the county page) must not call it while a statistics job runs
  (`StatsView.busy`), as with its other worker jobs.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.file_dialogs import documents_folder, save_folder
from intake.stats.inputs import ChildrenSet, desk_children, sheets_children
from intake.stats.sheet_children import snapshot


class StatsSource(QObject):
    changed = Signal()
    title = ""

    def ready(self) -> bool:
        """Whether there is something to count (a county page's desk may still be being made)."""
        return True

    def snapshot(self) -> object:
        return None

    def children(self, snap: object) -> ChildrenSet:
        raise NotImplementedError

    def folder(self) -> Path:
        return documents_folder()

    def protected(self) -> list[Path]:
        """Input files an output must never replace."""
        return []

    def protection(self, parent, target: Path) -> tuple[str | None, str | None] | None:
        """(source password, output password) for a file written from it; None: cancelled."""
        return None, None


class SheetSource(StatsSource):
    def __init__(self, tab, window=None):
        super().__init__()
        self.tab, self.window = tab, window
        self.title = tab.title

    def snapshot(self):
        session = self.tab.session
        ctx = session.validator.ctx
        return snapshot(session), ctx.default_reference_date, ctx.county

    def children(self, snap) -> ChildrenSet:
        data, as_of, county = snap
        return sheets_children([data], as_of, county)

    def folder(self) -> Path:
        return save_folder(self.tab.table.source)

    def protected(self) -> list[Path]:
        return [Path(self.tab.table.source)]

    def protection(self, parent, target: Path):
        if self.window is None:
            return None, None
        from desktop.export_actions import ask_protection
        return ask_protection(self.window, self.tab, target)


class DeskSource(StatsSource):
    """desk: a CountyDesk, or a callable giving it (None while the county page makes it)."""

    def __init__(self, desk, title: str = ""):
        super().__init__()
        self._desk = desk if callable(desk) else (lambda: desk)
        self.title = title or "全县"

    @property
    def desk(self):
        return self._desk()

    def ready(self) -> bool:
        return self.desk is not None

    def children(self, _snap) -> ChildrenSet:
        return desk_children(self.desk)

    def protected(self) -> list[Path]:
        return [Path(f.path) for f in self.desk.snapshot.files] if self.desk is not None else []
