"""Possibly missed children (疑似漏报): a department's record of a child under 16 who is on no
sheet of the county and whom the county should have registered, for the township to visit.

A record with a valid ID that no current sheet holds, the child under 16 on the reference date
(by the ID's birth date), and:
  - the record says what kind of child it is (儿童类别: 流动儿童 / 留守儿童, 随迁子女 …), or
  - it lives in the county (现住址 in it) and its 户籍 is elsewhere (户籍地址, else the ID's
    area code): a 流动 child by the notice's monitoring scope.
留守 needs the department to say so (no record tells whether the parents work away).
The township is the one the address names (流动: 现住址, 留守: 户籍地址; validators.townships).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import polars as pl

from intake.county.keys import address_place
from intake.departments.model import MISSED, Difference, Person, hashed
from intake.departments.profile import DepartmentProfile
from intake.departments.register import ages
from validators import divisions
from validators.idnumber import birth_date

KIND_FORMS = {"流动儿童": "liudong", "留守儿童": "liushou"}
NOTE = {"liudong": "{dept}有这名儿童的记录（现住址在本县、户籍在外地），但各乡镇的流动儿童登记表中都没有，请乡镇走访核实",
        "liushou": "{dept}记录为留守儿童，但各乡镇的留守儿童登记表中都没有，请乡镇走访核实"}


@lru_cache(maxsize=50_000)
def _place(text: str | None) -> tuple[str | None, str | None]:
    return address_place(text) if text else (None, None)


def _column(profile: DepartmentProfile, role: str) -> str | None:
    return next((a.key for a in profile.answer if a.role == role), None)


def missed(profile: DepartmentProfile, answer: pl.DataFrame, known_ids: pl.Series, *, salt: str,
           as_of: date, county: str | None) -> list[Difference]:
    if county is None:
        return []
    cols = {r: _column(profile, r) for r in ("name", "address", "hukou", "kind", "birth")}
    candidates = (answer.filter(pl.col("id").is_not_null() & ~pl.col("id").is_in(known_ids.implode()))
                  .with_columns(_birth=pl.col("id").str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
                                .dt.strftime("%Y-%m-%d")))
    candidates = candidates.filter((ages(pl.col("_birth"), as_of) < 16).fill_null(False))
    out = []
    for row in candidates.iter_rows(named=True):
        found = _form_and_town(row, cols, county)
        if found is None:
            continue
        form, town, note = found
        person = Person(row.get(cols["name"]), row["id"], birth_date(row["id"]).isoformat(),
                        row.get(cols["address"]), row.get(cols["hukou"]), form)
        out.append(Difference(profile.key, MISSED, f"{profile.key}:{MISSED}:{hashed(salt, row['id'])}",
                              township=town, person=person, note=note.format(dept=profile.name),
                              answer_sheet=row["sheet"], answer_row=row["row"]))
    return out


def _form_and_town(row: dict, cols: dict, county: str) -> tuple[str, str, str] | None:
    address = row.get(f"raw:{cols['address']}") if cols["address"] else None
    hukou = row.get(f"raw:{cols['hukou']}") if cols["hukou"] else None
    kind = row.get(cols["kind"]) if cols["kind"] else None
    lives, lives_town = _place(address)
    registered, registered_town = _place(hukou)
    registered = registered or _id_county(row["id"])
    form = KIND_FORMS.get(kind or "")
    if form == "liushou":
        if registered not in (None, county):
            return None                 # 留守 children are registered where their 户籍 is
        return form, _town_name(registered_town), NOTE["liushou"]
    if lives != county:
        return None
    if form is None and registered in (None, county):
        return None                     # lives here and registered here: neither kind
    return "liudong", _town_name(lives_town), NOTE["liudong"]


def _id_county(number: str) -> str | None:
    d = divisions.get(number[:6])
    return d.code if d is not None and d.level in (2, 3) else None


def _town_name(code: str | None) -> str:
    return divisions.name(code) if code else ""
