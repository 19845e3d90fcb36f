"""validators.townships: the township an address names after its county."""
from validators import address, township_words, townships


def _detail(text):
    r = address.resolve(text).resolved
    return r.unit, r.detail


def test_full_name_at_the_start_of_the_detail():
    m = townships.match(*_detail("浙江省杭州市西湖区转塘街道某村1号"))
    assert (m.code, m.name, m.exact) == ("330106011", "转塘街道", True)


def test_short_name_with_another_township_word():
    m = townships.match(*_detail("浙江省杭州市西湖区转塘镇某村"))
    assert (m.name, m.exact, m.end) == ("转塘街道", False, 3)
    assert townships.match(*_detail("浙江省杭州市西湖区转塘街道办事处")).exact


def test_no_township_named():
    assert townships.match(*_detail("浙江省杭州市西湖区文三路10号")) is None
    assert townships.match(None, "转塘街道") is None
    assert townships.match("330106", "") is None


def test_city_without_counties_has_its_townships():
    m = townships.match(*_detail("广东省东莞市长安镇乌沙社区"))
    assert m.name == "长安镇" and m.code.startswith("4419")


def test_by_name_full_short_and_other_word():
    assert townships.by_name("330106", "转塘街道").code == "330106011"
    assert townships.by_name("330106", "转塘").code == "330106011"
    assert townships.by_name("330106", "转塘镇").code == "330106011"
    assert townships.by_name("330106", "转塘街道某村") is None
    assert townships.by_name("330106", "灵隐") is not None
    assert townships.by_name("999999", "转塘") is None


def test_short_name_keeps_two_characters():
    assert townships.short_name("荆紫关镇") == "荆紫关"
    assert townships.short_name("北山街道") == "北山"
    assert townships.short_name("城镇") == "城镇"
    assert len(townships.townships_of("330106")) == 12


def test_township_of_a_reporting_unit():
    found = townships.from_unit_text("仪陇县二道镇人民政府")
    assert (found.name, found.code, found.county) == ("二道镇", "511324117", "511324")
    assert townships.from_unit_text("填报单位：西湖区转塘街道办事处").code == "330106011"
    assert townships.from_unit_text("转塘街道办事处", "330106").code == "330106011"
    assert townships.from_unit_text("淅川县荆紫关镇民政办").name == "荆紫关镇"


def test_unknown_township_keeps_its_name_without_a_code():
    assert townships.from_unit_text("某某县新兴镇人民政府") == ("新兴镇", None, None)
    assert townships.from_unit_text("城关镇民政办") == ("城关镇", None, None)


def test_unit_without_a_township():
    assert townships.from_unit_text("杭州市西湖区民政局") is None
    assert townships.from_unit_text("") is None
    assert townships.from_unit_text(None) is None


# --- the township part of an address (issue 13) ----------------------------------------------

def test_the_township_word_a_detail_starts_with():
    assert township_words.named("荆紫关镇王庄村3组12号") == "荆紫关镇"
    assert township_words.named("转塘街道人民路1号") == "转塘街道"
    assert township_words.named("新华街道办事处人民路") == "新华街道办事处"
    assert township_words.named("良乡镇王庄") == "良乡镇"            # 乡 inside a name
    assert township_words.named("营镇回族乡王庄村") == "营镇回族乡"
    assert township_words.named("城关镇新乡村2组") == "城关镇"        # 新乡村 is a village
    for none in ("王庄村3组", "中山路12号", "新乡村3组", "城镇路1号", "1号楼", "", None):
        assert township_words.named(none) is None


def test_find_and_lookup_in_the_county():
    assert township_words.find("411326", "荆紫关镇").code == "411326101"
    assert township_words.find("330106", "转塘镇").code == "330106011"       # another township word
    assert township_words.find("330106", "高新区转塘街道").code == "330106011"   # after a zone
    assert township_words.find("330106", "东转塘街道") is None
    assert township_words.lookup("411326", "荆紫关镇") == ("411326101", False)
    assert township_words.lookup("411326", "荆子关镇") == (None, True)
    assert township_words.lookup("411326", None) == (None, False)
    assert township_words.lookup("810000", "某某镇") == (None, False)          # no townships in the table


def test_nearest_names_and_other_counties():
    assert townships.nearest("411326", "荆子关镇") == ["荆紫关镇"]
    assert townships.nearest("411326", "北京镇") == []
    assert "南召县" in townships.elsewhere("411326", "城关镇")
    assert townships.elsewhere("411326", "荆紫关镇") == []


def test_find_agrees_with_match_on_every_township_word():
    """find's dictionary of words gives what match would for every full name and every short
    name + township word of a few counties (the fast path must not change an answer)."""
    for unit in ("330106", "411326", "441900", "110105", "511324"):
        for town in townships.townships_of(unit):
            stem = townships.short_name(town.name)
            for word in {town.name, *(stem + s for s in townships.SUFFIXES)}:
                expected = townships.match(unit, word)
                found = township_words.find(unit, word)
                assert (found and found.code) == (expected and expected.code), (unit, word)
