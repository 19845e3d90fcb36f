"""The reader takes every format townships send, by content, and says clearly when it cannot."""
from __future__ import annotations

import builtins
import shutil

import pytest

import readerfiles as rf
from intake.errors import PasswordRequired, ReadError
from intake.reader import read_tables


def _one(path, **kw):
    tables = read_tables(path, **kw)
    assert len(tables) == 1
    return tables[0]


def test_plain_xlsx(tmp_path):
    t = _one(rf.write_xlsx(tmp_path / "a.xlsx", [rf.liudong_sheet(3)]))
    assert (t.form, t.sheet, t.header_rows, t.row_numbers) == ("liudong", "流动儿童", [1], [2, 3, 4])
    assert t.data.values["name"] == ["王小红", "王小刚", "王小丽"]
    assert t.data.values["id_number"][0] == rf.child_id("411602", "20150302", "003")
    assert "id_number" not in t.data.numeric           # typed as text: nothing to report


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = rf.write_xlsx(tmp_path / "a.xlsm", [rf.liudong_sheet(2)], macro=True)
    assert b"macroEnabled" in __import__("zipfile").ZipFile(path).read("[Content_Types].xml")
    assert _one(path).data.values["sex"] == ["男", "女"]


def test_xls_with_dates_and_numbers(tmp_path):
    t = _one(rf.write_xls(tmp_path / "a.xls", [rf.liudong_sheet(2)]))
    assert t.data.values["birth_date"] == ["2015-03-02", "2015-03-03"]
    assert t.data.values["seq"] == ["1", "2"] and t.data.numeric["seq"] == {0, 1}


def test_two_row_header_xls(tmp_path):
    rows = [["序号", "姓名", "共同居住人", "来现居住地日期", "父亲", None, "母亲", None],
            [None, None, None, None, "公民身份号码", "联系方式", "公民身份号码", "联系方式"],
            [1, "张三", "父母双方", "2020-01-01", rf.child_id("410102", "19850101", "011"), "13800138000",
             rf.child_id("410102", "19870101", "022"), "13900139000"]]
    merges = [(1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 2, 4), (1, 5, 1, 6), (1, 7, 1, 8)]
    t = _one(rf.write_xls(tmp_path / "two.xls", [rf.SheetSpec("Sheet1", rows, merges)]))
    assert t.header_rows == [1, 2] and t.row_numbers == [3]
    assert [c.field for c in t.columns] == ["seq", "name", "co_resident", "arrival_date",
                                            "father_id", "father_phone", "mother_id", "mother_phone"]
    assert t.columns[4].header == "父亲/公民身份号码"
    assert t.data.values["mother_phone"] == ["13900139000"]


@pytest.mark.parametrize("encoding,bom", [("utf-8", True), ("utf-8", False), ("gb18030", False)])
def test_csv_encodings(tmp_path, encoding, bom):
    rows = [["填报单位：𬌗阳镇", None], rf.LIUDONG_HEADER, rf.liudong_row(1)]
    t = _one(rf.write_csv(tmp_path / "a.csv", rows, encoding, bom))
    assert t.reporting_unit == "𬌗阳镇"
    assert t.row_numbers == [3] and t.header_rows == [2]
    assert t.data.values["name"] == ["王小红"] and t.data.numeric == {}


