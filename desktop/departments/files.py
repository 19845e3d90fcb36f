"""The view's file work, each in a worker thread with progress and 取消: the outgoing list (with
an optional password), reading a department's answer (in a child process; a password asked
for when the file has one; doubtful columns confirmed in MappingDialog, then read again with
the clerk's mapping) and the reconciliation report."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop.departments.mapping_dialog import MappingDialog
from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import documents_folder, open_file_names, save_file_name
from intake.errors import PasswordRequired

ANSWER_FILTER = "部门回复 (*.xlsx *.xlsm *.xls *.et *.csv *.txt *.htm *.html *.xml);;所有文件 (*)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class FileActions:
    """Bound to a DepartmentsView (its depts, run(), refresh())."""

    def __init__(self, view):
        self.view = view
        folder = documents_folder()
        self.folder = folder if folder.is_dir() else Path.home()

    @property
    def depts(self):
        return self.view.depts

    def _name(self, dept: str) -> str:
        return self.depts.profiles[dept].name

    def _password(self, title: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self.view, title, text, QLineEdit.EchoMode.Password)
        return value if ok else None

    # --- the list --------------------------------------------------------------------------------
    def write_list(self, dept: str) -> None:
        target = save_file_name(self.view, Purpose.DEPT_LIST, f"生成{self._name(dept)}核对名单", self.folder / f"{self._name(dept)}核对名单.xlsx",
                                XLSX_FILTER)
        if not target:
            return
        password = self._password("设置打开密码", "名单含有儿童的个人信息，建议设置打开密码（不设密码请留空）：")
        if password is None:
            return
        target = Path(target)
        self.folder = target.parent
        self.view.run(lambda progress, cancelled: self.depts.write_list(dept, target, password=password or None,
                                                                          progress=progress, cancelled=cancelled),
                      f"正在生成{self._name(dept)}核对名单…",
                      lambda summary: self._written(f"{self._name(dept)}核对名单", target,
                                                    f"共{summary.children}名儿童" + ("，已设置打开密码" if password else "")))

    def _written(self, title: str, target: Path, detail: str) -> None:
        self.view.refresh()
        show_done(self.view, title, target, detail)

    # --- the answer ------------------------------------------------------------------------------
    def read_answer(self, dept: str, path: str | None = None, password: str | None = None, mapping=None,
                    ask: bool = False) -> None:
        """ask: show the columns the clerk confirmed before even when none is doubtful."""
        if path is None:
            chosen = open_file_names(self.view, Purpose.DEPT_ANSWER, f"读入{self._name(dept)}的回复", str(self.folder), ANSWER_FILTER)
            if not chosen:
                return
            path = chosen[0]
            self.folder = Path(path).parent
        self.view.run(lambda progress, cancelled: self.depts.read_answer(dept, path, password=password, mapping=mapping,
                                                                           progress=progress, cancelled=cancelled),
                      f"正在读取{Path(path).name}…", lambda answer: self._read(dept, path, password, answer, ask),
                      on_error=lambda error: self._read_failed(dept, path, error))

    def _read_failed(self, dept: str, path: str, error) -> bool:
        if isinstance(error, PasswordRequired):
            password = self._password("需要密码", f"“{Path(path).name}”设置了打开密码，请输入：")
            if password:
                self.read_answer(dept, path, password)
            return True
        return False

    def check_columns(self, dept: str) -> None:
        """Read the department's latest answer again, to change how its columns are taken."""
        stored = self.depts.store.answer_path(dept)
        if stored is None or not Path(stored).is_file():
            QMessageBox.information(self.view, "回复的列", "没有找到上次读入的回复文件，请用“读入部门回复…”重新选择文件。")
            return
        self.read_answer(dept, stored, ask=True)

    def _read(self, dept: str, path: str, password: str | None, answer, ask: bool = False) -> None:
        if ask and not (answer.doubtful or answer.recalled):
            QMessageBox.information(self.view, "回复的列", "这份回复的列都按列名认出，没有需要确认的列。")
            return
        if answer.doubtful or (ask and answer.recalled):
            dialog = MappingDialog(answer, self.depts.profiles[dept], self.view)
            if not dialog.exec():
                return
            self.depts.confirm_columns(answer, dialog.chosen())
            if dialog.changed():
                return self.read_answer(dept, path, password, dialog.mapping())
        self.view.run(lambda progress, cancelled: self.depts.store_answer(answer), "正在比对…",
                      lambda diffs: self._compared(dept, answer, diffs))

    def _compared(self, dept: str, answer, diffs) -> None:
        self.view.refresh(dept)
        lines = [f"读入{answer.n_records}条记录，发现{sum(d.status == 'open' for d in diffs)}处待处理的差异。"]
        if answer.missing:
            lines.append("回复中没有这些列，不比对：" + "、".join(answer.missing))
        lines += answer.notes[:5]
        QMessageBox.information(self.view, f"{self._name(dept)}比对", "\n".join(lines))

    # --- the report ------------------------------------------------------------------------------
    def write_report(self, dept: str) -> None:
        target = save_file_name(self.view, Purpose.DEPT_REPORT, f"{self._name(dept)}比对报告", self.folder / f"{self._name(dept)}比对报告.xlsx",
                                XLSX_FILTER)
        if not target:
            return
        target = Path(target)
        self.folder = target.parent
        self.view.run(lambda progress, cancelled: self.depts.write_report(dept, target, progress=progress,
                                                                           cancelled=cancelled),
                      f"正在生成{self._name(dept)}比对报告…",
                      lambda _path: self._written(f"{self._name(dept)}比对报告", target, ""))
