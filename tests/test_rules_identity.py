from datetime import date

from rowkit import Cell, codes, liudong_cells, liushou_cells, make_id, row, place
from validators.rules import identity


def test_clean_records_pass():
    assert identity.check(row(**liudong_cells())) == []
    assert identity.check(row("liushou", **liushou_cells())) == []


def test_sex_mismatch_is_an_error_on_sex_saying_why():
    found = identity.check(row(**liudong_cells(sex="女")))
    assert codes(found) == [("id.sex_mismatch", "sex")]
    assert found[0].is_error and "第17位表示“男”" in found[0].message and "多半是性别填错了" in found[0].message


def test_birth_mismatch_is_an_error_on_birth_date():
    found = identity.check(row(**liudong_cells(birth_date=date(2015, 3, 3))))
    assert codes(found) == [("id.birth_mismatch", "birth_date")]
    assert "2015-03-02" in found[0].message


def test_id_birth_after_reference_date():
    cells = liudong_cells(id_number=make_id("411302", "20260105", "123"), birth_date=None)
    found = identity.check(row(**cells))
    assert codes(found) == [("id.future_birth", "id_number")]


def test_child_area_differs_from_hukou_county_is_a_warning():
    found = identity.check(row(**liudong_cells(hukou_address=place("411303", "411300", "河南省南阳市卧龙区"))))
    assert codes(found) == [("id.area_differs", "id_number")]
    assert not found[0].is_error
    prefecture_code = liudong_cells(id_number=make_id("411300", "20150302", "123"))
    assert identity.check(row(**prefecture_code)) == []


def test_parent_must_be_sixteen_years_older():
    young = liudong_cells(mother_id=make_id("411302", "19990303", "222"))   # 15 years 364 days
    found = identity.check(row(**young))
    assert codes(found) == [("id.not_adult", "mother_id")] and not found[0].is_error
    sixteen = liudong_cells(mother_id=make_id("411302", "19990302", "222"))
    assert identity.check(row(**sixteen)) == []


def test_parent_parity_must_match_role():
    found = identity.check(row(**liudong_cells(father_id=make_id("411302", "19850101", "112"))))
    assert codes(found) == [("id.role_sex", "father_id")]
    assert "父亲" in found[0].message and not found[0].is_error
    found = identity.check(row(**liudong_cells(mother_id=make_id("411302", "19870202", "221"))))
    assert codes(found) == [("id.role_sex", "mother_id")]


def test_carer_sex_comes_from_the_relation():
    grandma_male_id = liushou_cells(carer_id=make_id("411302", "19600505", "141"))
    assert codes(identity.check(row("liushou", **grandma_male_id))) == [("id.role_sex", "carer_id")]
    grandpa = dict(grandma_male_id, carer_relation="爷爷")
    assert identity.check(row("liushou", **grandpa)) == []
    other = dict(grandma_male_id, carer_relation=Cell("其他：舅舅", "其他"))
    assert identity.check(row("liushou", **other)) == []
    aunt = dict(grandma_male_id, carer_relation=Cell("其他：姑姑", "其他"))
    assert codes(identity.check(row("liushou", **aunt))) == [("id.role_sex", "carer_id")]


def test_guardian_relation_free_text():
    cells = liudong_cells(co_resident="其他监护人", guardian_relation="外婆",
                          guardian_id=make_id("411302", "19620101", "131"))
    assert codes(identity.check(row(**cells))) == [("id.role_sex", "guardian_id")]
    assert identity.check(row(**dict(cells, guardian_relation="舅舅"))) == []
