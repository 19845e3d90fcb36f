from datetime import date

from rowkit import Cell, codes, liudong_cells, liushou_cells, make_id, place, row
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
    assert "相差不到16岁" in found[0].message and "母亲" in found[0].message
    sixteen = liudong_cells(mother_id=make_id("411302", "19990302", "222"))
    assert identity.check(row(**sixteen)) == []


def test_parent_born_after_the_child_is_an_error():
    later = liudong_cells(mother_id=make_id("411302", "20170302", "222"))
    found = identity.check(row(**later))
    assert codes(found) == [("id.adult_younger", "mother_id")] and found[0].is_error
    assert "2017-03-02" in found[0].message and "2015-03-02" in found[0].message
    same_day = liudong_cells(father_id=make_id("411302", "20150302", "111"))
    assert codes(identity.check(row(**same_day))) == [("id.adult_younger", "father_id")]


def test_parent_sex_from_the_number_against_the_role_is_an_error():
    found = identity.check(row(**liudong_cells(father_id=make_id("411302", "19850101", "112"))))
    assert codes(found) == [("id.parent_sex", "father_id")]
    assert found[0].is_error and "父亲应为男性" in found[0].message and "填反" not in found[0].message
    found = identity.check(row(**liudong_cells(mother_id=make_id("411302", "19870202", "221"))))
    assert codes(found) == [("id.parent_sex", "mother_id")]


def test_swapped_parents_say_so_on_both_cells():
    cells = liudong_cells(father_id=make_id("411302", "19870202", "222"),
                          mother_id=make_id("411302", "19850101", "111"))
    found = identity.check(row(**cells))
    assert codes(found) == [("id.parent_sex", "father_id"), ("id.parent_sex", "mother_id")]
    assert all("填反" in f.message for f in found)


def test_one_number_on_two_people_is_an_error_on_the_copy():
    child = make_id("411302", "20150302", "123")
    found = identity.check(row(**liudong_cells(father_id=child)))
    assert codes(found) == [("id.copied", "father_id")]          # no "not adult" on top
    assert found[0].is_error and "与儿童的公民身份号码是同一个号码" in found[0].message
    assert "复制" in found[0].message and "父亲本人" in found[0].message

    father = make_id("411302", "19850101", "111")
    found = identity.check(row(**liudong_cells(mother_id=father)))
    assert codes(found) == [("id.copied", "mother_id")] and "父亲公民身份号码" in found[0].message


def test_the_copy_is_the_cell_the_number_does_not_fit():
    """The mother's number typed into the father's column (and the mother's): the father's
    cell is the copy, though it comes first; the child's number in the child's column is the
    child's even when a parent's column holds it too."""
    mother = make_id("411302", "19870202", "222")
    found = identity.check(row(**liudong_cells(father_id=mother, mother_id=mother)))
    assert codes(found) == [("id.copied", "father_id")]
    father = make_id("411302", "19850101", "111")
    found = identity.check(row(**liudong_cells(id_number=father, birth_date=None)))
    assert ("id.copied", "id_number") not in codes(found)


def test_the_childs_column_holding_a_parents_number_is_the_copy():
    father = make_id("411302", "19850101", "111")
    found = identity.check(row(**liudong_cells(id_number=father)))
    assert codes(found) == [("id.copied", "id_number")]       # not also a birth-date mismatch


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


def test_ages_by_generation_of_the_relation():
    """A grandmother needs two generations (32 years); a 哥哥 or 舅舅 only has to be an adult."""
    grandma = liushou_cells(carer_id=make_id("411302", "19850505", "142"))      # 27 years older
    found = identity.check(row("liushou", **grandma))
    assert codes(found) == [("id.not_adult", "carer_id")] and "相差不到32岁" in found[0].message
    uncle = dict(grandma, carer_relation=Cell("其他：舅舅", "其他"),
                 carer_id=make_id("411302", "20000505", "131"))               # 12 years older, 25
    assert identity.check(row("liushou", **uncle)) == []
    minor = dict(uncle, carer_id=make_id("411302", "20090505", "131"))        # 16 on the reference date
    found = identity.check(row("liushou", **minor))
    assert codes(found) == [("id.guardian_minor", "carer_id")] and not found[0].is_error
    assert "能否担任受委托照顾人" in found[0].message
    older_sister = liudong_cells(co_resident="其他监护人", guardian_relation="姐姐",
                                 guardian_id=make_id("411302", "20050101", "142"))
    assert identity.check(row(**older_sister)) == []


def test_grandparent_born_after_the_child_is_an_error():
    cells = liushou_cells(carer_id=make_id("411302", "20130505", "142"))
    assert codes(identity.check(row("liushou", **cells))) == [("id.adult_younger", "carer_id")]


def test_residence_permit_numbers_are_named_and_have_no_hukou_to_compare():
    taiwan_grandpa = liushou_cells(carer_relation="爷爷", carer_id=make_id("830000", "19560505", "131"))
    assert identity.check(row("liushou", **taiwan_grandpa)) == []
    late = dict(taiwan_grandpa, carer_id=make_id("830000", "19900505", "131"))
    found = identity.check(row("liushou", **late))
    assert codes(found) == [("id.not_adult", "carer_id")] and "（台湾居民居住证）" in found[0].message
    child = liudong_cells(id_number=make_id("810000", "20150302", "123"))
    assert identity.check(row(**child)) == []                  # the cell check warns (id.permit_child)


def test_an_old_code_of_the_same_county_is_not_a_moved_hukou():
    """淅川县 was 412927 until 1994, 411326 since: the same place."""
    xichuan = place("411326", "411300", "河南省南阳市淅川县")
    old = liudong_cells(id_number=make_id("412927", "20150302", "123"), hukou_address=xichuan)
    assert identity.check(row(**old)) == []
    other = liudong_cells(id_number=make_id("411302", "20150302", "123"), hukou_address=xichuan)
    assert codes(identity.check(row(**other))) == [("id.area_differs", "id_number")]