def test_gb18030_csv_holds_characters_outside_gbk(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        "𬌗䶮".encode("gbk")
    rows = [rf.LIUDONG_HEADER, rf.liudong_row(1)]
    rows[1][7] = "广东省韶关市䶮𬌗镇1号"
    t = _one(rf.write_csv(tmp_path / "gb.csv", rows, "gb18030"))
    assert t.data.values["hukou_address"] == ["广东省韶关市䶮𬌗镇1号"]


def test_csv_named_xls_and_xls_that_is_html(tmp_path):
    rows = [rf.LIUDONG_HEADER, rf.liudong_row(1)]
    assert _one(rf.write_csv(tmp_path / "csv.xls", rows, "gb18030")).data.values["sex"] == ["男"]
    html = rf.write_html(tmp_path / "web.xls", [["流动儿童登记表"]] + rows, merges=[(1, 1, 1, 5)])
    t = _one(html)
    assert t.header_rows == [2] and t.data.values["name"] == ["王小红"]


def test_html_with_two_row_header_and_hidden_row(tmp_path):
    rows = [["姓名", "共同居住人", "来现居住地日期", "父亲", None],
            [None, None, None, "姓名", "联系方式"],
            ["张三", "父母双方", "2020-01-01", "张大", "13800138000"],
            ["李四", "父母一方", "2020-02-01", "李大", "13800138001"]]
    merges = [(1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5)]
    t = _one(rf.write_html(tmp_path / "w.xls", rows, merges, "utf-8", hidden_rows={4}))
    assert t.data.values["father_name"] == ["张大", "李大"]
    assert any(n.code == "read.hidden_rows" and n.row == 4 for n in t.notes)


def test_xlsx_that_is_really_xls(tmp_path):
    rf.write_xls(tmp_path / "real.xls", [rf.liudong_sheet(2)])
    shutil.copy(tmp_path / "real.xls", tmp_path / "named.xlsx")
    assert _one(tmp_path / "named.xlsx").n_rows == 2


def test_xls_that_is_really_xlsx(tmp_path):
    rf.write_xlsx(tmp_path / "real.xlsx", [rf.liushou_sheet(2)])
    shutil.copy(tmp_path / "real.xlsx", tmp_path / "named.xls")
    assert _one(tmp_path / "named.xls").form == "liushou"


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("encrypted")
    plain = rf.write_xlsx(folder / "plain.xlsx", [rf.liudong_sheet(2)])
    return rf.encrypt_xlsx(plain, folder / "locked.xlsx", "秘密123")


def test_encrypted_without_password(encrypted):
    with pytest.raises(PasswordRequired) as err:
        read_tables(encrypted)
    assert not err.value.wrong_password and "密码" in err.value.message


def test_encrypted_wrong_password(encrypted):
    with pytest.raises(PasswordRequired) as err:
        read_tables(encrypted, password="wrong")
    assert err.value.wrong_password and "不正确" in err.value.message


def test_encrypted_right_password_decrypts_in_memory(encrypted):
    before = sorted(p.name for p in encrypted.parent.iterdir())
    assert _one(encrypted, password="秘密123").data.values["name"] == ["王小红", "王小刚"]
    assert sorted(p.name for p in encrypted.parent.iterdir()) == before   # nothing decrypted on disk


def _read_error(path, **kw) -> str:
    with pytest.raises(ReadError) as err:
        read_tables(path, **kw)
    assert not isinstance(err.value, PasswordRequired)
    return err.value.message


def test_empty_files(tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"\r\n  \r\n")
    assert "是空的" in _read_error(tmp_path / "empty.xlsx")
    assert "是空的" in _read_error(tmp_path / "blank.csv")


def test_corrupt_and_truncated_xlsx(tmp_path):
    good = rf.write_xlsx(tmp_path / "good.xlsx", [rf.liudong_sheet(50)]).read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    assert "损坏或不完整" in _read_error(tmp_path / "cut.xlsx")
    assert "损坏或不完整" in _read_error(tmp_path / "bad.xlsx")


def test_truncated_xls(tmp_path):
    good = rf.write_xls(tmp_path / "good.xls", [rf.liudong_sheet(50)]).read_bytes()
    (tmp_path / "cut.xls").write_bytes(good[:1500])
    message = _read_error(tmp_path / "cut.xls")
    assert "损坏" in message or "不是Excel/WPS表格文件" in message


def test_binary_file_and_missing_file(tmp_path):
    (tmp_path / "photo.xlsx").write_bytes(bytes(range(256)) * 20)
    assert "无法识别" in _read_error(tmp_path / "photo.xlsx")
    assert "找不到文件" in _read_error(tmp_path / "nope.xlsx")


def _refuse_open(monkeypatch, path, error: OSError) -> None:
    real_open = builtins.open

    def refused(file, *args, **kwargs):
        if str(file) == str(path):
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refused)


def test_file_held_open_by_another_program(tmp_path, monkeypatch):
    """Windows reports a file Excel holds open as a sharing violation (winerror 32)."""
    path = rf.write_xlsx(tmp_path / "a.xlsx", [rf.liudong_sheet(1)])
    error = PermissionError(13, "The process cannot access the file")
    error.winerror = 32
    _refuse_open(monkeypatch, path, error)
    assert _read_error(path) == "无法打开“a.xlsx”：文件正被其他程序占用（可能在Excel或WPS中打开），请关闭后重试"


