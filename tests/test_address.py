"""validators.address / divisions: resolving 省+地+县+detail against the bundled table."""
import pytest

from validators import address, address_head, divisions


def issues(text):
    return [(i.code, i.params, i.suggestion) for i in address.resolve(text).issues]


@pytest.mark.parametrize("text, county, prefecture, detail", [
    ("北京市朝阳区建国路1号", "110105", None, "建国路1号"),
    ("吉林省长春市朝阳区人民大街1号", "220104", "220100", "人民大街1号"),
    ("湖北省仙桃市沙嘴街道", "429004", None, "沙嘴街道"),
    ("广东省东莞市长安镇乌沙村", None, "441900", "长安镇乌沙村"),
    ("广东省中山市小榄镇", None, "442000", "小榄镇"),
    ("甘肃省嘉峪关市雄关街道", None, "620200", "雄关街道"),
    ("海南省儋州市那大镇", None, "460400", "那大镇"),
    ("河南省郑州市金水区 经三路 5号", "410105", "410100", "经三路 5号"),
    ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路", "654002", "654000", "解放路"),
])
def test_complete_addresses(text, county, prefecture, detail):
    check = address.resolve(text)
    assert check.issues == ()
    r = check.resolved
    assert (r.county_code, r.prefecture_code, r.detail) == (county, prefecture, detail)


def test_hong_kong_and_macao_have_no_lower_levels_in_the_table():
    check = address.resolve("香港特别行政区九龙弥敦道1号")
    assert check.issues == () and check.resolved.province_code == "810000"
    assert check.resolved.county is None


def test_city_without_counties_stands_for_its_own_county():
    r = address.resolve("广东省东莞市长安镇乌沙村").resolved
    assert r.county == "441900" and r.county_code is None
    assert address.resolve("北京市朝阳区建国路1号").resolved.county == "110105"


@pytest.mark.parametrize("text, suggestion", [
    ("广西南宁市青秀区民族大道1号", "广西壮族自治区南宁市青秀区民族大道1号"),
    ("内蒙古呼和浩特市新城区xx路", "内蒙古自治区呼和浩特市新城区xx路"),
    ("新疆伊犁州伊宁市解放路", "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路"),
    ("河南省中牟县韩寺镇", "河南省郑州市中牟县韩寺镇"),              # prefecture inferred
    ("河南郑州金水区花园路", "河南省郑州市金水区花园路"),
    ("北京市北京市朝阳区建国路", "北京市朝阳区建国路"),
    ("北京市市辖区朝阳区建国路", "北京市朝阳区建国路"),
    ("辽宁省本溪县小市镇", "辽宁省本溪市本溪满族自治县小市镇"),
    ("山东济南市中区经四路", "山东省济南市市中区经四路"),          # 济南 + 市中区, not 济南市 + 中区
])
def test_short_forms_are_hints_with_the_full_form(text, suggestion):
    assert issues(text) == [("address.short_form", {}, suggestion)]
    assert address.resolve(text).resolved.full_text == suggestion
    assert address.is_valid(text)
    assert address.validate(text) == suggestion


def test_a_prefecture_named_like_its_province_is_not_the_province():
    """吉林市舒兰市… leaves the province out; 吉林 is the start of 吉林市, not 吉林省."""
    assert issues("吉林市舒兰市平安镇1号") == [("address.no_province", {}, "吉林省吉林市舒兰市平安镇1号")]
    assert issues("吉林舒兰市平安镇") == [("address.short_form", {}, "吉林省吉林市舒兰市平安镇")]


def test_a_road_named_after_a_city_is_a_missing_county_not_a_mismatch():
    """南阳市中山路12号 names 中山路: the county is missing, 中山市 is not involved."""
    assert issues("南阳市中山路12号") == [("address.no_county", {}, None)]
    assert issues("河南省南阳市中山路12号") == [("address.no_county", {}, None)]
    assert issues("河南省南阳市金水区1号") == [("address.mismatch", {"part": "金水区", "parent": "南阳市"}, None)]


