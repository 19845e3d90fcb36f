"""The statistics' definitions, read from templates/statistics.toml: age groups and the
重点关爱 (key-care) rule. Data, not code: a county may use other groups or conditions."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from templates import TEMPLATES_DIR

DEFAULT = TEMPLATES_DIR / "statistics.toml"
CONDITION_KINDS = ("not_blank_except", "any_of", "contains_any")


@dataclass(frozen=True)
class AgeGroup:
    key: str          # "0-2": the JSON key
    name: str         # 婴幼儿
    min: int          # full years, inclusive
    max: int


@dataclass(frozen=True)
class Condition:
    why: str                   # 家庭困难, 残疾, 监护缺失 …
    field: str                 # the form's field key
    kind: str                  # one of CONDITION_KINDS
    values: tuple[str, ...]


@dataclass(frozen=True)
class Statistics:
    age_groups: tuple[AgeGroup, ...]
    key_care_title: str
    key_care: tuple[Condition, ...]


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
    return Statistics(groups, care.get("title", "重点关爱服务对象"), tuple(conditions))
