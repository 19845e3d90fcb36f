"""The problem list names the column in a group's title when all its findings are on one column
(entries then read 第N行：<message>), in each entry when they are on several, and follows edits."""
from __future__ import annotations

from PySide6.QtCore import Qt

from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx
from workspacekit import liudong_record


def groups(tab) -> dict[str, object]:
    tree = tab.panel.tree
    return {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())}


def entries(item) -> list[str]:
    item.setExpanded(True)
    return [item.child(i).text(0) for i in range(item.childCount())]


def test_group_titles_carry_the_column_and_follow_edits(qtbot, tmp_path):
    records = sample_records() + [liudong_record(name=None), liudong_record(hukou_address=None)]
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", records))[0]
    rows = tab.table.row_numbers
    check = groups(tab)["id.checksum"]
    assert check.text(0) == "身份证校验位错误 · 公民身份号码"
    assert entries(check) == [f"第{rows[2]}行：" + tab.session.findings.with_code("id.checksum")[0].message]
    assert "公民身份号码最后一位校验码不对" in check.child(0).toolTip(0)       # the full message
    assert tab.panel.tree.textElideMode() == Qt.TextElideMode.ElideRight
    missing = groups(tab)["required.missing"]
    assert missing.text(0) == "必填项为空"                             # two columns: not in the title
    assert [e.split("：", 1)[1][:2] for e in entries(missing)] == ["姓名", "户籍"]
    # filling the name leaves one column: the title names it, the open list is rebuilt
    tab.model.setData(tab.model.index(tab.model.row_of(4), tab.model.column_of("name")), "钱七")
    missing = groups(tab)["required.missing"]
    assert missing.text(0) == "必填项为空 · 户籍地址" and missing.isExpanded()
    left = tab.session.findings.with_code("required.missing")
    assert [f.index for f in left] == [5] and left[0].message.startswith("户籍地址为必填项")
    assert entries(missing) == [f"第{rows[5]}行：{left[0].message}"]
    tab.undo_stack.undo()                                             # and back
    assert groups(tab)["required.missing"].text(0) == "必填项为空"
    window.workspace.close()