def test_missing_province_is_an_error_with_a_suggestion_when_certain():
    assert issues("郑州市金水区花园路") == [("address.no_province", {}, "河南省郑州市金水区花园路")]
    assert issues("同上") == [("address.no_province", {}, None)]
    assert address.resolve("朝阳区建国路").resolved is None     # 北京 or 长春 (or 朝阳市…)
    assert not address.is_valid("郑州市金水区花园路")


@pytest.mark.parametrize("text, part, parent", [
    ("河南省开封市金水区花园路", "金水区", "开封市"),
    ("河南省南京市鼓楼区中山路", "南京市", "河南省"),
    ("北京市南关区x路", "南关区", "北京市"),
])
def test_county_outside_the_given_parent_is_a_mismatch(text, part, parent):
    assert issues(text) == [("address.mismatch", {"part": part, "parent": parent}, None)]


def test_validate_names_the_failed_part():
    from validators.errors import InvalidComponent
    for text, part in (("河南省郑州市", "no_county"), ("同上", "no_province"),
                       ("河南省开封市金水区x", "mismatch"), ("河南省郑州市金水区", "no_detail")):
        with pytest.raises(InvalidComponent) as caught:
            address.validate(text)
        assert caught.value.part == part


def test_missing_county_and_missing_detail():
    assert [c for c, *_ in issues("河南省郑州市花园路1号")] == ["address.no_county"]
    assert [c for c, *_ in issues("河南省郑州市金水区")] == ["address.no_detail"]
    assert [c for c, *_ in issues("湖北省仙桃市")] == ["address.no_detail"]
    assert [c for c, *_ in issues("广东省东莞市")] == ["address.no_detail"]
    assert address.resolve("河南省郑州市金水区").resolved.county_code == "410105"


def test_missing_county_named_by_a_unique_township_gets_a_suggestion():
    check = address.resolve("广东省深圳市民治街道某小区")
    assert [(i.code, i.suggestion) for i in check.issues] == [
        ("address.no_county", "广东省深圳市龙华区民治街道某小区")]
    assert check.resolved.county_code == "440309"
    beijing = address.resolve("北京市建国门街道某胡同")
    assert [(i.code, i.suggestion) for i in beijing.issues] == [
        ("address.no_county", "北京市东城区建国门街道某胡同")]


def test_ambiguous_county_without_prefecture():
    (code, params, _), = issues("江苏省鼓楼区中山路")
    assert code == "address.ambiguous"
    assert params["candidates"] == "南京市、徐州市"
    # the same name resolves fine with the prefecture given
    assert address.resolve("江苏省徐州市鼓楼区中山路").resolved.county_code == "320302"


def test_division_helpers():
    assert divisions.name("110105") == "朝阳区"
    assert divisions.full_name("441900003") == "广东省东莞市东城街道"
    assert divisions.county_of("441900003") == "441900"
    assert divisions.county_of("410105") == "410105"
    assert divisions.county_of("410100") is None
    assert divisions.prefecture_of("410105") == "410100"
    assert divisions.prefecture_of("110105") == "110000"
    assert divisions.prefecture_of("429004") is None
    assert divisions.is_city_district("410105") and divisions.is_city_district("110105")
    assert not divisions.is_city_district("410122")       # 中牟县
    assert not divisions.is_city_district("429021")       # 神农架林区
    assert not divisions.is_city_district("520203")       # 六枝特区
    assert divisions.data_as_of() == "2025-12-31"


def test_county_tree_for_the_picker():
    tree = dict((p.code, groups) for p, groups in divisions.county_tree())
    hubei = {(pref.code if pref else None): [c.code for c in counties] for pref, counties in tree["420000"]}
    assert "429004" in hubei[None]
    assert "420102" in hubei["420100"]
    guangdong = {(pref.code if pref else None): [c.code for c in counties] for pref, counties in tree["440000"]}
    assert guangdong["441900"] == ["441900"]
    assert len(divisions.county_level_codes()) > 2800


