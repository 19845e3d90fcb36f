"""The 决定记录 view of the county log: newest first, records named by township, file, row,
name and masked ID, undone entries marked, saved as .xlsx (no Qt)."""
import re

import openpyxl

from countykit import desk_on
from intake.county.log_view import COLUMNS, log_lines, write_log_book
from intake.county.model import DUPLICATE

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
    assert rows[0] == COLUMNS and [r[1] for r in rows[1:]] == [township.kind, decision.kind]
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
