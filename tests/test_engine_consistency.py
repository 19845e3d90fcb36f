"""The bulk path (pandera pass + facts built from clean cells) and the edit path (check_cell on
every cell, row by row) must give identical findings."""
from dataclasses import replace

import pytest

from intake.forms import load_form
from rowkit import make_id
from sheetkit import CTX, child_id, columns, liudong_record
from validators.data import RecordColumns
from validators.engine import TableValidator

LIUDONG = load_form("liudong")
DUP = child_id("20150302", "191")

VARIANTS = [
    {}, {"sex": "女"}, {"sex": " 男"}, {"sex": "男性"}, {"birth_date": "2015/3/2"},
    {"birth_date": "2015-02-30"}, {"birth_date": "20150303"}, {"id_number": DUP}, {"id_number": DUP},
    {"id_number": "4113022015030212"}, {"id_number": child_id("20150302", "12")[:17] + "5"},
    {"id_number": "41130220150302123x"}, {"id_number": "４１１３０２２０１５０３０２１２３" + "X"},
    {"id_number": "999999201503021230"}, {"id_number": None, "hukou_registered": "否"},
    {"id_number": "411302201503021000"}, {"name": "张3"}, {"name": " 李 四 "},
    {"current_address": "河南省南阳市宛城区仲景街道1号"}, {"current_address": "河南郑州金水区黄河路1号"},
    {"hukou_address": "南阳市宛城区新华街道1号"}, {"hukou_address": "河南省南阳市宛城区"},
    {"arrival_date": "2025-08-01"}, {"arrival_date": "2026-01-01"}, {"left_hukou_date": "2014-01-01"},
    {"schooling": "初中"}, {"schooling": "幼儿园"}, {"study_status": "毕业", "schooling": "学龄前"},
    {"health": "残疾、慢性病"}, {"disability_category": "多重残疾、视力残疾", "health": "残疾", "disability_grade": "一级"},
    {"rehab_aid": "是"}, {"father_phone": "1380013800"}, {"mother_phone": "13800138000、0371-65123456"},
    {"father_id": child_id("20150302", "111")}, {"mother_id": "41010519870202221X"},
    {"father_id": make_id("411302", "19700101", "111")}, {"father_id": make_id("411302", "19700101", "131")},
    {"father_id": make_id("999999", "19700101", "111")}, {"father_id": make_id("999999", "19700101", "151")},
    {"family_hardship": "低保家庭", "living_support": "无"}, {"birth_date": "2009-12-31", "id_number": None,
                                                           "hukou_registered": "否"},
    {"co_resident": "其他监护人"}, {"svc_0_6": "在居住地接受"}, {"report_date": "2025-10-01"},
    {"report_date": "2025-13-01"}, {"housing_type": "租房"}, {"living_support": "无、低保"},
    *({"birth_date": born, "id_number": None, "hukou_registered": "否", "schooling": stage,
       "study_status": status, "boarding": None}
      for born, stage, status in [("2019-01-01", "学龄前", "在读"), ("2018-12-31", "小学", "在读"),
                                  ("2023-01-01", "学龄前", None), ("2022-11-30", None, None),
                                  ("2022-12-31", None, None), ("2023-01-01", None, None),
                                  ("2018-02-28", None, None), ("2018-03-01", None, None)]),
    {"birth_date": "2019-06-01", "id_number": None, "hukou_registered": "否", "schooling": "学龄前",
     "report_date": "2025-05-31", "boarding": None},
    # people in a row, residence permits, option details, extensions, townships (issue 13)
    {"mother_id": make_id("410105", "19850101", "111")}, {"mother_id": make_id("410105", "20170101", "222")},
    {"father_id": make_id("410105", "19870202", "222"), "mother_id": make_id("410105", "19850101", "111")},
    {"father_id": make_id("830000", "19700101", "111")}, {"id_number": make_id("830000", "20150302", "121")},
    {"id_number": make_id("810000", "20150302", "141")},
    {"disability_category": "多重残疾（视力、听力）", "health": "残疾", "disability_grade": "一级"},
    {"disability_category": "多重残疾：视力、脑瘫", "health": "残疾", "disability_grade": "一级"},
    {"disability_category": "多重残疾(视力)", "health": "残疾", "disability_grade": "一级"},
    {"family_hardship": "其他（因病）、低保家庭", "living_support": "低保"}, {"housing_type": "其他(借住)"},
    {"father_phone": "0371-12345678转8001"}, {"mother_phone": "0371-12345678 分机 8001"},
    {"current_address": "河南省郑州市金水区荆子关镇黄河路8号"}, {"current_address": "河南省郑州市金水区花园路街道1号"},
    {"current_address": "河南省郑州市金水区花园路镇1号"}, {"current_address": "河南省郑州市金水区高新区花园路街道1号"},
    {"current_address": "河南省郑州市金水区花园路\u200b街道1号"}, {"current_address": "河南省郑州市金水区城东新乡村1号"},
    {"hukou_address": "河南省南阳市宛城区新华镇光明社区12号"}, {"hukou_address": "河南省南阳市宛城区经八路街道1号"},
    {"father_current_address": "河南省郑州市金水区花园路街道1号", "father_hukou_address": "河南省南阳市宛城区荆紫关镇1号"},
    # a parent's address the child's very text in the same row (shared facts), clean or not
    {"current_address": "河南省郑州市金水区花园路街道2号", "father_current_address": "河南省郑州市金水区花园路街道2号",
     "father_hukou_address": "河南省南阳市宛城区新华街道光明社区12号"},
    {"current_address": "河南省郑州市金水区荆子关镇2号", "father_current_address": "河南省郑州市金水区荆子关镇2号"},
    {"hukou_address": "河南省郑州市金水区经八路街道3号", "current_address": "河南省郑州市金水区经八路街道3号"},
    {"current_address": "河南省郑州市金水区花园路街道3号", "father_current_address": "河南省郑州市金水区花园路街道4号",
     "father_hukou_address": "河南省郑州市金水区花园路街道3号"},
]