SAMPLES = ["河南省郑州市", "河南省郑州市金水区", "河南省郑州市金水区花园路", "河南省郑州市花园路",
           "河南省郑州", "河南省郑州市中牟县城关镇", "河南省中牟县", "河南省中牟县城关镇", "北京市",
           "北京市朝阳区", "北京市朝阳区建国路", "北京市北京市朝阳区建国路", "吉林省长春市朝阳区a",
           "广东省东莞市", "广东省东莞市长安镇", "江苏省鼓楼区", "江苏省鼓楼区中山路", "郑州市金水区x",
           "辽宁省本溪县小市镇", "辽宁省本溪市本溪满族自治县小市镇", "辽宁省本溪市明山区x"]


def _fresh(text):
    address_head._heads.clear()
    address_head._horizons.clear()
    address._cache.clear()
    return address.resolve(text)


def test_cached_heads_never_change_a_result():
    expected = {t: _fresh(t) for t in SAMPLES}
    for order in (SAMPLES, list(reversed(SAMPLES)), sorted(SAMPLES, key=len)):
        address_head._heads.clear()
        address_head._horizons.clear()
        for t in order:
            address._cache.clear()
            assert address.resolve(t) == expected[t], t


def test_every_county_and_a_sample_of_townships_resolve_to_themselves():
    import random
    for code in divisions.county_level_codes():
        check = address.resolve(divisions.full_name(code) + "人民路1号")
        assert check.issues == () and check.resolved.county == code, code
    towns = [d for d in divisions.all_divisions() if d.level == 4]
    for town in random.Random(11).sample(towns, 2000):
        check = address.resolve(divisions.full_name(town.code) + "某村1组")
        assert check.issues == (), town.code
        assert check.resolved.county == divisions.county_of(town.code), town.code


def test_township_directly_under_a_prefecture_with_counties():
    check = address.resolve("黑龙江省大兴安岭地区劲松镇某村1组")
    assert check.issues == () and check.resolved.county == "232700"
    assert check.resolved.county_code is None
    assert divisions.county_of(divisions.children("232700")[-1].code) == "232700"


def test_bundled_table_is_the_packaged_source(tmp_path):
    import gzip
    import importlib.util
    from resources import RESOURCES_DIR
    spec = importlib.util.spec_from_file_location("refresh", RESOURCES_DIR / "divisions" / "refresh.py")
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    payload = refresh.load_source()
    refresh.check(payload["divisions"])
    refresh.write_table(payload, tmp_path / "divisions.tsv.gz")
    fresh = gzip.decompress((tmp_path / "divisions.tsv.gz").read_bytes())
    assert fresh == gzip.decompress(divisions.DATA_FILE.read_bytes())
    levels = [d.level for d in divisions.all_divisions()]
    assert [levels.count(n) for n in (1, 2, 3, 4)] == [int(payload["metadata"]["counts"][k]) for k in "1234"]


def test_the_township_of_an_address_is_resolved():
    r = address.resolve("河南省南阳市淅川县荆紫关镇王庄村3组12号").resolved
    assert r.township == "411326101"
    assert address.resolve("浙江省杭州市西湖区转塘镇1号").resolved.township == "330106011"
    assert address.resolve("广东省东莞市长安镇乌沙村").resolved.township.startswith("4419")
    assert address.resolve("河南省南阳市淅川县王庄村3组").resolved.township is None   # none named: fine
    assert issues("河南省南阳市淅川县王庄村3组") == []


def test_a_township_not_in_the_county_is_a_warning_naming_real_ones():
    found = issues("河南省南阳市淅川县荆子关镇王庄村1号")
    assert found == [("address.township_unknown", {"town": "荆子关镇", "county": "淅川县",
                                                   "near": "；本县（区）相近的有：荆紫关镇"}, None)]
    assert address.is_valid("河南省南阳市淅川县荆子关镇王庄村1号")        # never an error
    other = address.resolve("河南省南阳市淅川县城关镇1号").issues[0]
    assert "南召县" in other.params["near"] and not other.is_error
    from validators.cells import check_cell
    from intake.forms import load_form
    cell = check_cell(load_form("liushou").field("hukou_address"), "河南省南阳市淅川县荆子关镇王庄村1号", 0)
    assert [(f.code, f.severity.value) for f in cell.findings] == [("address.township_unknown", "warning")]
    assert "荆紫关镇" in cell.findings[0].message and cell.findings[0].suggestion is None
    assert cell.parsed.county == "411326" and cell.parsed.township is None
