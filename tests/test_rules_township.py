"""The sheet's own township: rows living (流动) / registered (留守) elsewhere are warnings, and
the township comes from the sheet's 填报单位."""
from dataclasses import replace

from rowkit import Cell, codes, liudong_cells, liushou_cells, row
from validators.rules import township
from validators.rules.row import PlaceFacts

JINSHUI = "410105"
JINGBALU, HUAYUANLU = "410105001", "410105002"


def at(town: str | None, county: str = JINSHUI, prefecture: str = "410100") -> PlaceFacts:
    return PlaceFacts(county, prefecture, "河南省郑州市金水区", True, town)


def with_township(r, town):
    r.ctx = replace(r.ctx, township=town)
    return r


def test_another_township_of_the_county_is_a_warning_on_the_current_address():
    r = with_township(row(current_address=Cell("河南省郑州市金水区花园路街道1号", at(HUAYUANLU)),
                          **{k: v for k, v in liudong_cells().items() if k != "current_address"}), JINGBALU)
    found = township.check(r)
    assert codes(found) == [("address.outside_township", "current_address")]
    assert not found[0].is_error and "花园路街道" in found[0].message and "经八路街道" in found[0].message


def test_same_township_none_named_or_no_sheet_township_is_silent():
    base = {k: v for k, v in liudong_cells().items() if k != "current_address"}
    assert township.check(with_township(row(current_address=at(JINGBALU), **base), JINGBALU)) == []
    assert township.check(with_township(row(current_address=at(None), **base), JINGBALU)) == []
    assert township.check(row(current_address=at(HUAYUANLU), **base)) == []


def test_outside_the_configured_county_is_left_to_the_county_rule():
    base = {k: v for k, v in liudong_cells().items() if k != "current_address"}
    elsewhere = PlaceFacts("411302", "411300", "河南省南阳市宛城区", True, "411302002")
    r = with_township(row(county=JINSHUI, current_address=elsewhere, **base), JINGBALU)
    assert township.check(r) == []


def test_left_behind_children_by_their_hukou_township():
    base = {k: v for k, v in liushou_cells().items() if k != "hukou_address"}
    r = with_township(row("liushou", hukou_address=at(HUAYUANLU), **base), JINGBALU)
    assert codes(township.check(r)) == [("address.outside_township", "hukou_address")]


def test_the_sheet_township_comes_from_its_reporting_unit(tmp_path):
    from exportkit import check, clean_records, write_xlsx      # 填报单位：金水区经八路街道办事处
    [sheet] = check(write_xlsx(tmp_path / "t.xlsx", clean_records(2)))
    assert sheet.ctx.township == JINGBALU
    from intake.checking import sheet_township
    table = replace(sheet.table, reporting_unit=None)
    assert sheet_township(table) is None
    assert sheet_township(replace(table, reporting_unit="花园路街道办事处"), JINSHUI) == HUAYUANLU
    assert sheet_township(replace(table, reporting_unit="淅川县荆紫关镇人民政府"), JINSHUI) is None
    assert sheet_township(replace(table, reporting_unit="淅川县荆紫关镇人民政府")) == "411326101"
