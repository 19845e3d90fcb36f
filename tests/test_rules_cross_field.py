from datetime import date

import pytest

from rowkit import codes, liudong_cells, liushou_cells, row
from validators.rules import cross_field


def test_clean_records_pass():
    assert cross_field.check(row(**liudong_cells())) == []
    assert cross_field.check(row("liushou", **liushou_cells())) == []


def test_consistent_disability_passes():
    cells = liudong_cells(health=("残疾", "慢性病"), disability_category=("肢体残疾",), disability_grade="三级",
                          rehab_aid="是")
    assert cross_field.check(row(**cells)) == []


@pytest.mark.parametrize("change, odd", [
    (dict(disability_category=("肢体残疾",)), "disability_category"),   # only the category says yes
    (dict(health=("残疾",)), "health"),
    (dict(disability_grade="二级"), "disability_grade"),
])
def test_one_disability_cell_disagreeing_is_flagged(change, odd):
    found = cross_field.check(row(**liudong_cells(**change)))
    assert codes(found) == [("cross.disability", odd)] and found[0].is_error


def test_two_of_three_disabled_flags_the_third():
    found = cross_field.check(row(**liudong_cells(health=("残疾",), disability_category=("听力残疾",))))
    assert codes(found) == [("cross.disability", "disability_grade")]
    assert "应填写残疾等级" in found[0].message


def test_two_cells_only_flag_grade_first():
    cells = liudong_cells(health=None, disability_grade="一级")
    assert codes(cross_field.check(row(**cells))) == [("cross.disability", "disability_grade")]


def test_multiple_disability_needs_two_named_categories():
    base = dict(health=("残疾",), disability_grade="一级")
    one = cross_field.check(row(**liudong_cells(disability_category=("多重残疾", "视力残疾"), **base)))
    assert codes(one) == [("cross.multiple_disability", "disability_category")]
    two = liudong_cells(disability_category=("多重残疾", "视力残疾", "听力残疾"), **base)
    assert cross_field.check(row(**two)) == []


def test_rehab_without_disability_is_a_warning():
    found = cross_field.check(row(**liudong_cells(rehab_aid="是")))
    assert codes(found) == [("cross.rehab_without_disability", "rehab_aid")] and not found[0].is_error


@pytest.mark.parametrize("birth, stage, ok", [
    (date(2019, 12, 31), "学龄前", True),     # 6 on the reference date
    (date(2018, 12, 31), "学龄前", False),    # 7
    (date(2019, 12, 31), "小学", True),       # 6
    (date(2020, 1, 1), "小学", False),        # 5
    (date(2012, 1, 1), "小学", True),         # 13
    (date(2011, 12, 31), "小学", False),      # 14
    (date(2014, 12, 31), "初中", True),       # 11
    (date(2015, 1, 1), "初中", False),        # 10
    (date(2011, 12, 31), "高中", True),       # 14
    (date(2012, 1, 1), "中等职业教育", False),  # 13
    (date(2021, 6, 1), "初中", False),        # a 4-year-old in 初中
    (date(2011, 6, 1), "学龄前", False),      # a 14-year-old 学龄前
])
def test_schooling_against_age_with_boundaries(birth, stage, ok):
    status = "在读"
    found = cross_field.check(row(**liudong_cells(birth_date=birth, schooling=stage, study_status=status)))
    assert (codes(found) == []) is ok
    if not ok:
        assert codes(found) == [("cross.school_age", "schooling")] and found[0].is_error


@pytest.mark.parametrize("stage, status, ok", [
    ("失学", "在读", False), ("无就学能力", "在读", False), ("失学", "辍学", True),
    ("学龄前", "毕业", False), ("学龄前", "辍学", False), ("学龄前", "在读", True),
])
def test_study_status_against_schooling(stage, status, ok):
    cells = liudong_cells(birth_date=date(2020, 5, 1), schooling=stage, study_status=status)
    found = cross_field.check(row(**cells))
    assert (found == []) is ok
    if not ok:
        assert codes(found) == [("cross.study_status", "study_status")]


def test_health_services_received_by_older_children_warn():
    seven = liudong_cells(birth_date=date(2018, 12, 31), schooling="小学", svc_0_6="在居住地接受")
    found = cross_field.check(row(**seven))
    assert codes(found) == [("cross.service_age", "svc_0_6")] and "7岁" in found[0].message
    assert cross_field.check(row(**dict(seven, birth_date=date(2019, 1, 1), schooling="学龄前"))) == []
    assert cross_field.check(row(**dict(seven, svc_0_6="未接受"))) == []
    m37 = liudong_cells(birth_date=date(2022, 11, 30), schooling="学龄前", svc_0_36m="在户籍地接受")
    assert codes(cross_field.check(row(**m37))) == [("cross.service_age", "svc_0_36m")]
    m36 = dict(m37, birth_date=date(2022, 12, 31))
    assert cross_field.check(row(**m36)) == []


def test_hardship_without_matching_support_warns():
    cells = liudong_cells(family_hardship=("低保家庭", "特困家庭"), living_support=("低保",))
    found = cross_field.check(row(**cells))
    assert codes(found) == [("cross.hardship_support", "living_support")]
    assert "特困" in found[0].message and not found[0].is_error
    ok = dict(cells, living_support=("低保", "特困"))
    assert cross_field.check(row(**ok)) == []


def test_multiple_disability_written_as_the_form_invites_it_end_to_end():
    """多重残疾（…）/多重残疾：… read from the cells: listed categories count, 健康状况 must agree."""
    from sheetkit import CTX, child_id, columns, liudong_record
    from validators.engine import TableValidator
    from intake.forms import load_form
    disabled = dict(health="残疾", disability_grade="二级")
    cells = ["多重残疾（肢体残疾、智力残疾）", "多重残疾(视力、听力)", "多重残疾：听力、言语",
             "多重残疾（肢体）", "多重残疾（肢体、脑瘫）"]
    records = [liudong_record(id_number=child_id("20150302", f"{n}31"), disability_category=c, **disabled)
               for n, c in enumerate(cells)]
    records.append(liudong_record(id_number=child_id("20150302", "931"), health="健康", disability_grade="无",
                                  disability_category="多重残疾（肢体残疾、智力残疾）"))
    v = TableValidator(load_form("liudong"), columns(records), CTX)
    found = {(f.index, f.code, f.severity.value) for f in v.run().all()}
    assert found == {(0, "option.normalised", "hint"), (1, "option.normalised", "hint"),
                     (2, "option.normalised", "hint"), (3, "option.normalised", "hint"),
                     (3, "cross.multiple_disability", "error"), (4, "option.detail_unknown", "error"),
                     (5, "option.normalised", "hint"), (5, "cross.disability", "error")}


def test_no_entrusted_guardian_but_carer_details_filled_is_a_warning():
    from validators.rules import carer
    filled = row("liushou", **liushou_cells(has_entrusted_guardian="无"))
    found = carer.check(filled)
    assert codes(found) == [("cross.carer_without_entrusted", "has_entrusted_guardian")]
    assert not found[0].is_error and "受委托照顾人姓名" in found[0].message
    assert carer.check(row("liushou", **liushou_cells())) == []           # 有, details given
    none = liushou_cells(has_entrusted_guardian="无", carer_relation=None, carer_phone=None,
                         carer_name=None, carer_id=None)
    assert carer.check(row("liushou", **none)) == []
    address_only = dict(none, carer_current_address="河南省南阳市宛城区新华街道1号")
    assert carer.check(row("liushou", **address_only)) == []      # an address alone: leftover, no person
