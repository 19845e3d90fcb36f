"""A county set for the statistics and register tests whose counts are known by construction:
hand-written children of three townships of 仪陇县 (511324), reference date 2025-12-31.

金城镇 sends a 流动 and a 留守 sheet, 新政镇 only a 流动 sheet, 马鞍镇 only a 留守 sheet (a
township with no children of one form). Among the 流动 children: one sent by 金城镇 and 新政镇
(same ID, 监护情况 较好 vs 一般), twins given one copied ID (新政镇), a child who turns 16 the day
after the reference date (counted, 15) and one who is 16 on it (left out), one without sex and
birth date (both from the ID). Only generated people.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from intake.forms import load_form
from rowkit import make_id

COUNTY = "511324"
AS_OF = date(2025, 12, 31)
HERE = "四川省南充市仪陇县"
J, X, M = "金城镇", "新政镇", "马鞍镇"

ID_D = make_id("411302", "20160707", "135")      # sent by 金城镇 and 新政镇
ID_T = make_id("520303", "20180808", "111")      # the twins' copied ID (odd: 男)
ID_L2 = make_id("410105", "20100601", "222")
ID_L1 = make_id("411302", "20150302", "113")
ID_L5 = make_id("510107", "20200505", "248")     # even: 女; no sex, no birth date on the row


def liudong(town: str, name: str, sex, birth, ident, hukou, **more) -> dict:
    rec = {"name": name, "sex": sex, "birth_date": birth, "ethnicity": "汉族", "id_number": ident,
           "hukou_registered": "是", "hukou_address": hukou + "某街道1号",
           "current_address": f"{HERE}{town}幸福路8号", "co_resident": "父母双方",
           "residence_registration": "办理居住证", "housing_type": "出租房屋", "left_hukou_date": "2020-01-01",
           "arrival_date": "2020-01-05", "guardianship": "较好", "schooling": "小学", "school_name": "金城小学",
           "boarding": "否", "study_status": "在读", "health": "健康", "medical_insurance": "纳入居住地医保",
           "disability_category": "无", "disability_grade": "无", "rehab_aid": "否",
           "father_name": "父" + name, "father_phone": "13800138000", "mother_name": "母" + name,
           "mother_phone": "13900139000", "family_hardship": None, "living_support": "无"}
    rec.update(more)
    return rec


def liushou(town: str, name: str, sex, birth, ident, father_at, mother_at, **more) -> dict:
    rec = {"name": name, "sex": sex, "birth_date": birth, "ethnicity": "汉族", "id_number": ident,
           "hukou_registered": "是", "hukou_address": f"{HERE}{town}团结村3组", "current_address": f"{HERE}{town}团结村3组",
           "guardianship": "较好", "health": "健康", "medical_insurance": "已纳入医保", "disability_category": "无",
           "disability_grade": "无", "rehab_aid": "否", "schooling": "小学", "school_name": "团结小学",
           "study_status": "在读", "boarding": "否", "father_name": "父" + name, "father_phone": "13700137000",
           "father_current_address": father_at, "mother_name": "母" + name, "mother_phone": "13600136000",
           "mother_current_address": mother_at, "both_parents_away": "是", "one_away_other_incapable": "否",
           "has_entrusted_guardian": "有", "carer_relation": "奶奶", "carer_name": "奶" + name,
           "carer_phone": "13500135000", "family_hardship": "无", "living_support": "无"}
    rec.update(more)
    return rec


def records() -> dict[tuple[str, str], list[dict]]:
    """(township, form) -> the sheet's records, in row order."""
    return {
        (J, "liudong"): [
            liudong(J, "甲一", "男", "2015-03-02", ID_L1, "河南省南阳市宛城区"),
            liudong(J, "甲二", "女", "2010-06-01", ID_L2, "河南省郑州市金水区", guardianship="一般",
                    schooling="初中", medical_insurance="纳入户籍地医保", residence_registration="暂住登记",
                    family_hardship="低保家庭", living_support="低保"),
            liudong(J, "甲三", "男", "2010-01-01", make_id("411302", "20100101", "151"), "河南省南阳市宛城区",
                    schooling="高中"),                                        # 16 on 2026-01-01
            liudong(J, "甲四", "女", "2009-12-31", make_id("411302", "20091231", "162"), "河南省南阳市宛城区",
                    schooling="高中"),                                        # 16 on the reference date
            liudong(J, "甲五", None, None, ID_L5, "四川省成都市武侯区", guardianship="较差", schooling="学龄前",
                    health="残疾、慢性病", disability_category="肢体残疾", disability_grade="二级",
                    residence_registration="未登记"),
            liudong(J, "丁甲", "男", "2016-07-07", ID_D, "重庆市渝中区"),
        ],
        (X, "liudong"): [
            liudong(X, "乙一", "女", "2013-02-02", make_id("411302", "20130202", "182"), "河南省南阳市宛城区",
                    schooling="初中", health="心理/行为异常"),
            liudong(X, "双胞哥", "男", "2018-08-08", ID_T, "贵州省遵义市汇川区"),
            liudong(X, "双胞妹", "女", "2018-08-08", ID_T, "贵州省遵义市汇川区"),
            liudong(X, "乙四", "男", "2024-01-01", make_id("429004", "20240101", "193"), "湖北省仙桃市",
                    schooling=None, study_status=None, boarding=None),
            liudong(X, "丁乙", "男", "2016-07-07", ID_D, "重庆市渝中区", guardianship="一般"),
        ],
        (J, "liushou"): [
            liushou(J, "留一", "男", "2012-04-04", make_id(COUNTY, "20120404", "211"),
                    "广东省深圳市南山区某路", "广东省东莞市长安镇某路"),
            liushou(J, "留二", "女", "2014-09-09", make_id(COUNTY, "20140909", "222"), "浙江省杭州市西湖区某路",
                    f"{HERE}{J}团结村3组", both_parents_away="否", one_away_other_incapable="是",
                    guardianship="父或母无监护能力"),
            liushou(J, "留三", "女", "2019-11-11", make_id(COUNTY, "20191111", "242"), "广东省广州市天河区某路",
                    "浙江省宁波市鄞州区某路", family_hardship="特困家庭", living_support="特困、生活无着流浪乞讨人员救助"),
        ],
        (M, "liushou"): [
            liushou(M, "留四", "男", "2022-02-02", make_id(COUNTY, "20220202", "251"), "北京市朝阳区某路",
                    "北京市朝阳区某路", schooling=None, study_status=None, boarding=None),
            liushou(M, "留五", "男", "2011-10-10", make_id(COUNTY, "20111010", "271"), None, None),
        ],
    }


