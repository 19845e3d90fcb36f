from datetime import date

import pytest

from intake.forms import load_form
from sheetkit import CTX, child_id, columns, liudong_record
from validators.engine import Cancelled, TableValidator

LIUDONG = load_form("liudong")


def run(records, ctx=CTX, **kw):
    v = TableValidator(LIUDONG, columns(records, **kw), ctx)
    v.run()
    return v


def cells(findings):
    return sorted((f.index, f.field, f.code) for f in findings)


def test_clean_sheet_has_no_findings():
    v = run([liudong_record(), liudong_record(id_number=child_id("20150302", "135"))])
    assert v.findings.all() == []
    assert v.findings.rows_with_errors() == []


def test_cell_and_row_findings_are_collected_together():
    records = [
        liudong_record(),
        liudong_record(id_number=child_id("20150302", "135")[:17] + "0", sex="女 ", birth_date="2015/3/2"),
        liudong_record(id_number=child_id("20150302", "157"), schooling="大学", arrival_date="2025-09-01",
                       current_address="河南省南阳市宛城区仲景街道1号"),
    ]
    v = run(records)
    got = cells(v.findings.all())
    assert (1, "id_number", "id.checksum") in got
    assert (1, "sex", "option.normalised") in got
    assert (1, "birth_date", "date.normalised") in got
    assert (2, "schooling", "option.unknown") in got
    assert (2, "arrival_date", "eligibility.short_stay") in got
    assert (2, "hukou_address", "eligibility.same_county") in got
    assert v.findings.rows_with_errors() == [1, 2]
    assert not [f for f in v.findings.all() if f.index == 0]


def test_all_is_sorted_by_row_then_form_column_order():
    records = [liudong_record(rehab_aid="是", name="张3"),
               liudong_record(sex="x", health="残疾", id_number=child_id("20150302", "135"))]
    found = run(records).findings.all()
    order = [f.field for f in found]
    assert [f.index for f in found] == sorted(f.index for f in found)
    assert order[:2] == ["name", "rehab_aid"]
    keys = list(LIUDONG.keys)
    row1 = [keys.index(f.field) for f in found if f.index == 1]
    assert row1 == sorted(row1)


def test_counts_errors_warnings_and_hints():
    v = run([liudong_record(sex="男性"), liudong_record(sex="未知", id_number=child_id("20150302", "135")),
             liudong_record(sex="未知", id_number=child_id("20150302", "157"), rehab_aid="是")])
    assert v.findings.counts_by_code() == {"option.unknown": 2, "option.normalised": 1,
                                           "cross.rehab_without_disability": 1}
    assert len(v.findings.errors) == 2 and len(v.findings.warnings) == 1 and len(v.findings.hints) == 1
    assert v.findings.n_errors == 2 and v.findings.n_warnings == 1 and v.findings.n_hints == 1


def test_duplicate_ids_name_each_other():
    same = child_id("20150302", "123")
    records = [liudong_record(), liudong_record(id_number=child_id("20150302", "135")),
               liudong_record(id_number=same), liudong_record(id_number=" " + same + " ")]
    v = TableValidator(LIUDONG, columns(records), CTX, row_label=lambda i: str(i + 5))
    v.run()
    dup = {f.index: f.message for f in v.findings.all() if f.code == "id.duplicate"}
    assert set(dup) == {0, 2, 3}
    assert "第7、8行" in dup[0] and "第5、8行" in dup[2] and "第5、7行" in dup[3]


def test_set_value_revalidates_rows_sharing_old_and_new_id():
    a, b = child_id("20150302", "123"), child_id("20150302", "135")
    records = [liudong_record(id_number=a), liudong_record(id_number=a), liudong_record(id_number=b)]
    v = run(records)
    assert {f.index for f in v.findings.all() if f.code == "id.duplicate"} == {0, 1}
    affected = v.set_value(1, "id_number", b)
    assert affected == {0, 1, 2}
    assert {f.index for f in v.findings.all() if f.code == "id.duplicate"} == {1, 2}
    assert v.data.get("id_number", 1) == b
    affected = v.set_value(2, "id_number", child_id("20150302", "157"))
    assert affected == {1, 2}
    assert v.findings.all() == []


def test_set_value_of_other_field_touches_one_row():
    v = run([liudong_record(), liudong_record(id_number=child_id("20150302", "135"))])
    assert v.set_value(1, "sex", "女") == {1}
    assert cells(v.findings.for_row(1)) == [(1, "sex", "id.sex_mismatch")]
    assert v.set_value(1, "sex", "男") == {1}
    assert v.findings.for_row(1) == []


def test_edit_of_report_date_changes_reference_date():
    records = [liudong_record(report_date="2025-12-31", arrival_date="2025-06-30")]
    v = run(records)
    assert v.findings.all() == []
    v.set_value(0, "report_date", "2025-12-29")
    assert cells(v.findings.all()) == [(0, "arrival_date", "eligibility.short_stay")]


def test_number_cell_id_is_an_error():
    v = run([liudong_record()], numeric={"id_number": {0}})
    assert cells(v.findings.all()) == [(0, "id_number", "id.excel_number")]


def test_progress_and_cancel():
    seen = []
    v = TableValidator(LIUDONG, columns([liudong_record()] * 3), CTX)
    v.run(progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == list(range(1, len(seen) + 1))
    with pytest.raises(Cancelled):
        TableValidator(LIUDONG, columns([liudong_record()]), CTX).run(cancelled=lambda: True)


def test_county_configured():
    ctx = CTX.__class__(as_of=CTX.as_of, county="410105")
    assert run([liudong_record()], ctx=ctx).findings.all() == []
    ctx = CTX.__class__(as_of=CTX.as_of, county="411302")
    assert cells(run([liudong_record()], ctx=ctx).findings.all()) == [(0, "current_address", "address.outside_county")]


def test_empty_sheet():
    v = TableValidator(LIUDONG, columns([liudong_record()]), CTX)
    v.data.values = {k: [] for k in v.data.values}
    assert v.run().all() == []
