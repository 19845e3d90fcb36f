"""A department record without a usable ID is matched by name and birth date when exactly one
of the county's children has them (and the difference says so); when two children do, it is
not matched and is listed with the reason."""
from intake.departments.by_name import AMBIGUOUS, MATCHED
from intake.departments.model import FIELD, NO_ID, NOT_KNOWN
from intake.departments.reconcile import BY_NAME
from intake.edits import CellEdit, EditBatch
from readerfiles import write_csv

import deptkit
from countykit import desk_on
from intake.departments.desk import DepartmentDesk


def _edit(depts, ref, field, new):
    old = depts.session(ref["sheet_id"]).value(ref["index"], field)
    depts.apply_edit(ref["sheet_id"], EditBatch("改", (CellEdit(ref["index"], field, old, new),)))


def test_a_record_without_id_is_matched_by_name_and_birth_only_when_one_child_fits(county_set, tmp_path):
    with desk_on(county_set[1], tmp_path) as desk:
        depts = DepartmentDesk(desk)
        kids = [k for k in deptkit.children(depts, "yibao", ["medical_insurance"]) if k["birth"] and k["name"]]
        names = [k["name"] for k in kids]
        x = next(k for k in kids if k["medical_insurance"] not in (None, "未纳入医保") and names.count(k["name"]) == 1)
        y, z = [k for k in kids if k["id"] != x["id"] and names.count(k["name"]) == 1][:2]
        _edit(depts, z, "name", y["name"])                                 # a second child named so,
        _edit(depts, z, "birth_date", y["birth"])                          # born the same day
        yyyy, mm, dd = x["birth"].split("-")
        path = tmp_path / "医保回复.csv"
        write_csv(path, [["姓名", "证件号码", "出生日期", "参保状态", "参保地区"],
                         [x["name"][0] + " " + x["name"][1:], "", f"{yyyy}年{int(mm)}月{int(dd)}日", "未参保", ""],
                         [y["name"], "", y["birth"].replace("-", "/"), "正常参保", "本县"]], encoding="gb18030")
        depts.store_answer(depts.read_answer("yibao", path))
        diffs = depts.differences("yibao")
        of = {(d.kind, d.child.ref if d.child else None): d for d in diffs}
        ref = {k["id"]: (k["sheet_id"], k["index"]) for k in (x, y, z)}
        matched = of[(FIELD, _ref(ref[x["id"]]))]
        assert matched.field == "medical_insurance" and matched.dept_value == "未参保" and BY_NAME in matched.note
        assert (NOT_KNOWN, _ref(ref[x["id"]])) not in of                   # it is known, by name
        assert MATCHED in of[(NO_ID, _ref(ref[x["id"]]))].note
        for k in (y, z):                                                     # two fit: neither is matched
            assert (NOT_KNOWN, _ref(ref[k["id"]])) in of and (FIELD, _ref(ref[k["id"]])) not in of
        listed, = [d for d in diffs if d.kind == NO_ID and d.child is None]
        assert listed.note.endswith(AMBIGUOUS.format(n=2, dept="医保")) and listed.answer_row == 3


def _ref(pair):
    from intake.county.children import Ref
    return Ref(*pair)


def test_a_record_with_no_number_is_its_own_kind_apart_from_a_wrong_number(county_set, tmp_path):
    """Blank (nothing to correct: ask the department to fill it in) is not malformed (证件号码有误);
    the note says what the name + birth-date matching found, and every place counting kinds
    counts it apart."""
    import openpyxl
    from intake.departments.answer_read import AnswerFile
    from intake.departments.by_name import NO_ID_UNMATCHED, NO_ID_UNTRIED
    from intake.departments.cli_output import answer_json
    from intake.departments.model import BAD_ID, KIND_ZH
    with desk_on(county_set[1], tmp_path) as desk:
        depts = DepartmentDesk(desk)
        kid = next(k for k in deptkit.children(depts, "yibao", ["medical_insurance"]) if k["birth"])
        wrong = kid["id"][:17] + ("0" if kid["id"][17] != "0" else "1")
        path = tmp_path / "医保回复.csv"
        write_csv(path, [["姓名", "证件号码", "出生日期", "参保状态"],
                         ["钱无号", "", "2016-05-01", "正常参保"],          # blank, fits no child
                         ["孙无生", "", "", "正常参保"],                    # blank, no birth date
                         ["李错号", wrong[:10] + "X" + wrong[11:], "2016-05-02", "正常参保"]], encoding="gb18030")
        answer = depts.read_answer("yibao", path)
        depts.store_answer(answer)
        diffs = depts.differences("yibao")
        by_row = {d.answer_row: d for d in diffs if d.answer_row in (2, 3, 4) and d.kind in (NO_ID, BAD_ID)}
        assert [by_row[r].kind for r in (2, 3, 4)] == [NO_ID, NO_ID, BAD_ID]
        assert by_row[2].note.endswith(NO_ID_UNMATCHED.format(dept="医保"))
        assert by_row[3].note.endswith(NO_ID_UNTRIED.format(dept="医保"))
        assert "补填" not in by_row[4].note and by_row[4].note
        assert depts.summary("yibao").counts[NO_ID] == 2 and depts.summary("yibao").counts[BAD_ID] == 1
        counts = answer_json(depts, "yibao", answer)["counts"]
        assert (counts["no_id"], counts["bad_id"]) == (2, 1)
        report = depts.write_report("yibao", tmp_path / "报告.xlsx")
        ws = openpyxl.load_workbook(report)["差异明细"]
        kinds = [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)]
        assert kinds.count(KIND_ZH[NO_ID]) == 2 and kinds.count(KIND_ZH[BAD_ID]) == 1
