"""The county check: with a county configured, 流动 rows must live in it (现居住地) and 留守 rows
must have their 户籍 in it (户籍地址): the template's eligibility.county_field names the cell."""
from __future__ import annotations

from validators import divisions
from validators.codes import make
from validators.findings import Finding
from validators.rules.row import PlaceFacts, Row

WHERE = {"current_address": "儿童现居住地所在县", "hukou_address": "儿童户籍所在县"}



def county_name(code: str) -> str:
    """河南省南阳市宛城区 (410105) for messages; the code alone when the table lacks it."""
    name = divisions.full_name(code) if divisions.get(code) else ""
    return f"{name}，{code}" if name else code


def check(row: Row) -> list[Finding]:
    county = row.ctx.county
    key = row.form.eligibility.county_field
    if not county or not key:
        return []
    place = row.fact(key)
    if not isinstance(place, PlaceFacts) or not place.county or in_county(place, county):
        return []
    return [make("address.outside_county", row.index, key, value=row.raw(key),
                 label=row.label(key), county=county_name(county), where=WHERE.get(key, "所在县"))]


def in_county(place: PlaceFacts, county: str) -> bool:
    """A 6-digit county code, or a prefecture code xxxx00 meaning 'anywhere in that city'."""
    if place.county == county:
        return True
    return county.endswith("00") and place.prefecture == county


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    """Records on which `check` may find something (column-wise, for the bulk run)."""
    key = form.eligibility.county_field
    if not ctx.county or not key or key not in facts:
        return set()
    return {i for i, place in enumerate(facts[key])
            if isinstance(place, PlaceFacts) and place.county != ctx.county}
