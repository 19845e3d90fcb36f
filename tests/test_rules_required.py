from datetime import date

from rowkit import liudong_cells, liushou_cells, row, codes
from validators.rules import required


def test_clean_record_has_nothing_missing():
    assert required.check(row(**liudong_cells())) == []
    assert required.check(row("liushou", **liushou_cells())) == []


def test_blank_required_field_is_an_error_with_the_options_as_hint():
    found = required.check(row(**liudong_cells(sex=None, ethnicity="  ")))
    assert codes(found) == [("required.missing", "ethnicity"), ("required.missing", "sex")]
    sex = next(f for f in found if f.field == "sex")
    assert sex.is_error and "性别为必填项" in sex.message and "可填：男、女" in sex.message


def test_id_number_not_required_without_hukou():
    assert codes(required.check(row(**liudong_cells(id_number=None)))) == [("required.missing", "id_number")]
    assert required.check(row(**liudong_cells(id_number=None, hukou_registered="否"))) == []


def test_school_fields_do_not_apply_under_three():
    toddler = liudong_cells(birth_date=date(2023, 6, 1), id_number=None, hukou_registered="否",
                            schooling=None, study_status=None, boarding=None,
                            svc_0_6="在居住地接受", svc_0_36m="未接受")
    assert required.check(row(**toddler)) == []
    three = dict(toddler, birth_date=date(2022, 12, 31))          # turns 3 on the reference date
    assert codes(required.check(row(**three))) == [("required.missing", "schooling"),
                                                    ("required.missing", "study_status")]


def test_health_services_required_only_for_young_children():
    six = liudong_cells(birth_date=date(2019, 12, 31), id_number=None, hukou_registered="否",
                        schooling="学龄前", boarding=None)
    assert codes(required.check(row(**six))) == [("required.missing", "svc_0_6")]
    seven = dict(six, birth_date=date(2018, 12, 31))
    assert required.check(row(**seven)) == []
    months36 = dict(six, birth_date=date(2022, 12, 31), svc_0_6="未接受", schooling="学龄前")
    assert codes(required.check(row(**months36))) == [("required.missing", "svc_0_36m")]
    months37 = dict(months36, birth_date=date(2022, 11, 30))
    assert required.check(row(**months37)) == []


def test_unknown_age_demands_no_age_dependent_field():
    cells = liudong_cells(birth_date=None, id_number=None, hukou_registered="否",
                          schooling=None, study_status=None)
    assert codes(required.check(row(**cells))) == [("required.missing", "birth_date")]


def test_other_guardian_block_required_when_co_resident_is_other_guardian():
    cells = liudong_cells(co_resident="其他监护人", guardian_name=None, guardian_relation=None,
                          guardian_phone=None)
    found = required.check(row(**cells))
    assert codes(found) == [("required.missing", "guardian_name"), ("required.missing", "guardian_phone"),
                            ("required.missing", "guardian_relation")]
    assert "共同居住人为“其他监护人”" in found[0].message
    assert required.check(row(**dict(cells, co_resident="父母一方"))) == []


def test_entrusted_carer_required_when_there_is_one():
    cells = liushou_cells(carer_name=None, carer_relation=None, carer_phone=None)
    assert codes(required.check(row("liushou", **cells))) == [
        ("required.missing", "carer_name"), ("required.missing", "carer_phone"),
        ("required.missing", "carer_relation")]
    assert required.check(row("liushou", **dict(cells, has_entrusted_guardian="无"))) == []


def test_boarding_required_for_school_stages_only():
    assert codes(required.check(row(**liudong_cells(boarding=None)))) == [("required.missing", "boarding")]
    cells = liudong_cells(boarding=None, schooling="失学", study_status="辍学")
    assert required.check(row(**cells)) == []


def test_liushou_family_hardship_blank_is_missing_with_hint_to_write_none():
    found = required.check(row("liushou", **liushou_cells(family_hardship=None)))
    assert codes(found) == [("required.missing", "family_hardship")]
    assert "没有请填“无”" in found[0].message
    assert required.check(row(**liudong_cells(family_hardship=None))) == []


def test_absent_column_is_not_reported_per_row():
    cells = liudong_cells()
    del cells["ethnicity"]
    assert required.check(row(**cells)) == []
