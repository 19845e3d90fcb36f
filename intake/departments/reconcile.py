"""Reconciling the register with a department's answer, by ID number (polars joins; the
department's words are mapped once per distinct combination).

`reconcile(profile, register, answer, salt=, known_ids=, as_of=, county=)` -> differences:
  - FIELD: for each comparison of the profile, the children whose sheet value does not agree
    with the department's (agreeing: intake.departments.values), the department's record
    found by ID — or, for a wrong number whose first 17 digits name one child, that child;
  - NOT_KNOWN: children the answer does not hold, holds blank or says 查无此人 about (when the
    profile says what that means instead, e.g. 残联: no card = 无, they are compared as such);
  - BAD_ID: every record whose number is wrong (with the child it names, when one does);
  - NO_ID: every record with no number at all (with the child matched by name and birth date);
  - MISSED: intake.departments.missed.
`register` has intake.departments.register.CHILD columns and the compared fields; `answer` is
intake.departments.answer_records' frame.
"""
from __future__ import annotations

from datetime import date

import polars as pl

from intake.county.children import ChildRef
from intake.departments.missed import missed
from intake.departments.answer_records import NO_KEY_CODE
from intake.departments.model import BAD_ID, FIELD, NO_ID, NOT_KNOWN, Difference, hashed
from intake.departments.profile import CARD_PARTS, Comparison, DepartmentProfile
from intake.departments.values import agreeing, agrees
from intake.forms import load_form
from intake.privacy import quote

A = "a:"                 # answer columns once joined onto the register
ABSENT_WORDS = "无记录"
NOT_UNDERSTOOD = "部门填写的“{value}”不是能识别的值，请向{dept}核实"
ABSENT_NOTE = "{dept}没有这名儿童的记录，按“{values}”核对"
BY_NAME = "部门的记录没有可用的身份证号，按姓名和出生日期对应到这名儿童（不是按身份证号），请核对是否同一人"


def reconcile(profile: DepartmentProfile, register: pl.DataFrame, answer: pl.DataFrame, *, salt: str,
              known_ids: pl.Series, as_of: date, county: str | None) -> list[Difference]:
    matched = joined(register, answer)
    out: list[Difference] = []
    for cmp in profile.compare:
        out += field_differences(profile, cmp, matched, salt)
    out += not_known(profile, matched, salt)
    out += bad_ids(profile, answer, matched, salt, register["id_number"] if "id_number" in register.columns else None)
    out += missed(profile, answer, known_ids, salt=salt, as_of=as_of, county=county)
    return out


def record_differences(profile: DepartmentProfile, register: pl.DataFrame, answer: pl.DataFrame,
                       salt: str) -> list[Difference]:
    """The differences of a few of the register's records (every kind but MISSED), as a full
    reconciliation finds them: after an edit of those records, or for a township's return file."""
    ids = register["id"].drop_nulls()
    near = answer.filter(pl.col("id").is_in(ids.implode()) | pl.col("prefix").is_in(ids.str.slice(0, 17).implode()))
    matched = joined(register, near)
    out = [d for cmp in profile.compare for d in field_differences(profile, cmp, matched, salt)]
    sent = register["id_number"] if "id_number" in register.columns else None
    return out + not_known(profile, matched, salt) + [d for d in bad_ids(profile, near, matched, salt, sent) if d.child]


def joined(register: pl.DataFrame, answer: pl.DataFrame) -> pl.DataFrame:
    """The register's children with a usable ID, each with its answer record (columns a:…):
    found by ID, else a wrong number naming only this child by its first 17 digits."""
    answer = answer.rename({c: A + c for c in answer.columns})
    direct = answer.filter(pl.col(A + "id").is_not_null())
    children = register.filter(pl.col("id").is_not_null())
    prefixes = (children.select("id", prefix=pl.col("id").str.slice(0, 17))
                .filter(pl.col("prefix").is_unique()))
    probable = (answer.filter(pl.col(A + "id").is_null() & pl.col(A + "prefix").is_not_null())
                .join(prefixes, left_on=A + "prefix", right_on="prefix")
                .filter(~pl.col("id").is_in(direct[A + "id"].implode()))
                .unique("id", keep="first").drop(A + "id").rename({"id": A + "id"}).select(direct.columns))
    return children.join(pl.concat([direct, probable]), left_on="id", right_on=A + "id", how="left",
                         coalesce=False).with_columns(answered=pl.col(A + "known").fill_null(False))


def _child(row: dict) -> ChildRef:
    return ChildRef(row["sheet_id"], row["index"], row["form"], row["township"] or "", row["file"],
                    row["sheet"], row["row"])


def _where(row: dict) -> dict:
    return {"answer_sheet": row.get(A + "sheet") or "", "answer_row": row.get(A + "row")}


