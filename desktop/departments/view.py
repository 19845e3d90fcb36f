"""部门比对: the county's checks against the departments' records, as one widget over the county's
desk (a sub-view of the county page).

Left: the departments with their status (list sent, answer read, differences open) and the
buttons for the list, the answer and the report. Right: the chosen department's differences
(filter by kind, status, township), and the chosen one side by side with its decisions; a
decision is one QUndoCommand on `undo_stack` (the window's undo group takes it like a sheet's),
and the next open difference comes up. Long work (reconciling, reading, writing) runs in a
worker thread; the view is disabled meanwhile (the desk is not thread-safe).

Signals for the host page: `sheet_changed(sheet_id, records)` after an acceptance or its undo
(an open tab of that sheet repaints those records), `record_wanted(sheet_id, index)` (open the
sheet and select the record).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from desktop.departments.dept_list import DepartmentList, detail_text
from desktop.departments.diff_model import DifferencesModel
from desktop.departments.files import FileActions
from desktop.departments.side_panel import SidePanel
from desktop.departments.undo import DecisionCommand
from desktop.progress import ProgressStrip
from desktop.worker import WorkerThread
from intake.departments.desk import DepartmentDesk
from intake.departments.model import ACCEPT, KIND_ZH, KINDS, STATUS_ZH
from intake.errors import MopaiError

ALL = "全部"
COLUMN_WIDTHS = (130, 90, 190, 50, 150, 140, 140)      # the last column (状态) stretches


class DepartmentsView(QWidget):
    sheet_changed = Signal(int, object)
    record_wanted = Signal(int, int)
    decided = Signal()                  # a decision, its undo or redo (the county's 决定记录 lists them)

    def __init__(self, desk=None, *, depts: DepartmentDesk | None = None, sessions=None, parent=None):
        super().__init__(parent)
        self.depts = depts or DepartmentDesk(desk, sessions)
        self.undo_stack = QUndoStack(self)
        self.files = FileActions(self)
        self.jobs: list[WorkerThread] = []
        self.dept: str | None = None
        self.summaries: dict = {}
        self._build()
        for cmd in self.depts.logged_commands():
            self.undo_stack.push(DecisionCommand(cmd, self._after, already_done=True))
        self.undo_stack.setClean()
        self.refresh()

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.departments = DepartmentList()
        self.departments.department_chosen.connect(self.show_department)
        self.list_button, self.answer_button = QPushButton("生成核对名单…"), QPushButton("读入部门回复…")
        self.report_button, self.columns_button = QPushButton("比对报告…"), QPushButton("回复的列对应…")
        self.columns_button.setToolTip("查看或更改上次读入的回复中各列对应的项目（会记住，下次照此对应）")
        for button, act in ((self.list_button, self.files.write_list), (self.answer_button, self.files.read_answer),
                            (self.columns_button, self.files.check_columns), (self.report_button, self.files.write_report)):
            button.clicked.connect(lambda _=False, act=act: self.dept and act(self.dept))
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("<b>部门</b>"))
        lay.addWidget(self.departments, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.detail)
        for b in (self.list_button, self.answer_button, self.columns_button, self.report_button):
            lay.addWidget(b)
        self.kind, self.status, self.township = QComboBox(), QComboBox(), QComboBox()
        self.kind.addItem(ALL, None)
        for k in KINDS:
            self.kind.addItem(KIND_ZH[k], k)
        self.status.addItem("待处理", "open")
        self.status.addItem(ALL, None)
        for s in ("decided", "sent_back"):
            self.status.addItem(STATUS_ZH[s], s)
        self.township.addItem(ALL, None)
        for box in (self.kind, self.status, self.township):
            box.currentIndexChanged.connect(lambda _=0: self.show_differences())
        filters = QHBoxLayout()
        for label, box in (("类型：", self.kind), ("状态：", self.status), ("乡镇：", self.township)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box)
        filters.addStretch(1)
        self.count = QLabel()
        filters.addWidget(self.count)
        self.model = DifferencesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._chosen(current.row()))
        self.table.doubleClicked.connect(lambda index: self._open(self.model.difference(index.row())))
        self.side = SidePanel()
        self.side.decided.connect(self.decide)
        self.side.step.connect(self.step)
        self.side.open_record.connect(self._open)
        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addWidget(self.table)
        right.addWidget(top)
        right.addWidget(self.side)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        self.content = QSplitter(Qt.Orientation.Horizontal)
        self.content.addWidget(left)
        self.content.addWidget(right)
        self.content.setStretchFactor(1, 1)
        left.setMinimumWidth(300)
        self.content.setSizes([330, 1000])
        self.progress = ProgressStrip()
        layout = QVBoxLayout(self)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.progress)

    # --- work off the GUI thread -------------------------------------------------------------------
    def run(self, job, text: str, done, on_error=None) -> WorkerThread:
        """job(progress, cancelled) in a worker; done(result) back in the GUI thread."""
        work = WorkerThread(job, self)
        self.jobs.append(work)
        self.content.setEnabled(False)
        self.progress.track(work, text)
        work.finished.connect(done)
        work.failed.connect(lambda message: (on_error and on_error(work.worker.error))
                            or QMessageBox.warning(self, "部门比对", message))
        work.ended.connect(lambda: self._ended(work))
        work.start()
        return work

    def _ended(self, work: WorkerThread) -> None:
        self.jobs.remove(work)
        self.content.setEnabled(not self.jobs)

    def refresh(self, dept: str | None = None) -> None:
        """The departments' status (reconciling those with an answer, in a worker)."""
        keys = list(self.depts.profiles)
        self.run(lambda progress, cancelled: [self.depts.summary(k) for k in keys], "正在比对各部门的回复…",
                 lambda summaries: self._summaries(summaries, dept))

    def _summaries(self, summaries, dept: str | None) -> None:
        self.summaries = {s.dept: s for s in summaries}
        self.departments.show_summaries(summaries)
        if dept is not None or self.dept is None:       # first: a department with differences to decide
            first = next((s.dept for s in summaries if s.open), summaries[0].dept)
            self.departments.select(dept or first)
        else:
            self._show_detail()         # the list sent, the answer read: the lines under the list follow
            self.show_differences()

    def _show_detail(self) -> None:
        s = self.summaries.get(self.dept)
        self.detail.setText(detail_text(s, self.depts.profiles[self.dept].checks) if s else "")

    # --- the differences ---------------------------------------------------------------------------
    def show_department(self, dept: str) -> None:
        self.dept = dept
        self._show_detail()
        towns = self.depts.townships(dept)
        self.township.blockSignals(True)
        self.township.clear()
        self.township.addItem(ALL, None)
        for t in towns:
            self.township.addItem(t, t)
        self.township.blockSignals(False)
        self.show_differences()

    def _filters(self) -> dict:
        return {"kind": self.kind.currentData(), "status": self.status.currentData(),
                "township": self.township.currentData()}

    def show_differences(self, select: str | None = None) -> None:
        if self.dept is None:
            return
        diffs = self.depts.queue(self.dept, **self._filters())
        self.model.reset(diffs)
        total = len(self.depts.differences(self.dept))
        self.count.setText(f"显示{len(diffs)}处（共{total}处）")
        row = self.model.row_of(select) if select else None
        if row is None and diffs:
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._chosen(row if row is not None else -1)

    def _chosen(self, row: int) -> None:
        d = self.model.difference(row)
        self.side.show_difference(d, self.depts.side_by_side(d) if d else ())

    def current(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.difference(rows[0].row()) if rows else None

    def step(self, direction: int) -> None:
        d = self.current()
        if d is None or self.dept is None:
            return
        nxt = self.depts.neighbour(self.dept, d.key, direction, **self._filters())
        if nxt is not None:
            self.show_differences(select=nxt.key)

    # --- decisions ---------------------------------------------------------------------------------
    def decide(self, action: str, value, reason: str) -> None:
        d = self.current()
        if d is None:
            return
        following = self.depts.neighbour(self.dept, d.key, 1, **self._filters())
        if action == ACCEPT and d.child is not None:   # the sheet may need opening (checking): a worker
            self.run(lambda progress, cancelled: self.depts.session(d.child.sheet_id), "正在打开登记表…",
                     lambda _session: self._push(d, action, value, reason, following))
        else:
            self._push(d, action, value, reason, following)

    def _push(self, d, action: str, value, reason: str, following) -> None:
        try:
            make = {"accept": lambda: self.depts.accept(d, value, reason), "keep": lambda: self.depts.keep(d, reason),
                    "send_back": lambda: self.depts.send_back(d, reason), "reopen": lambda: self.depts.reopen(d, reason)}
            cmd = make[action]()
            self.undo_stack.push(DecisionCommand(cmd, self._after))
        except MopaiError as exc:
            QMessageBox.warning(self, "部门比对", exc.message)
            return
        keep = following.key if following is not None and following.key != d.key else d.key
        self.show_differences(select=keep)

    def _after(self, cmd) -> None:
        """After a decision, its undo or redo: the status line and the list follow."""
        if cmd.edit is not None:
            self.sheet_changed.emit(cmd.edit[0], set(cmd.edit[1].rows))
        self.decided.emit()
        if self.dept is not None:
            summaries = [self.depts.summary(k) for k in self.depts.profiles]
            self.summaries = {s.dept: s for s in summaries}
            self.departments.show_summaries(summaries)
            self._show_detail()
            current = self.current()
            self.show_differences(select=current.key if current else None)

    def _open(self, d) -> None:
        if d is not None and d.child is not None:
            self.record_wanted.emit(d.child.sheet_id, d.child.index)
