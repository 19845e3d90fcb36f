"""The register's rows now: every counted child (intake.stats.population) meeting the key-care
rule, and every child the county noted a county_noted reason for (主动求助 typed in the last
register), with the reasons, the child's fields (canonical values) and whom to call.

Two passes per form: the rule's few fields over all children (polars), then the register's
fields for the children on it only (names, IDs and addresses are costly to read for 200,000).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from intake.forms import load_form
from intake.register.definitions import RegisterDef
from intake.stats.definitions import Statistics
from intake.stats.expressions import rule_fields, with_reasons
from intake.stats.inputs import ChildrenSet
from intake.stats.population import prepare

ID_KEY = r"^(?:[0-9]{17}[0-9X]|[0-9]{15})$"


@dataclass
class RegisterRow:
    key: str                                  # id:<number>, or nb:<姓名>|<出生日期>|<乡镇>
    township: str
    form: str
    reasons: tuple[str, ...]
    values: dict[str, object] = field(default_factory=dict)     # header -> cell
    order: tuple = ()


AS_WRITTEN = ("text", "name", "id", "phone", "address", "relation")


def as_written(form: str, fields: list[str]) -> list[str]:
    """The register shows names, ID numbers, phones and addresses as the township wrote them
    (their canonical forms cost 15-60 µs each, seconds for a county); options and dates in
    their canonical wording."""
    f = load_form(form)
    return [k for k in fields if f.field(k).type in AS_WRITTEN]


def key_expr(name: str = "name", birth: str = "birth_date", town: str = "_town") -> pl.Expr:
    """The match key: the ID number when it looks like one, else 姓名|出生日期|乡镇."""
    ident = pl.col("id_number")
    plain = pl.concat_str([pl.col(name).str.replace_all(r"\s+", "").fill_null(""),
                           pl.col(birth).fill_null(""), pl.col(town).fill_null("")], separator="|")
    return pl.when(ident.str.contains(ID_KEY).fill_null(False)).then(pl.lit("id:") + ident) \
        .otherwise(pl.lit("nb:") + plain)


def _selected(children: ChildrenSet, form: str, stats: Statistics,
              noted: dict[str, set[str]]) -> tuple[pl.DataFrame, set[str]]:
    """(the children on the register, the match keys of every counted child)."""
    frame = children.frame(form, selection_fields(form, stats), raw=["id_number", "name"])
    counted, _ = prepare(frame, children.as_of, stats)
    counted = with_reasons(counted, stats.key_care).with_columns(key_expr().alias("_key"))
    typed = {k for k, v in noted.items() if v}
    care = pl.any_horizontal([pl.col(c) for c in counted.columns if c.startswith("_why_")] or [pl.lit(False)])
    return counted.filter(care | pl.col("_key").is_in(list(typed))), set(counted["_key"].to_list())


def selection_fields(form: str, stats: Statistics) -> list[str]:
    """What deciding who is on the register reads: the age and township (intake.stats.population),
    the key-care rule's fields, and the key's. Not the tables' other fields: their addresses
    alone cost seconds in canonical form (intake.county.values) for 200,000 children."""
    wanted = ["sex", "birth_date", "id_number", *rule_fields(stats.key_care), "name"]
    return [k for k in dict.fromkeys(wanted) if load_form(form).has(k)]


def _contact(rdef: RegisterDef, form: str, values: dict[str, object]) -> tuple[object, object, object]:
    for c in rdef.contacts:
        if c.form not in (None, form):
            continue
        name, phone = values.get(c.name), values.get(c.phone)
        if name or phone:
            return name, (values.get(c.relation) if c.relation else c.relation_text), phone
    return None, None, None


def _row(rdef: RegisterDef, form: str, sel: dict, detail: dict, why: tuple[str, ...]) -> RegisterRow:
    contact = _contact(rdef, form, detail)
    derived = {"township": sel["_town"], "form": load_form(form).short, "reasons": "、".join(why),
               "age": sel["_age"], "contact_name": contact[0], "contact_relation": contact[1],
               "contact_phone": contact[2], "source": f"{detail['file']} 第{detail['row']}行"}
    values: dict[str, object] = {}
    for c in rdef.columns:
        if c.derived == "flag":
            values[c.header] = "是" if c.reason in why else None
        elif c.derived:
            values[c.header] = derived.get(c.derived)
        elif c.field:
            values[c.header] = detail.get(c.field)
    return RegisterRow(sel["_key"], sel["_town"], form, why, values)


def current_rows(children: ChildrenSet, rdef: RegisterDef, stats: Statistics,
                 noted: dict[str, set[str]] | None = None) -> tuple[list[RegisterRow], set[str]]:
    """(the rows, sorted; the match keys of every counted child). noted: match key -> the
    county_noted reasons typed for that child in the last register."""
    noted = noted or {}
    out: list[RegisterRow] = []
    everyone: set[str] = set()
    for form, refs in children.children.items():
        selected, keys = _selected(children, form, stats, noted)
        everyone |= keys
        if selected.is_empty():
            continue
        by_ref = {(r.sheet_id, r.index): r for r in refs}
        chosen = [by_ref[k] for k in selected.select("sheet_id", "index").iter_rows()]
        wanted = [f for f in rdef.fields(form) if load_form(form).has(f)]
        detail = children.frame(form, wanted, raw=as_written(form, wanted), refs=chosen)
        details = {(d["sheet_id"], d["index"]): d for d in detail.iter_rows(named=True)}
        why_cols = [c for c in selected.columns if c.startswith("_why_")]
        for sel in selected.select("sheet_id", "index", "_key", "_town", "_age", *why_cols).iter_rows(named=True):
            why = [c.removeprefix("_why_") for c in why_cols if sel[c]]
            why += [r for r in noted.get(sel["_key"], ()) if r not in why]
            why = tuple(r for r in rdef.reasons if r in why)
            out.append(_row(rdef, form, sel, details[(sel["sheet_id"], sel["index"])], why))
    return sort_rows(out, rdef, children.townships), everyone


def sort_rows(rows: list[RegisterRow], rdef: RegisterDef, townships: tuple[str, ...]) -> list[RegisterRow]:
    """By township (the county's order, then others by name), then reason, form and source."""
    place = {t: i for i, t in enumerate(townships)}
    rank = {r: i for i, r in enumerate(rdef.reasons)}

    def order(r: RegisterRow) -> tuple:
        reasons = tuple(rank.get(w, len(rank)) for w in r.reasons) or (len(rank),)
        return (place.get(r.township, len(place)), r.township, reasons, r.form, str(r.values.get("来源", "")))
    return sorted(rows, key=order)
