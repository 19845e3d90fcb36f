"""County decisions: each one command with its inverse, logged, surviving a restart, driving
the children counts, the upload file and the townships' return files; a decision whose group
changed since is not applied to other records."""
import polars as pl
import pytest
from openpyxl import load_workbook

from countykit import desk_on, where
from intake.county.model import DECIDED, DUPLICATE, MERGE, OPEN, POSSIBLE, SENT_BACK
from intake.errors import MopaiError


@pytest.fixture
def base(county_set):
    return county_set[1]


def _dup(desk, same_file=False):
    return next(g for g in desk.groups(kind=DUPLICATE)
                if (len({o.file for o in g.occurrences}) == 1) == same_file)


def _upload_rows(path):
    book = load_workbook(path, read_only=True)
    sources = [tuple(r) for r in book["来源"].iter_rows(min_row=2, values_only=True)]
    notes = [tuple(r) for r in book["导出说明"].iter_rows(min_row=2, values_only=True)]
    return sources, notes


def test_keep_one_survives_a_restart_changes_the_upload_and_undoes(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk)
        kept, other = g.occurrences
        before = len(desk.children(g.form))
        desk.write_upload(tmp_path / "before.xlsx")
        cmd = desk.keep(g, kept.ref, "两个乡镇都登记了，保留现居住地的")
        cmd.redo()
        assert desk.group(g.key).status == DECIDED and desk.group(g.key).decision.keep == kept.ref
        assert len(desk.children(g.form)) == before           # a duplicate counted as one child anyway
        desk.write_upload(tmp_path / "after.xlsx")
    sources, notes = _upload_rows(tmp_path / "before.xlsx")
    assert (kept.file, kept.row) not in {(s[3], s[5]) for s in sources}   # held back while open
    assert any(n[2] == kept.row and "县级尚未处理" in n[4] for n in notes)
    sources, notes = _upload_rows(tmp_path / "after.xlsx")
    assert (kept.township, kept.file, kept.row) in {(s[2], s[3], s[5]) for s in sources}
    assert any(n[2] == other.row and "按县级决定保留那一条" in n[4] for n in notes)
    with desk_on(base, tmp_path) as again:                      # a restart: same workspace file
        g2 = again.group(g.key)
        assert g2.status == DECIDED and g2.decision.reason == "两个乡镇都登记了，保留现居住地的"
        entry, = [e for e in again.log.entries() if e.target == g.key]
        assert entry.payload["refs"] == [list(r) for r in g.refs] and entry.at and not entry.undone
        restored, = again.logged_commands()          # the window rebuilds its undo stack
        assert restored.label == "保留一条（2条记录）"
        restored.undo()
        assert again.group(g.key).status == OPEN
    with desk_on(base, tmp_path) as again:
        assert again.group(g.key).status == OPEN
        assert again.log.entries()[-1].undone and again.log.entries()[-1].undone_at


def test_not_the_same_child_and_keep_change_the_counts(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk)
        n = len(desk.children(g.form))
        twins = desk.not_same(g, "双胞胎，身份证号抄错")
        twins.redo()
        assert len(desk.children(g.form)) == n + 1
        twins.undo()
        assert len(desk.children(g.form)) == n
        p = desk.groups(kind=POSSIBLE)[0]
        m = len(desk.children(p.form))
        desk.keep(p, p.refs[1]).redo()
        assert len(desk.children(p.form)) == m - 1
        assert p.refs[0] not in {c.ref for c in desk.children(p.form)}


def test_a_merged_record_takes_fields_from_the_other(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk)
        a, b = g.occurrences
        phone = desk.records.values([b.ref])[b.ref]["father_phone"]
        desk.merge(g, a.ref, {"father_phone": b.ref}, "电话以乙镇为准").redo()
        d = desk.group(g.key).decision
        assert d.action == MERGE and d.overrides[0].value == phone
        child = next(c for c in desk.children(g.form) if c.ref == a.ref)
        assert child.overrides == {"father_phone": phone}
        frame = desk.children_frame(g.form, ["father_phone"])
        mine = frame.filter((pl.col("index") == a.ref.index) & (pl.col("sheet_id") == a.ref.sheet_id))
        assert mine["father_phone"].to_list() == [phone]
        desk.write_upload(tmp_path / "up.xlsx")
    book = load_workbook(tmp_path / "up.xlsx", read_only=True)
    sheet = book.worksheets[0 if g.form == "liudong" else 1]
    assert phone in {c for row in sheet.iter_rows(values_only=True) for c in row}


def test_kept_record_of_a_same_file_duplicate_is_uploaded(base, tmp_path):
    """The within-file duplicate-ID error is what the county's decision resolves."""
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk, same_file=True)
        kept = g.occurrences[0]
        desk.keep(g, kept.ref).redo()
        desk.write_upload(tmp_path / "up.xlsx")
    sources, _ = _upload_rows(tmp_path / "up.xlsx")
    assert (kept.file, kept.row) in {(s[3], s[5]) for s in sources}


