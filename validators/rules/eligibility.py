"""Who counts (domain-rules.md, "Who counts").

- Under 16 on the reference date: a child who turns 16 ON the reference date is out (error on
  出生日期).
- 流动: 户籍地址 county ≠ 现居住地 county (same county: error on 户籍地址); both 市辖区 of the
  same prefecture: warning, the clerk decides; 来现居住地日期 at least `min_months_away` calendar
  months before the reference date (exactly 6 months passes; error on 来现居住地日期).
- 留守: 父母双方同时外出 or 父母一方外出、另一方无监护能力 is 是 (error on 父母双方同时外出).
"""
from __future__ import annotations

from validators.codes import make
from validators.findings import Finding
from validators.reference import months_between
from validators.rules.row import PlaceFacts, Row


def check(row: Row) -> list[Finding]:
    found = _age(row)
    if row.form.key == "liudong":
        found += _moved_across_county(row) + _stay(row)
    elif row.form.key == "liushou":
        found += _left_behind(row)
    return found


def _age(row: Row) -> list[Finding]:
    if row.age is None or row.age < row.form.eligibility.max_age:
        return []
    field = "birth_date" if row.fact("birth_date") is not None else "id_number"
    return [make("eligibility.age", row.index, field, value=row.raw(field),
                 as_of=row.ref_date.isoformat(), birth=row.birth.isoformat())]


def _moved_across_county(row: Row) -> list[Finding]:
    home, here = row.fact("hukou_address"), row.fact("current_address")
    if not (isinstance(home, PlaceFacts) and isinstance(here, PlaceFacts)):
        return []
    if not home.county or not here.county:
        return []
    if home.county == here.county:
        return [make("eligibility.same_county", row.index, "hukou_address",
                     value=row.raw("hukou_address"), county=home.county_name or home.county)]
    if (home.is_district and here.is_district and home.prefecture
            and home.prefecture == here.prefecture):
        return [make("eligibility.city_districts", row.index, "hukou_address",
                     value=row.raw("hukou_address"), from_=home.county_name, to=here.county_name)]
    return []


def _stay(row: Row) -> list[Finding]:
    arrival = row.fact("arrival_date")
    months = row.form.eligibility.min_months_away
    if arrival is None or not months or arrival > row.ref_date:
        return []
    if months_between(arrival, row.ref_date) >= months:
        return []
    return [make("eligibility.short_stay", row.index, "arrival_date", value=row.raw("arrival_date"),
                 arrival=arrival.isoformat(), as_of=row.ref_date.isoformat(), months=months)]


def _left_behind(row: Row) -> list[Finding]:
    both, one = row.fact("both_parents_away"), row.fact("one_away_other_incapable")
    if both == "否" and one == "否":
        return [make("eligibility.not_left_behind", row.index, "both_parents_away",
                     value=row.raw("both_parents_away"))]
    return []


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    """Records on which `check` may find something (column-wise and looser than the rule)."""
    n = len(refs)
    none = [None] * n
    out = {i for i, (b, r) in enumerate(zip(births, refs))
           if b is not None and r.year - b.year >= form.eligibility.max_age}
    if form.key == "liudong":
        months = form.eligibility.min_months_away or 0
        homes, heres = facts.get("hukou_address") or none, facts.get("current_address") or none
        for i, (home, here) in enumerate(zip(homes, heres)):
            if (isinstance(home, PlaceFacts) and isinstance(here, PlaceFacts)
                    and (home.county == here.county or home.prefecture == here.prefecture)):
                out.add(i)
        for i, (arrival, ref) in enumerate(zip(facts.get("arrival_date") or none, refs)):
            if arrival is not None and (ref.year - arrival.year) * 12 + ref.month - arrival.month <= months:
                out.add(i)
    elif form.key == "liushou":
        pairs = zip(facts.get("both_parents_away") or none, facts.get("one_away_other_incapable") or none)
        out.update(i for i, (a, b) in enumerate(pairs) if a == "否" and b == "否")
    return out
