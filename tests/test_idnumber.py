"""validators.idnumber: checksum, parts, area history, legacy numbers (generated people only)."""
import pytest

from validators import idnumber
from validators.errors import (InvalidCharacters, InvalidChecksum, InvalidComponent,
                               InvalidLength)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(area: str, birth: str, seq: str = "001") -> str:
    """A valid-looking generated number: the check char by the textbook weighted sum."""
    first17 = area + birth + seq
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def test_checksum_matches_the_weighted_sum_for_many_numbers():
    for n in range(0, 10**17, 10**17 // 997):
        digits = f"{n:017d}"
        assert idnumber.calc_check_char(digits) == make_id(digits[:6], digits[6:14], digits[14:])[-1]


def test_valid_number_and_its_info():
    number = make_id("110105", "20150302", "002")
    info = idnumber.parse(number)
    assert (info.number, info.area, info.birth.isoformat(), info.sex) == (number, "110105", "2015-03-02", "女")
    assert idnumber.is_valid(number)


def test_lowercase_x_spaces_and_full_width_are_normalised():
    number = next(make_id("110105", "20150302", f"{s:03d}") for s in range(1, 200)
                  if make_id("110105", "20150302", f"{s:03d}").endswith("X"))
    assert idnumber.validate(" " + number[:-1] + "x ") == number
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)
    assert idnumber.validate(wide) == number
    assert idnumber.validate(number[:6] + " " + number[6:]) == number


@pytest.mark.parametrize("value, error, part", [
    ("11010520150302", InvalidLength, "length"),
    ("1101052015030200123", InvalidLength, "length"),
    ("11010520150302A012", InvalidCharacters, "characters"),
    ("1101052015030X0012", InvalidCharacters, "characters"),
    ("不详", InvalidCharacters, "characters"),
])
def test_shape_errors_name_the_part(value, error, part):
    with pytest.raises(error) as caught:
        idnumber.validate(value)
    assert caught.value.part == part


def test_wrong_check_char_names_the_expected_one():
    good = make_id("110105", "20150302")
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    with pytest.raises(InvalidChecksum) as caught:
        idnumber.validate(bad)
    assert caught.value.params["expected"] == good[-1]


@pytest.mark.parametrize("birth", ["20150229", "20151301", "20150000", "18991231"])
def test_impossible_birth_date(birth):
    with pytest.raises(InvalidComponent) as caught:
        idnumber.validate(make_id("110105", birth))
    assert caught.value.part == "birth_date"
    assert caught.value.params["segment"] == birth


def test_leap_day_birth_is_valid():
    assert idnumber.parse(make_id("110105", "20160229")).birth.isoformat() == "2016-02-29"


@pytest.mark.parametrize("area", ["990105", "119999", "110199"])
def test_unknown_area_is_an_error_even_under_a_known_province(area):
    with pytest.raises(InvalidComponent) as caught:
        idnumber.validate(make_id(area, "20150302"))
    assert caught.value.part == "area"
    assert caught.value.code == "id.area_unknown"


def test_area_abolished_before_birth_year_is_only_a_period_issue():
    number = make_id("110103", "20150302")      # 崇文区, merged into 东城区 in 2010
    assert idnumber.validate(number) == number
    issue = idnumber.area_period_issue("110103", 2015)
    assert issue["area_name"] == "崇文区" and "撤销" in issue["why"] and "2010" in issue["why"]
    assert idnumber.area_period_issue("110103", 2009) is None


def test_county_created_after_birth_year_is_a_period_issue():
    issue = idnumber.area_period_issue("110118", 2010)   # 密云区 since 2015
    assert issue is not None and "尚未设立" in issue["why"] and "2015" in issue["why"]
    assert idnumber.area_period_issue("110118", 2016) is None


def test_renamed_code_valid_in_either_period():
    # 120110: 东郊区 until 1991, 东丽区 from 1992
    assert idnumber.area_period_issue("120110", 1985) is None
    assert idnumber.area_period_issue("120110", 2015) is None


def test_upgrade_of_a_legacy_number():
    upgraded = idnumber.upgrade15("110105800302003")
    assert upgraded == make_id("110105", "19800302", "003")


@pytest.mark.parametrize("text, damaged", [
    ("4.11302201503021E+17", True),
    ("1.10101199003071E17", True),
    ("411302201503021000", True),
    ("41130220150302101X", False),
])
def test_excel_number_forms(text, damaged):
    assert idnumber.looks_like_excel_number(text) is damaged


def test_ending_000_with_a_passing_checksum_is_not_called_damaged():
    number = next(make_id("411302", "20150302", f"{s}00") for s in range(10)
                  if make_id("411302", "20150302", f"{s}00").endswith("000"))
    assert not idnumber.looks_like_excel_number(number)
    assert idnumber.calc_check_char("41130220150302100") != "0"   # the damaged sample above fails it
