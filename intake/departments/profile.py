"""Department profiles (templates/departments/*.toml) as frozen objects.

A profile says, for one department (教育, 公安, 卫健, 医保, 残联): which children it gets, the
columns of the list sent to it (form fields only: data minimisation), the columns its answer
may hold (with the headers departments are known to use and the values they write), how each
answer column maps onto a form field (value maps per form), and what a child missing from the
answer means. templates/departments/common.toml holds the columns every answer may hold (the
ID number, name, addresses …); a profile adds its own and may extend their aliases.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from intake.errors import MopaiError
from intake.forms import FORM_KEYS, load_form
from templates import TEMPLATES_DIR

DEPARTMENTS_DIR = TEMPLATES_DIR / "departments"
COMMON = "common"
ORDER = ("jiaoyu", "gongan", "weijian", "yibao", "canlian")
ROLES = ("id", "card", "name", "birth", "address", "hukou", "kind", "result", "value")
LIST_COLUMNS = {"seq": "序号"}        # the list's own columns (not form fields)
CARD_PARTS = ("card_category", "card_level")   # answer values decoded from a 残疾人证号


@dataclass(frozen=True, eq=False)      # hashed by identity: values are cached per column
class AnswerColumn:
    key: str
    label: str
    role: str
    aliases: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    patterns: tuple[tuple[str, str], ...] = ()
    ask: bool = False
    help: str = ""
    applies_months_lt: int | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class SentColumn:
    field: str             # a form field key, or a LIST_COLUMNS key
    label: str


@dataclass(frozen=True)
class MapEntry:
    parts: tuple[str, ...]          # one per source column; "*" any value (blank too), "" blank
    values: tuple[str, ...]         # the form values that agree; accepting needs one of them


@dataclass(frozen=True, eq=False)
class Comparison:
    field: str                      # the form field compared
    sources: tuple[str, ...]        # answer column keys
    how: str = "join"               # join: map "a|b" through maps; first: the first understood source
    text: bool = False              # compared as text (name, school), not as options
    maps: Mapping[str, tuple[MapEntry, ...]] = field(default_factory=dict)   # form -> entries


@dataclass(frozen=True)
class Selection:
    forms: tuple[str, ...] = FORM_KEYS
    age_lt: int | None = None       # under this age (full years) on the reference date
    age_gte: int | None = None


@dataclass(frozen=True)
class Absent:
    """What a child on the list means when the answer does not hold it (or holds it with every
    asked column blank, or says 查无此人): not_known, or the given answer values."""
    means: str = "not_known"                        # not_known | values
    values: Mapping[str, str] = field(default_factory=dict)
    unless_field: str | None = None                 # ... unless the sheet's field is one of
    unless_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class DepartmentProfile:
    key: str
    name: str                        # 医保
    title: str                       # 县医疗保障局
    checks: str                      # what it checks, in words
    children: Selection
    sent: tuple[SentColumn, ...]
    answer: tuple[AnswerColumn, ...]
    compare: tuple[Comparison, ...]
    absent: Absent
    name_birth: bool = True          # a record without a usable ID matched by name + birth date

    def column(self, key: str) -> AnswerColumn:
        return next(c for c in self.answer if c.key == key)

    def columns_of(self, role: str) -> tuple[AnswerColumn, ...]:
        return tuple(c for c in self.answer if c.role == role)

    @property
    def asked(self) -> tuple[AnswerColumn, ...]:
        """The empty columns of the outgoing list, in order (the department's own, then 核对结果)."""
        asked = [c for c in self.answer if c.ask]
        return tuple(sorted(asked, key=lambda c: c.role == "result"))

    @property
    def sent_fields(self) -> tuple[str, ...]:
        """The form fields the department receives."""
        return tuple(s.field for s in self.sent if s.field not in LIST_COLUMNS)

    @property
    def compared_fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.compare)


def department_keys() -> tuple[str, ...]:
    found = sorted(p.stem for p in DEPARTMENTS_DIR.glob("*.toml") if p.stem != COMMON)
    return tuple(k for k in ORDER if k in found) + tuple(k for k in found if k not in ORDER)


def load_profiles() -> dict[str, DepartmentProfile]:
    return {k: load_profile(k) for k in department_keys()}


def find_profile(name: str) -> DepartmentProfile:
    """By key (yibao), by name (医保) or title (县医疗保障局); MopaiError naming the choices."""
    wanted = name.strip()
    for p in load_profiles().values():
        if wanted in (p.key, p.name, p.title) or (wanted and wanted in p.name.split("/")):
            return p
    names = "、".join(f"{p.name}（{p.key}）" for p in load_profiles().values())
    raise MopaiError(f"没有名为“{wanted}”的部门，可选：{names}")


