"""`mopai dept out|in|report`: on registration files or a county workspace, exit codes 0/1/2,
the JSON without ID numbers or names, the report and the list written."""
import json
import re
import shutil

from openpyxl import load_workbook

import deptkit
from countykit import AS_OF, COUNTY, desk_on
from intake.cli import main
from intake.departments.desk import DepartmentDesk
from intake.departments.model import KIND_ZH

ARGS = ["--as-of", AS_OF.isoformat(), "--county", COUNTY]
ID_LIKE = re.compile(r"\d{17}[\dX]")


def test_out_on_files_writes_the_list(county_set, tmp_path, capsys):
    made = county_set[0]
    code = main(["dept", "out", str(made.folder), "--dept", "卫健", *ARGS, "--out", str(tmp_path / "卫健.xlsx")])
    assert code == 0 and "核对名单" in capsys.readouterr().out
    assert load_workbook(tmp_path / "卫健.xlsx").sheetnames[0] == "核对名单"


def test_in_and_report_on_a_workspace(county_set, tmp_path, capsys):
    base = county_set[1]
    with desk_on(base, tmp_path, "answers.sqlite") as desk:
        ans = deptkit.yibao_with_address(DepartmentDesk(desk), tmp_path)
    ws = tmp_path / "county.sqlite"
    shutil.copyfile(base, ws)
    out = tmp_path / "比对.json"
    code = main(["dept", "in", "--dept", "yibao", "--answer", str(ans.path), "--workspace", str(ws), *ARGS,
                 "--json", str(out), "--report", str(tmp_path / "报告.xlsx")])
    printed = capsys.readouterr()
    assert code == 1 and "待处理" in printed.out
    assert not ID_LIKE.search(printed.out + printed.err)                    # the console
    import os
    from pathlib import Path
    data = Path(os.environ["MOPAI_DATA_DIR"])
    logged = [p for p in data.rglob("*") if p.is_file() and not p.name.endswith((".sqlite", "-wal", "-shm"))]
    assert not [p for p in logged if ID_LIKE.search(p.read_text("utf-8", "ignore"))]   # the log
    text = out.read_text(encoding="utf-8")
    report = json.loads(text)
    assert {d["kind"] for d in report["differences"]} == {"field", "not_known", "missed"}
    assert report["counts"]["missed"] == 1 and report["records"] > 100
    kinds = {d["kind"] for d in report["differences"] if d["status"] == "open"}
    assert f"{sum(d['status'] == 'open' for d in report['differences'])}处差异待处理（" in printed.out
    assert all(f"{KIND_ZH[k]}{sum(d['kind'] == k and d['status'] == 'open' for d in report['differences'])}处"
               in printed.out for k in kinds)                                  # the open ones by kind
    assert not ID_LIKE.search(text) and "赵小漏" not in text             # no ID number, no name
    assert load_workbook(tmp_path / "报告.xlsx").sheetnames == ["比对汇总", "差异明细", "疑似漏报名单"]
    code = main(["dept", "report", "--dept", "医保", "--workspace", str(ws), *ARGS, "--out", str(tmp_path / "r2.xlsx")])
    assert code == 1 and (tmp_path / "r2.xlsx").exists()              # the stored answer, found again


def test_a_column_named_by_the_clerk_replaces_the_matching(county_set, tmp_path, capsys):
    ws = tmp_path / "county.sqlite"
    shutil.copyfile(county_set[1], ws)
    with desk_on(county_set[1], tmp_path, "answers.sqlite") as desk:
        ans = deptkit.yibao_csv(DepartmentDesk(desk), tmp_path)
    code = main(["dept", "in", "--dept", "yibao", "--answer", str(ans.path), "--workspace", str(ws), *ARGS,
                 "--column", "参保地区=-", "--json", str(tmp_path / "j.json")])
    assert code == 1
    report = json.loads((tmp_path / "j.json").read_text(encoding="utf-8"))
    assert "参保地" in report["missing"]
    code = main(["dept", "in", "--dept", "yibao", "--answer", str(ans.path), "--workspace", str(ws), *ARGS,
                 "--column", "参保地区=工资"])
    assert code == 2 and "字段可选" in capsys.readouterr().err


def test_bad_arguments_exit_2_with_one_chinese_line(tmp_path, capsys):
    assert main(["dept", "out", "--dept", "医保", "--workspace", str(tmp_path / "无.sqlite"), *ARGS,
                 "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "找不到工作区文件" in capsys.readouterr().err
    assert main(["dept", "out", str(tmp_path), "--dept", "税务", *ARGS, "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "没有名为“税务”的部门" in capsys.readouterr().err
    assert main(["dept", "in", str(tmp_path), "--dept", "医保", *ARGS]) == 2
    assert "--answer" in capsys.readouterr().err
    assert main(["dept", "out", str(tmp_path), "--dept", "医保", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "--as-of" in capsys.readouterr().err