def test_send_back_lists_the_record_in_the_township_return_file(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        p = next(g for g in desk.groups(kind=POSSIBLE) if "id.one_digit" in g.why)
        target = p.occurrences[1]
        desk.send_back(p, [target.ref], "请核对身份证号").redo()
        assert desk.group(p.key).status == SENT_BACK
        assert not any(g.status == OPEN and g.key == p.key for g in desk.groups())
        file_id = desk.snapshot.meta[target.ref.sheet_id].file.id
        desk.write_return(file_id, tmp_path / "退回.xlsx")
        desk.write_upload(tmp_path / "up.xlsx")
    ws = load_workbook(tmp_path / "退回.xlsx").worksheets[1]
    texts = [str(c.value) for row in ws.iter_rows(min_row=target.row, max_row=target.row) for c in row if c.value]
    assert any("县级汇总时发现" in t and "请核对身份证号" in t and p.occurrences[0].file in t for t in texts)
    _, notes = _upload_rows(tmp_path / "up.xlsx")
    assert any(n[2] == target.row and "已退回乡镇核实" in n[4] for n in notes)


def test_a_decision_whose_group_changed_is_not_applied_to_other_records(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk)
        desk.keep(g, g.refs[0], "保留第一条").redo()
        # a third record gets the same ID: same group key, other records
        third_sheet = next(s for s in desk.snapshot.current if s not in {r.sheet_id for r in g.refs}
                           and desk.snapshot.meta[s].info.form == g.form)
        number = desk.records.values([g.refs[0]])[g.refs[0]]["id_number"]
        session = desk.open_session(third_sheet)
        session.apply(session.edit(0, "id_number", number))
        desk.sheet_edited(third_sheet, session)
        changed = desk.group(g.key)
        assert len(changed.refs) == 3 and changed.status == OPEN
        assert changed.decision is None and changed.stale is not None and changed.stale.keep == g.refs[0]
        session.revert(session.workspace.batches(third_sheet)[-1])
        desk.sheet_edited(third_sheet, session)
        assert desk.group(g.key).status == DECIDED                   # the same records again


def test_an_edit_reruns_the_matching(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        p = next(g for g in desk.groups(kind=POSSIBLE) if "id.swapped" in g.why)
        a, b = p.refs
        right = desk.records.values([a])[a]["id_number"]
        session = desk.open_session(b.sheet_id)
        session.apply(session.edit(b.index, "id_number", right))
        desk.sheet_edited(b.sheet_id, session)
        assert desk.group(p.key) is None
        assert any(set(g.refs) == {a, b} for g in desk.groups(kind=DUPLICATE))
        line = next(x for x in desk.board() if b.sheet_id in x.sheet_ids)
        assert line.rows_with_errors == desk.snapshot.meta[b.sheet_id].info.counts.rows_with_errors


def test_township_correction_is_a_logged_undoable_command(county_set, tmp_path):
    made, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        name = next(n for n in made.files if n.startswith("外县"))
        file_id = next(f.id for f in desk.snapshot.files if f.name == name)
        fix = desk.set_township(file_id, "永乐镇", "实为永乐镇报送")
        fix.redo()
        line = next(b for b in desk.board() if b.township == "永乐镇" and b.form == "liudong")
        assert line.received and line.files == (name,) and not [b for b in desk.board() if not b.listed]
        fix.undo()
        assert not next(b for b in desk.board() if b.township == "永乐镇" and b.form == "liudong").received


def test_a_decision_for_a_vanished_group_is_refused(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        with pytest.raises(MopaiError):
            desk.keep("duplicate:nothing", (1, 0))
        g = _dup(desk)
        with pytest.raises(ValueError):
            desk.keep(g, (999, 0))
        assert where(g)


def test_a_row_the_clerk_deletes_leaves_the_counts_the_matching_and_the_upload(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        g = _dup(desk)
        a, b = g.occurrences
        session = desk.open_session(b.ref.sheet_id)
        line = next(x for x in desk.board() if b.ref.sheet_id in x.sheet_ids)
        batch = session.delete_rows([b.ref.index])
        desk.sheet_edited(b.ref.sheet_id, session, session.apply(batch))
        assert desk.group(g.key) is None                          # one record left: no group
        assert b.ref not in {c.ref for c in desk.children(g.form)}
        assert next(x for x in desk.board() if b.ref.sheet_id in x.sheet_ids).rows == line.rows - 1
        desk.write_upload(tmp_path / "up.xlsx")
        session.revert(batch)
        desk.sheet_edited(b.ref.sheet_id, session, {b.ref.index})
        assert desk.group(g.key) is not None
    sources, notes = _upload_rows(tmp_path / "up.xlsx")
    assert (a.file, a.row) in {(s[3], s[5]) for s in sources}     # no longer held back
    assert any(n[0] == "未导出（乡镇已删除）" and n[2] == b.row for n in notes)
