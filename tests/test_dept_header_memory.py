"""A department's answer columns the clerk confirmed are remembered per department in the
workspace: the department's next answer (other order, other sheet) needs no choice, and a new
choice replaces the old one; `mopai dept in --column` remembers too."""
import shutil

from countykit import AS_OF, COUNTY, desk_on
from intake.cli import main
from intake.departments import header_memory
from intake.departments.desk import DepartmentDesk
from readerfiles import SheetSpec, child_id, write_xlsx

A = child_id("511324", "20150302", "023")


def _answer(path, header, row, sheet="Sheet1"):
    return write_xlsx(path, [SheetSpec(sheet, [["医保核查结果"], header, row])])


def test_a_confirmed_column_is_taken_so_on_the_next_answer_and_can_be_changed(county_set, tmp_path):
    first = _answer(tmp_path / "一.xlsx", ["姓名", "证件号码", "医保参保状况", "参保地"], ["甲", A, "正常参保", "本县"])
    later = _answer(tmp_path / "二.xlsx", ["医保参保状况", "证件号码", "参保地", "姓名"], ["正常参保", A, "本县", "甲"],
                    sheet="回复")
    with desk_on(county_set[1], tmp_path) as desk:
        depts = DepartmentDesk(desk)
        answer = depts.read_answer("yibao", first)
        doubt, = answer.doubtful
        assert doubt.key == "insured" and answer.recalled == []
        depts.confirm_columns(answer, {(doubt.sheet, doubt.col): "insured"})
        again = depts.read_answer("yibao", later)
        assert again.doubtful == [] and again.records["insured"].to_list() == ["已参保"]
        assert [(d.header, d.key) for d in again.recalled] == [("医保参保状况", "insured")]
        assert header_memory.recalled(desk.workspace, "canlian") == {}       # per department
        seen, = again.recalled
        depts.confirm_columns(again, {(seen.sheet, seen.col): None})         # changed: not used
    with desk_on(county_set[1], tmp_path) as desk:                          # kept in the workspace
        third = DepartmentDesk(desk).read_answer("yibao", first)
        assert third.doubtful == [] and third.records["insured"].to_list() == [None] and "参保状态" in third.missing
        assert [(d.header, d.key) for d in third.recalled] == [("医保参保状况", None)]


def test_a_column_named_on_the_command_line_is_remembered(county_set, tmp_path, capsys):
    ws = tmp_path / "county.sqlite"
    shutil.copyfile(county_set[1], ws)
    path = _answer(tmp_path / "回复.xlsx", ["姓名", "证件号码", "医保参保状况", "参保地"], ["甲", A, "正常参保", "本县"])
    args = ["dept", "in", "--dept", "yibao", "--answer", str(path), "--workspace", str(ws),
            "--as-of", AS_OF.isoformat(), "--county", COUNTY]
    assert "请核对：表头“医保参保状况”" in (main(args), capsys.readouterr().out)[1]
    main([*args, "--column", "医保参保状况=参保状态"])
    capsys.readouterr()
    main(args)
    out = capsys.readouterr().out
    assert "请核对" not in out and "表头“医保参保状况”按上次确认的对应到“参保状态”" in out
