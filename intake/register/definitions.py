"""The register's layout as data ([register] in templates/statistics.toml): its columns in
order (a child's field, a derived value, or a column the county types and the next run keeps),
whom to call (contacts), and the reasons (key_care.reasons; a county_noted reason is typed)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from intake.stats.definitions import DEFAULT, load_statistics

DERIVED = ("seq", "township", "form", "reasons", "reason_flags", "age", "contact_name",
           "contact_relation", "contact_phone", "source")
REMOVED_WHY, REMOVED_ON = "移出原因", "移出日期"


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None = None
    derived: str | None = None       # one of DERIVED; "flag" for a reason's own column
    kept: bool = False               # typed by the county: the next run keeps it
    date: bool = False
    reason: str | None = None        # a reason column's reason


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    relation: str | None = None       # the field holding the relation
    relation_text: str | None = None  # or a fixed relation (父亲)
    form: str | None = None


@dataclass(frozen=True)
class RegisterDef:
    title: str
    sheet: str
    removed_sheet: str
    warning: str
    frozen_columns: int
    columns: tuple[Column, ...]
    contacts: tuple[Contact, ...]
    reasons: tuple[str, ...]
    county_noted: tuple[str, ...]

    @property
    def kept(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kept)

    @property
    def seq_header(self) -> str:
        return next((c.header for c in self.columns if c.derived == "seq"), "序号")

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)

    def fields(self, form: str) -> list[str]:
        wanted = [c.field for c in self.columns if c.field]
        for c in self.contacts:
            if c.form in (None, form):
                wanted += [c.name, c.phone] + ([c.relation] if c.relation else [])
        return list(dict.fromkeys(wanted))


def _columns(entries: list[dict], reasons: tuple[str, ...], noted: tuple[str, ...]) -> tuple[Column, ...]:
    out = []
    for e in entries:
        derived = e.get("derived")
        if derived is not None and derived not in DERIVED:
            raise ValueError(f"register column {e.get('header')}: derived must be one of {DERIVED}")
        if derived == "reason_flags":
            out += [Column(r, derived="flag", kept=r in noted, reason=r) for r in reasons]
            continue
        if not (e.get("field") or derived or e.get("kept")):
            raise ValueError(f"register column {e.get('header')}: give field, derived or kept")
        out.append(Column(e["header"], e.get("field"), derived, bool(e.get("kept")), bool(e.get("date"))))
    headers = [c.header for c in out]
    if len(set(headers)) != len(headers):
        raise ValueError("register columns: a header is used twice")
    return tuple(out)


@lru_cache(maxsize=4)
def load_register(path: Path | None = None) -> RegisterDef:
    with open(path or DEFAULT, "rb") as fh:
        data = tomllib.load(fh)["register"]
    stats = load_statistics(path)
    contacts = tuple(Contact(c["name"], c["phone"], c.get("relation"), c.get("relation_text"), c.get("form"))
                     for c in data.get("contacts", ()))
    return RegisterDef(data.get("title", stats.key_care_title + "信息台账"), data.get("sheet", "台账"),
                       data.get("removed_sheet", "已移出"), data.get("warning", ""),
                       int(data.get("frozen_columns", 3)),
                       _columns(data["columns"], stats.reasons, stats.county_noted), contacts,
                       stats.reasons, stats.county_noted)
