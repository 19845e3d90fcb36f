"""Builders of hostile (and plain broken) files, each small or cheap to make.

Big content is never built in memory: the zip bomb's sheet is a stream of repeated bytes written
through zipfile (600 MB of XML compress to ~3 MB in about half a second), and the abnormal used
ranges are a handful of cells at far addresses.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import readerfiles as rf
import xlsxwriter

HEADER = rf.LIUDONG_HEADER


def records(n: int) -> list[list]:
    return [HEADER] + [rf.liudong_row(i) for i in range(1, n + 1)]


def _xlsx(path: Path, rows: list[list], extra=None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("流动儿童")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            rf._write_xlsx_cell(ws, r, c, value, dates, dates)
    if extra:
        extra(ws)
    book.close()
    return path


def with_far_cells(path: Path, rows: list[list], cells: list[tuple[int, int]]) -> Path:
    """`rows` written by xlsxwriter, then text cells at the far (row, col) addresses added to the
    sheet XML and <dimension> widened to them, as Excel writes it (xlsxwriter itself would loop
    over every row up to the far one)."""
    plain = _xlsx(path.with_name("near.xlsx"), rows)
    far_rows: dict[int, list[int]] = {}
    for r, c in sorted(cells):
        far_rows.setdefault(r, []).append(c)
    last = (max(r for r, _ in cells), max(c for _, c in cells))
    end = (max(last[0], len(rows)), max(last[1], max(map(len, rows), default=1)))

    def add(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{_ref(*end)}"/>'.encode(), xml)
        extra = "".join(f'<row r="{r}">' + "".join(f'<c r="{_ref(r, c)}" t="inlineStr"><is><t>x</t></is></c>'
                                                   for c in cols) + "</row>" for r, cols in far_rows.items())
        if b"<sheetData/>" in xml:
            return xml.replace(b"<sheetData/>", f"<sheetData>{extra}</sheetData>".encode())
        return xml.replace(b"</sheetData>", extra.encode() + b"</sheetData>")
    _rewrite_part(plain, path, "xl/worksheets/sheet1.xml", add)
    plain.unlink()
    return path


def _ref(row: int, col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def far_corner(path: Path) -> Path:
    """200 records and one stray cell at XFD1048576 (python-calamine aborted on this)."""
    return with_far_cells(path, records(200), [(1_048_576, 16_384)])


def only_far_cell(path: Path) -> Path:
    """Nothing but one cell at XFD1048576."""
    return with_far_cells(path, [], [(1_048_576, 16_384)])


def huge_used_range(path: Path) -> Path:
    """Cells spread to XFD1048576 with no wide gap: the data area itself is abnormal."""
    cells = [(r, 1) for r in range(300, 1_048_577, 900)] + [(1, c) for c in range(30, 16_385, 90)]
    return with_far_cells(path, records(3), cells + [(1_048_576, 16_384)])


def lying_dimension(path: Path) -> Path:
    """A far cell under a <dimension> claiming a small sheet: passes the cheap check, so only the
    child process stands between python-calamine's abort and the program."""
    far_corner(path.with_name("honest.xlsx"))
    _rewrite_part(path.with_name("honest.xlsx"), path, "xl/worksheets/sheet1.xml",
                  lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:R201"/>', xml))
    path.with_name("honest.xlsx").unlink()
    return path


def _rewrite_part(src: Path, dst: Path, part: str, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)


def zip_bomb(path: Path, megabytes: int = 600) -> Path:
    """A real workbook whose sheet XML inflates to `megabytes` MB of blanks inside <sheetData>."""
    plain = _xlsx(path.with_name("plain.xlsx"), records(2))
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with zout.open(item.filename, "w", force_zip64=True) as out:
                out.write(head + b"<sheetData>")
                block = b" " * (1 << 20)
                for _ in range(megabytes):
                    out.write(block)
                out.write(tail)
    plain.unlink()
    return path


def formula_errors(path: Path) -> Path:
    rows = records(4)
    rows[1][1] = rf.Formula("=#REF!", "#REF!")            # 姓名
    rows[2][3] = rf.Formula("=1/0", "#DIV/0!")            # 出生日期
    rows[3][4] = rf.Formula('=VLOOKUP("x",A1:A2,1,0)', "#N/A")     # 民族
    return _xlsx(path, rows)


def header_text_in_extra_columns(path: Path) -> Path:
    """200 records; one, with few cells filled, says the header's words in extra columns."""
    extra = ["备用一", "备用二", "备用三"]
    rows = [extra + HEADER] + [[f"x{i}"] * 3 + rf.liudong_row(i) for i in range(1, 201)]
    sparse = [None] * len(HEADER)
    for k in (1, 2, 5):
        sparse[k] = rf.liudong_row(57)[k]
    rows[57] = extra + sparse
    return _xlsx(path, rows)


def megabyte_cell(path: Path) -> Path:
    rows = records(2)
    rows[1][4] = "汉" * 1_000_000                        # 民族: quoted by option.unknown
    return rf.write_csv(path, rows)


def control_characters(path: Path) -> Path:
    rows = records(2)
    rows[1][1] = "王\x00小\x1b明\u202e"
    return rf.write_csv(path, rows)


def other_script_digits(path: Path) -> Path:
    rows = records(2)
    rows[1][3] = "٢٠١٥-٠٣-٠٢"                          # Arabic-Indic
    rows[2][3] = "२०१५-०३-०२"                          # Devanagari
    return rf.write_csv(path, rows)


def wide_csv_line(path: Path) -> Path:
    """A CSV whose one line holds 100,000 empty fields beside 300 normal records."""
    rows = records(300)
    rows[150] = rows[150] + [""] * 100_000 + ["x"]
    return rf.write_csv(path, rows)


def html_span_bomb(path: Path) -> Path:
    cells = "".join('<td rowspan="1000" colspan="1000">x</td>' for _ in range(50))
    body = "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>" + f"<tr>{cells}</tr>" * 3
    path.write_text(f"<html><body><table>{body}</table></body></html>", encoding="utf-8")
    return path


def xml2003_far_index(path: Path) -> Path:
    header = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEADER)
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
        f'<Row>{header}</Row><Row ss:Index="99999999999"><Cell><Data ss:Type="String">x</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>", encoding="utf-8")
    return path


