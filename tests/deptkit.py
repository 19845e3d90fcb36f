"""Department answers generated from a county's register, each in its department's own layout,
with planted differences (the known answers of the department-check tests).

Every child the department gets is answered in the department's own words (正常参保/外县 for
纳入户籍地医保, 小学六年级 for 小学, a 残疾人证号 for a disability …), so only the planted rows
differ; `expected` lists (kind, child ID or None, field) of every difference the check must find.
Generated people only (tests.readerfiles.child_id).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from readerfiles import SheetSpec, child_id, write_csv, write_xls, write_xlsx
from validators import disability_card

CARD_CODES = {v: k for k, v in disability_card.CATEGORIES.items()}
LEVEL_CODES = {v: k for k, v in disability_card.LEVELS.items()}
COUNTY_NAME = "仪陇县"
IN_COUNTY = "四川省南充市仪陇县新政镇幸福路12号"       # a 流动 child's 现住址 in the county (countykit)
ELSEWHERE = "河南省周口市川汇区人民路1号"


@dataclass
class Answer:
    path: Path
    expected: set[tuple] = field(default_factory=set)     # (kind, child id or None, field)
    planted: dict = field(default_factory=dict)           # name -> child id (or a record's ID)


def children(depts, dept: str, fields: list[str]) -> list[dict]:
    """The children the department gets (one row an ID), with their canonical sheet values;
    the children the upload file holds (no error, in no conflict group) first, so that a
    planted difference is one whose acceptance shows in the upload."""
    frame = depts.register(dept, ["name", *fields])
    rows = [r for r in frame.unique("id", keep="first", maintain_order=True).iter_rows(named=True) if r["id"]]
    desk = depts.desk
    found = desk.findings_for(sorted({r["sheet_id"] for r in rows}))
    held = {(s, i) for s, f in found.items() for i in f.rows_with_errors()}
    held |= {tuple(ref) for g in desk.groups() for ref in g.refs}
    return sorted(rows, key=lambda r: (r["sheet_id"], r["index"]) in held)


def _missed_record(seq: str = "401") -> tuple[str, str]:
    """(ID, 现住址) of a 流动 child living in the county whom no sheet holds."""
    return child_id("411602", "20160512", seq), IN_COUNTY


# --- 医保: a CSV in GB18030 with a title line ----------------------------------------------------
YIBAO_WORDS = {("liudong", "纳入居住地医保"): ("正常参保", "本县"), ("liudong", "纳入户籍地医保"): ("已参保", "户籍地"),
               ("liudong", "未纳入医保"): ("未参保", ""), ("liushou", "已纳入医保"): ("参保缴费", ""),
               ("liushou", "未纳入医保"): ("未参加", "")}


def yibao_csv(depts, folder: Path) -> Answer:
    kids = children(depts, "yibao", ["medical_insurance"])
    ans = Answer(folder / "医保参保核查结果.csv")
    rows = [["仪陇县医疗保障局 参保核查结果"], ["序号", "姓名", "证件号码", "参保状态", "参保地区", "备注"]]
    uninsured = [k for k in kids if k["form"] == "liudong" and k["medical_insurance"] == "未纳入医保"]
    others = [k for k in kids if k not in uninsured[:2]]
    plant = {"to_hukou": uninsured[0]["id"], "no_place": uninsured[1]["id"], "absent": others[3]["id"],
             "not_found": others[4]["id"]}
    for n, k in enumerate(kids, start=1):
        if k["id"] == plant["absent"]:
            continue
        status, place = YIBAO_WORDS.get((k["form"], k["medical_insurance"]), ("已参保", "本县"))
        note = ""
        if k["id"] == plant["to_hukou"]:
            status, place = "已参保", "户籍地"
            ans.expected.add(("field", k["id"], "medical_insurance"))
        elif k["id"] == plant["no_place"]:
            status, place = "正常参保", ""
            ans.expected.add(("field", k["id"], "medical_insurance"))
        elif k["id"] == plant["not_found"]:
            status, place, note = "", "", "查无此人"
        elif k["medical_insurance"] is None:
            ans.expected.add(("field", k["id"], "medical_insurance"))
        rows.append([n, k["name"], k["id"], status, place, note])
    ans.expected |= {("not_known", plant["absent"], None), ("not_known", plant["not_found"], None)}
    missed_id, address = _missed_record()
    rows.append([len(kids) + 1, "赵小漏", missed_id, "正常参保", "本县", ""])
    rows.append([len(kids) + 2, "钱大人", child_id("411602", "20050101", "411"), "正常参保", "本县", ""])   # over 16
    ans.planted = plant | {"missed": missed_id}
    ans.planted["missed_address"] = address
    write_csv(ans.path, rows, encoding="gb18030")
    return ans


def yibao_with_address(depts, folder: Path) -> Answer:
    """The same answer with a 现住址 column, so that the 漏报 record can be placed."""
    ans = yibao_csv(depts, folder)
    import csv
    with ans.path.open(encoding="gb18030", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1].append("现住址")
    for r in rows[2:]:
        r.append(ans.planted["missed_address"] if r[2] == ans.planted["missed"] else "")
    rows.append([str(len(rows)), "孙外县", child_id("411602", "20170303", "421"), "正常参保", "外县", "",
                 ELSEWHERE])                                   # lives elsewhere: not ours
    write_csv(ans.path, rows, encoding="gb18030")
    ans.expected.add(("missed", None, None))
    return ans


# --- 教育: an .xls with a title row and a two-row grouped header ---------------------------------
GRADES = {"学龄前": ("", "幼儿园大班"), "小学": ("", "小学六年级"), "初中": ("初中", "初二"), "高中": ("高中", "高一"),
          "中等职业教育": ("中职", "一年级"), "特殊教育": ("特殊教育", "")}


def jiaoyu_xls(depts, folder: Path) -> Answer:
    kids = children(depts, "jiaoyu", ["schooling", "school_name", "study_status"])
    ans = Answer(folder / "学籍比对结果.xls")
    rows = [["仪陇县教育局学籍信息比对结果"], ["学生基本信息", None, None, "学籍信息", None, None, None],
            ["姓名", "身份证号", "出生日期", "学段", "年级", "学校名称", "学籍状态"]]
    in_school = [k for k in kids if k["schooling"] in ("初中",) and k["school_name"]]
    absent_pre = next(k for k in kids if k["schooling"] == "学龄前")
    absent_school = next(k for k in kids if k["schooling"] == "小学" and k["id"] not in (in_school[0]["id"],))
    plant = {"grade": in_school[0]["id"], "school": in_school[1]["id"], "absent_pre": absent_pre["id"],
             "absent_school": absent_school["id"]}
    for k in kids:
        if k["id"] in (plant["absent_pre"], plant["absent_school"]):
            continue
        if k["schooling"] not in GRADES:                 # 失学 / 无就学能力 / blank: not on any 学籍
            if k["schooling"] not in ("失学", "无就学能力"):
                ans.expected.add(("not_known", k["id"], None))
            continue
        stage, grade = GRADES[k["schooling"]]
        school, status = k["school_name"] or "", {"在读": "在校"}.get(k["study_status"], k["study_status"] or "")
        if k["id"] == plant["grade"]:
            stage, grade = "", "小学六年级"
            ans.expected.add(("field", k["id"], "schooling"))
        if k["id"] == plant["school"]:
            school = school + "（分校）"
            ans.expected.add(("field", k["id"], "school_name"))
        if k is kids[0]:
            school = " ".join(school)                   # 立 山 第 二 中 学: spaces only, no difference
        rows.append([k["name"], k["id"], None, stage, grade, school, status])
    ans.expected.add(("not_known", plant["absent_school"], None))
    ans.planted = plant
    write_xls(ans.path, [SheetSpec("学籍比对", rows, merges=[(1, 1, 1, 7), (2, 1, 2, 3), (2, 4, 2, 7)])])
    return ans


# --- 残联: an .xlsx keyed by 残疾人证号 only, one row per card holder ------------------------------
def canlian_xlsx(depts, folder: Path) -> Answer:
    kids = children(depts, "canlian", ["disability_category", "disability_grade"])
    ans = Answer(folder / "残疾儿童持证名单.xlsx")
    rows = [["仪陇县残疾人联合会持证残疾儿童名单"], [None], ["序号", "姓名", "残疾人证号", "残疾类别", "等级"]]
    disabled = [k for k in kids if k["disability_category"] not in (None, "无") and k["disability_grade"] in LEVEL_CODES
                and k["disability_category"] in CARD_CODES]
    healthy = [k for k in kids if k["disability_category"] == "无" and k["disability_grade"] == "无"]
    plant = {"new_card": healthy[0]["id"], "bad_check": disabled[0]["id"], "no_card": disabled[1]["id"]}
    n = 0
    for k in disabled + [healthy[0]]:
        if k["id"] == plant["no_card"]:
            continue
        n += 1
        category, level = (("肢体残疾", "二级") if k["id"] == plant["new_card"]
                           else (k["disability_category"], k["disability_grade"]))
        card = k["id"] + CARD_CODES[category] + LEVEL_CODES[level]
        if k["id"] == plant["bad_check"]:
            card = card[:17] + ("0" if card[17] != "0" else "1") + card[18:]
        written = category.removesuffix("残疾") if n % 2 else ""          # 肢体 / left for the card
        rows.append([n, k["name"], card, written, ""])
    ans.expected |= {("field", plant["new_card"], "disability_category"),
                     ("field", plant["new_card"], "disability_grade"),
                     ("bad_id", plant["bad_check"], None),
                     ("field", plant["no_card"], "disability_category"),
                     ("field", plant["no_card"], "disability_grade")}
    for k in kids:                  # a sheet with a disability 残联 has no card for (or the grade off)
        if k["id"] in plant.values():
            continue
        if k not in disabled and (k["disability_category"] not in (None, "无")):
            ans.expected.add(("field", k["id"], "disability_category"))
        if k not in disabled and (k["disability_grade"] not in (None, "无")):
            ans.expected.add(("field", k["id"], "disability_grade"))
        if k["disability_category"] is None:
            ans.expected.add(("field", k["id"], "disability_category"))
        if k["disability_grade"] is None:
            ans.expected.add(("field", k["id"], "disability_grade"))
    ans.planted = plant
    write_xlsx(ans.path, [SheetSpec("持证名单", rows, merges=[(1, 1, 1, 5)])])
    return ans


# --- 公安 and 卫健: their own .xlsx layouts ----------------------------------------------------------
GONGAN_WORDS = {"办理居住证": "居住证", "暂住登记": "暂住证", "未登记": "未办理"}


def gongan_xlsx(depts, folder: Path) -> Answer:
    kids = children(depts, "gongan", ["residence_registration"])
    ans = Answer(folder / "居住登记核查.xlsx")
    rows = [["公民身份号码", "姓名", "居住证办理情况", "户籍姓名"]]
    registration = next(k["id"] for k in kids if k["residence_registration"] == "未登记")
    plant = {"registration": registration, "name": next(k["id"] for k in kids[1:] if k["id"] != registration)}
    for k in kids:
        words = GONGAN_WORDS.get(k["residence_registration"], "")
        police = k["name"]
        if k["id"] == plant["registration"]:
            words = "已办理居住证"
            ans.expected.add(("field", k["id"], "residence_registration"))
        if k["id"] == plant["name"]:
            police = k["name"][0] + "晓" + k["name"][-1]
            ans.expected.add(("field", k["id"], "name"))
        number = k["id"]
        if k is kids[2]:
            number = " ".join([number[:6], number[6:14], number[14:]])      # written with spaces
        if k is kids[3]:
            police = " " + police                                          # a stray space: same name
        rows.append([number, k["name"], words, police])
    ans.planted = plant
    write_xlsx(ans.path, [SheetSpec("核查结果", rows)])
    return ans


WEIJIAN_WORDS = {("liudong", "在居住地接受"): "已建档", ("liudong", "在户籍地接受"): "未接受",
                 ("liudong", "未接受"): "否", ("liushou", "已接受"): "是", ("liushou", "未接受"): "未建档"}
TCM_WORDS = {("liudong", "在居住地接受"): "是", ("liudong", "在户籍地接受"): "否", ("liudong", "未接受"): "否",
             ("liushou", "已接受"): "接受", ("liushou", "未接受"): "无"}


def weijian_xlsx(depts, folder: Path) -> Answer:
    kids = children(depts, "weijian", ["svc_0_6", "svc_0_36m", "birth_date"])
    ans = Answer(folder / "儿童健康管理核对.xlsx")
    rows = [["卫健局 0-6岁儿童健康管理核对"], ["身份证号码", "儿童姓名", "儿童健康管理", "中医药健康管理"]]
    target = next(k for k in kids if k["form"] == "liudong" and k["svc_0_6"] == "未接受")
    plant = {"received": target["id"]}
    for k in kids:
        words = WEIJIAN_WORDS.get((k["form"], k["svc_0_6"]), "")
        if k["id"] == plant["received"]:
            words = "已随访"
            ans.expected.add(("field", k["id"], "svc_0_6"))
        tcm = TCM_WORDS.get((k["form"], k["svc_0_36m"]), "")
        if not words and not tcm:
            ans.expected.add(("not_known", k["id"], None))
        rows.append([k["id"], k["name"], words, tcm])
    ans.planted = plant
    write_xlsx(ans.path, [SheetSpec("核对", rows, merges=[(1, 1, 1, 4)])])
    return ans
