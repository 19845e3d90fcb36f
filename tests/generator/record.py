"""A generated record: its cells by field key and the truth behind them (the facts injections
and variations need to keep the rest of the row consistent)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def age_years(birth: date, on: date) -> int:
    years = on.year - birth.year
    return years - 1 if (on.month, on.day) < (birth.month, birth.day) else years


def age_months(birth: date, on: date) -> int:
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February → 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (negative: earlier); a missing day → first of next month."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    try:
        return date(year, month + 1, day.day)
    except ValueError:
        return _next_month_first(year, month + 1)


def _next_month_first(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1)


@dataclass
class Facts:
    form: str
    as_of: date
    birth: date
    sex: str
    hukou: str               # county code of the 户籍
    current: str             # county code where the child lives
    surname: str
    disabled: bool = False
    id_area: str = ""

    @property
    def age(self) -> int:
        return age_years(self.birth, self.as_of)

    @property
    def age_m(self) -> int:
        return age_months(self.birth, self.as_of)


@dataclass
class Record:
    values: dict[str, object]
    facts: Facts
    tags: list[str] = field(default_factory=list)   # injections / variations applied

    def get(self, key: str) -> object:
        return self.values.get(key)

    def set(self, key: str, value: object) -> None:
        self.values[key] = value


@dataclass(frozen=True)
class Expected:
    """A finding the engine must report: record index (0-based), field key, code, severity."""
    index: int
    field: str
    code: str
    severity: str = "error"
