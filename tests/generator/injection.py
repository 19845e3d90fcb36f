"""The injection registry: each kind changes one or two records and says which findings the
engine must report (record index, field, code, severity)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Callable

from generator.build import Setting, build_record
from generator.record import Expected, Facts, Record, age_months, age_years


def E(index: int, field: str, code: str) -> Expected:
    return Expected(index, field, code, "error")


def W(index: int, field: str, code: str) -> Expected:
    return Expected(index, field, code, "warning")


def H(index: int, field: str, code: str) -> Expected:
    """A hint: the value is understood and only written differently."""
    return Expected(index, field, code, "hint")


@dataclass
class Ctx:
    rng: random.Random
    setting: Setting
    records: list[Record]

    def set(self, i: int, key: str, value: object) -> None:
        self.records[i].set(key, value)

    def rebuild(self, i: int, **overrides) -> Record:
        """Replace record i by a fresh clean one built with the given facts."""
        self.records[i] = build_record(self.rng, self.setting, **overrides)
        return self.records[i]

    @staticmethod
    def same_age_brackets(f: Facts, other_birth: date) -> bool:
        """The age rules see no difference between the two birth dates."""
        return (age_years(other_birth, f.as_of) == f.age
                and (age_months(other_birth, f.as_of) < 37) == (f.age_m < 37))


@dataclass(frozen=True)
class Kind:
    name: str
    apply: Callable[..., list[Expected]]
    rows: int = 1
    forms: tuple[str, ...] = ("liudong", "liushou")
    needs_county: bool = False


KINDS: dict[str, Kind] = {}


def register(name: str, *, rows: int = 1, forms: tuple[str, ...] = ("liudong", "liushou"),
             needs_county: bool = False):
    def add(fn: Callable[..., list[Expected]]) -> Callable[..., list[Expected]]:
        KINDS[name] = Kind(name, fn, rows, forms, needs_county)
        return fn
    return add


def kinds_for(form: str, county: bool = True) -> list[Kind]:
    _load()
    return [k for k in KINDS.values() if form in k.forms and (county or not k.needs_county)]


def _load() -> None:
    """Import the modules that register kinds."""
    from generator import (inject_addresses, inject_cells, inject_dates,  # noqa: F401
                           inject_ids, inject_people, inject_rules)