def write_sheet(path: Path, form: str, town: str, rows: list[dict]) -> None:
    f = load_form(form)
    keys = [k.key for k in f.fields if k.key not in ("seq", "reporting_unit", "report_date")]
    book = Workbook()
    ws = book.active
    ws.append([f.title])
    ws.append([f"填报单位（盖章）：仪陇县{town}人民政府", None, None, None, None, None, "填报日期：2025年12月31日"])
    ws.append(["序号"] + [f.field(k).label for k in keys])
    for n, r in enumerate(rows, start=1):
        ws.append([n] + [r.get(k) for k in keys])
    book.save(path)


def write_set(folder: Path) -> dict[tuple[str, str], Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for (town, form), rows in records().items():
        path = folder / f"{town}{'流动' if form == 'liudong' else '留守'}儿童.xlsx"
        write_sheet(path, form, town, rows)
        out[(town, form)] = path
    return out


def build_base(folder: Path) -> Path:
    """The set received once into a base workspace (each test works on a copy)."""
    from intake.county.desk import CountyDesk
    from intake.workspace import Workspace
    write_set(folder / "收到的文件")
    base = folder / "base.sqlite"
    with Workspace(base) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        desk.add_paths([folder / "收到的文件"])
    return base


def group_of(desk, ident: str):
    from intake.county.model import DUPLICATE
    return next(g for g in desk.groups(kind=DUPLICATE)
                if ident in {desk.records.table(o.ref.sheet_id).data.values["id_number"][o.ref.index] for o in g.occurrences})


def ref_in(group, file_start: str, row: int | None = None):
    return next(o.ref for o in group.occurrences if o.file.startswith(file_start) and (row is None or o.row == row))


@contextmanager
def desk_copy(base: Path, folder: Path, name: str = "ws.sqlite"):
    """A desk on a copy of the base workspace (a test's own decisions stay its own)."""
    import shutil
    from intake.county.desk import CountyDesk
    from intake.workspace import Workspace
    path = folder / name
    shutil.copyfile(base, path)
    with Workspace(path) as ws, CountyDesk(ws, as_of=AS_OF, county=COUNTY) as desk:
        yield desk