@lru_cache(maxsize=None)
def load_profile(key: str, directory: Path | None = None) -> DepartmentProfile:
    base = directory or DEPARTMENTS_DIR
    path = base / f"{key}.toml"
    if not path.is_file():
        raise KeyError(f"没有名为 {key} 的部门配置")
    data = _read(path)
    common = _read(base / f"{COMMON}.toml") if (base / f"{COMMON}.toml").is_file() else {}
    return profile_from_dict(data, common.get("answer", []), common.get("match", {}))


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def profile_from_dict(data: Mapping[str, Any], common: list[Mapping[str, Any]] = (),
                      match: Mapping[str, Any] | None = None) -> DepartmentProfile:
    """`match`: common.toml's [match], which a department's own [match] may override."""
    dept = data["department"]
    answer = _merged_answers(common, data.get("answer", []))
    keys = {a.key for a in answer} | set(CARD_PARTS)
    sent = tuple(SentColumn(s["field"], s["label"]) for s in data.get("sent", ()))
    compare = tuple(_comparison(c) for c in data.get("compare", ()))
    sel = data.get("children", {})
    selection = Selection(tuple(sel.get("forms", FORM_KEYS)), sel.get("age_lt"), sel.get("age_gte"))
    absent = _absent(data.get("absent", {}))
    matching = {**(match or {}), **data.get("match", {})}
    profile = DepartmentProfile(dept["key"], dept["name"], dept.get("title", dept["name"]),
                                dept.get("checks", ""), selection, sent, answer, compare, absent,
                                bool(matching.get("name_birth", True)))
    _check(profile, keys)
    return profile


def _merged_answers(common, own) -> tuple[AnswerColumn, ...]:
    """Common columns first (a profile's entry of the same key extends its aliases or replaces
    its label/help), then the profile's own columns in order."""
    own_by_key = {a["key"]: a for a in own}
    out = []
    for c in common:
        mine = own_by_key.pop(c["key"], {})
        merged = {**c, **mine, "aliases": [*c.get("aliases", ()), *mine.get("aliases", ())]}
        out.append(_answer(merged))
    return tuple(out) + tuple(_answer(a) for a in own if a["key"] in own_by_key)


def _answer(d: Mapping[str, Any]) -> AnswerColumn:
    patterns = tuple((str(p), str(v)) for p, v in d.get("patterns", ()))
    for p, _ in patterns:
        re.compile(p)
    return AnswerColumn(d["key"], d["label"], d.get("role", "value"), tuple(d.get("aliases", ())),
                        tuple(d.get("options", ())), dict(d.get("synonyms", {})), patterns,
                        bool(d.get("ask", False)), d.get("help", ""), d.get("applies_months_lt"))


def _comparison(d: Mapping[str, Any]) -> Comparison:
    sources = tuple(d["from"])
    maps = {}
    for form in FORM_KEYS:
        if form in d:
            maps[form] = tuple(MapEntry(_parts(k, len(sources)), (v,) if isinstance(v, str) else tuple(v))
                               for k, v in d[form].items())
    return Comparison(d["field"], sources, d.get("how", "join"), bool(d.get("text", False)), maps)


def _parts(key: str, n: int) -> tuple[str, ...]:
    parts = tuple(key.split("|"))
    if len(parts) != n:
        raise ValueError(f"value map key {key!r} needs {n} parts separated by |")
    return parts


def _absent(d: Mapping[str, Any]) -> Absent:
    unless = d.get("unless", {})
    return Absent(d.get("means", "not_known"), dict(d.get("values", {})), unless.get("field"),
                  tuple(unless.get("in", ())))


def _check(p: DepartmentProfile, answer_keys: set[str]) -> None:
    """Refuse a profile that names fields or columns nobody has (a typo in the TOML)."""
    fields = {f.key for form in p.children.forms for f in load_form(form).fields}
    for s in p.sent:
        if s.field not in fields and s.field not in LIST_COLUMNS:
            raise ValueError(f"{p.key}: sent column names unknown field {s.field}")
    for a in p.answer:
        if a.role not in ROLES:
            raise ValueError(f"{p.key}: answer column {a.key} has unknown role {a.role}")
    for c in p.compare:
        if c.field not in fields:
            raise ValueError(f"{p.key}: compare names unknown field {c.field}")
        if c.field not in p.sent_fields:
            raise ValueError(f"{p.key}: {c.field} is compared but not sent")
        if any(s not in answer_keys for s in c.sources):
            raise ValueError(f"{p.key}: compare {c.field} names an unknown answer column")
        for form, entries in c.maps.items():
            allowed = set(load_form(form).field(c.field).options) if load_form(form).has(c.field) else set()
            if any(v not in allowed for e in entries for v in e.values):
                raise ValueError(f"{p.key}: {c.field} maps onto a value the {form} form does not have")
    if p.absent.means not in ("not_known", "values"):
        raise ValueError(f"{p.key}: absent.means must be not_known or values")
    if any(k not in answer_keys for k in p.absent.values):
        raise ValueError(f"{p.key}: absent.values names an unknown answer column")
    if not p.columns_of("id") and not p.columns_of("card"):
        raise ValueError(f"{p.key}: no id or card column to match by")
