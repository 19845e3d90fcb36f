"""The 部门比对 view, driven as the clerk does: the departments' status, the differences of one,
side by side, a decision per button (one undo step), the next open difference after it, the
answer's doubtful columns confirmed in the dialog."""
from __future__ import annotations

import pytest
import deptkit
from countykit import desk_on
from desktop.departments import DepartmentsView
from desktop.departments.dept_list import COLUMNS
from desktop.departments.mapping_dialog import MappingDialog
from intake.departments.answer_read import read_answer
from intake.departments.desk import DepartmentDesk
from intake.departments.model import FIELD, OPEN


@pytest.fixture
def answered(county_set, tmp_path):
    with desk_on(county_set[1], tmp_path) as desk:
        depts = DepartmentDesk(desk)
        for dept, make in (("yibao", deptkit.yibao_with_address), ("canlian", deptkit.canlian_xlsx)):
            ans = make(depts, tmp_path)
            depts.store_answer(depts.read_answer(dept, ans.path))
        depts.write_list("weijian", tmp_path / "卫健.xlsx")
        yield depts


def _view(qtbot, depts) -> DepartmentsView:
    view = DepartmentsView(depts=depts)
    qtbot.addWidget(view)
    view.resize(1366, 720)
    view.show()
    qtbot.waitUntil(lambda: not view.jobs and view.dept is not None, timeout=30000)
    return view


def test_status_per_department_and_the_differences_of_one(qtbot, answered):
    view = _view(qtbot, answered)
    table = view.departments
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(len(COLUMNS))]
            for r in range(table.rowCount())}
    assert set(rows) == {"教育", "公安", "卫健", "医保", "残联"}
    assert rows["卫健"][1].startswith("已发送") and rows["卫健"][2] == "未回复"
    assert rows["医保"][2].startswith("已回复") and rows["医保"][3].endswith("处")
    assert rows["教育"][1:3] == ["未发送", "未回复"]
    assert view.dept == "yibao"                       # the first department with differences open
    table.selectRow([r for r in rows].index("残联"))
    assert view.dept == "canlian" and view.model.rowCount()
    table.selectRow([r for r in rows].index("医保"))
    assert view.dept == "yibao"
    shown = [view.model.difference(r) for r in range(view.model.rowCount())]
    assert shown and all(d.status == OPEN for d in shown)           # 待处理 by default
    kinds = {d.kind for d in shown}
    assert {"field", "not_known", "missed"} <= kinds
    from PySide6.QtCore import Qt
    model = view.model                                # the kind column's full text on hover
    for r in range(model.rowCount()):
        kind = model.index(r, 0).data()
        assert model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(kind)


def test_accept_from_the_side_panel_is_one_undo_step_and_the_next_comes_up(qtbot, answered):
    view = _view(qtbot, answered)
    view.departments.selectRow(3)                                   # 医保
    row = next(r for r in range(view.model.rowCount())
               if view.model.difference(r).kind == FIELD and len(view.model.difference(r).proposed) == 1)
    view.table.selectRow(row)
    d = view.current()
    lines = {line.label: line for line in answered.side_by_side(d)}
    assert lines["纳入医保情况"].differs and lines["纳入医保情况"].dept == d.dept_value
    side = [view.side.lines.item(r, 0).text() for r in range(view.side.lines.rowCount())]
    assert "纳入医保情况" in side
    with qtbot.waitSignal(view.sheet_changed, timeout=30000) as changed:
        view.side.buttons["accept"].click()
    assert changed.args[0] == d.child.sheet_id and d.child.index in changed.args[1]
    qtbot.waitUntil(lambda: not view.jobs, timeout=30000)
    assert view.undo_stack.count() == 1 and view.undo_stack.undoText() == "医保比对：采用部门数据"
    session = answered.session(d.child.sheet_id)
    assert session.value(d.child.index, "medical_insurance") == d.proposed[0]
    assert view.current() is None or view.current().key != d.key   # the next open difference
    view.undo_stack.undo()
    assert session.value(d.child.index, "medical_insurance") == d.sheet_value
    assert answered.difference("yibao", d.key).status == OPEN


def test_keep_and_send_back_with_a_reason(qtbot, answered):
    view = _view(qtbot, answered)
    view.departments.selectRow(3)
    d = view.current()
    view.side.reason.setText("已电话核实")
    view.side.buttons["keep"].click()
    assert answered.difference("yibao", d.key).decision.reason == "已电话核实"
    view.status.setCurrentIndex(view.status.findData(None))          # 全部
    assert view.model.row_of(d.key) is not None
    missed = next(x for x in answered.differences("yibao") if x.kind == "missed")
    view.show_differences(select=missed.key)
    assert view.side.buttons["send_back"].text() == "下发乡镇走访核实"
    view.side.buttons["send_back"].click()
    assert answered.difference("yibao", missed.key).status == "sent_back"
    assert view.undo_stack.count() == 2


