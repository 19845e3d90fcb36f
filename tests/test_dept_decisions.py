"""Decisions about department differences: accepting the department's value is an ordinary,
re-validated, undoable edit of the sheet (its findings and the upload file follow); keep and
send back are logged; every decision survives a restart and rebuilds the undo stack; a decision
made for other values is stale."""
import pytest
from openpyxl import load_workbook

import deptkit
from countykit import desk_on
from intake.departments.desk import DepartmentDesk
from intake.departments.model import DECIDED, FIELD, NOT_KNOWN, OPEN, SENT_BACK
from intake.errors import MopaiError


@pytest.fixture
def base(county_set):
    return county_set[1]


def _answered(desk, tmp_path, make, dept):
    depts = DepartmentDesk(desk)
    ans = make(depts, tmp_path)
    depts.store_answer(depts.read_answer(dept, ans.path))
    ids = {(r["sheet_id"], r["index"]): r["id"] for r in depts.register(dept, []).iter_rows(named=True)}
    return depts, ans, ids


def _of(depts, dept, ids, child_id, field=None):
    return next(d for d in depts.differences(dept) if d.child and ids[d.child.ref] == child_id
                and (field is None or d.field == field))


def _upload_value(path, file, row, label):
    book = load_workbook(path, read_only=True)
    sources = [r for r in book["来源"].iter_rows(min_row=2, values_only=True)]
    sheet, at = next((s[0], s[1]) for s in sources if s[3] == file and s[5] == row)
    rows = list(book[sheet].iter_rows(values_only=True))
    return rows[at - 1][list(rows[0]).index(label)]


