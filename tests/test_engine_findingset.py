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
