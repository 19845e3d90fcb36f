"""validators.cells.check_cell: findings and parsed values per field type (generated people)."""
from datetime import date

import pytest

from intake.forms import load_form
from validators.address import ResolvedAddress
from validators.cells import check_cell
from validators.codes import CODES
from validators.findings import Severity
from validators.idnumber import IdInfo

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
LIUDONG = {f.key: f for f in load_form("liudong").fields}
LIUSHOU = {f.key: f for f in load_form("liushou").fields}


def make_id(area: str, birth: str, seq: str = "001") -> str:
    first17 = area + birth + seq
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def codes(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize("key", ["name", "id_number", "birth_date", "hukou_address", "sex", "health",
                                 "father_phone", "school_name"])
@pytest.mark.parametrize("blank", [None, "", "   ", "\u3000"])
def test_blank_cells_give_nothing(key, blank):
    result = check_cell(LIUDONG[key], blank, 0)
    assert result.findings == () and result.parsed is None


def test_clean_child_id():
    number = make_id("110105", "20150302", "003")
    result = check_cell(LIUDONG["id_number"], number, 7)
    assert result.findings == ()
    assert result.parsed == IdInfo(number, "110105", date(2015, 3, 2), "男", False)


@pytest.mark.parametrize("variant", ["  {n}  ", "{w}", "{n6} {rest}", "{lower}"])
def test_harmless_id_variations_are_hints_carrying_the_normalised_number(variant):
    number = next(make_id("110105", "20150302", f"{s:03d}") for s in range(1, 300)
                  if make_id("110105", "20150302", f"{s:03d}").endswith("X"))
    text = variant.format(n=number, w="".join(chr(ord(c) + 0xFEE0) for c in number),
                          n6=number[:6], rest=number[6:], lower=number.lower())
    result = check_cell(LIUDONG["id_number"], text, 0)
    assert codes(result) == ["id.normalised"]
    assert result.findings[0].severity is Severity.HINT
    assert result.findings[0].suggestion == number
    assert result.parsed.number == number


@pytest.mark.parametrize("text, numeric", [
    ("4.11302201503021E+17", False),
    ("4.11302201503021e+17", False),
    ("411302201503021000", False),
    ("411302201503021012.0", False),
    (make_id("411302", "20150302", "101"), True),      # a number cell, even with a good checksum
])
def test_excel_number_damage_is_an_error_never_repaired(text, numeric):
    result = check_cell(LIUDONG["id_number"], text, 0, numeric=numeric)
    assert codes(result) == ["id.excel_number"]
    assert result.findings[0].suggestion is None and result.parsed is None


def test_legacy_number_child_is_an_error_adult_a_hint_with_upgrade():
    legacy = "110105800302003"
    child = check_cell(LIUDONG["id_number"], legacy, 0)
    assert codes(child) == ["id.legacy_child"] and child.findings[0].is_error
    assert child.parsed is None
    adult = check_cell(LIUDONG["father_id"], legacy, 0)
    assert codes(adult) == ["id.legacy_adult"]
    assert adult.findings[0].severity is Severity.HINT
    assert adult.findings[0].suggestion == make_id("110105", "19800302", "003")
    assert adult.parsed.legacy15 and adult.parsed.birth == date(1980, 3, 2)
    carer = check_cell(LIUSHOU["carer_id"], legacy, 0, numeric=True)   # 15 digits survive a number cell
    assert codes(carer) == ["id.legacy_adult"]


@pytest.mark.parametrize("text, code", [
    ("11010520150302", "id.length"),
    ("1101052015030200A1", "id.characters"),
    (make_id("110105", "20150229"), "id.birth_date"),
    (make_id("990105", "20150302"), "id.area_unknown"),
    (make_id("119999", "20150302"), "id.area_unknown"),
])
def test_id_errors_name_the_failed_part(text, code):
    result = check_cell(LIUDONG["id_number"], text, 0)
    assert codes(result) == [code] and result.findings[0].is_error and result.parsed is None
    assert "公民身份号码" in result.findings[0].message


def test_checksum_error_message():
    good = make_id("110105", "20160229")
    bad = good[:-1] + ("3" if good[-1] != "3" else "4")
    result = check_cell(LIUDONG["id_number"], bad, 0)
    assert codes(result) == ["id.checksum"]
    assert f"应为{good[-1]}" in result.findings[0].message


def test_area_period_warnings_keep_the_parsed_id():
    abolished = check_cell(LIUDONG["id_number"], make_id("110103", "20150302"), 0)
    assert codes(abolished) == ["id.area_period"] and not abolished.findings[0].is_error
    assert "崇文区" in abolished.findings[0].message and abolished.parsed.area == "110103"
    not_yet = check_cell(LIUDONG["id_number"], make_id("110118", "20100302"), 0)
    assert codes(not_yet) == ["id.area_period"] and "尚未设立" in not_yet.findings[0].message


@pytest.mark.parametrize("text, normalised", [
    ("2015-03-02", None), ("2015-3-2", "2015-03-02"), ("2015/3/2", "2015-03-02"),
    ("2015.3.2", "2015-03-02"), ("2015年3月2日", "2015-03-02"), ("20150302", "2015-03-02"),
    ("2015-03-02 00:00:00", "2015-03-02"), ("42065", "2015-03-02"), ("42065.0", "2015-03-02"),
])
def test_dates_parse_and_non_iso_writings_get_a_suggestion(text, normalised):
    result = check_cell(LIUDONG["birth_date"], text, 0)
    assert result.parsed == date(2015, 3, 2)
    assert codes(result) == ([] if normalised is None else ["date.normalised"])
    if normalised:
        assert result.findings[0].suggestion == normalised


def test_bad_dates():
    assert codes(check_cell(LIUDONG["birth_date"], "2015-02-29", 0)) == ["date.invalid"]
    assert check_cell(LIUDONG["birth_date"], "2016-02-29", 0).parsed == date(2016, 2, 29)
    assert codes(check_cell(LIUDONG["arrival_date"], "去年", 0)) == ["date.format"]


def test_options():
    han = check_cell(LIUDONG["ethnicity"], "汉", 0)
    assert han.parsed == "汉族" and codes(han) == ["option.normalised"]
    assert han.findings[0].suggestion == "汉族"
    assert check_cell(LIUDONG["ethnicity"], "汉族", 0).findings == ()
    multi = check_cell(LIUDONG["health"], "残疾、心理/行为异常", 0)
    assert multi.parsed == ("残疾", "心理/行为异常") and multi.findings == ()
    unknown = check_cell(LIUDONG["schooling"], "大学", 0)
    assert codes(unknown) == ["option.unknown"] and "学龄前、小学" in unknown.findings[0].message
    assert codes(check_cell(LIUDONG["health"], "健康，残疾", 0)) == ["option.exclusive"]


def test_addresses():
    ok = check_cell(LIUDONG["hukou_address"], "湖北省仙桃市沙嘴街道", 0)
    assert ok.findings == () and isinstance(ok.parsed, ResolvedAddress)
    short = check_cell(LIUDONG["hukou_address"], "广西南宁市青秀区民族大道1号", 0)
    assert codes(short) == ["address.short_form"]
    assert short.findings[0].suggestion == "广西壮族自治区南宁市青秀区民族大道1号"
    assert short.parsed.county_code == "450103"
    missing = check_cell(LIUDONG["current_address"], "河南省郑州市", 0)
    assert codes(missing) == ["address.no_county"] and "现居住地" in missing.findings[0].message


def test_phones_names_and_text():
    assert check_cell(LIUDONG["father_phone"], "13800138000", 0).findings == ()
    spaced = check_cell(LIUDONG["father_phone"], "138 0013 8000", 0)
    assert codes(spaced) == ["phone.normalised"] and spaced.parsed == "13800138000"
    assert codes(check_cell(LIUDONG["father_phone"], "1380013800", 0)) == ["phone.invalid"]
    assert check_cell(LIUDONG["name"], "阿卜杜拉·买买提", 0).findings == ()
    dotted = check_cell(LIUDONG["name"], "阿卜杜拉•买买提", 0)
    assert codes(dotted) == ["name.normalised"] and dotted.parsed == "阿卜杜拉·买买提"
    assert codes(check_cell(LIUDONG["name"], "张3", 0)) == ["name.invalid"]
    assert codes(check_cell(LIUDONG["school_name"], " 第一小学", 0)) == ["text.whitespace"]
    assert check_cell(LIUDONG["guardian_relation"], "外祖母", 0).parsed == "外祖母"


def test_findings_carry_row_field_and_a_known_code():
    result = check_cell(LIUDONG["birth_date"], "2015/3/2", 41)
    f = result.findings[0]
    assert (f.index, f.field, f.value) == (41, "birth_date", "2015/3/2")
    assert f.code in CODES and "{" not in f.message


def test_adult_id_with_any_code_that_ever_existed_gets_no_area_finding():
    """Adults often got their first card late (the second-generation card after 2004), and
    counties get renumbered: a parent born 1976 with 丹徒区 321112 (from 2002), a carer born 1950
    with 崇文区 110103 (merged away in 2010): no finding. A child registered at birth under a code
    that did not exist yet still warns; a code that never existed is an error for anyone."""
    from intake.forms import load_form
    from test_idnumber import make_id
    form = load_form("liushou")
    father, carer, child = form.field("father_id"), form.field("carer_id"), form.field("id_number")
    codes = lambda f, v: [x.code for x in check_cell(f, v, 0).findings]
    assert codes(father, make_id("410482", "19760305", "011")) == []
    assert codes(father, make_id("321112", "19760305", "011")) == []
    assert codes(carer, make_id("110103", "19500305", "012")) == []
    assert codes(carer, make_id("110103", "20120305", "012")) == []     # abolished before birth too
    assert codes(child, make_id("410482", "19850305", "011")) == ["id.area_period"]
    assert codes(father, make_id("419999", "19760305", "011")) == ["id.area_unknown"]


@pytest.mark.parametrize("area, region", [("810000", "香港"), ("820000", "澳门"), ("830000", "台湾")])
def test_residence_permit_numbers_pass_for_adults_and_name_the_region(area, region):
    """港澳台居民居住证: same checksum, area 810000/820000/830000; no area-history finding for
    adults whatever the birth year; a child holding one is a warning naming the region."""
    from intake.forms import load_form
    from test_idnumber import make_id
    form = load_form("liushou")
    number = make_id(area, "19620305", "011")
    assert check_cell(form.field("carer_id"), number, 0).findings == ()
    assert check_cell(form.field("father_id"), make_id(area, "19900101", "013"), 0).parsed.area == area
    child = check_cell(form.field("id_number"), make_id(area, "20150302", "012"), 0)
    assert [f.code for f in child.findings] == ["id.permit_child"]
    assert f"{region}居民居住证" in child.findings[0].message
    broken = check_cell(form.field("mother_id"), number[:-1] + ("1" if number[-1] != "1" else "2"), 0)
    assert [f.code for f in broken.findings] == ["id.checksum"]
    assert f"母亲公民身份号码（{region}居民居住证）" in broken.findings[0].message
