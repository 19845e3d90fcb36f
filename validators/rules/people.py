"""The people of one record against each other: the child, 父亲, 母亲, 其他监护人, 受委托照顾人.

- One number, two people: an error on the copied cell (id.copied) naming the other cell; the
  copy gets no other finding about its person. The number belongs to the first person (form
  order) it fits (the child: its birth date is 出生日期; an adult: the sex of the role and old
  enough to be it), else to the first one holding it; every other holder is the copy.
- 父亲 / 母亲: the sex in the number is the role's (error, id.parent_sex; both wrong: the two
  numbers were probably swapped). A sex implied by a relation (爷爷, 外婆 …): a warning
  (id.role_sex), as the relation cell may be the wrong one.
- Ages: a parent or grandparent born on or after the child is an error (id.adult_younger); one
  less than 16 years per generation older a warning (id.not_adult). A relation that does not
  tell the generation (舅舅, 哥哥, 其他 …): under 18 on the reference date is a warning
  (id.guardian_minor).
Shared phone numbers and addresses within a family are normal: nothing here compares them.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from validators.codes import make
from validators.findings import Finding
from validators.idnumber import permit_label
from validators.reference import age_years
from validators.rules.relations import ROLE_NAMES, ROLE_SEX, generation_of, relation_word, sex_of_relation
from validators.rules.row import IdFacts, Row

YEARS_PER_GENERATION = 16
ADULT_AGE = 18


class Person(NamedTuple):
    key: str                 # the ID field
    role: str                # child | father | mother | guardian | carer
    facts: IdFacts
    label: str               # the cell's label for messages (a residence permit named)
    name: str                # what the person is to the child: 父亲, 外婆, 其他监护人 …
    sex: str | None          # the sex the role implies
    generation: int | None   # generations above the child (None: the role does not say)


def person(row: Row, field, facts: IdFacts) -> Person:
    relation = row.raw(field.role_from) if field.role_from and row.present(field.role_from) else None
    word = relation_word(relation)
    if field.role in ROLE_SEX:
        name, sex = ROLE_NAMES[field.role], ROLE_SEX[field.role]
    else:
        name, sex = (word if word and word != "其他" else ROLE_NAMES.get(field.role, "")), sex_of_relation(relation)
    return Person(field.key, field.role, facts, permit_label(field.label, facts.area), name, sex,
                  generation_of(field.role, relation))


def copies(row: Row, persons: list[Person]) -> dict[str, Person]:
    """ID field of each copied cell → the person the number belongs to."""
    holders: dict[str, list[Person]] = defaultdict(list)
    for p in persons:
        holders[p.facts.number].append(p)
    out: dict[str, Person] = {}
    for group in holders.values():
        if len(group) > 1:
            owner = next((p for p in group if _fits(row, p)), group[0])
            out.update((p.key, owner) for p in group if p is not owner)
    return out


def _fits(row: Row, p: Person) -> bool:
    if p.role == "child":
        birth = row.fact("birth_date")
        return birth is None or birth == p.facts.birth
    if p.sex and p.facts.sex != p.sex:
        return False
    child = row.fact("birth_date")
    return child is None or p.facts.birth is None or not gap_too_small(p.facts.birth, child, YEARS_PER_GENERATION)


def check(row: Row, persons: list[Person], copied: dict[str, Person]) -> list[Finding]:
    found = [make("id.copied", row.index, p.key, value=row.raw(p.key), label=p.label,
                  other=_whose(copied[p.key]), person=p.name)
             for p in persons if p.key in copied]
    adults = [p for p in persons if p.role != "child" and p.key not in copied]
    found += _parent_sexes(row, [p for p in adults if p.role in ROLE_SEX])
    for p in adults:
        if p.role not in ROLE_SEX and p.sex and p.facts.sex != p.sex:
            found.append(make("id.role_sex", row.index, p.key, value=row.raw(p.key), label=p.label,
                              id_sex=p.facts.sex, role=p.name))
        found += _age(row, p)
    return found


def _whose(p: Person) -> str:
    """儿童的公民身份号码 (the child's column has the form's plain label), 父亲公民身份号码 …"""
    return "儿童的" + p.label if p.role == "child" else p.label


def _parent_sexes(row: Row, parents: list[Person]) -> list[Finding]:
    wrong = [p for p in parents if p.facts.sex != p.sex]
    swap = "（父亲和母亲的号码可能填反了）" if len(wrong) == 2 else ""
    return [make("id.parent_sex", row.index, p.key, value=row.raw(p.key), label=p.label,
                 id_sex=p.facts.sex, role=p.name, expected=p.sex, swap=swap) for p in wrong]


def _age(row: Row, p: Person) -> list[Finding]:
    born, child = p.facts.birth, row.birth
    if born is None:
        return []
    if p.generation is None:
        if age_years(born, row.ref_date) >= ADULT_AGE:
            return []
        return [make("id.guardian_minor", row.index, p.key, value=row.raw(p.key), label=p.label,
                     birth=born.isoformat(), as_of=row.ref_date.isoformat(),
                     duty=ROLE_NAMES.get(p.role, p.name))]
    if child is None:
        return []
    if born >= child:
        return [make("id.adult_younger", row.index, p.key, value=row.raw(p.key), label=p.label,
                     birth=born.isoformat(), child_birth=child.isoformat(), role=p.name)]
    gap = YEARS_PER_GENERATION * p.generation
    if gap_too_small(born, child, gap):
        return [make("id.not_adult", row.index, p.key, value=row.raw(p.key), label=p.label,
                     birth=born.isoformat(), gap=gap, role=p.name)]
    return []


def gap_too_small(adult_birth: date, child_birth: date, years: int) -> bool:
    """The child was born before the adult's `years`th birthday (29 February: on 1 March)."""
    return ((child_birth.year, child_birth.month, child_birth.day)
            < (adult_birth.year + years, adult_birth.month, adult_birth.day))


def expectations(role: str, relation: str | None) -> tuple[str | None, int | None]:
    """(the sex the role implies, the years it must be older than the child; None: only adult)."""
    generation = generation_of(role, relation)
    return (ROLE_SEX.get(role) or sex_of_relation(relation),
            None if generation is None else YEARS_PER_GENERATION * generation)


def may_fire(number: IdFacts, sex: str | None, years: int | None, child: date | None, ref: date) -> bool:
    """Looser than `check` for one adult number (the bulk run's prefilter): its sex, its age.
    sex and years: `expectations` of the role."""
    born = number.birth
    if (sex and number.sex != sex) or born is None:
        return True
    if years is None:
        return (ref.year - born.year) <= ADULT_AGE
    return child is not None and gap_too_small(born, child, years)
