from datetime import date

import pytest

from intake.bulk_fix import preview
from intake.checking import validator_for
from intake.edits import CellEdit, EditBatch
from intake.errors import Cancelled, MopaiError
from intake.opening import file_hash, open_file, open_stored
from intake.session import SheetSession, StaleEdit
from intake.workspace import Workspace
from workspacekit import child_id, make_table, sample_records, write_xlsx

AS_OF = date(2025, 12, 31)


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "ws.sqlite") as w:
        yield w


def new_session(ws, records=None, **kw):
    table = make_table(records or sample_records())
    validator = validator_for(table, as_of=AS_OF)
    validator.run()
    return SheetSession(ws, ws.import_table(table), table, validator, **kw)


def codes_at(session, index, field):
    return {f.code for f in session.findings.for_cell(index, field)}


def test_fixing_a_bad_id_clears_its_error_and_undo_brings_it_back(ws):
    s = new_session(ws)
    assert "id.checksum" in codes_at(s, 2, "id_number")
    errors_before = s.findings.n_errors
    batch = s.edit(2, "id_number", child_id("20150302", "157"))
    assert s.apply(batch) >= {2}
    assert codes_at(s, 2, "id_number") == set()
    assert s.findings.n_errors == errors_before - 1
    assert s.is_edited(2, "id_number") and (2, "id_number") in s.edited_cells()
    s.revert(batch)
    assert "id.checksum" in codes_at(s, 2, "id_number")
    assert s.findings.n_errors == errors_before
    assert not s.is_edited(2, "id_number")
    assert [e.undone for e in ws.edits(s.sheet_id, include_undone=True)] == [1]


def test_an_id_edit_revalidates_the_rows_sharing_the_number(ws):
    s = new_session(ws)
    assert codes_at(s, 0, "id_number") == {"id.duplicate"}          # records 0 and 3 share an ID
    affected = s.apply(s.edit(3, "id_number", child_id("20150302", "179")))
    assert {0, 3} <= affected
    assert codes_at(s, 0, "id_number") == set() and codes_at(s, 3, "id_number") == set()


def test_a_stale_batch_is_refused_and_nothing_is_stored(ws):
    s = new_session(ws)
    stale = EditBatch("旧预览", (CellEdit(1, "name", "不是这个值", "李四"),))
    with pytest.raises(StaleEdit, match="重新预览"):
        s.apply(stale)
    assert ws.edits(s.sheet_id, include_undone=True) == []
    with pytest.raises(MopaiError, match="没有“nonexistent”"):
        s.apply(EditBatch("x", (CellEdit(1, "nonexistent", None, "1"),)))
    with pytest.raises(MopaiError, match="第100条"):
        s.apply(EditBatch("x", (CellEdit(99, "name", None, "1"),)))


def test_a_batch_may_touch_one_cell_twice(ws):
    s = new_session(ws)
    batch = EditBatch("两次", (CellEdit(1, "name", "李 四", "李四"), CellEdit(1, "name", "李四", "李思")))
    s.apply(batch)
    assert s.value(1, "name") == "李思"
    s.revert(batch)
    assert s.value(1, "name") == "李 四"


def test_reopening_restores_edits_and_the_same_findings(tmp_path):
    path = tmp_path / "ws.sqlite"
    w = Workspace(path)
    s = new_session(w)
    s.apply(s.edit(2, "id_number", child_id("20150302", "157")))
    s.apply(preview(s.findings.all(), "date.normalised", s.table.data))
    undone = s.edit(0, "sex", "女")
    s.apply(undone)
    s.revert(undone)
    with Workspace(path) as again:                      # a fresh connection, the first never closed
        reopened = open_stored(again, s.sheet_id, as_of=AS_OF)
        assert reopened.table.data.values == s.table.data.values
        assert reopened.findings.all() == s.findings.all()
        assert reopened.edited_cells() == s.edited_cells()
        assert reopened.original(1, "birth_date") == "2015/3/2"


def test_a_batch_dearer_cell_by_cell_than_a_full_run_takes_the_full_run_with_the_same_result(ws):
    cell_by_cell = new_session(ws, run_seconds=3600)
    batch = preview(cell_by_cell.findings.all(), "date.normalised", cell_by_cell.table.data)
    steps = []
    assert cell_by_cell.apply(batch, progress=lambda d, t: steps.append((d, t))) == {1, 3}
    assert steps[-1] == (2, 2)
    full = new_session(ws, run_seconds=0.0)
    assert full.apply(EditBatch(batch.label, batch.edits)) == set(range(full.table.n_rows))
    assert full.findings.all() == cell_by_cell.findings.all()
    full.revert(batch)
    assert full.findings.all() == new_session(ws).findings.all()