def test_accepting_changes_the_row_and_the_upload_file_and_undo_restores_them(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        desk.write_upload(tmp_path / "before.xlsx")
        uploaded = {(s[3], s[5]) for s in load_workbook(tmp_path / "before.xlsx", read_only=True)["来源"]
                    .iter_rows(min_row=2, values_only=True)}
        d = next(d for d in depts.differences("yibao") if d.kind == FIELD and len(d.proposed) == 1
                 and (d.child.file, d.child.row) in uploaded)          # a row the upload holds
        old, new = d.sheet_value, d.proposed[0]
        session = depts.session(d.child.sheet_id)
        assert session.value(d.child.index, "medical_insurance") == old
        cmd = depts.accept(d, reason="医保系统显示已参保")
        cmd.redo()
        assert session.value(d.child.index, "medical_insurance") == new
        assert desk.workspace.load_sheet(d.child.sheet_id).data.get("medical_insurance", d.child.index) == new
        now = depts.difference("yibao", d.key)
        assert (now.status, now.current, now.decision.value) == (DECIDED, False, new)
        desk.write_upload(tmp_path / "after.xlsx")
        assert _upload_value(tmp_path / "after.xlsx", d.child.file, d.child.row, "纳入医保情况") == new
        assert cmd.label == "医保比对：采用部门数据"
        cmd.undo()
        assert session.value(d.child.index, "medical_insurance") == old
        again = depts.difference("yibao", d.key)
        assert (again.status, again.current, again.decision) == (OPEN, True, None)
        desk.write_upload(tmp_path / "undone.xlsx")
        assert _upload_value(tmp_path / "undone.xlsx", d.child.file, d.child.row, "纳入医保情况") == (old or None)
        cmd.redo()                                  # redo after undo: the same batch, done again
        assert session.value(d.child.index, "medical_insurance") == new


def test_an_accepted_value_is_revalidated_like_any_edit(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.canlian_xlsx, "canlian")
        d = _of(depts, "canlian", ids, ans.planted["new_card"], "disability_category")
        session = depts.session(d.child.sheet_id)
        codes = lambda: {f.code for f in session.findings.for_row(d.child.index)}   # noqa: E731
        assert "cross.disability" not in codes()
        cmd = depts.accept(d)
        cmd.redo()
        assert "cross.disability" in codes()       # 健康状况 健康 and 残疾等级 无 no longer fit
        assert desk.findings[d.child.sheet_id].n_errors == session.findings.n_errors
        cmd.undo()
        assert "cross.disability" not in codes()


def test_a_value_that_fits_two_options_needs_the_clerks_choice(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        d = _of(depts, "yibao", ids, ans.planted["no_place"])
        with pytest.raises(MopaiError, match="请选择"):
            depts.accept(d)
        depts.accept(d, "纳入居住地医保").redo()
        assert depts.session(d.child.sheet_id).value(d.child.index, "medical_insurance") == "纳入居住地医保"
        not_known = next(x for x in depts.differences("yibao") if x.kind == NOT_KNOWN)
        with pytest.raises(ValueError):
            depts.accept(not_known)


def test_decisions_survive_a_restart_and_rebuild_the_undo_stack(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        accepted = _of(depts, "yibao", ids, ans.planted["to_hukou"])
        kept = next(d for d in depts.differences("yibao") if d.kind == NOT_KNOWN)
        depts.accept(accepted).redo()
        depts.keep(kept, "该儿童在外县参保，本县无记录").redo()
    with desk_on(base, tmp_path) as desk:
        depts = DepartmentDesk(desk)
        k = depts.difference("yibao", kept.key)
        assert (k.status, k.decision.reason) == (DECIDED, "该儿童在外县参保，本县无记录")
        assert not depts.difference("yibao", accepted.key).current
        commands = depts.logged_commands()
        assert [c.label for c in commands] == ["医保比对：采用部门数据", "医保比对：保留登记表数据"]
        commands[0].undo()                         # the acceptance, undone after the restart
        assert depts.session(accepted.child.sheet_id).value(accepted.child.index, "medical_insurance") == "未纳入医保"
        assert depts.difference("yibao", accepted.key).status == OPEN


def test_a_send_back_reaches_the_townships_return_file(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.gongan_xlsx, "gongan")
        d = _of(depts, "gongan", ids, ans.planted["registration"], "residence_registration")
        depts.send_back(d, "请核实是否已办理居住证").redo()
        assert depts.difference("gongan", d.key).status == SENT_BACK
        file_id = next(m.file.id for m in desk.snapshot.meta.values() if m.info.sheet_id == d.child.sheet_id)
        desk.write_return(file_id, tmp_path / "退回.xlsx")
    ws = load_workbook(tmp_path / "退回.xlsx").worksheets[1]
    texts = [str(c.value) for row in ws.iter_rows(min_row=d.child.row, max_row=d.child.row) for c in row if c.value]
    assert any("与公安比对时发现" in t and "已办理居住证" in t and "请核实是否已办理居住证" in t for t in texts)


def test_a_decision_made_for_other_values_is_stale(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.gongan_xlsx, "gongan")
        d = _of(depts, "gongan", ids, ans.planted["registration"], "residence_registration")
        depts.keep(d).redo()
        import openpyxl
        book = openpyxl.load_workbook(ans.path)
        for row in book.active.iter_rows(min_row=2):
            if row[2].value == "已办理居住证":
                row[2].value = "暂住证"                 # the department answers again, otherwise
        book.save(tmp_path / "再次.xlsx")
        depts.store_answer(depts.read_answer("gongan", tmp_path / "再次.xlsx"))
        again = depts.difference("gongan", d.key)
        assert (again.status, again.dept_value, again.stale.action) == (OPEN, "暂住证", "keep")


def test_an_acceptance_whose_edit_never_landed_is_undone_on_opening(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        d = _of(depts, "yibao", ids, ans.planted["to_hukou"])
        cmd = depts.accept(d)
        cmd.log_cmd.redo()                          # the program ends before the edit is stored
    with desk_on(base, tmp_path) as desk:
        depts = DepartmentDesk(desk)
        assert depts.logged_commands() == [] and depts.difference("yibao", d.key).status == OPEN


def test_accept_is_only_for_a_field_the_department_answered_understandably(base, tmp_path):
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.canlian_xlsx, "canlian")
        bad = next(d for d in depts.differences("canlian") if d.kind == "bad_id")
        assert set(bad.actions) == {"keep", "send_back"}
        field = next(d for d in depts.differences("canlian") if d.kind == FIELD)
        assert set(field.actions) == {"accept", "keep", "send_back"}


def test_an_edit_made_in_the_sheet_itself_is_followed(base, tmp_path):
    """The clerk fixes the cell in the sheet's own tab: after CountyDesk.sheet_edited and
    DepartmentDesk.sheet_edited the difference is gone (nothing decided: it is not listed)."""
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.gongan_xlsx, "gongan")
        d = _of(depts, "gongan", ids, ans.planted["registration"], "residence_registration")
        session = depts.session(d.child.sheet_id)
        touched = session.apply(session.edit(d.child.index, "residence_registration", "办理居住证"))
        desk.sheet_edited(d.child.sheet_id, session, touched)
        depts.sheet_edited(d.child.sheet_id, touched)
        assert depts.difference("gongan", d.key) is None
        assert len(depts.differences("gongan")) == len({x.key for x in depts.differences("gongan")})


def test_a_send_back_the_township_has_since_corrected_leaves_the_return_file(base, tmp_path):
    from intake.departments.returns import sent_back_problems
    from intake.edits import CellEdit, EditBatch
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.gongan_xlsx, "gongan")
        agreed = _of(depts, "gongan", ids, ans.planted["registration"], "residence_registration")
        changed = _of(depts, "gongan", ids, ans.planted["name"], "name")
        for d in (agreed, changed):
            depts.send_back(d, "请核实").redo()

        def returned():
            return {(sid, i, f.field) for sid in {agreed.child.sheet_id, changed.child.sheet_id}
                    for i, found in sent_back_problems(desk, sid).items() for f in found}

        def edit(d, new):
            old = depts.session(d.child.sheet_id).value(d.child.index, d.field)
            depts.apply_edit(d.child.sheet_id, EditBatch("乡镇已改正", (CellEdit(d.child.index, d.field, old, new),)))

        where = {d.key: (d.child.sheet_id, d.child.index, d.field) for d in (agreed, changed)}
        assert returned() == set(where.values())
        edit(agreed, agreed.proposed[0])                  # now as the department says
        view = depts.difference("gongan", agreed.key)
        assert (view.status, view.current) == (SENT_BACK, False)           # 已退回乡镇（现已一致）
        assert returned() == {where[changed.key]}
        edit(changed, "改" + changed.sheet_value)         # the record changed since the decision
        assert depts.difference("gongan", changed.key).stale is not None
        assert returned() == set()
        file_id = next(m.file.id for m in desk.snapshot.meta.values() if m.info.sheet_id == changed.child.sheet_id)
        desk.write_return(file_id, tmp_path / "退回.xlsx")
    texts = [str(c.value) for ws in load_workbook(tmp_path / "退回.xlsx").worksheets for row in ws.iter_rows()
             for c in row if c.value]
    assert not any("与公安比对时发现" in t for t in texts)


def test_a_send_back_the_department_answered_again_about_leaves_the_return_file_at_once(base, tmp_path):
    """The department answers again with another value: the return file written next (no
    reconciliation in between: the answer is only stored) drops that send-back, as the view
    marks it stale, and keeps the one the department still says the same about."""
    import csv
    from intake.departments.returns import sent_back_problems
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        moved, same = (_of(depts, "yibao", ids, ans.planted[k], "medical_insurance") for k in ("to_hukou", "no_place"))
        for d in (moved, same):
            depts.send_back(d, "请核实参保地").redo()
        sids = {moved.child.sheet_id, same.child.sheet_id}

        def returned():
            return {(sid, i) for sid in sids for i in sent_back_problems(desk, sid)}
        assert returned() == {moved.child.ref, same.child.ref}
        with open(ans.path, encoding="gb18030", newline="") as f:
            rows = list(csv.reader(f))
        for r in rows:
            if len(r) > 2 and r[2] == ans.planted["to_hukou"]:
                r[3], r[4] = "已参保", "本县"                       # another value, still not 未纳入医保
        again = tmp_path / "医保第二次回复.csv"
        deptkit.write_csv(again, rows, encoding="gb18030")
        answer = depts.read_answer("yibao", again)
        depts.store.store_answer("yibao", again.name, str(again), answer.file_hash, answer.records, answer.mapping,
                                 answer.notes)                   # stored only: nothing reconciled
        assert returned() == {same.child.ref}
        file_id = next(m.file.id for m in desk.snapshot.meta.values() if m.info.sheet_id == moved.child.sheet_id)
        desk.write_return(file_id, tmp_path / "退回.xlsx")
        fresh = DepartmentDesk(desk)                             # the view, reconciled afresh, agrees
        view = {k: fresh.difference("yibao", k) for k in (moved.key, same.key)}
        assert view[moved.key].status == OPEN and view[moved.key].stale is not None
        assert view[same.key].status == SENT_BACK and view[same.key].current
    texts = [str(c.value) for ws in load_workbook(tmp_path / "退回.xlsx").worksheets for row in ws.iter_rows()
             for c in row if c.value]
    found = "".join(t for t in texts if "与医保比对时发现" in t)
    assert "户籍地" not in found and "本县" not in found                  # the stale send-back is not there
    assert ("正常参保" in found) == (same.child.sheet_id == moved.child.sheet_id)     # the other one stays


def test_the_report_summary_says_which_counts_add_up_to_what(base, tmp_path):
    """比对汇总: per kind, 差异合计 = 待处理 + 已处理 + 已退回乡镇核实 = 仍有差异 + 现已一致 (an
    accepted value is 已处理 and 现已一致), the kinds add up to the 合计 row, and the note says so."""
    from intake.departments.report_summary import summary_layout
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        fields = [d for d in depts.differences("yibao") if d.kind == FIELD and d.proposed]
        depts.accept(fields[0]).redo()
        depts.send_back(fields[1], "请核实").redo()
        depts.keep(next(d for d in depts.differences("yibao") if d.kind == NOT_KNOWN), "新生儿").redo()
        depts.write_report("yibao", tmp_path / "报告.xlsx")
    ws = load_workbook(tmp_path / "报告.xlsx")["比对汇总"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    layout = summary_layout()
    top = next(n for n, r in enumerate(rows) if r[0] == layout.kind_header)
    labels = [r or above for r, above in zip(rows[top + 1][1:], rows[top][1:])]      # merged: the top cell
    assert labels == [label for _c, label in layout.columns]
    assert "三项之和" in "".join(str(v) for v in rows[top] if v)
    col = {label: n + 1 for n, label in enumerate(labels)}
    table = {r[0]: r for r in rows[top + 2:top + 2 + 6]}
    for kind, r in table.items():
        total = r[col["差异合计"]]
        assert total == r[col["待处理"]] + r[col["已处理"]] + r[col["已退回乡镇核实"]] == r[col["仍有差异"]] + r[col["现已一致"]], kind
    field_row, total_row = table["信息不一致"], table["合计"]
    assert (field_row[col["已处理"]], field_row[col["现已一致"]], field_row[col["已退回乡镇核实"]]) == (1, 1, 1)
    assert all(total_row[c] == sum(r[c] for k, r in table.items() if k != "合计") for c in col.values())
    assert any(v and str(v).startswith("说明：") and "不能相加" in str(v) for r in rows for v in r)


def test_the_report_details_wrap_long_texts_in_rows_tall_enough_and_print_one_page_wide(base, tmp_path):
    """差异明细: a long 处理说明 or 说明 wraps, its row is as tall as its lines (estimated from the
    text's width and the column's), short rows keep the default height; landscape A4, the header
    on every page, one page wide."""
    from intake.departments.report import LINE_PT, WIDTHS, wrapped_lines
    long_reason = "乡镇反映该儿童已随父母迁往外省就读，" * 6
    with desk_on(base, tmp_path) as desk:
        depts, ans, ids = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        fields = [d for d in depts.differences("yibao") if d.kind == FIELD and d.proposed]
        depts.send_back(fields[0], long_reason).redo()
        depts.write_report("yibao", tmp_path / "报告.xlsx")
    ws = load_workbook(tmp_path / "报告.xlsx")["差异明细"]
    header = [c.value for c in ws[1]]
    reason_col = header.index("处理说明") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, reason_col).value == long_reason)
    lines = wrapped_lines(long_reason, WIDTHS["处理说明"])
    assert lines >= 5
    assert ws.row_dimensions[row].height >= LINE_PT * lines
    assert ws.cell(row, reason_col).alignment.wrap_text
    short = [r for r in range(2, ws.max_row + 1) if not ws.cell(r, reason_col).value
             and max(wrapped_lines(str(c.value or ""), WIDTHS.get(h, 8)) for c, h in zip(ws[r], header)) == 1]
    assert short and all(ws.row_dimensions[r].height is None for r in short)
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)       # 1 is omitted as the default
    assert ws.print_title_rows == "$1:$1"


