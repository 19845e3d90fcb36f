"""A department record without a usable ID is matched by name and birth date when exactly one
of the county's children has them (and the difference says so); when two children do, it is
not matched and is listed with the reason."""
from intake.departments.by_name import AMBIGUOUS, MATCHED
from intake.departments.model import BAD_ID, FIELD, NOT_KNOWN
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
        assert MATCHED in of[(BAD_ID, _ref(ref[x["id"]]))].note
        for k in (y, z):                                                     # two fit: neither is matched
            assert (NOT_KNOWN, _ref(ref[k["id"]])) in of and (FIELD, _ref(ref[k["id"]])) not in of
        listed, = [d for d in diffs if d.kind == BAD_ID and d.child is None]
        assert listed.note.endswith(AMBIGUOUS.format(n=2, dept="医保")) and listed.answer_row == 3


def _ref(pair):
    from intake.county.children import Ref
    return Ref(*pair)
