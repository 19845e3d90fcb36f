"""One sheet's grid → a SheetTable, or the reason it holds no registration table."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from intake.reader import mapping_memory
from intake.reader.columns import map_columns, mapping_notes
from intake.reader.data_area import read_data
from intake.reader.detect import detect_form, forced_reason
from intake.reader.grid import Grid
from intake.reader.layout import Header, find_header
from intake.reader.mapping import form_index
from intake.reader.notes import sheet_notes
from intake.reader.report_line import find_report_line
from intake.table import SheetTable, SourceColumn
from validators.data import RecordColumns
from validators.form import FormTemplate


NO_PERSON = "表头中既没有“姓名”列也没有“公民身份号码”列，不像是儿童登记表"


@dataclass
class Skipped:
    sheet: str
    reason: str              # Chinese
    had_header: bool         # a header was found but the form was neither


def read_sheet(source: Path, grid: Grid, forms: dict[str, FormTemplate], forced: str | None,
               tick: Callable[[int], None], cancelled) -> SheetTable | Skipped:
    indexes = [form_index(f) for f in forms.values()]
    header = find_header(grid, indexes)
    if header is None:
        return Skipped(grid.name, "没有找到表头", False)
    form_key, reason, columns = _choose_form(grid, header, forms, forced)
    if form_key is None:
        return Skipped(grid.name, reason, True)
    if grid.hidden_sheet and not has_person_columns(columns):
        return Skipped(grid.name, NO_PERSON, True)    # e.g. a hidden sheet of drop-down lists
    form = forms[form_key]
    texts = {hc.col: hc.text for hc in header.columns}
    area = read_data(grid, header.last_row + 1, {c.col: (texts[c.col], c.header) for c in columns},
                     tick, cancelled, mapped={c.col for c in columns if c.field})
    unit, when = find_report_line(grid, header.rows[0])
    data = RecordColumns(
        values={c.field: area.cells[c.col] for c in columns if c.field},
        numeric={c.field: area.numeric[c.col] for c in columns if c.field and area.numeric[c.col]})
    table = SheetTable(
        source=source, sheet=grid.name, form=form_key, form_reason=reason,
        header_rows=list(header.rows), columns=columns, row_numbers=area.row_numbers, data=data,
        reporting_unit=unit, report_date_text=when,
        extra={c.col: area.cells[c.col] for c in columns if not c.field})
    table.notes = grid.notes + area.notes + mapping_notes(columns, header, form_index(form)) + \
        sheet_notes(grid, table, form)
    return table


def has_person_columns(columns: list[SourceColumn]) -> bool:
    return bool({"name", "id_number"} & {c.field for c in columns})


def _choose_form(grid: Grid, header: Header, forms: dict[str, FormTemplate],
                 forced: str | None) -> tuple[str | None, str, list[SourceColumn]]:
    remembered = mapping_memory.recall([hc.display for hc in header.columns])
    if remembered and remembered.form in forms and forced in (None, remembered.form):
        by_col = {hc.col: f for hc, f in zip(header.columns, remembered.fields)}
        columns = map_columns(header, form_index(forms[remembered.form]), grid, by_col)
        return remembered.form, "按上次确认的列对应读取（" + forms[remembered.form].title + "）", columns
    mapped = {k: map_columns(header, form_index(f), grid) for k, f in forms.items()}
    hint = grid.name + " " + " ".join(grid.text(r, 1) for r in range(1, header.rows[0]))
    found = detect_form(mapped, forms, hint)
    if forced is None:
        return found.form, found.reason, mapped.get(found.form, [])
    reason = forced_reason(forms[forced])
    if found.form not in (None, forced):
        reason += f"；但{found.reason}，请确认表单类型是否选对"
    return forced, reason, mapped[forced]
