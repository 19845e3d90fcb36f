import sqlite3

import pytest

from intake.edits import CellEdit, EditBatch
from intake.errors import MopaiError, WriteError
from intake.paths import data_dir
from intake.table import ImportNote
from intake.workspace import DEFAULT_NAME, Workspace, finding_key
from validators.codes import make
from workspacekit import liudong_record, make_table, sample_records


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "ws.sqlite") as w:
        yield w


def fix_name(index=1, old="李 四", new="李四"):
    return EditBatch("修改 姓名", (CellEdit(index, "name", old, new),))


def test_a_sheet_comes_back_exactly_as_imported(ws):
    table = make_table(sample_records(), numeric={"father_phone": {1, 3}},
                       extra={60: ["甲", None, "丙", "丁"]})
    table.notes.append(ImportNote("read.hidden_rows", "第7行是隐藏行", row=7))
    sheet_id = ws.import_table(table, file_hash="h1")
    loaded = ws.load_sheet(sheet_id)
    assert loaded == table
    assert list(loaded.data.values) == list(table.data.values)     # column order kept


def test_default_location_is_the_app_data_folder():
    with Workspace() as w:
        assert w.path == data_dir() / DEFAULT_NAME
        assert w.path.exists()


def test_two_sheets_from_two_files_are_listed_and_kept_apart(ws):
    a = ws.import_table(make_table(sample_records(), "甲村.xlsx", unit="甲镇"), file_hash="ha")
    b = ws.import_table(make_table([liudong_record(name="钱七")], "乙村.xls", unit="乙镇"), file_hash="hb")
    ws.record_batch(a, fix_name())
    listed = {s.id: s for s in ws.sheets()}
    assert [listed[a].source, listed[a].reporting_unit, listed[a].n_rows, listed[a].n_edits] == ["甲村.xlsx", "甲镇", 4, 1]
    assert [listed[b].source, listed[b].reporting_unit, listed[b].n_rows, listed[b].n_edits] == ["乙村.xls", "乙镇", 1, 0]
    assert listed[a].imported_at <= listed[b].imported_at
    assert ws.load_sheet(b).data.values["name"] == ["钱七"]
    assert ws.load_sheet(a).data.values["name"][1] == "李四"
    assert [s.id for s in ws.find_sheets("hb")] == [b]


def test_edits_are_in_the_file_without_close(tmp_path):
    path = tmp_path / "ws.sqlite"
    w = Workspace(path)
    sheet_id = w.import_table(make_table(sample_records()))
    w.record_batch(sheet_id, fix_name())
    # another connection sees it while the first one is still open and never closed
    with Workspace(path) as other:
        assert other.load_sheet(sheet_id).data.values["name"][1] == "李四"
        assert other.load_sheet(sheet_id, with_edits=False).data.values["name"][1] == "李 四"


def test_undone_edits_are_skipped_and_redo_does_not_store_twice(ws):
    sheet_id = ws.import_table(make_table(sample_records()))
    batch = EditBatch("两处", (CellEdit(0, "sex", "男", "女"), CellEdit(2, "name", "王五", "王伍")))
    ws.record_batch(sheet_id, batch)
    ws.mark_undone(sheet_id, batch)
    assert ws.load_sheet(sheet_id).data.values["sex"][0] == "男"
    assert ws.edits(sheet_id) == []
    assert [e.undone for e in ws.edits(sheet_id, include_undone=True)] == [1, 1]
    ws.record_batch(sheet_id, batch)                     # redo
    assert len(ws.edits(sheet_id, include_undone=True)) == 2
    table = ws.load_sheet(sheet_id)
    assert (table.data.values["sex"][0], table.data.values["name"][2]) == ("女", "王伍")


def test_edits_are_replayed_in_order_and_batches_rebuilt(ws):
    sheet_id = ws.import_table(make_table(sample_records()))
    first = fix_name(new="李四")
    second = fix_name(old="李四", new="李思")
    ws.record_batch(sheet_id, first)
    ws.record_batch(sheet_id, second)
    assert ws.load_sheet(sheet_id).data.values["name"][1] == "李思"
    rebuilt = ws.batches(sheet_id)
    assert [b.id for b in rebuilt] == [first.id, second.id]
    assert rebuilt[1] == second                                   # same id, label, kind and edits
    stored = ws.edits(sheet_id)[0]
    assert (stored.index, stored.field, stored.old, stored.new, stored.batch) == (1, "name", "李 四", "李四", first.id)
    assert stored.at


def test_an_edit_to_blank_is_stored_as_blank(ws):
    sheet_id = ws.import_table(make_table(sample_records()))
    ws.record_batch(sheet_id, EditBatch("清空", (CellEdit(0, "school_name", "金水区第一小学", None),)))
    assert ws.load_sheet(sheet_id).data.values["school_name"][0] is None


