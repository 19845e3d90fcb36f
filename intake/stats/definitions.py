"""The statistics' definitions, read from templates/statistics.toml: who is counted, the age
groups, the labels, the masking of small counts, the 重点关爱 (key-care) rule and its reasons,
and the tables (intake.stats.table_defs). Data, not code: a county may use other groups,
conditions or tables."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from intake.stats.table_defs import TableDef, load_tables
from templates import TEMPLATES_DIR

DEFAULT = TEMPLATES_DIR / "statistics.toml"
CONDITION_KINDS = ("not_blank_except", "any_of", "contains_any")


@dataclass(frozen=True)
class AgeGroup:
    key: str          # "0-2": the JSON key
    name: str         # 婴幼儿
    min: int          # full years, inclusive
    max: int

    @property
    def label(self) -> str:
        """0-2岁（婴幼儿）: a table's row."""
        years = f"{self.min}岁" if self.min == self.max else f"{self.min}-{self.max}岁"
        return years if self.name == years else f"{years}（{self.name}）"


@dataclass(frozen=True)
class Condition:
    why: str                   # 困难家庭, 残疾, 监护缺失 …
    field: str                 # the form's field key
    kind: str                  # one of CONDITION_KINDS
    values: tuple[str, ...]


@dataclass(frozen=True)
class Labels:
    blank: str = "未填写"
    unrecognised: str = "无法识别"
    unknown_township: str = "未识别乡镇"
    unknown_age: str = "年龄不详"
    unknown_sex: str = "性别不详"
    other: str = "其他"
    rest: str = "其余{n}项"
    total: str = "合计"
    share: str = "占比"
    count: str = "人数"


@dataclass(frozen=True)
class Masking:
    below: int = 5
    shown_as: str = "<5"
    hidden_as: str = "*"
    note: str = ""


@dataclass(frozen=True)
class Statistics:
    age_groups: tuple[AgeGroup, ...]
    key_care_title: str
    key_care: tuple[Condition, ...]
    max_age: int = 16
    labels: Labels = Labels()
    masking: Masking = Masking()
    reasons: tuple[str, ...] = ()
    county_noted: tuple[str, ...] = ()
    tables: tuple[TableDef, ...] = ()
    source: Path = DEFAULT

    def table(self, key: str, form: str | None = None) -> TableDef:
        return next(t for t in self.tables if t.key == key and (form is None or t.form == form))

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.topic for t in self.tables))


@lru_cache(maxsize=8)
def load_statistics(path: Path | None = None) -> Statistics:
    with open(path or DEFAULT, "rb") as fh:
        data = tomllib.load(fh)
    groups = tuple(AgeGroup(g["key"], g["name"], int(g["min"]), int(g["max"])) for g in data["age_groups"])
    for a, b in zip(groups, groups[1:]):
        if a.max >= b.min:
            raise ValueError(f"age groups {a.key} and {b.key} overlap or are out of order")
    care = data.get("key_care", {})
    conditions = []
    for c in care.get("any", ()):
        kinds = [k for k in CONDITION_KINDS if k in c]
        if len(kinds) != 1:
            raise ValueError(f"key_care condition on {c.get('field')}: give exactly one of {CONDITION_KINDS}")
        conditions.append(Condition(c["why"], c["field"], kinds[0], tuple(c[kinds[0]])))
    reasons = tuple(care.get("reasons", ())) or tuple(dict.fromkeys(c.why for c in conditions))
    unknown = {c.why for c in conditions} - set(reasons)
    if unknown:
        raise ValueError(f"key_care reasons do not list {sorted(unknown)}")
    return Statistics(groups, care.get("title", "重点关爱服务对象"), tuple(conditions),
                      max_age=int(data.get("population", {}).get("max_age", 16)),
                      labels=Labels(**data.get("labels", {})), masking=Masking(**data.get("masking", {})),
                      reasons=reasons, county_noted=tuple(care.get("county_noted", ())),
                      tables=load_tables(data.get("tables", ())), source=Path(path or DEFAULT))