# --- the ones handled before this suite ----------------------------------------------------

def corrupt_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    return path


def truncated_xlsx(path: Path) -> Path:
    data = rf.write_xlsx(path.with_name("whole.xlsx"), [rf.liudong_sheet(30)]).read_bytes()
    path.with_name("whole.xlsx").unlink()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def word_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def binary_garbage(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    return path


def encrypted(path: Path) -> Path:
    plain = rf.write_xlsx(path.with_name("plain.xlsx"), [rf.liudong_sheet(3)])
    rf.encrypt_xlsx(plain, path, "正确密码1")
    plain.unlink()
    return path


def html_without_table(path: Path) -> Path:
    path.write_text("<html><body><p>没有表格</p></body></html>", encoding="utf-8")
    return path


def prefixed_far_corner(path: Path) -> Path:
    """far_corner with every sheet tag written with a namespace prefix (<x:c …>), as some .NET
    and Java writers do: the guard's general patterns must find the far cell too."""
    def prefix(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(b"</worksheet>", b"</x:worksheet>")
        return re.sub(rb"<(/?)(sheetData|row|c|v|is|t|dimension|sheetViews|sheetView|sheetFormatPr|pageMargins)\b",
                      rb"<\1x:\2", xml)
    plain = far_corner(path.with_name("unprefixed.xlsx"))
    _rewrite_part(plain, path, "xl/worksheets/sheet1.xml", prefix)
    plain.unlink()
    return path
