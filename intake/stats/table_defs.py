"""The tables of the statistics as data ([[tables]] in templates/statistics.toml): each entry
becomes one TableDef per form it is made for (a `township` table is one table whose series are
the forms). The kinds are implemented in intake.stats.counting."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from intake.forms import FORM_KEYS, load_form

KINDS = ("township", "choice", "multi", "age_sex", "categories", "place")
CHARTS = ("bar", "stacked_bar", "column", "stacked", "pie", "none")
LEVELS = ("province", "prefecture")


@dataclass(frozen=True)
class Category:
    name: str
    when: tuple[tuple[str, tuple[str, ...]], ...]     # (field, options): all must hold


@dataclass(frozen=True)
class TableDef:
    key: str
    topic: str
    title: str
    kind: str
    form: str | None                  # None: a township table over `forms`
    forms: tuple[str, ...]
    fields: tuple[str, ...] = ()
    chart: str = "bar"
    chart_top: int | None = None
    table_top: int | None = None      # the table too: the largest N-1 rows, the rest as one
    category_label: str = ""
    value_label: str = "人数"
    note: str = ""
    level: str = "province"
    away: bool = False
    blank_as: str | None = None
    categories: tuple[Category, ...] = ()
    otherwise: str = "未填写"

    @property
    def field(self) -> str:
        return self.fields[0]

    @property
    def id(self) -> str:
        """Unique over the expanded tables: key, and the form for a per-form table."""
        return f"{self.key}.{self.form}" if self.form else self.key


def _require(entry: dict[str, Any], name: str) -> Any:
    if name not in entry:
        raise ValueError(f"statistics table {entry.get('key', '?')}: {name} is missing")
    return entry[name]


def _categories(entry: dict[str, Any]) -> tuple[Category, ...]:
    return tuple(Category(c["name"], tuple((f, tuple(v)) for f, v in c["when"].items()))
                 for c in entry.get("categories", ()))


def _check(entry: dict[str, Any], forms: tuple[str, ...]) -> None:
    key = entry.get("key", "?")
    if entry["kind"] not in KINDS:
        raise ValueError(f"statistics table {key}: kind must be one of {KINDS}")
    if entry.get("chart", "bar") not in CHARTS:
        raise ValueError(f"statistics table {key}: chart must be one of {CHARTS}")
    if entry.get("level", "province") not in LEVELS:
        raise ValueError(f"statistics table {key}: level must be one of {LEVELS}")
    unknown = [f for f in forms if f not in FORM_KEYS]
    if unknown:
        raise ValueError(f"statistics table {key}: unknown forms {unknown}")
    for form in forms:
        for field in _fields(entry):
            if not load_form(form).has(field):
                raise ValueError(f"statistics table {key}: the {form} form has no field {field}")


def _fields(entry: dict[str, Any]) -> tuple[str, ...]:
    if "fields" in entry:
        return tuple(entry["fields"])
    if "field" in entry:
        return (entry["field"],)
    if entry["kind"] in ("choice", "multi", "place"):
        raise ValueError(f"statistics table {entry.get('key', '?')}: field is missing")
    return ()


def load_tables(entries: Iterable[dict[str, Any]]) -> tuple[TableDef, ...]:
    out: list[TableDef] = []
    for entry in entries:
        forms = tuple(_require(entry, "forms"))
        _require(entry, "kind")
        _check(entry, forms)
        blank_as = entry.get("blank_as")
        common = dict(key=_require(entry, "key"), topic=_require(entry, "topic"), kind=entry["kind"],
                      forms=forms, fields=_fields(entry), chart=entry.get("chart", "bar"),
                      chart_top=entry.get("chart_top"), table_top=entry.get("table_top"),
                      category_label=entry.get("category_label", ""),
                      value_label=entry.get("value_label", "人数"), note=entry.get("note", ""),
                      level=entry.get("level", "province"), away=bool(entry.get("away", False)),
                      categories=_categories(entry), otherwise=entry.get("otherwise", "未填写"))
        title = _require(entry, "title")
        if entry["kind"] == "township":
            out.append(TableDef(title=title.replace("{form}", ""), form=None, **common))     # {forms}: counting
            continue
        for form in forms:
            per_form = blank_as.get(form) if isinstance(blank_as, dict) else blank_as
            out.append(TableDef(title=title.replace("{form}", load_form(form).short), form=form,
                                blank_as=per_form, **common))
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise ValueError("statistics tables: a key is used twice for the same form")
    return tuple(out)
