"""A return file's fingerprint: every cell's value, type, fill, font, alignment, number format
and comment (text, author, size), each sheet's merges, widths, print settings and order, as
plain data, so a change meant to make return files faster can be checked to write the very
same file (tests/test_return_same.py)."""
from __future__ import annotations

import openpyxl

from exportkit import clean_records, write_xlsx
from intake.export import write_return
from intake.opening import open_file
from intake.workspace import Workspace
from sheetkit import AS_OF


def fingerprint(path) -> dict:
    book = openpyxl.load_workbook(path)
    return {"sheets": book.sheetnames, "active": book.active.title,
            **{ws.title: _sheet(ws) for ws in book.worksheets}}


def _sheet(ws) -> dict:
    setup = ws.page_setup
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style and c.comment is None:
                continue
            cells[c.coordinate] = [c.value if c.value is None or isinstance(c.value, (int, float, str)) else str(c.value),
                                   c.data_type, c.fill.fill_type, _rgb(c.fill.start_color), c.font.b, c.font.strike,
                                   _rgb(c.font.color),
                                   c.alignment.wrap_text, c.alignment.vertical, c.alignment.horizontal, c.number_format,
                                   None if c.comment is None else
                                   [c.comment.text, c.comment.author, c.comment.width, c.comment.height]]
    return {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "heights": {k: d.height for k, d in sorted(ws.row_dimensions.items()) if d.height},
            "print": [ws.print_title_rows, ws.print_title_cols, setup.orientation, setup.paperSize,
                      setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage],
            "selected": ws.sheet_view.tabSelected}


def broken_records(n: int = 12) -> list[dict]:
    """Every kind of mark: errors, warnings, hints, several problems in one cell and one row."""
    recs = clean_records(n)
    recs[0]["id_number"] = recs[0]["id_number"][:-1] + ("1" if recs[0]["id_number"][-1] != "1" else "2")
    recs[1]["father_phone"] = "1380013800"
    recs[1]["ethnicity"] = "汉"
    recs[1]["rehab_aid"] = "是"
    recs[3]["name"] = None
    recs[5]["birth_date"] = "2015年13月40日"
    recs[6]["sex"] = "未知"
    recs[6]["mother_phone"] = "12"
    recs[8]["ethnicity"] = "回"
    return recs


def return_files(folder) -> list:
    """The return files of the fingerprints: a checked file, a session with an edit and a
    deleted row, and that return file sent back and returned again."""
    source = write_xlsx(folder / "township.xlsx", broken_records(), widths={"F": 23.5, "H": 40})
    workspace = Workspace(folder / "ws.sqlite")
    [session] = open_file(workspace, source, as_of=AS_OF)
    first = write_return([session], folder / "plain.xlsx").path
    session.apply(session.edit(0, "id_number", clean_records(1)[0]["id_number"]))
    session.apply(session.delete_rows([4]))
    edited = write_return([session], folder / "edited.xlsx").path
    [again] = open_file(workspace, edited, as_of=AS_OF)
    twice = write_return([again], folder / "again.xlsx").path
    workspace.close()
    return [first, edited, twice]


def _rgb(color):
    return None if color is None else color.rgb if isinstance(color.rgb, str) else str(color.value)


if __name__ == "__main__":      # re-record tests/golden/ after a deliberate change to return files
    import json
    import sys
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as tmp:
        prints = [fingerprint(p) for p in return_files(Path(tmp))]
    golden = Path(__file__).parent / "golden" / "return_files.json"
    golden.write_text(json.dumps(prints, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"recorded {golden}", file=sys.stderr)