def test_file_without_read_permission(tmp_path, monkeypatch):
    path = rf.write_xlsx(tmp_path / "a.xlsx", [rf.liudong_sheet(1)])
    _refuse_open(monkeypatch, path, PermissionError(13, "Permission denied"))
    message = _read_error(path)
    assert message.startswith("无法打开“a.xlsx”：没有读取这个文件的权限") and "占用" not in message


def test_zip_that_is_not_a_workbook(tmp_path):
    import zipfile
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "不是Excel/WPS表格文件" in _read_error(tmp_path / "doc.xlsx")


def test_excel_2003_xml_named_xls(tmp_path):
    cells = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in rf.LIUDONG_HEADER[:6])
    xml = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="流动">'
           '<Table><Column ss:Index="2" ss:Hidden="1"/>'
           '<Row><Cell ss:MergeAcross="5"><Data ss:Type="String">流动儿童登记表</Data></Cell></Row>'
           f'<Row>{cells}<Cell><Data ss:Type="String">共同居住人</Data></Cell></Row>'
           '<Row ss:Hidden="1"><Cell><Data ss:Type="Number">1</Data></Cell>'
           '<Cell><Data ss:Type="String">张三</Data></Cell><Cell><Data ss:Type="String">男</Data></Cell>'
           '<Cell><Data ss:Type="DateTime">2015-03-02T00:00:00.000</Data></Cell>'
           '<Cell ss:Index="6"><Data ss:Type="Number">110101201503020000</Data></Cell>'
           '<Cell><Data ss:Type="String">父母双方</Data></Cell></Row></Table></Worksheet></Workbook>')
    (tmp_path / "export.xls").write_text(xml, encoding="utf-8")
    t = _one(tmp_path / "export.xls")
    assert (t.header_rows, t.row_numbers, t.sheet) == ([2], [3], "流动")
    assert t.data.values["birth_date"] == ["2015-03-02"] and t.data.numeric["id_number"] == {0}
    assert t.columns[1].hidden and {n.code for n in t.notes} >= {"read.hidden_rows", "read.number_id"}


def test_unforeseen_failure_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    from intake.reader import layout
    path = rf.write_xlsx(tmp_path / "a.xlsx", [rf.liudong_sheet(1)])
    monkeypatch.setattr(layout, "_single_row", lambda *a: 1 / 0)
    assert "无法处理的内容" in _read_error(path)


def test_unicode_text_export_is_tab_separated_utf16(tmp_path):
    lines = ["\t".join("" if v is None else str(v) for v in row) for row in [rf.LIUDONG_HEADER, rf.liudong_row(2)]]
    (tmp_path / "unicode.txt").write_bytes("\r\n".join(lines).encode("utf-16"))
    t = _one(tmp_path / "unicode.txt")
    assert t.data.values["name"] == ["王小刚"] and t.data.values["birth_date"] == ["2015-03-03"]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "csv", "html"])
def test_cut_files_give_a_message_or_a_table_never_a_traceback(tmp_path, suffix):
    spec = rf.liudong_sheet(30)
    writers = {"xlsx": lambda p: rf.write_xlsx(p, [spec]), "xls": lambda p: rf.write_xls(p, [spec]),
               "csv": lambda p: rf.write_csv(p, spec.rows, "gb18030"),
               "html": lambda p: rf.write_html(p, spec.rows)}
    data = writers[suffix](tmp_path / f"full.{suffix}").read_bytes()
    for size in (9, 200, len(data) // 3, len(data) - 7):
        cut = tmp_path / f"cut{size}.{suffix}"
        cut.write_bytes(data[:size])
        try:
            tables = read_tables(cut)
        except ReadError as err:
            assert err.message and "Traceback" not in err.message
        else:
            assert all(t.n_rows <= 30 for t in tables)


def test_csv_cut_inside_its_last_character_still_reads(tmp_path):
    last = rf.liudong_row(2)[:-1] + ["已核实"]
    data = rf.write_csv(tmp_path / "full.csv", [rf.LIUDONG_HEADER, rf.liudong_row(1), last],
                        "gb18030").read_bytes().rstrip(b"\r\n")
    assert data.endswith("实".encode("gb18030"))
    (tmp_path / "cut.csv").write_bytes(data[:-1])        # the last 2-byte character half gone
    t = _one(tmp_path / "cut.csv")
    assert t.data.values["name"] == ["王小红", "王小刚"]
