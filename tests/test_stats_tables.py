"""Every table of the statistics on a county set whose counts are known by construction
(tests/statskit.py): distinct children after the county's decisions (a duplicate kept either
way, twins marked as two children), the age on the reference date (16 the day after: counted
at 15; 16 on it: left out), a township with no children of one form, masking."""
import pytest

from intake.stats.compute import compute
from intake.stats.definitions import load_statistics
from intake.stats.grid import grid, tsv
from intake.stats.headline import headline
from intake.stats.inputs import desk_input
from intake.stats.masking import PRIMARY, SECONDARY, mask
from statskit import COUNTY, ID_D, ID_T, J, M, X, desk_copy, group_of, ref_in
from validators.townships import townships_of


@pytest.fixture
def base(stats_base):
    return stats_base


def _result(base, tmp_path, decide=None):
    with desk_copy(base, tmp_path) as desk:
        if decide:
            decide(desk)
        return compute(desk_input(desk))


def rows(result, key, form=None):
    t = result.table(key, form)
    return {r: (c if len(c) > 1 else c[0]) for r, c in zip(t.rows, t.counts)}


def keep_jincheng_and_twins_apart(desk):
    dup = group_of(desk, ID_D)
    desk.keep(dup, ref_in(dup, J), "保留现居住地金城镇的登记").redo()
    desk.not_same(group_of(desk, ID_T), "双胞胎，身份证号抄错").redo()


def keep_xinzheng_and_one_twin(desk):
    dup = group_of(desk, ID_D)
    desk.keep(dup, ref_in(dup, X), "保留新政镇").redo()
    twins = group_of(desk, ID_T)
    desk.keep(twins, twins.occurrences[1].ref, "重复登记").redo()


def test_totals_townships_and_forms_follow_the_decisions(base, tmp_path):
    a = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    assert a.counted == {"liudong": 9, "liushou": 5} and a.left_out == {"liudong": 1, "liushou": 0}
    towns = rows(a, "townships")
    assert list(towns)[:len(townships_of(COUNTY))] == [d.name for d in townships_of(COUNTY)]   # every township, in order
    assert towns[J] == (5, 3) and towns[X] == (4, 0) and towns[M] == (0, 2)    # 马鞍镇 sent no 流动 sheet
    assert sum(c[0] for c in towns.values()) == 9 and sum(c[1] for c in towns.values()) == 5
    assert rows(a, "guardianship", "liudong")["较好"] == 7                      # 金城镇's record of the child
    (tmp_path / "b").mkdir()
    b = _result(base, tmp_path / "b", keep_xinzheng_and_one_twin)
    assert b.counted["liudong"] == 8
    assert rows(b, "townships")[J] == (4, 3) and rows(b, "townships")[X] == (4, 0)
    assert rows(b, "guardianship", "liudong")["较好"] == 5 and rows(b, "guardianship", "liudong")["一般"] == 2


def test_open_groups_count_one_child(base, tmp_path):
    r = _result(base, tmp_path)
    assert r.counted["liudong"] == 8        # the twins' open group and the duplicate: one child each


