"""ID numbers against the rest of the record.

- Any ID: the birth date in it may not be after the reference date (error).
- The child's ID: its birth date must equal 出生日期 and its 17th digit parity must match 性别
  (error). The finding goes on 出生日期 / 性别: the ID number passed its checksum, and a single
  wrong digit almost never does, so the other cell is the likelier typo; the message says so.
- The child's ID area code differing from the 户籍地址 county: warning (户籍 can move). An old
  code of the same county (淅川县 412927 before 1994, 黄陂县 before it became 黄陂区) is the same
  place: no warning. A residence permit number has no 户籍 to compare (id.permit_child says so).
- The people of the row against each other (copied numbers, sexes and ages of the roles):
  validators.rules.people.
"""
from __future__ import annotations

from dataclasses import replace

import polars as pl

from validators import idnumber
from validators.codes import make
from validators.findings import Finding
from validators.rules import people
from validators.rules.row import IdFacts, PlaceFacts, Row

CHECKSUM_NOTE = "（身份证号校验位正确，多半是{label}填错了；如确是身份证号错，请改身份证号）"


_ID_FIELDS: dict[int, tuple] = {}


def _id_fields(form) -> tuple:
    hit = _ID_FIELDS.get(id(form))
    if hit is None or hit[0] is not form:
        hit = _ID_FIELDS[id(form)] = (form, form.fields_of_type("id"))
    return hit[1]


def check(row: Row) -> list[Finding]:
    found: list[Finding] = []
    persons: list[people.Person] = []
    for field in _id_fields(row.form):
        facts = row.fact(field.key)
        if not isinstance(facts, IdFacts):
            continue
        if facts.birth is not None and facts.birth > row.ref_date:
            found.append(make("id.future_birth", row.index, field.key, value=row.raw(field.key),
                              label=idnumber.permit_label(field.label, facts.area),
                              birth=facts.birth.isoformat(), as_of=row.ref_date.isoformat()))
        elif field.role:
            persons.append(people.person(row, field, facts))
    copied = people.copies(row, persons)
    for p in persons:
        if p.role == "child" and p.key not in copied:
            found += _child(row, p.facts)
    return found + people.check(row, persons, copied)


def _note(finding: Finding, label: str) -> Finding:
    return replace(finding, message=finding.message + CHECKSUM_NOTE.format(label=label))


def _child(row: Row, facts: IdFacts) -> list[Finding]:
    found = []
    birth = row.fact("birth_date")
    if birth is not None and facts.birth is not None and birth != facts.birth:
        found.append(_note(make("id.birth_mismatch", row.index, "birth_date",
                                value=row.raw("birth_date"), id_birth=facts.birth.isoformat()),
                           row.label("birth_date")))
    sex = row.fact("sex")
    if sex in ("男", "女") and facts.sex and sex != facts.sex:
        found.append(_note(make("id.sex_mismatch", row.index, "sex", value=row.raw("sex"),
                                id_sex=facts.sex), row.label("sex")))
    hukou = row.fact("hukou_address")
    if isinstance(hukou, PlaceFacts) and hukou.county and not _same_area(facts.area, hukou) \
            and not idnumber.permit_region(facts.area):
        found.append(make("id.area_differs", row.index, "id_number", value=row.raw("id_number"),
                          id_area=facts.area, hukou_county=hukou.county_name or hukou.county))
    return found


def _same_area(area: str, place: PlaceFacts) -> bool:
    """The ID's area code is the 户籍 county, the 户籍 prefecture's own code (xxxx00), or an
    earlier code of the same county."""
    return (area == place.county or (area.endswith("00") and area == place.prefecture)
            or idnumber.same_county(area, place.county))


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    """Records on which `check` may find something (a superset), found column by column for
    the bulk run; `check` itself decides. Each test below is looser than the rule's own."""
    n = len(refs)
    none = [None] * n
    out: set[int] = set()
    birth_cells, sexes, hukous = (facts.get(k) or none for k in ("birth_date", "sex", "hukou_address"))
    numbers = []
    for field in _id_fields(form):
        col = facts.get(field.key)
        if col is None:
            continue
        numbers.append(col)
        relations = values.get(field.role_from) if field.role_from else None
        fixed = people.expectations(field.role, None) if relations is None else None
        expect: dict = {}
        for i, f in enumerate(col):
            if f is None:
                continue
            if f.birth is not None and f.birth > refs[i]:
                out.add(i)
            elif field.role == "child":
                hukou = hukous[i]
                if ((birth_cells[i] is not None and birth_cells[i] != f.birth)
                        or (sexes[i] is not None and sexes[i] != f.sex)
                        or (isinstance(hukou, PlaceFacts) and f.area != hukou.county)):
                    out.add(i)
            elif field.role:
                if relations is None:
                    sex, years = fixed
                else:
                    relation = relations[i]
                    hit = expect.get(relation)
                    if hit is None:
                        hit = expect[relation] = people.expectations(field.role, relation)
                    sex, years = hit
                if people.may_fire(f, sex, years, births[i], refs[i]):
                    out.add(i)
    out.update(_rows_sharing_a_number(numbers))
    return out


def _rows_sharing_a_number(columns: list[list]) -> set[int]:
    """Records where two ID cells hold the same number (compared column-wise in polars)."""
    if len(columns) < 2:
        return set()
    series = [pl.Series([f.number if f is not None else None for f in col], dtype=pl.Utf8)
              for col in columns]
    out: set[int] = set()
    for a in range(len(series)):
        for b in range(a + 1, len(series)):
            out.update((series[a] == series[b]).fill_null(False).arg_true().to_list())
    return out
