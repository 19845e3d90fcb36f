"""Which children of a township set are placed where (see township_set): the expected groups,
the pairs that must not be grouped, the resubmitted sheet and its known changes."""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import timedelta

from generator import township_mix as mix
from generator.build import Setting, build_record
from generator.sheet import _row

POSSIBLE_HOWS = ("one_digit", "swapped", "order_code", "missing", "homophone", "one_char")
OTHER_COUNTY = "511323"       # 蓬安县, next to 仪陇县: a file from another county's township


@dataclass
class Cases:
    groups: list[tuple[str, str, list[tuple[mix.Part, int]]]] = field(default_factory=list)
    not_grouped: list[tuple[tuple[mix.Part, int], tuple[mix.Part, int]]] = field(default_factory=list)


class _Picker:
    """Records of the generated rows not used by another case yet."""

    def __init__(self, parts: list[mix.Part], rng: random.Random):
        self.free = {id(p): list(range(len(p.sheet.rows))) for p in parts}
        for v in self.free.values():
            rng.shuffle(v)

    def take(self, part: mix.Part) -> int:
        return self.free[id(part)].pop()


def _possible(src: mix.Part, i: int, dst: mix.Part, how: str, rng: random.Random) -> int:
    j = mix.copy_row(src, i, dst)
    number, name = dst.cell(j, "id_number"), dst.cell(j, "name")
    if how == "one_digit":
        dst.set(j, "id_number", mix.one_digit_off(number, rng))
    elif how == "swapped":
        dst.set(j, "id_number", mix.swapped(number, rng))
    elif how == "order_code":
        dst.set(j, "id_number", mix.other_order_code(number, rng))
    elif how == "missing":
        dst.set(j, "id_number", None)
        dst.set(j, "hukou_registered", "否")
    elif how == "homophone":
        ours, theirs = mix.homophones(name, rng)
        src.set(i, "name", ours)
        dst.set(j, "name", theirs)
        dst.set(j, "id_number", mix.other_order_code(number, rng))
    elif how == "one_char":
        dst.set(j, "name", mix.one_char_off(name, rng))
        dst.set(j, "id_number", mix.one_digit_off(number, rng))
    return j


def add_cases(made, parts: list[mix.Part], rng: random.Random, extras: bool,
              duplicates: int | None, possibles: int | None) -> Cases:
    cases = Cases()
    towns = made.towns
    by = {(p.township, p.form): p for p in parts}
    spare = by[(towns[-1], "liushou")]             # the resubmitted sheet: no other case in it
    pick = _Picker([p for p in parts if p is not spare], rng)
    pairs = [(a, b) for a in towns[:-1] for b in towns[:-1] if a != b]
    n_dup = duplicates if duplicates is not None else 3
    for n in range(n_dup):
        a, b = pairs[n % len(pairs)]
        form = ("liudong", "liushou")[n % 2]
        src, dst = by[(a, form)], by[(b, form)]
        i = pick.take(src)
        cases.groups.append(("duplicate", "across", [(src, i), (dst, mix.copy_row(src, i, dst, rng))]))
    src = by[(towns[0], "liudong")]
    i = pick.take(src)
    cases.groups.append(("duplicate", "same_file", [(src, i), (src, mix.copy_row(src, i, src, rng))]))
    ld, ls = by[(towns[0], "liudong")], by[(towns[1], "liushou")]
    i = pick.take(ld)
    cases.groups.append(("both_forms", "both", [(ld, i), (ls, mix.both_forms_copy(ld, i, ls, rng, made.county))]))
    n_pos = possibles if possibles is not None else len(POSSIBLE_HOWS)
    for n in range(n_pos):
        a, b = pairs[(n + 1) % len(pairs)]
        form = ("liushou", "liudong")[n % 2]
        src, dst = by[(a, form)], by[(b, form)]
        i = pick.take(src)
        how = POSSIBLE_HOWS[n % len(POSSIBLE_HOWS)]
        cases.groups.append(("possible_duplicate", how, [(src, i), (dst, _possible(src, i, dst, how, rng))]))
    for n in range(2 if extras else 0):
        src, dst = by[(towns[0], "liudong")], by[(towns[1], "liudong")]
        i = pick.take(src)
        cases.not_grouped.append(((src, i), (dst, mix.shared_name_only(src, i, dst, rng, made.county))))
        k = pick.take(src)
        j = mix.copy_row(src, k, dst)
        dst.set(j, "name", mix.one_char_off(dst.cell(j, "name"), rng))      # a sibling's look:
        dst.set(j, "id_number", mix.other_order_code(dst.cell(j, "id_number"), rng))  # no group
        cases.not_grouped.append(((src, k), (dst, j)))
    if extras:
        parts.append(_resubmission(made, spare, rng))
        parts.append(_other_county(made, rng))
    return cases


def _resubmission(made, new: mix.Part, rng: random.Random) -> mix.Part:
    """The older version of `new` (sent 11 days earlier): `new` then lost 2 children, gained 3
    and has 2 changed (one field each)."""
    old = mix.Part(new.township, new.form, copy.deepcopy(new.sheet),
                   new.file_name.replace(".xlsx", "（第一版）.xlsx"), new.layout,
                   line_date=made.as_of - timedelta(days=11), county=new.county)
    s = new.sheet
    for i in (len(s.rows) - 1, len(s.rows) - 2):
        del s.rows[i]
    for i in (0, 1):
        new.set(i, "guardianship", "一般" if new.cell(i, "guardianship") != "一般" else "较好")
    for _ in range(3):
        rec = build_record(rng, Setting(new.form, s.as_of, made.county))
        mix.place(new, new.append(_row(rec.values, len(s.rows), s.fields, s.reporting_unit)), rng)
    made.resubmission = {"township": new.township, "form": new.form, "old": old.file_name,
                         "new": new.file_name, "added": 3, "removed": 2, "changed": 2}
    return old


def _other_county(made, rng: random.Random) -> mix.Part:
    from generator.township_set import make_part
    from validators.townships import townships_of
    town = townships_of(OTHER_COUNTY)[0].name
    return make_part(town, "liudong", 4, rng.randrange(10 ** 6), OTHER_COUNTY, made.as_of,
                     file_name=f"外县{town}流动儿童.xlsx")
