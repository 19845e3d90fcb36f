"""The form template as Python objects.

A template (templates/*.toml) declares the fields of one annex form: labels, header aliases,
types, options and synonyms, and the conditions under which a field is required or applies.
This module turns the parsed data into frozen objects; reading files is intake's job.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

FIELD_TYPES = ("text", "name", "id", "date", "address", "phone", "choice", "multi", "relation")
CHOICE_TYPES = ("choice", "multi")


@dataclass(frozen=True)
class Condition:
    """One clause of required_when / applies_when; every set attribute must hold."""

    field: str | None = None
    in_: tuple[str, ...] | None = None
    not_in: tuple[str, ...] | None = None
    age_lt: int | None = None
    age_gte: int | None = None
    age_months_lt: int | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Condition":
        unknown = set(d) - {"field", "in", "not_in", "age_lt", "age_gte", "age_months_lt"}
        if unknown:
            raise ValueError(f"unknown condition keys: {sorted(unknown)}")
        return cls(
            field=d.get("field"),
            in_=tuple(d["in"]) if "in" in d else None,
            not_in=tuple(d["not_in"]) if "not_in" in d else None,
            age_lt=d.get("age_lt"),
            age_gte=d.get("age_gte"),
            age_months_lt=d.get("age_months_lt"),
        )

    @property
    def uses_age(self) -> bool:
        return any(v is not None for v in (self.age_lt, self.age_gte, self.age_months_lt))


@dataclass(frozen=True)
class ListDetail:
    """An option followed by other options of its field, e.g. 多重残疾（肢体残疾、智力残疾）."""

    of: tuple[str, ...]      # the options that may be listed
    min: int = 0             # how many must be listed (a rule reports fewer)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    group: str = ""
    aliases: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    exclusive: tuple[str, ...] = ()
    free_text: tuple[str, ...] = ()
    list_details: Mapping[str, ListDetail] = field(default_factory=dict)
    required: bool = False
    required_when: tuple[Condition, ...] = ()
    applies_when: tuple[Condition, ...] = ()
    role: str | None = None
    role_from: str | None = None
    option_codes: Mapping[str, str] = field(default_factory=dict)
    export: bool = True

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def headers(self) -> tuple[str, ...]:
        """The label followed by every alias: all headers that name this field exactly."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Eligibility:
    max_age: int = 16
    min_months_away: int | None = None
    county_field: str | None = None


@dataclass(frozen=True)
class FormTemplate:
    key: str
    title: str
    short: str
    version: str
    fields: tuple[Field, ...]
    detect_fields: tuple[str, ...]
    eligibility: Eligibility

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})

    def field(self, key: str) -> Field:
        return self._by_key[key]  # type: ignore[attr-defined]

    def has(self, key: str) -> bool:
        return key in self._by_key  # type: ignore[attr-defined]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def fields_of_type(self, *types: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.type in types)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any],
                  tables: Mapping[str, list[Mapping[str, str]]] | None = None) -> "FormTemplate":
        """Build from parsed TOML. `tables` maps an options_table path to its rows
        (dicts with at least 'name'; optional 'code', 'short_name', 'seen_alias')."""
        form = data["form"]
        fields = tuple(_field_from_dict(d, tables or {}) for d in data["fields"])
        keys = [f.key for f in fields]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate field keys in form {form['key']}")
        for f in fields:
            for c in (*f.required_when, *f.applies_when):
                if c.field is not None and c.field not in keys:
                    raise ValueError(f"{f.key}: condition names unknown field {c.field}")
        return cls(
            key=form["key"], title=form["title"], short=form.get("short", form["title"]),
            version=form["version"], fields=fields,
            detect_fields=tuple(form.get("detect_fields", ())),
            eligibility=Eligibility(**data.get("eligibility", {})),
        )


def _list_details(d: Mapping[str, Any], options: list[str]) -> dict[str, ListDetail]:
    out = {}
    for option, spec in d.get("list_details", {}).items():
        listed = tuple(spec.get("of", ()))
        unknown = [o for o in (option, *listed) if o not in options]
        if unknown:
            raise ValueError(f"field {d.get('key')}: list_details names unknown options {unknown}")
        out[option] = ListDetail(listed, int(spec.get("min", 0)))
    return out


def _field_from_dict(d: Mapping[str, Any], tables: Mapping[str, list[Mapping[str, str]]]) -> Field:
    if d.get("type") not in FIELD_TYPES:
        raise ValueError(f"field {d.get('key')}: unknown type {d.get('type')!r}")
    options = list(d.get("options", ()))
    synonyms = dict(d.get("synonyms", {}))
    codes: dict[str, str] = {}
    if "options_table" in d:
        for row in tables[d["options_table"]]:
            options.append(row["name"])
            if row.get("code"):
                codes[row["name"]] = row["code"]
            for alt in (row.get("short_name"), row.get("seen_alias")):
                if alt and alt != row["name"]:
                    synonyms.setdefault(alt, row["name"])
    return Field(
        key=d["key"], label=d["label"], type=d["type"], group=d.get("group", ""),
        aliases=tuple(d.get("aliases", ())), options=tuple(options), synonyms=synonyms,
        exclusive=tuple(d.get("exclusive", ())), free_text=tuple(d.get("free_text", ())),
        list_details=_list_details(d, options),
        required=bool(d.get("required", False)),
        required_when=tuple(Condition.from_dict(c) for c in d.get("required_when", ())),
        applies_when=tuple(Condition.from_dict(c) for c in d.get("applies_when", ())),
        role=d.get("role"), role_from=d.get("role_from"), option_codes=codes,
        export=bool(d.get("export", True)),
    )