def test_open_file_stores_the_sheet_and_never_writes_the_file(ws, tmp_path):
    src = write_xlsx(tmp_path / "甲村.xlsx", sample_records())
    before = src.read_bytes()
    progress = []
    sessions = open_file(ws, src, as_of=AS_OF, progress=lambda d, t: progress.append((d, t)))
    assert len(sessions) == 1 and progress and progress[-1][0] == progress[-1][1]
    s = sessions[0]
    assert s.table.reporting_unit == "某某镇" and s.table.row_numbers == [4, 5, 6, 7]
    assert "id.checksum" in codes_at(s, 2, "id_number")
    s.apply(s.edit(1, "name", "李四"))
    assert src.read_bytes() == before
    info = ws.sheet_info(s.sheet_id)
    assert (info.source, info.file_hash) == (str(src), file_hash(src))


def test_opening_the_same_file_again_resumes_its_edits(ws, tmp_path):
    src = write_xlsx(tmp_path / "甲村.xlsx", sample_records())
    first = open_file(ws, src, as_of=AS_OF)[0]
    first.apply(first.edit(1, "name", "李四"))
    again = open_file(ws, src, as_of=AS_OF)
    assert [s.sheet_id for s in again] == [first.sheet_id] and len(ws.sheets()) == 1
    assert again[0].value(1, "name") == "李四" and again[0].is_edited(1, "name")
    fresh = open_file(ws, src, as_of=AS_OF, resume=False)
    assert fresh[0].sheet_id != first.sheet_id and fresh[0].value(1, "name") == "李 四"


def test_a_cancelled_open_stores_nothing(ws, tmp_path):
    src = write_xlsx(tmp_path / "甲村.xlsx", sample_records())
    with pytest.raises(Cancelled):
        open_file(ws, src, cancelled=lambda: True)
    assert ws.sheets() == []


def test_a_missing_file_gives_a_chinese_message(ws, tmp_path):
    with pytest.raises(MopaiError, match="找不到文件.*没有这个文件.xlsx"):
        open_file(ws, tmp_path / "没有这个文件.xlsx")


def test_two_files_in_one_workspace_keep_their_own_edits(tmp_path):
    path = tmp_path / "ws.sqlite"
    a_file = write_xlsx(tmp_path / "甲村.xlsx", sample_records(), unit="甲镇")
    b_file = write_xlsx(tmp_path / "乙村.xlsx", sample_records()[:2], unit="乙镇")
    with Workspace(path) as w:
        a = open_file(w, a_file, as_of=AS_OF)[0]
        b = open_file(w, b_file, as_of=AS_OF)[0]
        a.apply(a.edit(0, "name", "甲一"))
        b.apply(b.edit(0, "name", "乙一"))
    with Workspace(path) as w:
        units = {s.reporting_unit: s for s in w.sheets()}
        assert set(units) == {"甲镇", "乙镇"}
        assert (units["甲镇"].n_rows, units["乙镇"].n_rows) == (4, 2)
        assert open_stored(w, units["甲镇"].id).value(0, "name") == "甲一"
        assert open_stored(w, units["乙镇"].id).value(0, "name") == "乙一"


def test_find_and_replace_is_one_undo_step(ws):
    from intake.find_replace import replace_in_column
    s = new_session(ws)
    batch = replace_in_column(s.table.data, "school_name", "金水区", "郑州市金水区")
    assert len(batch) == 4
    s.apply(batch)
    assert set(s.table.data.values["school_name"]) == {"郑州市金水区第一小学"}
    s.revert(batch)
    assert set(s.table.data.values["school_name"]) == {"金水区第一小学"}
    assert not s.edited_cells()


def test_undoing_the_fix_of_an_id_stored_as_a_number_brings_its_error_back(tmp_path):
    """Excel stored row 1's ID as a number: fixing it clears id.excel_number, undo restores the
    number cell and its error — also after the workspace is reopened."""
    records = sample_records()
    damaged = records[1]["id_number"][:15] + "000"
    records[1]["id_number"] = damaged
    path = tmp_path / "ws.sqlite"
    w = Workspace(path)
    table = make_table(records, numeric={"id_number": {1}})
    validator = validator_for(table, as_of=AS_OF)
    validator.run()
    s = SheetSession(w, w.import_table(table), table, validator)
    assert "id.excel_number" in codes_at(s, 1, "id_number")
    fix = s.edit(1, "id_number", child_id("20150302", "135"))
    s.apply(fix)
    assert codes_at(s, 1, "id_number") == set()
    with Workspace(path) as again:
        reopened = open_stored(again, s.sheet_id, as_of=AS_OF)
        assert codes_at(reopened, 1, "id_number") == set()
        [stored] = again.batches(s.sheet_id)
        reopened.revert(stored)
        assert "id.excel_number" in codes_at(reopened, 1, "id_number")
    s.revert(fix)
    assert "id.excel_number" in codes_at(s, 1, "id_number")
    assert s.value(1, "id_number") == damaged
