"""The 决定记录 view of the county log: newest first, records named by township, file, row,
name and masked ID, undone entries marked, saved as .xlsx (no Qt)."""
import re

import openpyxl

from countykit import desk_on
import deptkit
from intake.county.log_view import COLUMNS, book_name, log_lines, write_log_book
from intake.county.model import DUPLICATE
from intake.departments.desk import DepartmentDesk
from intake.departments.model import FIELD

FULL_ID = re.compile(r"\d{17}[\dX]")


def test_the_log_newest_first_with_masked_ids_undone_marked_and_saved(county_set, tmp_path):
    _, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        g = desk.groups(kind=DUPLICATE)[0]
        kept = g.occurrences[0]
        ids = {r: v["id_number"] for r, v in desk.records.values(g.refs).items()}
        desk.keep(g, kept.ref, "保留现居住地的登记").redo()
        meta = next(iter(desk.snapshot.meta.values()))
        moved = desk.set_township(meta.file.id, "金城镇", "文件名写错了")
        moved.redo()
        moved.undo()
        lines = log_lines(desk)
        assert [line.kind for line in lines] == ["更正乡镇", "同一身份证号重复登记：保留一条"]
        township, decision = lines
        assert township.undone and township.status.startswith("已撤销（") and township.reason == "文件名写错了"
        assert f"“{meta.file.name}” → 金城镇" == township.records
        assert not decision.undone and decision.status == "有效" and decision.reason == "保留现居住地的登记"
        assert f"{kept.township} {kept.file} 第{kept.row}行" in decision.records
        assert decision.records.startswith("【保留】") and decision.records.count("；") == len(g.refs) - 1
        masked = {i[:4] + "*" * 10 + i[-4:] for i in ids.values()}
        assert all(m in decision.records for m in masked) and not FULL_ID.search(decision.records)
        target = write_log_book(desk, tmp_path / "决定记录.xlsx")
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[2] == COLUMNS and [r[1] for r in rows[3:]] == [township.kind, decision.kind]
    assert not any(FULL_ID.search(str(c)) for r in rows for c in r if c)
    assert not list(tmp_path.glob("*.tmp*"))


def test_a_merge_says_which_fields_came_from_which_record_and_a_partial_send_back_which_went(county_set, tmp_path):
    from intake.county.model import POSSIBLE
    _, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        g = desk.compared(desk.groups(kind=DUPLICATE)[0])
        base_rec, other = g.occurrences[0], g.occurrences[1]
        field = g.differs[0]                                   # 父亲联系方式 in the generated set
        desk.merge(g, base_rec.ref, {field: other.ref}).redo()
        p = desk.groups(kind=POSSIBLE)[0]
        desk.send_back(p, [p.occurrences[1].ref]).redo()
        sent, merged = log_lines(desk)[:2]
    assert merged.kind.endswith("合并记录")
    assert merged.records.endswith(f"。合并时采用另一条记录的：父亲联系方式（取自{other.township} 第{other.row}行）")
    assert merged.records.startswith("【保留】") and not FULL_ID.search(merged.records)
    phones = {v.get(field) for v in desk_values(base, tmp_path, g.refs).values()}
    assert not any(ph and ph in merged.records for ph in phones)     # field names, never values
    first, second = sent.records.split("；")
    assert not first.startswith("【退回】") and second.startswith("【退回】")


def desk_values(base, tmp_path, refs):
    with desk_on(base, tmp_path) as desk:
        return desk.records.values(refs)


def test_department_decisions_are_listed_with_the_countys_in_time_order(county_set, tmp_path):
    _, base, _ = county_set
    with desk_on(base, tmp_path) as desk:
        g = desk.groups(kind=DUPLICATE)[0]
        desk.keep(g, g.occurrences[0].ref, "先定的").redo()
        depts = DepartmentDesk(desk)
        depts.store_answer(depts.read_answer("yibao", deptkit.yibao_csv(depts, tmp_path).path))
        found = [d for d in depts.differences("yibao") if d.child is not None]
        accepted = next(d for d in found if d.kind == FIELD and len(d.proposed) == 1)
        kept, sent = [d for d in found if d is not accepted][:2]
        ids = {r: v["id_number"] for r, v in desk.records.values([accepted.child.ref]).items()}
        depts.accept(accepted, reason="医保系统显示已参保").redo()
        depts.keep(kept).redo()
        back = depts.send_back(sent, reason="请乡镇核实")
        back.redo()
        back.undo()
        meta = next(iter(desk.snapshot.meta.values()))
        desk.set_township(meta.file.id, "金城镇", "后定的").redo()
        lines = log_lines(desk)
        assert [line.kind for line in lines] == ["更正乡镇", "医保部门比对：退回乡镇核实", "医保部门比对：保留登记表数据",
                                                 "医保部门比对：采用部门数据", "同一身份证号重复登记：保留一条"]
        first = lines[3]
        c = accepted.child
        assert first.records.startswith("信息不一致（纳入医保情况）：" + f"{c.township} {c.file} 第{c.row}行")
        assert ids[c.ref][:4] + "*" * 10 + ids[c.ref][-4:] in first.records and not FULL_ID.search(first.records)
        assert (first.reason, first.status) == ("医保系统显示已参保", "有效")
        assert lines[1].undone and lines[1].status.startswith("已撤销（") and lines[1].reason == "请乡镇核实"
        assert [line.stamp for line in lines] == sorted((line.stamp for line in lines), reverse=True)
        target = write_log_book(desk, tmp_path / book_name(desk.county))
    assert target.name == "仪陇县县级汇总决定记录.xlsx" and book_name(None) == "县级汇总决定记录.xlsx"
    ws = openpyxl.load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "仪陇县县级汇总决定记录"
    assert rows[1][0].startswith("本县：四川省 南充市 仪陇县（511324）；摸排基准日：")
    assert "写出时间：" in rows[1][0] and "共5条决定（最新的在前，其中1条已撤销，灰色）" in rows[1][0]
    assert [r[1] for r in rows[3:]] == [line.kind for line in lines]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
