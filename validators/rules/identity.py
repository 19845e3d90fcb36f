"""ID numbers against the rest of the record.

- Any ID: the birth date in it may not be after the reference date (error).
- The child's ID: its birth date must equal 出生日期 and its 17th digit parity must match 性别
  (error). The finding goes on 出生日期 / 性别: the ID number passed its checksum, and a single
  wrong digit almost never does, so the other cell is the likelier typo; the message says so.
- The child's ID area code differing from the 户籍地址 county: warning (户籍 can move).
- A parent's, guardian's or carer's ID: at least 16 years older than the child, and its parity
  matching the sex the role implies (父亲 odd, 母亲 even, 爷爷/外公 odd, 奶奶/外婆 even): warnings.
"""
from __future__ import annotations

from dataclasses import replace

from validators.codes import make
from validators.findings import Finding
from validators.rules.relations import ROLE_SEX, sex_of_relation
from validators.rules.row import IdFacts, PlaceFacts, Row

CHECKSUM_NOTE = "（身份证号校验位正确，多半是{label}填错了；如确是身份证号错，请改身份证号）"
MIN_PARENT_GAP = 16


_ID_FIELDS: dict[int, tuple] = {}


def _id_fields(form) -> tuple:
    hit = _ID_FIELDS.get(id(form))
    if hit is None or hit[0] is not form:
        hit = _ID_FIELDS[id(form)] = (form, form.fields_of_type("id"))
    return hit[1]


def check(row: Row) -> list[Finding]:
    found: list[Finding] = []
    for field in _id_fields(row.form):
        facts = row.fact(field.key)
        if not isinstance(facts, IdFacts):
            continue
        if facts.birth is not None and facts.birth > row.ref_date:
            found.append(make("id.future_birth", row.index, field.key, value=row.raw(field.key),
                              label=field.label, birth=facts.birth.isoformat(),
                              as_of=row.ref_date.isoformat()))
            continue
        if field.role == "child":
            found += _child(row, facts)
        elif field.role:
            found += _adult(row, field, facts)
    return found


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
    if isinstance(hukou, PlaceFacts) and hukou.county and not _same_area(facts.area, hukou):
        found.append(make("id.area_differs", row.index, "id_number", value=row.raw("id_number"),
                          id_area=facts.area, hukou_county=hukou.county_name or hukou.county))
    return found


def _same_area(area: str, place: PlaceFacts) -> bool:
    """The ID's area code is the 户籍 county, or the 户籍 prefecture's own code (xxxx00)."""
    return area == place.county or (area.endswith("00") and area == place.prefecture)


def _adult(row: Row, field, facts: IdFacts) -> list[Finding]:
    found = []
    child_birth = row.birth
    if child_birth is not None and facts.birth is not None and _gap_too_small(facts.birth, child_birth):
        found.append(make("id.not_adult", row.index, field.key, value=row.raw(field.key),
                          label=field.label, birth=facts.birth.isoformat()))
    role_name, expected = _expected_sex(row, field)
    if expected and facts.sex and facts.sex != expected:
        found.append(make("id.role_sex", row.index, field.key, value=row.raw(field.key),
                          label=field.label, id_sex=facts.sex, role=role_name))
    return found


def _gap_too_small(adult_birth, child_birth) -> bool:
    """The child was born before the adult's 16th birthday (29 February: on 1 March)."""
    return ((child_birth.year, child_birth.month, child_birth.day)
            < (adult_birth.year + MIN_PARENT_GAP, adult_birth.month, adult_birth.day))


def _expected_sex(row: Row, field) -> tuple[str, str | None]:
    if field.role in ROLE_SEX:
        return ("父亲" if field.role == "father" else "母亲"), ROLE_SEX[field.role]
    if field.role_from and row.present(field.role_from):
        relation = row.raw(field.role_from)
        return (relation or "").strip(), sex_of_relation(relation)
    return "", None


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    """Records on which `check` may find something (a superset), found column by column for
    the bulk run; `check` itself decides. Each test below is looser than the rule's own."""
    n = len(refs)
    none = [None] * n
    out: set[int] = set()
    birth_cells, sexes, hukous = (facts.get(k) or none for k in ("birth_date", "sex", "hukou_address"))
    for field in _id_fields(form):
        col = facts.get(field.key)
        if col is None:
            continue
        fixed_sex = ROLE_SEX.get(field.role) if field.role != "child" else None
        relations = values.get(field.role_from) if field.role_from else None
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
                child = births[i]
                expected = fixed_sex or (sex_of_relation(relations[i]) if relations else None)
                if ((expected and f.sex != expected) or f.birth is None
                        or (child is not None and _gap_too_small(f.birth, child))):
                    out.add(i)
    return out
