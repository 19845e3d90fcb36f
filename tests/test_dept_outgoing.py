"""The lists sent to departments: only the children each one gets, only the fields its profile
names (asserted per department), text ID cells, dropdowns on the answer columns, a 填写说明
sheet, atomic writes, optional encryption; a returned list reads back into the check."""
import io

import msoffcrypto
import polars as pl
import pytest
from openpyxl import load_workbook

from countykit import desk_on
from intake.departments.desk import DepartmentDesk
from intake.departments.outgoing import EXTRA_SHEET, HELP_SHEET, LIST_SHEET, list_columns
from intake.departments.profile import department_keys
from intake.errors import WriteError


@pytest.fixture
def depts(county_set, tmp_path):
    with desk_on(county_set[1], tmp_path) as desk:
        yield DepartmentDesk(desk)


@pytest.mark.parametrize("dept", department_keys())
def test_a_list_holds_the_departments_children_and_no_field_outside_its_profile(depts, tmp_path, dept):
    profile = depts.profiles[dept]
    summary = depts.write_list(dept, tmp_path / f"{dept}.xlsx")
    book = load_workbook(summary.path)
    assert book.sheetnames == [LIST_SHEET, HELP_SHEET, EXTRA_SHEET]
    ws = book[LIST_SHEET]
    header = [c.value for c in ws[2]]
    assert header == list_columns(profile)
    every = depts.register(dept, [f.key for f in _all_fields(depts)])
    sent = every.unique("id", keep="first", maintain_order=True)
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == summary.children == sent.height
    n_sent = len(profile.sent)
    by_id = {r["id"]: r for r in sent.iter_rows(named=True) if r["id"]}
    fields = [s.field for s in profile.sent]
    id_col = fields.index("id_number")
    for n, row in enumerate(rows, start=1):
        assert all(v is None for v in row[n_sent:])                # the answer columns are empty
        child = by_id.get(row[id_col])
        for field, value in zip(fields, row[:n_sent]):
            if field == "seq":
                assert value == str(n)
            elif child is not None and field != "id_number":
                assert value == child[field]                       # this field's own value, nothing else
        if child is not None:               # none of the child's other fields is in its row
            own = {child[f] for f in profile.sent_fields}
            other = {child[f] for f in every.columns if f not in META and f not in profile.sent_fields} - own
            assert not ({str(v) for v in row if v} & {v for v in other if v}), f"{dept} row {n}"
    people = {r[k] for r in sent.iter_rows(named=True) for k in ("name", "id") if r.get(k)}
    for sheet in (HELP_SHEET, EXTRA_SHEET):
        assert not {str(v) for row in book[sheet].iter_rows(values_only=True) for v in row if v} & people
    assert not any(c.value for row in book[EXTRA_SHEET].iter_rows(min_row=2) for c in row)


META = ("id", "birth", "township", "file", "sheet", "row", "index", "sheet_id", "form")


def _all_fields(depts):
    from intake.forms import load_form
    seen = {}
    for form in ("liudong", "liushou"):
        for f in load_form(form).fields:
            seen.setdefault(f.key, f)
    return [f for k, f in seen.items() if k not in ("seq",)]


def test_ids_are_text_cells_answer_columns_have_dropdowns_and_the_help_says_what_to_fill(depts, tmp_path):
    summary = depts.write_list("canlian", tmp_path / "残联.xlsx")
    book = load_workbook(summary.path)
    ws = book[LIST_SHEET]
    header = [c.value for c in ws[2]]
    ids = [row[header.index("公民身份号码")] for row in ws.iter_rows(min_row=3)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids if c.value)
    card = header.index("残疾人证号") + 1
    assert ws.cell(3, card).number_format == "@"                    # a pasted card keeps its 20 digits
    lists = {str(v.sqref).split(":")[0][:1]: v.formula1 for v in ws.data_validations.dataValidation}
    from openpyxl.utils import get_column_letter
    assert "肢体残疾" in lists[get_column_letter(header.index("残疾类别") + 1)]
    assert "一致" in lists[get_column_letter(header.index("核对结果") + 1)]
    help_text = " ".join(str(c.value) for row in book[HELP_SHEET].iter_rows() for c in row if c.value)
    assert "残疾人证号" in help_text and "请填写" in help_text and "不用填" in help_text and "妥善保管" in help_text
    assert ws.freeze_panes == "A3"


def test_the_health_list_greys_the_36_month_column_for_older_children(depts, tmp_path):
    summary = depts.write_list("weijian", tmp_path / "卫健.xlsx")
    ws = load_workbook(summary.path)[LIST_SHEET]
    header = [c.value for c in ws[2]]
    tcm, birth = header.index("中医药健康管理服务"), header.index("出生日期")
    as_of = depts.desk.as_of
    for row in ws.iter_rows(min_row=3):
        born = row[birth].value
        if not born:
            continue
        y, m, d = map(int, born.split("-"))
        months = (as_of.year - y) * 12 + as_of.month - m - (d > as_of.day)
        grey = (row[tcm].fill.fgColor.rgb or "").endswith("D9D9D9")
        assert grey == (months >= 37), born


def test_a_password_protected_list_needs_the_password_and_reads_back(depts, tmp_path):
    target = tmp_path / "医保.xlsx"
    depts.write_list("yibao", target, password="核对2025")
    assert msoffcrypto.OfficeFile(io.BytesIO(target.read_bytes())).is_encrypted()
    from intake.errors import PasswordRequired
    with pytest.raises(PasswordRequired):
        depts.read_answer("yibao", target)
    answer = depts.read_answer("yibao", target, password="核对2025")
    assert answer.n_records == depts.summary("yibao").sent_children
    with pytest.raises(WriteError, match="不能为空"):
        depts.write_list("yibao", tmp_path / "x.xlsx", password="")


def test_a_returned_list_filled_in_is_read_back_and_the_list_is_recorded(depts, tmp_path):
    summary = depts.write_list("yibao", tmp_path / "医保.xlsx")
    book = load_workbook(summary.path)
    ws = book[LIST_SHEET]
    header = [c.value for c in ws[2]]
    status, result = header.index("参保状态") + 1, header.index("核对结果") + 1
    registered = header.index("登记的纳入医保情况") + 1
    for r in range(3, ws.max_row + 1):
        value = ws.cell(r, registered).value
        if r == 3:
            ws.cell(r, result).value = "查无此人"
        elif value in ("纳入户籍地医保", "纳入居住地医保", "已纳入医保"):
            ws.cell(r, result).value = "一致"
        elif value == "未纳入医保":
            ws.cell(r, status).value = "未参保"
    book.save(tmp_path / "医保回复.xlsx")
    answer = depts.read_answer("yibao", tmp_path / "医保回复.xlsx")
    assert not answer.doubtful and answer.n_records == summary.children
    diffs = depts.store_answer(answer)
    assert [d.kind for d in diffs if d.child and d.child.row] .count("not_known") >= 1
    reg = depts.register("yibao", [])
    twice = {(r["sheet_id"], r["index"]) for r in reg.filter(pl.col("id").is_duplicated()).iter_rows(named=True)}
    # 一致 is no difference (an ID on two records, one not on the list, may differ from the answer)
    assert all(d.kind != "field" or d.sheet_value is None or d.child.ref in twice for d in diffs)
    s = depts.summary("yibao")
    assert (s.sent_children, s.answer_file) == (summary.children, "医保回复.xlsx")


def test_the_list_is_written_atomically_and_never_over_an_input(depts, tmp_path):
    target = tmp_path / "医保.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(WriteError):
        depts.write_list("yibao", target, protected=[target])
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []
