"""A county's set of township files, as the county receives them, with known answers.

    made = write_township_set(folder, county="511324", towns=4, rows=30, seed=1)
    made.groups          # ExpectedGroup(kind, how, occurrences=((file name, Excel row), ...))
    made.not_grouped     # pairs of records that merely share a name: no group
    made.resubmission    # the township, form, old and new file and the added/removed/changed counts

Each township sends a 流动 and a 留守 sheet whose key addresses (现居住地 / 户籍地址) name it.
Most files carry a 填报单位 line; `plain` ones do not (the township is in the addresses); one
file names its township only in its file name. Across the sheets: children sent twice (across
townships and within one file), one on both forms, possible duplicates of every kind, children
merely sharing a name, a resubmitted sheet, a same-content copy in a subfolder, an unreadable
file, an Office owner file and a hidden file (both to be ignored). Only generated people.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from generator import township_mix as mix
from generator.sheet import generate
from generator.township_cases import add_cases
from generator.write import write_xlsx
from validators import divisions as dv
from validators.townships import townships_of

FORM_ZH = {"liudong": "流动儿童", "liushou": "留守儿童"}


@dataclass(frozen=True)
class ExpectedGroup:
    kind: str
    how: str
    occurrences: tuple[tuple[str, int], ...]      # (file name, Excel row)


@dataclass
class TownshipSet:
    county: str
    as_of: date
    folder: Path
    towns: list[str]
    files: dict[str, Path] = field(default_factory=dict)        # file name -> path
    township_of: dict[str, str] = field(default_factory=dict)   # file name -> township name
    groups: list[ExpectedGroup] = field(default_factory=list)
    not_grouped: list[tuple[tuple[str, int], tuple[str, int]]] = field(default_factory=list)
    resubmission: dict = field(default_factory=dict)
    unreadable: str = ""
    copy: tuple[str, str] = ("", "")                            # (copy's path, original's name)
    rows: dict[str, int] = field(default_factory=dict)          # file name -> data rows


# (township position, form) -> layout in the extras set: no 填报单位 line, or only the file name
LAYOUTS = {(0, "liushou"): "plain", (1, "liushou"): "plain", (2, "liudong"): "name_only"}


def make_part(town: str, form: str, n: int, seed: int, county: str, as_of: date,
              layout: str = "title_rows", file_name: str | None = None,
              used: set[str] | None = None) -> mix.Part:
    """One township's sheet; `used`: ID numbers given so far in the set (a random ID that is
    given twice by chance is replaced, so only the planted children share an ID)."""
    sheet = generate(form, n, seed=seed, as_of=as_of, county=county, variations=False,
                     report_columns=layout == "title_rows")
    mix.unique_ids(sheet, used if used is not None else set(), random.Random(seed + 1))
    sheet.reporting_unit = f"{dv.name(county)}{town}人民政府"
    if "reporting_unit" in sheet.fields:
        for row in sheet.rows:
            row[sheet.col("reporting_unit") - 1] = sheet.reporting_unit
    part = mix.Part(town, form, sheet, file_name or f"{town}{FORM_ZH[form]}.xlsx", layout, county=county)
    rng = random.Random(seed)
    for i in range(n):
        mix.place(part, i, rng)
    return part


def write_township_set(folder: str | Path, *, county: str = "511324", towns: int = 4, rows: int = 30,
                       seed: int = 1, as_of: date = date(2025, 12, 31), engine: str | None = None,
                       extras: bool = True, duplicates: int | None = None,
                       possibles: int | None = None) -> TownshipSet:
    """extras False: only the township sheets and the cross-sheet children (the benchmark);
    duplicates / possibles: how many of each (default: a few of every kind)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = [d.name for d in townships_of(county)][:towns]
    made = TownshipSet(county, as_of, folder, names)
    used: set[str] = set()
    parts = [make_part(t, f, rows, seed * 1000 + n, county, as_of,
                       LAYOUTS.get((k, f), "title_rows") if extras else "title_rows", used=used)
             for n, (k, t, f) in enumerate((k, t, f) for k, t in enumerate(names) for f in ("liudong", "liushou"))]
    cases = add_cases(made, parts, rng, extras, duplicates, possibles)
    for p in parts:
        layout = "plain" if p.layout == "name_only" else p.layout
        sheet = replace(p.sheet, as_of=p.line_date) if p.line_date else p.sheet
        written = write_xlsx(folder / p.file_name, sheet, layout=layout, engine=engine)
        p.excel_rows = [written.excel_row(i) for i in range(len(p.sheet.rows))]
        made.files[p.file_name] = folder / p.file_name
        made.township_of[p.file_name] = p.township
        made.rows[p.file_name] = len(p.sheet.rows)
    made.groups = [ExpectedGroup(kind, how, tuple((p.file_name, p.excel_rows[i]) for p, i in where))
                   for kind, how, where in cases.groups]
    made.not_grouped = [tuple((p.file_name, p.excel_rows[i]) for p, i in pair) for pair in cases.not_grouped]
    if extras:
        _extra_files(made, parts)
    return made


def _extra_files(made: TownshipSet, parts: list[mix.Part]) -> None:
    folder = made.folder
    (folder / "转发").mkdir(exist_ok=True)
    original = parts[2].file_name
    shutil.copyfile(folder / original, folder / "转发" / f"复件-{original}")
    made.copy = (str(folder / "转发" / f"复件-{original}"), original)
    made.unreadable = "损坏的文件.xlsx"
    (folder / made.unreadable).write_bytes(b"PK\x03\x04 not really a workbook " * 20)
    (folder / f"~${original}").write_bytes(b"\x00owner file of an open workbook")
    (folder / ".隐藏的表.xlsx").write_bytes((folder / parts[3].file_name).read_bytes())
