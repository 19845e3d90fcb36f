"""Read a table that is not a registration form (a department's answer, say) with the same
layout, mapping and data-area code as the registration sheets.

The columns to look for are given as a FormTemplate of plain fields (key, label, aliases;
`columns_template` builds one), so the header finder (title rows, a two-row grouped header),
the header matching (exact label, alias, fuzzy with a confidence) and the cell conversion
(number cells kept apart, merged cells filled, blank and repeated-header rows skipped) are the
ones every township's file goes through, and every format the reader knows (.xlsx, .xls, .et,
CSV in any encoding, HTML saved as .xls, Excel 2003 XML, encrypted workbooks) is read here too.

`read_any_tables(path, template=, required=, password=, mapping=, progress=, cancelled=)`: one
SheetTable per sheet whose header maps at least one `required` column (form = template.key);
`mapping` ({sheet name: {column: key or None}}) is the clerk's confirmed mapping, taking the
place of matching for those columns; `headers` ({normalised header text: key or None}) is the
mapping the clerk confirmed for earlier files (intake.departments.header_memory), applied to
any column so headed wherever it stands (`mapping` wins over it). Run it in a child process like every file:
intake.reader.isolated.read_isolated(ANY_TABLES, path, {...}).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from intake.errors import ReadError
from intake.reader.columns import map_columns, mapping_notes
from intake.reader.data_area import read_data
from intake.reader.layout import find_header
from intake.reader.mapping import form_index, normalise
from intake.reader.workbook import read_grids
from intake.table import SheetTable
from validators.data import RecordColumns
from validators.form import Eligibility, Field, FormTemplate

ANY_TABLES = "intake.reader.any_table:read_any_tables"
NO_TABLE = ("在“{name}”中没有找到可以核对的表格：前30行里应有{labels}等列名（至少三列能认出）。"
            "请确认选对了文件，或在表头中写明这些列")


class _Rows:
    """progress(rows read so far, rows in all) as data areas are read."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None):
        self.total, self.progress, self.done = total, progress, 0

    def __call__(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def columns_template(key: str, title: str, columns: Iterable[tuple[str, str, tuple[str, ...]]]) -> FormTemplate:
    """A FormTemplate of text fields from (key, label, aliases) triples."""
    fields = tuple(Field(k, label, "text", aliases=tuple(aliases)) for k, label, aliases in columns)
    return FormTemplate(key, title, title, "", fields, (), Eligibility())


def _remembered(header, headers: dict, confirmed: dict | None) -> dict[int, str | None] | None:
    out = {hc.col: headers[normalise(hc.display)] for hc in header.columns if normalise(hc.display) in headers}
    out.update(confirmed or {})
    return out or None


def read_any_tables(path: Path, *, template: FormTemplate, required: tuple[str, ...],
                    password: str | None = None, mapping: dict | None = None,
                    headers: dict[str, str | None] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[SheetTable]:
    path = Path(path)
    grids = read_grids(path, password)
    index = form_index(template)
    tick = _Rows(sum(g.n_rows for g in grids), progress)
    tables = []
    for grid in grids:
        header = find_header(grid, [index])
        if header is None:
            continue
        remembered = _remembered(header, headers or {}, (mapping or {}).get(grid.name))
        columns = map_columns(header, index, grid, remembered)
        if not {c.field for c in columns} & set(required):
            continue
        mapped = [c for c in columns if c.field]
        texts = {hc.col: hc.text for hc in header.columns}
        area = read_data(grid, header.last_row + 1, {c.col: (texts[c.col], c.header) for c in columns},
                         tick, cancelled, mapped={c.col for c in mapped})
        data = RecordColumns({c.field: area.cells[c.col] for c in mapped},
                             {c.field: area.numeric[c.col] for c in mapped if area.numeric[c.col]})
        table = SheetTable(source=path, sheet=grid.name, form=template.key, form_reason="",
                           header_rows=list(header.rows), columns=columns, row_numbers=area.row_numbers,
                           data=data, extra={c.col: area.cells[c.col] for c in columns if not c.field})
        table.notes = grid.notes + area.notes + mapping_notes(columns, header, index)
        tables.append(table)
    if not tables:
        labels = "".join(f"“{template.field(k).label}”" for k in required[:2])
        raise ReadError(NO_TABLE.format(name=path.name, labels=labels))
    return tables
