from validators.codes import make
from validators.finding_set import FindingSet

ORDER = ["name", "sex", "id_number"]


def test_rows_sorted_by_index_then_column_order_row_findings_last():
    fs = FindingSet(ORDER)
    fs.replace_rows({
        3: [make("id.checksum", 3, "id_number", label="公民身份号码", expected="1"),
            make("eligibility.not_left_behind", 3, None), make("name.invalid", 3, "name", label="姓名")],
        1: [make("option.normalised", 1, "sex", label="性别", value="男性", suggestion="男")],
    })
    assert [(f.index, f.field) for f in fs.all()] == [(1, "sex"), (3, "name"), (3, "id_number"), (3, None)]
    assert fs.rows_with_errors() == [3] and fs.rows_with_findings() == [1, 3]
    assert fs.n_errors == 3 and fs.n_warnings == 0 and fs.n_hints == 1 and len(fs) == 4
    assert [f.code for f in fs.hints] == ["option.normalised"]
    assert [f.code for f in fs.for_cell(3, "name")] == ["name.invalid"]


def test_replace_rows_overwrites_and_clears():
    fs = FindingSet(ORDER)
    fs.replace_rows({0: [make("name.invalid", 0, "name", label="姓名")]})
    fs.replace_rows({0: [make("option.unknown", 0, "sex", label="性别", value="x", allowed="男、女")]})
    assert [f.code for f in fs.for_row(0)] == ["option.unknown"]
    fs.replace_rows({0: []})
    assert fs.all() == [] and not fs and fs.counts_by_code() == {}


def test_counts_by_code_most_frequent_first():
    fs = FindingSet(ORDER)
    fs.replace_rows({i: [make("option.unknown", i, "sex", label="性别")] for i in range(3)})
    fs.replace_rows({9: [make("name.invalid", 9, "name", label="姓名")]})
    assert list(fs.counts_by_code().items()) == [("option.unknown", 3), ("name.invalid", 1)]


# --- counts kept on the edit path equal a full recount ---------------------------------------------
def recount(fs: FindingSet) -> dict:
    """Every count FindingSet keeps, computed the slow way from all()."""
    from collections import Counter
    found = fs.all()
    by_code = Counter(f.code for f in found)
    return {"n": len(found), "errors": sum(f.is_error for f in found),
            "warnings": sum(f.severity.value == "warning" for f in found),
            "hints": sum(f.severity.value == "hint" for f in found),
            "by_code": dict(by_code), "rows_with_errors": sorted({f.index for f in found if f.is_error}),
            "rows": sorted({f.index for f in found}),
            "records_with": {c: {f.index for f in found if f.code == c} for c in by_code},
            "fields_of": {c: {f.field for f in found if f.code == c} for c in by_code}}


def kept(fs: FindingSet) -> dict:
    codes = fs.counts_by_code()
    return {"n": len(fs), "errors": fs.n_errors, "warnings": fs.n_warnings, "hints": fs.n_hints,
            "by_code": codes, "rows_with_errors": fs.rows_with_errors(), "rows": fs.rows_with_findings(),
            "records_with": {c: fs.records_with(c) for c in codes},
            "fields_of": {c: fs.fields_of(c) for c in codes}}


def test_counts_after_random_edits_equal_a_full_recount_and_a_fresh_run():
    import random
    from generator import generate
    from intake.forms import load_form
    from sheetkit import CTX
    from validators.data import RecordColumns
    from validators.engine import TableValidator
    sheet = generate("liudong", 120, seed=5, inject="all")
    values = {k: [None if v is None else str(v) for v in col]
              for k, col in zip(sheet.fields, zip(*sheet.rows)) if k}
    v = TableValidator(load_form("liudong"), RecordColumns(values), CTX)
    v.run()
    rnd = random.Random(15)
    keys = [k for k in values if k != "seq"]
    seen_codes = set(v.findings.counts_by_code())
    for step in range(300):
        i, key = rnd.randrange(120), rnd.choice(keys)
        choice = rnd.random()
        if choice < 0.4:                     # another row's value (duplicates IDs, fixes, breaks)
            value = values[key][rnd.randrange(120)]
        elif choice < 0.6:
            value = None
        elif choice < 0.8:
            value = (values[key][i] or "x")[:-1] + rnd.choice("0X汉 /")
        else:
            value = sheet.rows[i][sheet.fields.index(key)]
            value = None if value is None else str(value)
        revisions = {c: v.findings.revision(c) for c in seen_codes}
        before = {c: v.findings.count(c) for c in seen_codes}
        v.set_value(i, key, value)
        seen_codes |= set(v.findings.counts_by_code())
        for c in revisions:                  # a kind whose count changed has a new revision
            if v.findings.count(c) != before[c]:
                assert v.findings.revision(c) != revisions[c]
        if step % 25 == 0:
            assert kept(v.findings) == recount(v.findings)
    assert kept(v.findings) == recount(v.findings)
    incremental = v.findings.all()
    assert incremental == v.run().all() and kept(v.findings) == recount(v.findings)


# --- Finding: compact, and still the frozen dataclass it was ----------------------------------------
def test_a_finding_made_by_make_reads_like_the_eager_one():
    import dataclasses
    from validators.codes import CODES
    from validators.findings import Finding
    f = make("option.unknown", 4, "sex", value="x", label="性别", allowed="男、女")
    eager = Finding("option.unknown", CODES["option.unknown"].severity, 4, "sex",
                    "性别填写的“x”不是表格中的选项，请从以下选项中选择：男、女", "x", None)
    assert f == eager and hash(f) == hash(eager) and f.message == eager.message
    assert f.to_dict() == {"code": "option.unknown", "severity": "error", "index": 4, "field": "sex",
                           "message": eager.message, "value": "x", "suggestion": None}
    assert dataclasses.asdict(f)["message"] == eager.message
    moved = dataclasses.replace(f, index=9)
    assert moved.index == 9 and moved.message == f.message and moved != f
    assert [x.name for x in dataclasses.fields(f)] == ["code", "severity", "index", "field", "message",
                                                        "value", "suggestion"]
    there = f.at(7)
    assert there.body is f.body and there.index == 7 and there == moved.at(7)   # shared, not copied
    assert len({f, eager, there}) == 2
    try:
        f.index = 3
    except AttributeError:
        pass
    else:
        raise AssertionError("a finding must stay immutable")