def test_wrapped_lines_counts_cjk_double_and_line_breaks():
    from intake.departments.report import wrapped_lines
    assert wrapped_lines("短", 16) == 1
    assert wrapped_lines("长" * 40, 16) > wrapped_lines("长" * 40, 36) > 1
    assert wrapped_lines("a" * 30, 36) == 1
    assert wrapped_lines("一\n二\n三", 36) == 3


def _cells(path):
    """Every sheet's values and comments (the file's content, not its timestamps)."""
    book = load_workbook(path)
    return {ws.title: [[(c.value, c.comment.text if c.comment else None) for c in row] for row in ws.iter_rows()]
            for ws in book.worksheets}


def test_all_return_files_at_once_read_each_answer_once_and_match_the_files_written_one_by_one(
        base, tmp_path, monkeypatch):
    """write_returns reads each department's stored answer once for the whole call (not once a
    sheet), and every file it writes holds what writing that file alone holds."""
    from intake.departments.store import DeptStore
    with desk_on(base, tmp_path) as desk:
        depts, _, _ = _answered(desk, tmp_path, deptkit.yibao_csv, "yibao")
        _, gongan, gongan_ids = _answered(desk, tmp_path, deptkit.gongan_xlsx, "gongan")
        sheets = {}
        for d in depts.differences("yibao"):
            if d.kind == FIELD and d.child:
                sheets.setdefault(d.child.sheet_id, d)
        assert len(sheets) >= 2                       # one department's send-backs on two sheets
        sent = list(sheets.values())[:2]
        sent += [_of(depts, "gongan", gongan_ids, gongan.planted["registration"], "residence_registration")]
        for d in sent:
            depts.send_back(d, "请核实").redo()
        reads = []
        real = DeptStore.answer
        monkeypatch.setattr(DeptStore, "answer", lambda self, dept: reads.append(dept) or real(self, dept))
        summary = desk.write_returns(tmp_path / "全部")
        assert sorted(reads) == ["gongan", "yibao"]
        ids = {m.file.name: m.file.id for m in desk.snapshot.meta.values()}
        for w in summary.written:
            desk.write_return(ids[w.file], tmp_path / w.target.name)
    files = {next(m.file.name for m in desk.snapshot.meta.values() if m.info.sheet_id == d.child.sheet_id) for d in sent}
    by_file = {w.file: w for w in summary.written}
    assert files <= set(by_file) and sum(by_file[f].send_backs for f in files) >= len(sent)
    for w in summary.written:
        assert _cells(w.target) == _cells(tmp_path / w.target.name), w.file
    texts = "".join(str(v) for f in files for rows in _cells(by_file[f].target).values() for r in rows for v, _ in r if v)
    assert "与医保比对时发现" in texts and "与公安比对时发现" in texts