def sheet() -> list[dict]:
    records = []
    extra = {k: None for change in VARIANTS for k in change}
    for n, change in enumerate(VARIANTS):
        rec = liudong_record(id_number=child_id("20150302", f"{n:02d}1"), seq=str(n + 1))
        rec["report_date"] = None
        rec.update({k: v for k, v in extra.items() if k not in rec})
        rec.update(change)
        records.append(rec)
    return records


@pytest.mark.parametrize("ctx", [CTX, replace(CTX, township="410105001", county="410105")],
                         ids=["plain", "township"])
def test_bulk_and_per_row_edits_give_identical_findings(ctx):
    records = sheet()
    bulk = TableValidator(LIUDONG, columns(records), ctx)
    bulk.run()
    assert len(bulk.findings.rows_with_errors()) > 25
    if ctx.township:
        assert {f.code for f in bulk.findings.all()} >= {"address.outside_township", "address.township_unknown"}

    blank = RecordColumns({k: [None] * len(records) for k in records[0]})
    edited = TableValidator(LIUDONG, blank, ctx)
    edited.run()
    for i, rec in enumerate(records):
        for key, value in rec.items():
            edited.set_value(i, key, value)
    assert edited.findings.all() == bulk.findings.all()
    for key in ("hukou_address", "current_address", "father_current_address", "father_hukou_address"):
        assert edited._facts[key] == bulk._facts[key], key      # townships too (county_field only)
    assert any(f.township for f in bulk._facts["current_address"] if f)


def test_rerun_after_edits_matches_the_incremental_state():
    records = sheet()
    v = TableValidator(LIUDONG, columns(records), CTX)
    v.run()
    v.set_value(7, "id_number", child_id("20150302", "991"))
    v.set_value(3, "sex", "男")
    v.set_value(10, "schooling", "大学")
    incremental = v.findings.all()
    assert incremental == v.run().all()


def test_condition_on_a_multiple_choice_field_gives_the_same_result_in_bulk():
    from sheetkit import CTX as ctx
    from validators.form import FormTemplate
    form = FormTemplate.from_dict({
        "form": {"key": "tiny", "title": "测试表", "version": "1"},
        "fields": [
            {"key": "name", "label": "姓名", "type": "name", "required": True},
            {"key": "health", "label": "健康状况", "type": "multi", "options": ["健康", "残疾", "重病"],
             "exclusive": ["健康"]},
            {"key": "disability_grade", "label": "残疾等级", "type": "choice",
             "options": ["一级", "二级"], "required_when": [{"field": "health", "in": ["残疾"]}]},
        ]})
    records = [{"name": "张三", "health": h, "disability_grade": g}
               for h, g in [("健康", None), ("残疾", None), ("残疾、重病", None), ("残疾", "一级"), (None, None)]]
    bulk = TableValidator(form, columns(records), ctx)
    bulk.run()
    assert [(f.index, f.field) for f in bulk.findings.all()] == [(1, "disability_grade"), (2, "disability_grade")]
    edited = TableValidator(form, RecordColumns({k: [None] * 5 for k in records[0]}), ctx)
    edited.run()
    for i, rec in enumerate(records):
        for key, value in rec.items():
            edited.set_value(i, key, value)
    assert edited.findings.all() == bulk.findings.all()
