"""The sheet's own township: a township sends the children of its own area. With the township
of the sheet known (its 填报单位 line, ValidationContext.township), a row whose 现居住地 (流动) /
户籍地址 (留守) — the template's eligibility.county_field — names another township is a warning
on that cell: the child may belong on that township's sheet (the clerk decides). An address
naming no township, or outside the configured county (the county rule's error says more),
gets nothing here."""
from __future__ import annotations

from validators import divisions
from validators.codes import make
from validators.findings import Finding
from validators.rules.county import in_county
from validators.rules.row import PlaceFacts, Row


def check(row: Row) -> list[Finding]:
    sheet, key = row.ctx.township, row.form.eligibility.county_field
    if not sheet or not key:
        return []
    place = row.fact(key)
    if not isinstance(place, PlaceFacts) or not place.township or place.township == sheet:
        return []
    if row.ctx.county and not in_county(place, row.ctx.county):
        return []
    return [make("address.outside_township", row.index, key, value=row.raw(key), label=row.label(key),
                 town=_town_name(place.township, sheet), sheet_town=divisions.name(sheet))]


def _town_name(town: str, sheet: str) -> str:
    """转塘街道 in the same county; 杭州市西湖区转塘街道 in another one."""
    if town[:6] == sheet[:6]:
        return divisions.name(town)
    return divisions.full_name(town)


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    key = form.eligibility.county_field
    if not ctx.township or not key or key not in facts:
        return set()
    return {i for i, place in enumerate(facts[key])
            if isinstance(place, PlaceFacts) and place.township not in (None, ctx.township)}
