"""Department checks: each department's answer in its own layout (医保 CSV in GB18030 with a
title line, 教育 .xls with a two-row header, 残联 keyed by 残疾人证号 with a wrong check digit,
公安 and 卫健 .xlsx), read in a child process and reconciled: every planted difference found with
its kind, none where the department only spells a value its own way, and the 漏报 lead placed
in its township."""
import polars as pl
import pytest

import deptkit
from countykit import desk_on
from intake.departments.desk import DepartmentDesk
from intake.departments.model import BAD_ID, FIELD, MISSED, NOT_KNOWN


@pytest.fixture
def depts(county_set, tmp_path):
    with desk_on(county_set[1], tmp_path) as desk:
        yield DepartmentDesk(desk)


def found(depts, dept: str, diffs) -> set[tuple]:
    """(kind, child ID, field) of each difference, leaving out IDs the register holds twice (a
    child sent by two townships, still undecided: both records are compared, so the kit's
    one-answer-an-ID expectations do not cover them)."""
    reg = depts.register(dept, [])
    ids = {(r["sheet_id"], r["index"]): r["id"] for r in reg.iter_rows(named=True)}
    twice = set(reg.filter(pl.col("id").is_duplicated())["id"].to_list())
    out = {(d.kind, ids[(d.child.sheet_id, d.child.index)] if d.child else None, d.field) for d in diffs}
    return {t for t in out if t[1] not in twice}


def expected(depts, dept, ans) -> set[tuple]:
    twice = set(depts.register(dept, []).filter(pl.col("id").is_duplicated())["id"].to_list())
    return {t for t in ans.expected if t[1] not in twice}


def reconciled(depts, dept, ans):
    answer = depts.read_answer(dept, ans.path)
    return answer, depts.store_answer(answer)


def test_yibao_csv_in_gb18030_spellings_agree_and_the_planted_rows_differ(depts, tmp_path):
    ans = deptkit.yibao_csv(depts, tmp_path)
    answer, diffs = reconciled(depts, "yibao", ans)
    assert answer.n_records > 100 and not answer.doubtful and not answer.missing
    assert found(depts, "yibao", diffs) == expected(depts, "yibao", ans)
    by_kind = {d.kind for d in diffs}
    assert MISSED not in by_kind          # no 现住址 column: the extra record cannot be placed
    ids = {(r["sheet_id"], r["index"]): r["id"] for r in depts.register("yibao", []).iter_rows(named=True)}
    to_hukou = next(d for d in diffs if d.child and ids[d.child.ref] == ans.planted["to_hukou"])
    assert (to_hukou.sheet_value, to_hukou.dept_value, to_hukou.proposed) == \
        ("未纳入医保", "已参保，户籍地", ("纳入户籍地医保",))
    no_place = next(d for d in diffs if d.child and ids[d.child.ref] == ans.planted["no_place"])
    assert no_place.proposed == ("纳入户籍地医保", "纳入居住地医保")


def test_a_record_of_a_child_on_no_sheet_living_in_the_county_is_a_missed_lead(depts, tmp_path):
    ans = deptkit.yibao_with_address(depts, tmp_path)
    _answer, diffs = reconciled(depts, "yibao", ans)
    assert found(depts, "yibao", diffs) == expected(depts, "yibao", ans)
    leads = [d for d in diffs if d.kind == MISSED]
    assert len(leads) == 1                # the adult and the child living elsewhere are not leads
    lead = leads[0]
    assert (lead.township, lead.person.name, lead.person.id_number, lead.person.form) == \
        ("新政镇", "赵小漏", ans.planted["missed"], "liudong")
    assert lead.child is None and lead.answer_row and ans.planted["missed"][-4:] not in lead.key


def test_jiaoyu_xls_with_a_two_row_header_grade_maps_onto_the_stage(depts, tmp_path):
    ans = deptkit.jiaoyu_xls(depts, tmp_path)
    answer, diffs = reconciled(depts, "jiaoyu", ans)
    assert not answer.doubtful and [t.header_rows[-1] for t in answer.tables] == [3]      # title, groups skipped
    assert answer.records["row"].min() == 4
    assert found(depts, "jiaoyu", diffs) == expected(depts, "jiaoyu", ans)
    grade = next(d for d in diffs if d.kind == FIELD and d.field == "schooling")
    assert (grade.sheet_value, grade.dept_value, grade.proposed) == ("初中", "小学六年级", ("小学",))
    assert not any(d.kind == NOT_KNOWN and d.child and d.sheet_value == "学龄前" for d in diffs)


def test_canlian_keyed_by_card_number_with_a_wrong_check_digit(depts, tmp_path):
    ans = deptkit.canlian_xlsx(depts, tmp_path)
    answer, diffs = reconciled(depts, "canlian", ans)
    assert found(depts, "canlian", diffs) == expected(depts, "canlian", ans)
    bad = [d for d in diffs if d.kind == BAD_ID]
    assert len(bad) == 1 and "校验码" in bad[0].note and bad[0].child is not None
    assert ans.planted["bad_check"] not in bad[0].dept_value + bad[0].note      # masked
    new_card = {d.field: d for d in diffs if d.kind == FIELD and d.proposed in (("肢体残疾",), ("二级",))
                and d.sheet_value == "无"}
    assert set(new_card) == {"disability_category", "disability_grade"}
    assert "接受康复救助情况" in answer.missing


def test_gongan_and_weijian_in_their_own_layouts(depts, tmp_path):
    for dept, make in (("gongan", deptkit.gongan_xlsx), ("weijian", deptkit.weijian_xlsx)):
        ans = make(depts, tmp_path)
        _answer, diffs = reconciled(depts, dept, ans)
        assert found(depts, dept, diffs) == expected(depts, dept, ans), dept
    weijian = depts.differences("weijian")
    assert [d.proposed for d in weijian if d.kind == FIELD] == [("在居住地接受",)]
    assert all(d.child.form == "liudong" for d in depts.differences("gongan") if d.child)


def test_who_each_department_gets(depts):
    as_of = depts.desk.as_of
    for dept in ("weijian", "jiaoyu", "gongan"):
        frame = depts.register(dept, ["birth_date"])
        days = frame["birth"].str.to_date().to_list()
        ages = [as_of.year - d.year - ((as_of.month, as_of.day) < (d.month, d.day)) for d in days if d]
        if dept == "weijian":
            assert ages and max(ages) < 7
        if dept == "jiaoyu":
            assert ages and min(ages) >= 3
        if dept == "gongan":
            assert set(frame["form"].to_list()) == {"liudong"}
    assert set(depts.register("yibao", [])["form"].to_list()) == {"liudong", "liushou"}


def test_a_corrected_answer_replaces_the_earlier_one(depts, tmp_path):
    first = deptkit.weijian_xlsx(depts, tmp_path)
    reconciled(depts, "weijian", first)
    assert [d.kind for d in depts.differences("weijian")] == [FIELD]
    import openpyxl
    book = openpyxl.load_workbook(first.path)
    for row in book.active.iter_rows(min_row=3):
        if row[2].value == "已随访":
            row[2].value = "否"
    fixed = tmp_path / "更正.xlsx"
    book.save(fixed)
    answer = depts.read_answer("weijian", fixed)
    assert depts.store_answer(answer) == [] and depts.summary("weijian").answer_file == "更正.xlsx"