def field_differences(profile: DepartmentProfile, cmp: Comparison, matched: pl.DataFrame,
                      salt: str) -> list[Difference]:
    if cmp.field not in matched.columns:
        return []
    by_values = profile.absent.means == "values"
    parts = []
    for s in cmp.sources:
        answered = pl.col(A + s) if A + s in matched.columns else pl.lit(None, pl.Utf8)
        absent = pl.lit(profile.absent.values.get(s) if by_values else None, pl.Utf8)
        parts.append(pl.when(pl.col("answered")).then(answered).otherwise(absent).alias(f"_p{len(parts)}"))
    frame = matched.with_columns(*parts)
    names = [f"_p{n}" for n in range(len(parts))]
    frame = frame.filter(pl.any_horizontal(pl.col(n).is_not_null() for n in names))
    combos = frame.select("form", cmp.field, *names).unique()
    columns = {s: (profile.column(s) if s not in CARD_PARTS else None) for s in cmp.sources}
    verdict = {"form": [], cmp.field: [], **{n: [] for n in names}, "_agree": [], "_values": []}
    for form, sheet_value, *values in combos.iter_rows():
        found = agreeing(cmp, form, tuple(values), columns)
        field_type = load_form(form).field(cmp.field).type if load_form(form).has(cmp.field) else "text"
        ok = found is None or (bool(found) and agrees(field_type, sheet_value, found, cmp.field, cmp.text))
        for k, v in zip(("form", cmp.field, *names, "_agree", "_values"),
                        (form, sheet_value, *values, ok, list(found or ()))):
            verdict[k].append(v)
    table = pl.DataFrame(verdict, schema={**combos.schema, "_agree": pl.Boolean, "_values": pl.List(pl.Utf8)})
    differing = frame.join(table.filter(~pl.col("_agree")), on=["form", cmp.field, *names], nulls_equal=True)
    return [_field_difference(profile, cmp, row, salt) for row in differing.iter_rows(named=True)]


def _field_difference(profile: DepartmentProfile, cmp: Comparison, row: dict, salt: str) -> Difference:
    proposed = tuple(row["_values"])
    if row["answered"]:
        raw = [row.get(f"{A}raw:{s}") or (row.get(A + s) if s in CARD_PARTS else None) for s in cmp.sources]
        words = words_of(cmp, raw)
        note = "" if proposed else NOT_UNDERSTOOD.format(value=words, dept=profile.name)
    else:
        words = ABSENT_WORDS
        note = ABSENT_NOTE.format(dept=profile.name, values="、".join(profile.absent.values.values()))
    if row.get(A + "by_name"):
        note = f"{BY_NAME}；{note}" if note else BY_NAME
    return Difference(profile.key, FIELD, f"{profile.key}:{FIELD}:{hashed(salt, row['id'])}:{cmp.field}",
                      field=cmp.field, child=_child(row), sheet_value=row[cmp.field], dept_value=words,
                      proposed=proposed, township=row["township"] or "", note=note,
                      **(_where(row) if row["answered"] else {}))


def words_of(cmp: Comparison, raw: list[str | None]) -> str:
    """The department's words for a comparison: the first filled source, or all of them joined."""
    filled = [r for r in raw if r]
    if cmp.how == "first":
        return filled[0] if filled else ""
    return "，".join(filled)


def not_known(profile: DepartmentProfile, matched: pl.DataFrame, salt: str) -> list[Difference]:
    if profile.absent.means != "not_known":
        return []
    frame = matched.filter(~pl.col("answered"))
    unless = profile.absent.unless_field
    if unless and unless in frame.columns:
        frame = frame.filter(~pl.col(unless).is_in(list(profile.absent.unless_in)).fill_null(False))
    note = f"{profile.name}的回复中没有这名儿童，或注明查无此人"
    return [Difference(profile.key, NOT_KNOWN, f"{profile.key}:{NOT_KNOWN}:{hashed(salt, row['id'])}",
                       child=_child(row), township=row["township"] or "", note=note,
                       dept_value="查无此人" if row.get(A + "sheet") else "未回复", **_where(row))
            for row in frame.iter_rows(named=True)]


def _compact(column):
    return column.str.replace_all(r"\s", "").str.to_uppercase()


def bad_ids(profile: DepartmentProfile, answer: pl.DataFrame, matched: pl.DataFrame, salt: str,
            sent: pl.Series | None = None) -> list[Difference]:
    """Every record with a wrong number (BAD_ID) or none (NO_ID); with the child its first 17
    digits name or its name and birth date fit (or, for a card whose category or level digit is
    wrong, the child of its valid ID) when there is one.
    `sent`: the register's ID cells as written: a number that is wrong on the sheet already
    (an error there) and came back as the county sent it is no department's mistake."""
    bad = answer.filter(pl.col("key_code").is_not_null())
    if sent is not None and not bad.is_empty():       # a number wrong on the sheet itself, sent back
        bad = bad.filter(~_compact(pl.col("key")).str.slice(0, 18).is_in(_compact(sent.drop_nulls()).implode())
                         .fill_null(False))          # a record with no number at all stays listed
    if bad.is_empty():
        return []
    named = matched.filter(pl.col(A + "key_code").is_not_null()).select(
        "sheet_id", "index", "form", "township", "file", "sheet", "row", "id",
        _sheet=pl.col(A + "sheet"), _row=pl.col(A + "row"))
    children = {(r["_sheet"], r["_row"]): r for r in named.iter_rows(named=True)}
    out = []
    for row in bad.iter_rows(named=True):
        child = children.get((row["sheet"], row["row"]))
        kind = NO_ID if row["key_code"] == NO_KEY_CODE else BAD_ID
        key = f"{profile.key}:{kind}:{hashed(salt, (row['key'] or '') + '|' + str(row['row']))}"
        out.append(Difference(profile.key, kind, key, child=_child(child) if child else None,
                              dept_value=quote(row["key"] or ""), township=(child["township"] or "") if child else "",
                              note=row["key_note"] or "", answer_sheet=row["sheet"], answer_row=row["row"]))
    return out
