from datetime import date

import pytest

from intake.bulk_fix import fixable, preview
from intake.checking import validator_for
from intake.session import SheetSession
from intake.workspace import Workspace
from workspacekit import child_id, liudong_record, make_table, sample_records

AS_OF = date(2025, 12, 31)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@pytest.fixture
def session(tmp_path):
    records = sample_records() + [
        liudong_record(name="孙八", ethnicity="汉", birth_date="20150302",
                       id_number=child_id("20150302", "199").translate(FULL_WIDTH)),
        liudong_record(name="周九", ethnicity="回", school_name="金水区 第一小学 ",
                       id_number=child_id("20150302", "211")),
    ]
    table = make_table(records)
    validator = validator_for(table, as_of=AS_OF)
    validator.run()
    with Workspace(tmp_path / "ws.sqlite") as ws:
        yield SheetSession(ws, ws.import_table(table), table, validator)


def snapshot(session):
    return {k: list(v) for k, v in session.table.data.values.items()}


def changed_cells(before, after):
    return {(i, k) for k in before for i, (a, b) in enumerate(zip(before[k], after[k])) if a != b}


@pytest.mark.parametrize("code", ["date.normalised", "option.normalised", "name.normalised",
                                  "id.normalised", "text.whitespace"])
def test_a_bulk_fix_changes_exactly_the_cells_its_preview_named_and_undo_restores_them(session, code):
    batch = preview(session.findings.all(), code, session.table.data)
    assert batch, f"the sample sheet should have {code} fixes"
    before = snapshot(session)
    session.apply(batch)
    after = snapshot(session)
    assert changed_cells(before, after) == batch.cells
    assert all(after[e.field][e.index] == e.new for e in batch)
    assert not [f for f in session.findings.all() if f.code == code]
    session.revert(batch)
    assert snapshot(session) == before
    assert len([f for f in session.findings.all() if f.code == code]) == len(batch)
    session.apply(batch)                                   # redo: the same stored edits again
    assert snapshot(session) == after
    stored = session.workspace.edits(session.sheet_id, include_undone=True)
    assert len(stored) == len(batch) and not any(e.undone for e in stored)


def test_the_preview_names_the_dates_to_fix(session):
    batch = preview(session.findings.all(), "date.normalised", session.table.data)
    assert sorted((e.index, e.old, e.new) for e in batch) == [
        (1, "2015/3/2", "2015-03-02"), (3, "2015.3.2", "2015-03-02"), (4, "20150302", "2015-03-02")]
    assert batch.label == "批量修正：日期写法不规范" and batch.kind == "bulk:date.normalised"
    assert batch.summary() == "将修改3个单元格（涉及3行）"


def test_fixable_lists_each_kind_with_its_cell_count(session):
    kinds = {k.code: (k.title, k.cells) for k in fixable(session.findings.all(), session.table.data)}
    assert kinds["date.normalised"] == ("日期写法不规范", 3)
    assert kinds["option.normalised"] == ("选项写法不规范", 3)            # 男␣, 汉, 回
    assert kinds["id.normalised"][1] == 1 and kinds["text.whitespace"][1] == 1
    assert "id.checksum" not in kinds                               # no certain fix: never bulk-fixed


def test_a_cell_already_changed_is_not_overwritten_by_an_old_finding(session):
    findings = session.findings.all()
    session.apply(session.edit(3, "birth_date", "2015-03-02"))          # fixed by hand meanwhile
    session.apply(session.edit(4, "birth_date", "2016/1/1"))            # changed to another date
    batch = preview(findings, "date.normalised", session.table.data)
    assert batch.cells == {(1, "birth_date")}
    fresh = preview(session.findings.all(), "date.normalised", session.table.data)
    assert {(e.index, e.new) for e in fresh} == {(1, "2015-03-02"), (4, "2016-01-01")}


def test_a_kind_without_fixes_gives_an_empty_batch(session):
    batch = preview(session.findings.all(), "id.checksum", session.table.data)
    assert not batch and batch.summary() == "没有需要修改的单元格"
