"""Hints (understood, only written differently) are drawn quietly: no colour, a corner mark,
their own count in the problem list and the status bar, skipped by F8, reachable by the bulk fix.
The sample's date, option, spacing and name writings are hints (issue 13)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.bulk_fix_dialog import BulkFixDialog
from desktop.hint_mark import only_hints
from desktop.findings_panel import SEVERITY_COLORS
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx
from validators.findings import Severity


HINT_CODES = {"date.normalised", "option.normalised", "name.normalised"}


def test_hints_get_a_mark_not_a_colour_their_own_count_and_the_bulk_fix(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    findings = tab.session.findings
    hints = [f for f in findings.all() if f.severity is Severity.HINT]
    assert {f.code for f in hints} == HINT_CODES and findings.n_hints == len(hints) == 4
    cell = tab.model.index(tab.model.row_of(hints[0].index), tab.model.column_of(hints[0].field))
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None            # never amber
    assert only_hints(findings.for_cell(hints[0].index, hints[0].field))
    assert hints[0].suggestion in cell.data(Qt.ItemDataRole.ToolTipRole)
    # the problem list: a group of their own, after errors and warnings, in the hint colour
    tree = tab.panel.tree
    kinds = [tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(tree.topLevelItemCount())]
    assert set(kinds[-3:]) == HINT_CODES
    titles = {tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())}
    assert {"日期写法不规范 · 出生日期", "姓名写法不规范"} <= titles      # no “姓名写法不规范 · 姓名”
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert last.foreground(0).color() == SEVERITY_COLORS[Severity.HINT]
    assert "4 个提示" in tab.panel.summary.text()
    assert "提示 4 个" in window.counts.text() and "提醒" not in window.counts.text()
    # F8 walks errors and warnings only
    seen = set()
    for _ in range(12):
        tab.next_problem()
        seen.add((tab.current_record(), tab.model.field_at(tab.view.currentIndex().column())))
    assert not seen & {(f.index, f.field) for f in hints}
    # 批量修正 fixes them in one step
    dialog = BulkFixDialog(tab.session, tab.form, tab)
    assert dialog.select_code("date.normalised")
    tab.push_batch(dialog.batch)
    assert tab.session.findings.n_hints == 2
    assert "date.normalised" not in {f.code for f in tab.session.findings.hints}
    window.workspace.close()
