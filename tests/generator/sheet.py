"""generate(): a whole sheet of generated records with injected errors and variations."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from generator import townships_pick as towns
from generator.build import Setting, build_record
from generator.injection import Ctx, kinds_for
from generator.record import Expected
from generator.variations import VARIATIONS
from intake.forms import load_form

AS_OF = date(2025, 12, 31)
DEFAULT_COUNTY = {"liudong": "330106", "liushou": "411326"}     # 杭州市西湖区, 南阳市淅川县
DEFAULT_TOWN = {"liudong": "转塘街道", "liushou": "荆紫关镇"}     # the default sheets' own townships
# headers a township might use instead of the form's labels
ALIAS_HEADERS = {"id_number": "身份证号", "birth_date": "出生年月日", "hukou_address": "户口所在地",
                 "current_address": "现住址", "father_phone": "父亲电话", "mother_id": "母亲身份证号",
                 "name": "儿童姓名"}
EXTRA_HEADER = "备注"


@dataclass
class GeneratedSheet:
    form: str
    as_of: date
    county: str
    reporting_unit: str
    fields: list[str | None]            # field key of each column (None: an extra column)
    headers: list[str]
    rows: list[list[object]]
    expected: list[Expected]
    tags: list[list[str]] = field(default_factory=list)   # per row: injections and variations
    originals: dict[int, list[object]] = field(default_factory=dict)  # injected rows before injection

    def col(self, key: str) -> int:
        """1-based column of a field."""
        return self.fields.index(key) + 1

    def errors(self) -> list[Expected]:
        return [e for e in self.expected if e.severity == "error"]

    def clean_rows(self) -> list[int]:
        """Indices of rows that must have no error."""
        bad = {e.index for e in self.errors()}
        return [i for i in range(len(self.rows)) if i not in bad]


def generate(form_key: str, n: int, seed: int = 0, as_of: date = AS_OF,
             inject: None | str | list[str] = None, variations: bool | list[str] = True, *,
             county: str | None = None, county_check: bool = True, per_kind: int = 1,
             report_columns: bool = True, header_aliases: bool = False,
             extra_column: bool = False, habits: tuple[str, ...] = ()) -> GeneratedSheet:
    """n records of form `form_key` (liudong / liushou). inject: None, 'all' or kind names;
    per_kind: how many times each kind is injected; variations: True for every harmless
    variation (each at least once, about one row in 200 each on big sheets) or their names;
    habits: variations a village applies to every other row (all dates written 2015.3.2 …)."""
    rng = random.Random(seed)
    county = county or DEFAULT_COUNTY[form_key]
    town = DEFAULT_TOWN[form_key] if county == DEFAULT_COUNTY[form_key] else None
    setting = Setting(form_key, as_of, county, towns.sheet_township(county, town))
    ctx = Ctx(rng, setting, [build_record(rng, setting) for _ in range(n)])
    _no_shared_child_ids(ctx)
    free = list(range(n))
    rng.shuffle(free)
    expected: list[Expected] = []
    tags: list[list[str]] = [[] for _ in range(n)]
    originals: dict[int, dict[str, object]] = {}
    for kind in _kinds(form_key, inject, county_check) * per_kind:
        rows = [free.pop() for _ in range(kind.rows)]
        originals.update({r: dict(ctx.records[r].values) for r in rows})
        expected += kind.apply(ctx, *rows)
        for r in rows:
            tags[r].append(kind.name)
    chosen = list(VARIATIONS) if variations is True else list(variations or [])
    for name in chosen * max(1, n // 200):
        if not free:
            break
        r = free.pop()
        VARIATIONS[name](ctx, r)
        tags[r].append(name)
    for name in habits:
        for r in free:
            VARIATIONS[name](ctx, r)
            tags[r].append(name)
    sheet = _assemble(ctx, expected, tags, report_columns, header_aliases, extra_column)
    sheet.originals = {r: _row(values, r, sheet.fields, sheet.reporting_unit)
                       for r, values in originals.items()}
    return sheet


def _no_shared_child_ids(ctx: Ctx) -> None:
    """Two generated children of one county and birthday may draw the same number (1 in 500):
    a duplicate is an injected mistake, never an accident of the generator."""
    seen: set[object] = set()
    for i, rec in enumerate(ctx.records):
        while rec.get("id_number") in seen:
            rec = ctx.rebuild(i)
        seen.add(rec.get("id_number"))


def _kinds(form_key: str, inject: None | str | list[str], county_check: bool):
    available = kinds_for(form_key, county_check)
    if inject is None:
        return []
    if inject == "all":
        return available
    by_name = {k.name: k for k in available}
    unknown = [k for k in inject if k not in by_name]
    if unknown:
        raise KeyError(f"unknown or inapplicable injection kinds: {unknown}")
    return [by_name[k] for k in inject]


def _assemble(ctx: Ctx, expected: list[Expected], tags: list[list[str]], report_columns: bool,
              header_aliases: bool, extra_column: bool) -> GeneratedSheet:
    form = load_form(ctx.setting.form)
    keys: list[str | None] = [f.key for f in form.fields
                              if report_columns or f.key not in ("reporting_unit", "report_date")]
    unit = towns.unit_text(ctx.setting.township, ctx.setting.county)
    headers = [ALIAS_HEADERS.get(k, form.field(k).label) if header_aliases else form.field(k).label
               for k in keys]
    if extra_column:
        keys.append(None)
        headers.append(EXTRA_HEADER)
    rows = [_row(rec.values, i, keys, unit) for i, rec in enumerate(ctx.records)]
    return GeneratedSheet(ctx.setting.form, ctx.setting.as_of, ctx.setting.county, unit, keys,
                          headers, rows, expected, tags)


def _row(values: dict[str, object], i: int, keys: list[str | None], unit: str) -> list[object]:
    """The cells of record i in column order (序号, 填报单位 and the extra column filled in)."""
    full = dict(values, seq=i + 1, reporting_unit=unit)
    return [full.get(k) if k else ("核实中" if i % 7 == 0 else None) for k in keys]
