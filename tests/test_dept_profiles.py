"""Department profiles (templates/departments/*.toml): each department receives only the
fields domain-rules.md gives it, the value maps fit each form's options, the department's
words normalise as written down, and a profile naming an unknown field is refused."""
import tomllib

import pytest

from intake.departments.profile import (DEPARTMENTS_DIR, find_profile, load_profile, load_profiles,
                                        profile_from_dict)
from intake.departments.values import agreeing, normalise
from intake.errors import MopaiError

# domain-rules.md, 部门比对 (name and ID number: to find the child; 卫健's birth date: which service applies)
RECEIVES = {
    "jiaoyu": {"name", "id_number", "birth_date", "schooling", "school_name", "study_status"},
    "gongan": {"name", "id_number", "residence_registration"},
    "weijian": {"name", "id_number", "birth_date", "svc_0_6", "svc_0_36m"},
    "yibao": {"name", "id_number", "medical_insurance"},
    "canlian": {"name", "id_number", "disability_category", "disability_grade", "rehab_aid"},
}


def test_each_department_receives_only_its_fields():
    profiles = load_profiles()
    assert list(profiles) == ["jiaoyu", "gongan", "weijian", "yibao", "canlian"]
    for key, p in profiles.items():
        assert set(p.sent_fields) == RECEIVES[key], key
        assert set(p.compared_fields) <= set(p.sent_fields)
    assert profiles["weijian"].children.age_lt == 7 and profiles["gongan"].children.forms == ("liudong",)


def _cmp(dept, field):
    p = load_profile(dept)
    cmp = next(c for c in p.compare if c.field == field)
    return p, cmp, {s: (p.column(s) if s in {a.key for a in p.answer} else None) for s in cmp.sources}


@pytest.mark.parametrize("form, status, place, want", [
    ("liudong", "已参保", "外县", ("纳入户籍地医保",)), ("liudong", "正常参保", "户籍地", ("纳入户籍地医保",)),
    ("liudong", "在保", "本县", ("纳入居住地医保",)), ("liudong", "已参保", None, ("纳入户籍地医保", "纳入居住地医保")),
    ("liudong", "停保", None, ("未纳入医保",)), ("liushou", "正常参保", "外县", ("已纳入医保",)),
    ("liushou", "未参加", None, ("未纳入医保",)), ("liushou", "中断缴费", None, ("未纳入医保",)),
    ("liudong", "说不清", None, ()), ("liudong", None, "本县", None),
])
def test_yibao_words_map_onto_each_forms_options(form, status, place, want):
    p, cmp, cols = _cmp("yibao", "medical_insurance")
    parts = (normalise(p.column("insured"), status), normalise(p.column("insured_place"), place))
    assert agreeing(cmp, form, parts, cols) == want


@pytest.mark.parametrize("stage, grade, want", [
    (None, "小学六年级", "小学"), (None, "六年级", "小学"), (None, "初二", "初中"), (None, "七年级", "初中"),
    (None, "幼儿园大班", "学龄前"), (None, "高一", "高中"), ("初级中学", "小学六年级", "初中"), ("职高", None, "中等职业教育"),
])
def test_jiaoyu_stage_and_grade_give_the_schooling(stage, grade, want):
    p, cmp, cols = _cmp("jiaoyu", "schooling")
    parts = (normalise(p.column("stage"), stage), normalise(p.column("grade"), grade))
    assert agreeing(cmp, "liudong", parts, cols) == (want,)


def test_canlian_category_words_codes_and_card_digits():
    p, cmp, cols = _cmp("canlian", "disability_category")
    assert agreeing(cmp, "liushou", (normalise(p.column("category"), "肢体"), None), cols) == ("肢体残疾",)
    assert agreeing(cmp, "liushou", (normalise(p.column("category"), "4"), None), cols) == ("肢体残疾",)
    assert agreeing(cmp, "liushou", (None, "视力残疾"), cols) == ("视力残疾",)     # from the card


def test_find_profile_by_name_key_or_title():
    assert find_profile("医保").key == "yibao" and find_profile("canlian").name == "残联"
    assert find_profile("县教育局").key == "jiaoyu"
    with pytest.raises(MopaiError, match="可选"):
        find_profile("税务")


def test_a_profile_naming_unknown_fields_or_values_is_refused():
    data = tomllib.loads((DEPARTMENTS_DIR / "yibao.toml").read_text("utf-8"))
    common = tomllib.loads((DEPARTMENTS_DIR / "common.toml").read_text("utf-8"))["answer"]
    bad_field = dict(data, sent=[*data["sent"], {"field": "salary", "label": "工资"}])
    with pytest.raises(ValueError, match="unknown field"):
        profile_from_dict(bad_field, common)
    bad_value = dict(data, compare=[{**data["compare"][0], "liushou": {"已参保|*": "纳入户籍地医保"}}])
    with pytest.raises(ValueError, match="does not have"):
        profile_from_dict(bad_value, common)
    not_sent = dict(data, compare=[{"field": "rehab_aid", "from": ["insured"]}])
    with pytest.raises(ValueError):
        profile_from_dict(not_sent, common)