def test_decisions_persist_per_sheet_and_latest_wins(tmp_path):
    path = tmp_path / "ws.sqlite"
    with Workspace(path) as w:
        sheet_id = w.import_table(make_table(sample_records()))
        w.set_decision("city_districts", "5", "纳入", sheet_id=sheet_id)
        w.set_decision("city_districts", "5", "不纳入", sheet_id=sheet_id)
        w.set_decision("header", "父亲电话", {"field": "father_phone"})
    with Workspace(path) as w:
        assert w.decision("city_districts", "5", sheet_id=sheet_id) == "不纳入"
        assert w.decision("city_districts", "5") is None
        assert w.decisions("header") == {"父亲电话": {"field": "father_phone"}}
        assert w.decision("header", "无此列", default="x") == "x"


def test_import_is_all_or_nothing(ws, monkeypatch):
    from intake import workspace_schema
    rows = list(workspace_schema.cell_rows(make_table(sample_records())))
    monkeypatch.setattr(workspace_schema, "cell_rows", lambda table: rows + rows[:1])   # a clash mid-way
    with pytest.raises(WriteError, match="无法保存到工作区"):
        ws.import_table(make_table(sample_records()))
    assert ws.sheets() == []
    assert ws.db.execute("SELECT COUNT(*) FROM cells").fetchone()[0] == 0


def test_remove_sheet_removes_its_cells_and_edits(ws):
    a = ws.import_table(make_table(sample_records()))
    b = ws.import_table(make_table(sample_records(), "乙村.xlsx"))
    ws.record_batch(a, fix_name())
    ws.remove_sheet(a)
    assert [s.id for s in ws.sheets()] == [b]
    assert ws.db.execute("SELECT COUNT(*) FROM edits").fetchone()[0] == 0
    with pytest.raises(MopaiError, match="没有编号"):
        ws.load_sheet(a)


def test_a_damaged_file_gives_a_chinese_message(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(MopaiError, match="无法打开工作区文件"):
        Workspace(bad)


def test_journal_is_wal(ws):
    assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert isinstance(ws.db.conn, sqlite3.Connection)


@pytest.mark.parametrize("values", [[], [None], [""], ["甲"], [None, "", "乙", None],
                                    ["含\x1f分隔符", None, "丙"], ["[\"json\"]", "\n", "a\nb"]])
def test_a_column_blob_keeps_every_value_blank_and_empty_text(values):
    from intake.workspace_schema import pack_column, unpack_column
    assert unpack_column(pack_column(values)) == values


def test_an_acknowledged_finding_is_remembered_by_its_key(ws):
    sheet_id = ws.import_table(make_table(sample_records()))
    warning = make("eligibility.city_districts", 2, None, from_="甲区", to="乙区")
    ws.set_decision("acknowledged", finding_key(warning), True, sheet_id=sheet_id)
    assert finding_key(warning) == "2:-:eligibility.city_districts"
    assert ws.decisions("acknowledged", sheet_id=sheet_id) == {"2:-:eligibility.city_districts": True}


def test_a_worker_thread_may_import_while_the_gui_thread_records_edits(ws):
    import threading
    first = ws.import_table(make_table(sample_records()))
    big = make_table(sample_records() * 500, "乙村.xlsx")
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(ws.import_table(big)))
    worker.start()
    for i in range(20):
        ws.record_batch(first, fix_name(old="李 四" if i == 0 else f"李{i - 1}", new=f"李{i}"))
    worker.join(30)
    assert ws.load_sheet(first).data.values["name"][1] == "李19"
    assert ws.load_sheet(done[0]).n_rows == 2000


def test_an_older_workspace_is_upgraded_and_keeps_its_sheets(tmp_path):
    """A schema-1 workspace (before the county's tables) opens, gains them, keeps its data."""
    from intake import workspace_schema
    path = tmp_path / "old.sqlite"
    with Workspace(path) as ws:
        sheet_id = ws.import_table(make_table(sample_records()), file_hash="h1")
    conn = sqlite3.connect(path)
    for table in ("county_files", "county_sheets", "county_keys", "county_log"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    with Workspace(path) as ws:
        assert ws.query("SELECT value FROM meta WHERE key = 'schema'") == [(str(workspace_schema.SCHEMA_VERSION),)]
        assert ws.query("SELECT COUNT(*) FROM county_log") == [(0,)]
        assert ws.load_sheet(sheet_id).data.values["name"][0] == "张三"


def test_a_workspace_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    with pytest.raises(MopaiError, match="更新版本"):
        Workspace(path)
