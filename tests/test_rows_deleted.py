"""Deleting and restoring rows in the core: the row stays in the workspace, marked deleted, leaves
the check (its duplicate disappears from the other copy), the upload file and comes back on undo;
the mark survives reopening the workspace and the return file lists the row."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from intake.checking import validator_for
from intake.edits import RowBatch
from intake.export import write_return, write_upload
from intake.export.return_marks import mark_sheet
from intake.opening import open_file, open_stored
from intake.session import SheetSession, StaleEdit
from intake.workspace import Workspace
from workspacekit import child_id, liudong_record, make_table, sample_records, write_xlsx

AS_OF = date(2025, 12, 31)


def twice_entered() -> list[dict]:
    """Record 0 and record 2 are the same child (same ID): an id.duplicate error on both."""
    first = liudong_record(name="张三")
    return [first, liudong_record(name="李四", id_number=child_id("20150302", "135")),
            dict(first, seq="3")]


def new_session(ws, records):
    table = make_table(records)
    validator = validator_for(table, as_of=AS_OF)
    validator.run()
    return SheetSession(ws, ws.import_table(table), table, validator)


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "ws.sqlite") as w:
        yield w


def dup_rows(session) -> set[int]:
    return {f.index for f in session.findings.all() if f.code == "id.duplicate"}


def test_deleting_a_copy_clears_the_duplicate_and_undo_brings_it_back(ws):
    s = new_session(ws, twice_entered())
    assert dup_rows(s) == {0, 2}
    batch = s.delete_rows([2])
    assert isinstance(batch, RowBatch) and batch.label == "删除 第7行"
    assert s.apply(batch) >= {0, 2}
    assert s.deleted_rows == {2} and s.is_deleted(2)
    assert dup_rows(s) == set() and s.findings.for_row(2) == []
    assert ws.deleted_rows(s.sheet_id) == {2}
    s.revert(batch)
    assert s.deleted_rows == frozenset() and ws.deleted_rows(s.sheet_id) == set()
    assert dup_rows(s) == {0, 2}
    s.apply(batch)                                     # redo marks the same stored batch again
    assert ws.deleted_rows(s.sheet_id) == {2}
    assert ws.db.execute("SELECT COUNT(*) FROM row_marks").fetchone()[0] == 1


def test_restoring_is_its_own_undoable_step_and_stale_batches_are_refused(ws):
    s = new_session(ws, twice_entered())
    s.apply(s.delete_rows([0, 2]))
    assert s.delete_rows([0]).indices == ()            # already deleted: nothing to do
    restore = s.restore_rows([0, 1])                   # 1 was never deleted
    assert restore.indices == (0,) and restore.label == "恢复 第5行"
    s.apply(restore)
    assert s.deleted_rows == {2}
    with pytest.raises(StaleEdit):
        s.apply(restore)                               # row 0 is no longer deleted
    s.revert(restore)
    assert s.deleted_rows == {0, 2}


def test_deleted_rows_survive_reopening_and_keep_the_undo_history_in_order(tmp_path):
    path = write_xlsx(tmp_path / "村甲.xlsx", twice_entered())
    with Workspace(tmp_path / "ws.sqlite") as ws:
        s = open_file(ws, path, as_of=AS_OF)[0]
        edit = s.edit(1, "name", "李小四")
        s.apply(edit)
        s.apply(s.delete_rows([2]))
        sheet_id = s.sheet_id
    with Workspace(tmp_path / "ws.sqlite") as ws:
        again = open_stored(ws, sheet_id, as_of=AS_OF)
        assert again.deleted_rows == {2} and again.validator.excluded == {2}
        assert dup_rows(again) == set()
        history = ws.history(sheet_id)
        assert [type(b).__name__ for b in history] == ["EditBatch", "RowBatch"]
        assert history[0].id == edit.id and history[1].indices == (2,)
        again.revert(history[1])
        assert dup_rows(again) == {0, 2}


def test_the_upload_leaves_deleted_rows_out_and_says_so(ws, tmp_path):
    records = [liudong_record(), liudong_record(name="李四", id_number=child_id("20150302", "135"))]
    s = new_session(ws, records)
    out = tmp_path / "上报.xlsx"
    assert write_upload([s], out).exported == {"liudong": 2}
    s.apply(s.delete_rows([1]))
    summary = write_upload([s], out)
    assert summary.exported == {"liudong": 1} and [n.row for n in summary.deleted] == [6]
    assert any("乡镇删除的1行未导出" in line for line in summary.lines())
    book = openpyxl.load_workbook(out)
    names = [r[2].value for r in book.worksheets[0].iter_rows(min_row=2)]
    assert "李四" not in str(names)
    notes = [[c.value for c in r] for r in book["导出说明"].iter_rows(min_row=2)]
    assert notes[0][:4] == ["未导出（乡镇已删除）", "Sheet1", 6, "李四"]


def test_the_return_file_lists_deleted_rows_grey(ws, tmp_path):
    path = write_xlsx(tmp_path / "村甲.xlsx", sample_records())
    s = open_file(ws, path, as_of=AS_OF)[0]
    s.apply(s.delete_rows([2]))                        # the row with a bad check digit
    out = tmp_path / "退回.xlsx"
    write_return([s], out)
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[1]
    row = s.table.row_numbers[2]
    notes_col = max(c.col for c in s.table.columns) + 1
    assert sheet.cell(row=row, column=notes_col).value.startswith("【已删除】")
    name = sheet.cell(row=row, column=s.table.col_of("name"))
    assert name.fill.start_color.rgb == "FFD9D9D9" and name.font.strike
    id_cell = sheet.cell(row=row, column=s.table.col_of("id_number"))
    assert id_cell.comment is None                     # its checksum error is no longer marked
    summary = [r[0].value or "" for r in book["问题汇总"].iter_rows()]
    assert any("乡镇删除了1行" in text for text in summary)
    # the row restored, marking the returned workbook again clears the old deletion mark
    s.revert(ws.history(s.sheet_id)[-1])
    returned = openpyxl.load_workbook(out).worksheets[1]
    mark_sheet(returned, s.table, s.findings, lambda: None, returned_before=True)
    cell = returned.cell(row=row, column=s.table.col_of("name"))
    assert not cell.font.strike and cell.fill.fill_type is None