def test_age_groups_by_sex_on_the_reference_date(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    ages = rows(r, "age_sex", "liudong")
    assert ages == {"0-2岁（婴幼儿）": (1, 0), "3-5岁（学龄前）": (0, 1), "6-11岁（小学学龄）": (3, 1),
                    "12-14岁（初中学龄）": (0, 1), "15岁": (1, 1)}
    # 甲三 turns 16 on 2026-01-01: 15 on the reference date; 甲四 is 16 on it: left out;
    # 甲五 has no sex and no birth date: both from the ID (女, 5)
    assert rows(r, "age_sex", "liushou") == {"0-2岁（婴幼儿）": (0, 0), "3-5岁（学龄前）": (1, 0),
                                           "6-11岁（小学学龄）": (0, 2), "12-14岁（初中学龄）": (2, 0), "15岁": (0, 0)}


def test_where_they_come_from_and_where_the_parents_work(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    assert rows(r, "hukou_province", "liudong") == {"河南省": 4, "贵州省": 2, "四川省": 1, "湖北省": 1, "重庆市": 1}
    assert rows(r, "hukou_prefecture", "liudong") == {"河南省南阳市": 3, "贵州省遵义市": 2, "四川省成都市": 1,
                                                      "河南省郑州市": 1, "湖北省仙桃市": 1, "重庆市": 1}
    # both parents in 广东 count once; a mother at home in the county does not count; no address: its row
    assert rows(r, "work_province", "liushou") == {"广东省": 2, "浙江省": 2, "北京市": 1, "未填写、无法识别或在本县": 1}
    assert not r.table("work_province", "liushou").exclusive


def test_the_other_breakdowns(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    assert rows(r, "liushou_type", "liushou") == {"父母双方外出务工": 4, "一方外出、另一方无监护能力": 1}
    assert rows(r, "guardianship", "liushou")["父或母无监护能力"] == 1
    school = rows(r, "schooling", "liudong")
    assert (school["学龄前"], school["小学"], school["初中"], school["高中"], school["未填写"]) == (1, 4, 2, 1, 1)
    health = rows(r, "health", "liudong")
    assert (health["健康"], health["残疾"], health["慢性病"], health["心理/行为异常"]) == (7, 1, 1, 1)
    assert rows(r, "disability", "liudong")["肢体残疾"] == 1 and rows(r, "disability", "liudong")["无"] == 8
    assert rows(r, "medical_insurance", "liudong") == {"纳入户籍地医保": 1, "纳入居住地医保": 8, "未纳入医保": 0}
    assert rows(r, "residence_registration", "liudong") == {"办理居住证": 7, "暂住登记": 1, "未登记": 1}
    hardship = rows(r, "family_hardship", "liudong")
    assert hardship["无"] == 8 and hardship["低保家庭"] == 1                 # 流动: blank counts as 无
    assert rows(r, "family_hardship", "liushou")["特困家庭"] == 1
    support = rows(r, "living_support", "liushou")
    assert support["特困"] == 1 and support["生活无着流浪乞讨人员救助"] == 1 and support["无"] == 4
    assert r.key_care["liudong"] == {"困难家庭": 1, "残疾": 1, "监护缺失": 1, "心理行为异常": 1, "流浪": 0, "total": 3}
    assert r.key_care["liushou"]["total"] == 2 and r.key_care["liushou"]["流浪"] == 1


def test_shares_and_grid(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    labels = r.stats.labels
    g = grid(r.table("medical_insurance", "liudong"), labels)
    assert g.header == ("纳入医保情况", "人数", "占比") and g.lines[-1] == ("合计", 9, 1.0)
    assert g.lines[1] == ("纳入居住地医保", 8, 8 / 9)
    multi = grid(r.table("health", "liudong"), labels)
    assert multi.lines[-1][0] == "儿童总数" and multi.lines[-1][1] == 9   # options do not add up
    text = tsv(g, "医保")
    assert text.splitlines()[2] == "纳入户籍地医保\t1\t11.1%"


def test_masking_hides_small_counts_and_what_would_give_them_away(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    m = r.stats.masking
    t = r.table("medical_insurance", "liudong")        # 1, 8, 0 of 9
    hidden = mask(t, m).hidden
    assert hidden[("c", 0, 0)] == PRIMARY
    assert hidden[("c", 1, 0)] == SECONDARY            # else 9 - 8 gives the 1 away
    assert ("c", 2, 0) not in hidden                   # the 0 stays
    g = grid(t, r.stats.labels, mask(t, m))
    assert g.lines[0] == ("纳入户籍地医保", "<5", None) and g.lines[1] == ("纳入居住地医保", "*", None)
    ages = r.table("age_sex", "liudong")
    hidden = mask(ages, m).hidden
    for total, parts in _sums_of(ages):               # no shown sum has exactly one hidden part
        assert total in hidden or sum(p in hidden for p in parts) != 1
    assert hidden[("g",)] == PRIMARY if ages.children < 5 else ("g",) not in hidden


def _sums_of(t):
    from intake.stats.masking import _sums
    return _sums(t)


def test_headline_sentences(base, tmp_path):
    r = _result(base, tmp_path, keep_jincheng_and_twins_apart)
    lines = headline(r, masked=False)
    assert lines[0] == "仪陇县共有流动儿童9名，其中男孩5名、女孩4名。"
    assert "留守儿童中，父母双方外出务工4名，一方外出、另一方无监护能力1名。" in lines
    assert any(s.startswith("重点关爱服务对象5名（流动儿童3名、留守儿童2名）") for s in lines)
    assert "另有1名儿童在摸排基准日已满16周岁，不计入统计。" in lines
    assert headline(r)[0] == "仪陇县共有流动儿童9名，其中男孩*名、女孩<5名。"   # 9 - 5 would give 4


def test_a_county_adds_a_table_and_changes_the_groups_without_code(base, tmp_path):
    from intake.stats.definitions import DEFAULT
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace('[[age_groups]]\nkey = "15"\nname = "15岁"\nmin = 15\nmax = 15\n',
                        '[[age_groups]]\nkey = "15"\nname = "十五岁"\nmin = 15\nmax = 15\n')
    text += ('\n[[tables]]\nkey = "co_resident"\ntopic = "监护情况"\ntitle = "流动儿童共同居住人"\n'
             'kind = "choice"\nfield = "co_resident"\nforms = ["liudong"]\nchart = "pie"\n')
    own = tmp_path / "statistics.toml"
    own.write_text(text, encoding="utf-8")
    stats = load_statistics(own)
    with desk_copy(base, tmp_path) as desk:
        r = compute(desk_input(desk, stats), stats)
    assert rows(r, "co_resident", "liudong") == {"父母双方": 8, "父母一方": 0, "其他监护人": 0}
    assert "15岁（十五岁）" in r.table("age_sex", "liudong").rows


def test_bad_table_definitions_are_refused(tmp_path):
    from intake.stats.table_defs import load_tables
    with pytest.raises(ValueError, match="kind"):
        load_tables([{"key": "x", "topic": "t", "title": "t", "kind": "nope", "forms": ["liudong"]}])
    with pytest.raises(ValueError, match="no field"):
        load_tables([{"key": "x", "topic": "t", "title": "t", "kind": "choice", "field": "co_resident",
                      "forms": ["liushou"]}])


def test_a_long_table_keeps_its_largest_rows_and_sums_the_rest():
    from intake.stats.table import StatTable
    from intake.stats.table_defs import TableDef
    tdef = TableDef("p", "t", "地市", "place", "liudong", ("liudong",), ("hukou_address",), otherwise="未填写或无法识别")
    rows = tuple(f"地{i}" for i in range(6)) + ("未填写或无法识别",)
    t = StatTable(tdef, rows, ("人数",), ((9,), (1,), (7,), (2,), (5,), (1,), (3,)), 28, True)
    top = t.top(4, "其余{n}项", (tdef.otherwise,))
    assert top.rows == ("地0", "地2", "地4", "其余3项", "未填写或无法识别")
    assert [c[0] for c in top.counts] == [9, 7, 5, 4, 3] and sum(c[0] for c in top.counts) == 28
