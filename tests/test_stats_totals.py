"""Every table's 合计 (or 儿童总数) is the number of children 概览 gives for its form(s), in one
state of a county workspace: as received (children sent twice, a resubmitted sheet, another
county's file), after the county's decisions, after a corrected version arrives. Each child is
in at least one row (rows that add up add up to the total): an address that names no
prefecture is counted under the table's `otherwise` row, never left out."""
import re
from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from countykit import desk_on
from intake.forms import load_form
from intake.stats.compute import compute
from intake.stats.definitions import load_statistics
from intake.stats.grid import grid
from intake.stats.headline import headline
from intake.stats.inputs import desk_input
from intake.stats.source import COUNTY, SourceInfo, StatsInput, fields_for
from statskit import desk_copy


def overview_counts(result) -> dict[str, int]:
    """The count of each form's children as 概览's first sentence says it (unmasked)."""
    found = {}
    for form in result.forms:
        short = load_form(form).short
        line = next(s for s in headline(result, masked=False) if f"共有{short}" in s)
        found[form] = int(re.search(f"共有{short}(\\d+)名", line).group(1))
    return found


def covered(result, table) -> int:
    """The children a table covers by definition: every counted child of its form(s) (no table
    of templates/statistics.toml covers a subset; see its comment on 合计)."""
    forms = [table.definition.form] if table.definition.form else list(table.definition.forms)
    seen = overview_counts(result)
    return sum(seen[f] for f in forms if f in seen)


def assert_totals_match(result):
    assert overview_counts(result) == result.counted
    for t in result.tables:
        want = covered(result, t)
        total_line = grid(t, result.stats.labels).lines[-1]
        shown_total = total_line[-2] if t.exclusive else total_line[1]
        assert shown_total == t.children == want, (t.id, shown_total, want)
        parts = sum(t.row_total(i) for i in range(len(t.rows)))
        if t.exclusive:
            assert parts == want, (t.id, "rows add up to", parts, "not", want)
        else:                                  # a child under one or more rows, none under none
            assert parts >= want and all(t.row_total(i) <= want for i in range(len(t.rows))), t.id


def _decide_all(desk):
    for g in desk.groups():
        if g.kind == "possible_duplicate":
            desk.not_same(g, "不是同一儿童").redo()
        else:
            desk.keep(g, g.refs[0], "保留第一条").redo()


def test_every_total_is_the_overview_count_as_received_and_after_decisions(county_set, tmp_path):
    _made, base, _received = county_set
    with desk_on(base, tmp_path) as desk:
        before = compute(desk_input(desk))
        assert_totals_match(before)
        distinct = len(desk.children("liudong", county_only=True))
        assert before.counted["liudong"] + before.left_out["liudong"] == distinct
        _decide_all(desk)
        after = compute(desk_input(desk))
        assert_totals_match(after)
        assert after.counted["liushou"] < before.counted["liushou"]     # the decisions counted


def test_every_total_follows_a_corrected_version(county_parts, tmp_path):
    base, (_versions, _line, two_parts) = county_parts
    with desk_on(base, tmp_path) as desk:
        result = compute(desk_input(desk))
        assert_totals_match(result)
        assert result.counted["liudong"] + result.left_out["liudong"] == two_parts - 1   # 村A sent again, one child fewer


def test_every_total_on_the_known_set_with_another_county_left_out(stats_base, tmp_path):
    with desk_copy(stats_base, tmp_path) as desk:
        assert_totals_match(compute(desk_input(desk)))


def _frame(form: str, **columns) -> pl.DataFrame:
    """A form's children with the given columns, every other field the tables read blank."""
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame(columns, schema={k: pl.Utf8 for k in columns})
    given = {*columns, "township", "birth_date"}
    blank = [pl.lit(None, pl.Utf8).alias(f) for f in fields_for(form) if f not in given]
    return frame.with_columns(township=pl.lit("金城镇"), birth_date=pl.lit("2015-06-01"), *blank).head(n)


ADDRESSES = ["四川省南充市仪陇县金城镇", "河南省南阳市宛城区", "北京市朝阳区", "湖北省仙桃市", "四川仪陇县新政镇",
             "四川省", "火星基地", "", "   ", None, "某某省某某市", "重庆市"]


def test_an_address_with_no_prefecture_is_counted_under_otherwise():
    liudong = _frame("liudong", hukou_address=ADDRESSES)
    liushou = _frame("liushou", father_current_address=ADDRESSES, mother_current_address=ADDRESSES[::-1])
    source = SourceInfo("仪陇县", COUNTY)
    result = compute(StatsInput({"liudong": liudong, "liushou": liushou}, date(2025, 12, 31), "511324", ("金城镇",), source))
    assert_totals_match(result)
    stats = load_statistics()
    for key in ("hukou_province", "hukou_prefecture"):
        t = result.table(key)
        otherwise = next(d.otherwise for d in stats.tables if d.key == key)
        assert t.count(otherwise) >= 5, (key, dict(zip(t.rows, t.counts)))   # 火星基地, 某某省某某市, the blanks


@pytest.mark.parametrize("key", ["hukou_prefecture"])
def test_a_long_place_table_summed_into_its_rest_row_keeps_its_total(key):
    towns = [f"河南省{c}" for c in ("郑州市", "开封市", "洛阳市", "平顶山市", "安阳市", "鹤壁市", "新乡市", "焦作市")]
    many = [t for t in towns for _ in range(3)] + ["四川省南充市"] * 2 + [None, "火星"]
    frame = _frame("liudong", hukou_address=many)
    stats = load_statistics()
    stats = replace(stats, tables=tuple(replace(d, table_top=4) if d.key == key else d for d in stats.tables))
    result = compute(StatsInput({"liudong": frame}, date(2025, 12, 31), "511324", ("金城镇",), SourceInfo("仪陇县", COUNTY)), stats)
    t = result.table(key)
    assert len(t.rows) == 5 and any(r.startswith("其余") for r in t.rows)
    assert_totals_match(result)
