from datetime import date

from rowkit import (BEIJING_CHAOYANG, NANYANG_WANCHENG, NANYANG_WOLONG, ZHENGZHOU_JINSHUI, codes,
                    liudong_cells, liushou_cells, make_id, place, row)
from validators.rules import county, eligibility


def test_clean_records_are_eligible():
    assert eligibility.check(row(**liudong_cells())) == []
    assert eligibility.check(row("liushou", **liushou_cells())) == []


def test_child_who_turns_16_on_the_reference_date_is_out():
    found = eligibility.check(row(**liudong_cells(birth_date=date(2009, 12, 31), id_number=None)))
    assert codes(found) == [("eligibility.age", "birth_date")]
    assert "2025-12-31" in found[0].message and found[0].is_error
    assert eligibility.check(row(**liudong_cells(birth_date=date(2010, 1, 1), id_number=None))) == []


def test_born_29_february_turns_16_on_1_march():
    cells = liudong_cells(birth_date=date(2008, 2, 29), id_number=None,
                          arrival_date=date(2020, 1, 5))
    assert eligibility.check(row(as_of=date(2024, 2, 28), **cells)) == []
    assert eligibility.check(row(as_of=date(2024, 2, 29), **cells)) != []      # leap year: 16 today
    assert codes(eligibility.check(row(as_of=date(2025, 3, 1), **cells))) == [("eligibility.age", "birth_date")]


def test_age_from_id_number_when_birth_date_is_blank():
    cells = liudong_cells(birth_date=None, id_number=make_id("411302", "20080101", "123"))
    assert codes(eligibility.check(row(**cells))) == [("eligibility.age", "id_number")]


def test_same_county_is_not_a_migrant():
    found = eligibility.check(row(**liudong_cells(current_address=NANYANG_WANCHENG)))
    assert codes(found) == [("eligibility.same_county", "hukou_address")] and found[0].is_error


def test_move_between_districts_of_one_city_warns():
    found = eligibility.check(row(**liudong_cells(current_address=NANYANG_WOLONG)))
    assert codes(found) == [("eligibility.city_districts", "hukou_address")]
    assert "市辖区之间流动，请核实是否纳入" in found[0].message and not found[0].is_error
    county_to_district = liudong_cells(hukou_address=place("411321", "411300", "河南省南阳市南召县"),
                                       current_address=NANYANG_WOLONG)
    assert eligibility.check(row(**county_to_district)) == []


def test_exactly_six_months_residence_passes():
    ok = liudong_cells(left_hukou_date=date(2025, 6, 1), arrival_date=date(2025, 6, 30))
    assert eligibility.check(row(**ok)) == []
    short = dict(ok, arrival_date=date(2025, 7, 1))
    found = eligibility.check(row(**short))
    assert codes(found) == [("eligibility.short_stay", "arrival_date")] and "不满6个月" in found[0].message


def test_left_behind_needs_one_yes():
    cells = liushou_cells(both_parents_away="否", one_away_other_incapable="是")
    assert eligibility.check(row("liushou", **cells)) == []
    found = eligibility.check(row("liushou", **dict(cells, one_away_other_incapable="否")))
    assert codes(found) == [("eligibility.not_left_behind", "both_parents_away")]


def test_county_check_for_liudong_uses_current_address():
    cells = liudong_cells()
    assert county.check(row(county="410105", **cells)) == []
    assert county.check(row(county=None, **cells)) == []
    found = county.check(row(county="411302", **cells))
    assert codes(found) == [("address.outside_county", "current_address")] and found[0].is_error
    assert county.check(row(county="410100", **cells)) == []        # a city code covers its districts


def test_county_check_for_liushou_uses_hukou_address():
    cells = liushou_cells(current_address=BEIJING_CHAOYANG)
    assert county.check(row("liushou", county="411302", **cells)) == []
    found = county.check(row("liushou", county="110105", **cells))
    assert codes(found) == [("address.outside_county", "hukou_address")]
    assert "户籍所在县" in found[0].message
