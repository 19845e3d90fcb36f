"""intake.stats: age groups and the key-care rule as data, counted with polars."""
from datetime import date

import polars as pl
import pytest

from intake.stats import basic_stats, key_care_count, load_statistics
from intake.stats.expressions import age_on

AS_OF = date(2024, 9, 30)


def test_the_age_groups_and_key_care_rule_come_from_the_toml():
    stats = load_statistics()
    assert [(g.key, g.name, g.min, g.max) for g in stats.age_groups] == [
        ("0-2", "婴幼儿", 0, 2), ("3-5", "学龄前", 3, 5), ("6-11", "小学学龄", 6, 11),
        ("12-14", "初中学龄", 12, 14), ("15", "15岁", 15, 15)]
    assert {c.why for c in stats.key_care} == {"困难家庭", "残疾", "监护缺失", "心理行为异常", "流浪"}
    assert stats.reasons == ("困难家庭", "残疾", "监护缺失", "心理行为异常", "流浪", "主动求助")


def test_overlapping_groups_are_refused(tmp_path):
    bad = tmp_path / "s.toml"
    bad.write_text('[[age_groups]]\nkey="a"\nname="甲"\nmin=0\nmax=5\n'
                   '[[age_groups]]\nkey="b"\nname="乙"\nmin=5\nmax=9\n', encoding="utf-8")
    with pytest.raises(ValueError, match="overlap"):
        load_statistics(bad)


def test_age_in_full_years_on_the_reference_date():
    f = pl.DataFrame({"birth_date": ["2014-09-30", "2014-10-01", None, "2009-02-28"],
                      "id_number": [None, None, "411302201001012345", None]})
    assert f.select(age_on(AS_OF)).to_series().to_list() == [10, 9, 14, 15]


def test_counts_by_township_sex_and_age_group():
    f = pl.DataFrame({"township": ["甲镇", "乙镇", "", "甲镇"], "sex": ["男", "女", "男", None],
                      "birth_date": ["2015-03-02", None, "2010-12-31", "2024-01-01"],
                      "id_number": [None, "411302200901012345", None, None]})
    s = basic_stats(f, AS_OF)
    assert s == {"total": 4, "by_township": {"乙镇": 1, "未识别乡镇": 1, "甲镇": 2},
                 "by_sex": {"男": 2, "女": 1},
                 "by_age": {"0-2": 1, "3-5": 0, "6-11": 1, "12-14": 1, "15": 1}}


@pytest.mark.parametrize("cells, on_register", [
    ({"family_hardship": "低保家庭、其他：因病"}, True), ({"family_hardship": "无"}, False),
    ({"health": "残疾"}, True), ({"disability_category": "肢体残疾"}, True),
    ({"guardianship": "父或母无监护能力"}, True), ({"guardianship": "受委托监护人照护能力不足"}, True),
    ({"guardianship": "较好"}, False), ({"health": "慢性病、心理/行为异常"}, True),
    ({"living_support": "低保、生活无着流浪乞讨人员救助"}, True), ({"living_support": "低保"}, False),
    ({}, False),
])
def test_key_care_rule(cells, on_register):
    base = {"family_hardship": None, "health": "健康", "disability_category": "无", "guardianship": "一般",
            "living_support": "无"}
    f = pl.DataFrame([{**base, **cells}])
    assert key_care_count(f) == int(on_register)
