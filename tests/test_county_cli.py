"""`mopai county`: the JSON of issue 9, exit codes 0/1/2, the upload file, --workspace."""
import json
import re
import shutil

import pytest
from openpyxl import load_workbook

from countykit import AS_OF, COUNTY, desk_on
from generator.township_set import make_part
from generator.write import write_xlsx
from intake.cli import main
from intake.county.model import KINDS

ARGS = ["--as-of", AS_OF.isoformat(), "--county", COUNTY]


@pytest.fixture(scope="module")
def run(county_set, tmp_path_factory):
    """The command run once over the generated set (with --upload)."""
    made, _, _ = county_set
    out = tmp_path_factory.mktemp("cli")
    code = main(["county", str(made.folder), *ARGS, "--json", str(out / "汇总.json"),
                 "--upload", str(out / "上报.xlsx")])
    return made, out, code, json.loads((out / "汇总.json").read_text(encoding="utf-8"))


def test_json_has_the_issue_keys_and_exits_1_with_open_groups(run):
    made, _, code, report = run
    assert code == 1
    assert {"county", "as_of", "files", "groups", "resubmissions", "children", "stats", "key_care"} <= set(report)
    assert report["county"] == COUNTY and report["as_of"] == "2025-12-31"
    f = next(f for f in report["files"] if f["file"] == made.resubmission["old"])
    assert f["superseded_by"] == made.resubmission["new"] and f["form"] == "liushou" and f["fill_date"] == "2025-12-20"
    assert {k: f.keys() >= {"file", "township", "form", "rows", "rows_with_errors", "fill_date", "superseded_by"}
            for k, f in enumerate(report["files"])} == {k: True for k in range(len(report["files"]))}
    assert {(f["file"], f["rows"]) for f in report["files"]} == set(made.rows.items())
    r, = report["resubmissions"]
    assert (r["old"], r["new"], r["added"], r["removed"], r["changed"]) == (
        made.resubmission["old"], made.resubmission["new"], 3, 2, 2)
    assert [u["file"] for u in report["unreadable"]] == [made.unreadable]
    assert [s["file"] for s in report["skipped"]] == [f"复件-{made.copy[1]}"]


def test_groups_are_file_and_row_and_the_json_holds_no_id(run):
    made, out, _, report = run
    found = {(g["kind"], tuple(sorted((o["file"], o["row"]) for o in g["occurrences"]))) for g in report["groups"]}
    assert found == {(g.kind, tuple(sorted(g.occurrences))) for g in made.groups}
    assert {g["kind"] for g in report["groups"]} == set(KINDS)
    dup = next(g for g in report["groups"] if g["kind"] == "duplicate")
    assert dup["differs"] == ["父亲联系方式"] and dup["status"] == "open"
    text = (out / "汇总.json").read_text(encoding="utf-8")
    assert not re.search(r"\d{17}[\dX]", text)


def test_children_and_stats_follow_the_rules(run):
    made, _, _, report = run
    for form in ("liudong", "liushou"):
        s = report["stats"][form]
        assert s["total"] == report["children"][form]
        assert sum(s["by_township"].values()) == s["total"]
        assert set(s["by_sex"]) == {"男", "女"} and sum(s["by_sex"].values()) == s["total"]
        assert list(s["by_age"]) == ["0-2", "3-5", "6-11", "12-14", "15"]
        assert sum(s["by_age"].values()) == s["total"]       # every generated child is under 16
        assert 0 < report["key_care"][form] < s["total"]
    current = {f["file"]: f for f in report["files"] if not f["superseded_by"]}
    rows = {form: sum(f["rows"] for f in current.values() if f["form"] == form) for form in ("liudong", "liushou")}
    dups = {form: sum(len(g["occurrences"]) - 1 for g in report["groups"] if g["kind"] == "duplicate"
                      and current[g["occurrences"][0]["file"]]["form"] == form) for form in rows}
    assert report["children"] == {form: rows[form] - dups[form] for form in rows}   # a duplicate is one child
    assert set(report["stats"]["liudong"]["by_township"]) == set(made.towns) | {"相如街道"}


def test_upload_has_a_source_sheet_and_the_held_back_rows(run):
    _, out, _, report = run
    book = load_workbook(out / "上报.xlsx", read_only=True)
    assert book.sheetnames[-2:] == ["来源", "导出说明"]
    sources = list(book["来源"].iter_rows(min_row=2, values_only=True))
    uploaded = sum(1 for ws in book.worksheets[:2] for _ in ws.iter_rows(min_row=2))
    assert len(sources) == uploaded and all(s[2] and s[3] and s[5] for s in sources)
    notes = [r[4] for r in book["导出说明"].iter_rows(min_row=2, values_only=True)]
    assert any("县级尚未处理" in n for n in notes)
    assert uploaded < sum(report["children"].values())


def test_clean_files_exit_0(tmp_path):
    used = set()
    for n, form in enumerate(("liudong", "liushou")):
        part = make_part("金城镇", form, 6, 40 + n, COUNTY, AS_OF, used=used)
        write_xlsx(tmp_path / part.file_name, part.sheet, layout="title_rows")
    code = main(["county", str(tmp_path), *ARGS, "--json", str(tmp_path / "out.json")])
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert code == 0, [f["rows_with_errors"] for f in report["files"]]
    assert report["groups"] == [] and report["children"] == {"liudong": 6, "liushou": 6}


def test_decisions_in_a_kept_workspace_are_seen_by_the_command(county_set, tmp_path, capsys):
    made, base, _ = county_set
    shutil.copyfile(base, tmp_path / "ws.sqlite")
    with desk_on(base, tmp_path) as desk:
        g = desk.groups(kind="duplicate")[0]
        desk.keep(g, g.refs[0], "保留度门街道的").redo()
    code = main(["county", str(made.folder), *ARGS, "--json", str(tmp_path / "out.json"),
                 "--workspace", str(tmp_path / "ws.sqlite")])
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    statuses = {g["status"] for g in report["groups"]}
    assert code == 1 and statuses == {"open", "decided"}
    assert sum(g["decision"] == "keep" for g in report["groups"]) == 1
    assert "未处理10组" in capsys.readouterr().out


@pytest.mark.parametrize("args, says", [
    (["--county", COUNTY, "--json", "X"], "--as-of"),
    (["--as-of", "2025-13-01", "--json", "X"], "不是有效日期"),
    (["--as-of", "2025-12-31"], "--json"),
    (["--as-of", "2025-12-31", "--county", "999999", "--json", "X"], "--county"),
])
def test_bad_arguments_exit_2_with_one_chinese_line(county_set, tmp_path, capsys, args, says):
    made, _, _ = county_set
    assert main(["county", str(made.folder), *[a.replace("X", str(tmp_path / "o.json")) for a in args]]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err and "Traceback" not in err


def test_nothing_readable_exits_2(county_set, tmp_path, capsys):
    made, _, _ = county_set
    shutil.copyfile(made.folder / made.unreadable, tmp_path / made.unreadable)
    assert main(["county", str(tmp_path), *ARGS, "--json", str(tmp_path / "o.json")]) == 2
    assert "没有可以读取的登记表" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()
    assert main(["county", str(tmp_path / "nowhere"), *ARGS, "--json", str(tmp_path / "o.json")]) == 2