def test_two_candidate_values_are_offered_in_the_side_panel(qtbot, answered):
    view = _view(qtbot, answered)
    view.departments.selectRow(3)
    two = next(d for d in answered.differences("yibao") if len(d.proposed) == 2)
    view.show_differences(select=two.key)
    assert view.side.value.isVisibleTo(view.side) and view.side.value.count() == 2
    view.side.value.setCurrentText("纳入居住地医保")
    with qtbot.waitSignal(view.sheet_changed, timeout=30000):
        view.side.buttons["accept"].click()
    assert answered.difference("yibao", two.key).decision.value == "纳入居住地医保"


def test_doubtful_columns_are_confirmed_in_the_dialog(qtbot, tmp_path, answered):
    from readerfiles import SheetSpec, child_id, write_xlsx
    path = write_xlsx(tmp_path / "回复.xlsx", [SheetSpec("S", [["姓名", "证件号码", "医保参保状况", "参保地"],
                                                               ["甲", child_id(), "正常参保", "本县"]])])
    answer = read_answer(answered.profiles["yibao"], path, isolated=False)
    dialog = MappingDialog(answer, answered.profiles["yibao"])
    qtbot.addWidget(dialog)
    box, = dialog.choices.values()
    assert box.currentData() == "insured" and not dialog.changed()
    box.setCurrentIndex(0)                                           # 不使用这一列
    assert dialog.changed() and None in dialog.mapping()["S"].values()


def test_the_view_takes_its_undo_stack_back_after_a_restart(qtbot, county_set, tmp_path):
    with desk_on(county_set[1], tmp_path) as desk:
        depts = DepartmentDesk(desk)
        ans = deptkit.yibao_csv(depts, tmp_path)
        depts.store_answer(depts.read_answer("yibao", ans.path))
        depts.keep(depts.differences("yibao")[0]).redo()
    with desk_on(county_set[1], tmp_path) as desk:
        view = _view(qtbot, DepartmentDesk(desk))
        assert view.undo_stack.count() == 1 and view.undo_stack.undoText() == "医保比对：保留登记表数据"
        view.undo_stack.undo()
        assert all(d.decision is None for d in view.depts.differences("yibao"))


def test_columns_confirmed_in_the_view_are_remembered_and_changed_again(qtbot, tmp_path, answered, monkeypatch):
    from desktop.departments import files
    from readerfiles import SheetSpec, child_id, write_xlsx
    header, row = ["姓名", "证件号码", "医保参保状况", "参保地"], ["甲", child_id(), "正常参保", "本县"]
    first = write_xlsx(tmp_path / "回复一.xlsx", [SheetSpec("S", [header, row])])
    later = write_xlsx(tmp_path / "回复二.xlsx", [SheetSpec("S", [header[::-1], row[::-1]])])
    told, dialogs, picks = [], [], ["insured", None]

    def exec_(dialog):                          # the clerk picks in the (real) dialog and presses 确定
        dialogs.append(dialog)
        box, = dialog.choices.values()
        box.setCurrentIndex(box.findData(picks[len(dialogs) - 1]))
        return 1

    monkeypatch.setattr(MappingDialog, "exec", exec_)
    monkeypatch.setattr(files.QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    view = _view(qtbot, answered)
    view.departments.select("yibao")
    view.files.read_answer("yibao", str(first))
    qtbot.waitUntil(lambda: len(told) == 1 and not view.jobs, timeout=30000)
    assert len(dialogs) == 1 and dialogs[0].shown[0].header == "医保参保状况"
    view.files.read_answer("yibao", str(later))                        # the next answer: no choice asked
    qtbot.waitUntil(lambda: len(told) == 2 and not view.jobs, timeout=30000)
    assert len(dialogs) == 1 and "读入1条记录" in told[1]
    view.columns_button.click()                                        # change it again
    qtbot.waitUntil(lambda: len(told) == 3 and not view.jobs, timeout=30000)
    assert len(dialogs) == 2 and [d.header for d in dialogs[1].answer.recalled] == ["医保参保状况"]
    assert "参保状态" in answered.read_answer("yibao", later).missing


def test_the_lines_under_the_list_follow_a_list_just_sent(qtbot, tmp_path, answered, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from desktop.departments import files
    target = tmp_path / "教育核对名单.xlsx"
    monkeypatch.setattr(files, "save_file_name", lambda *a, **k: str(target))
    monkeypatch.setattr(files.FileActions, "_password", lambda *a: "")
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    view = _view(qtbot, answered)
    view.departments.select("jiaoyu")
    assert "核对名单：未发送" in view.detail.text()
    view.files.write_list("jiaoyu")
    qtbot.waitUntil(lambda: target.exists() and not view.jobs, timeout=30000)
    assert view.dept == "jiaoyu" and "核对名单：已发送" in view.detail.text()
