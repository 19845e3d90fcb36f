"""validators.options against the real form templates."""
import pytest

from intake.forms import load_form
from validators import options
from validators.errors import InvalidComponent


def field(form: str, key: str):
    return next(f for f in load_form(form).fields if f.key == key)


@pytest.mark.parametrize("form, key, text, expected, normal", [
    ("liudong", "ethnicity", "汉", ("汉族",), "汉族"),
    ("liudong", "ethnicity", " 汉族 ", ("汉族",), "汉族"),
    ("liushou", "ethnicity", "壮", ("壮族",), "壮族"),
    ("liudong", "sex", "男性", ("男",), "男"),
    ("liudong", "sex", "ｆ", ("女",), "女"),
    ("liudong", "guardianship", "父或其他监护人无监护能力", ("父母或其他监护人无监护能力",), "父母或其他监护人无监护能力"),
    ("liudong", "health", "心理/行为异常", ("心理/行为异常",), "心理/行为异常"),
    ("liudong", "health", "残疾、心理/行为异常", ("残疾", "心理/行为异常"), "残疾、心理/行为异常"),
    ("liudong", "health", "心理/行为异常/残疾", ("心理/行为异常", "残疾"), "心理/行为异常、残疾"),
    ("liudong", "health", "心理、行为异常，慢性病", ("心理/行为异常", "慢性病"), "心理/行为异常、慢性病"),
    ("liudong", "health", "残疾 重病", ("残疾", "重病"), "残疾、重病"),
    ("liudong", "health", "残疾；残疾", ("残疾",), "残疾"),
    ("liudong", "disability_category", "多重残疾 视力 听力", ("多重残疾", "视力残疾", "听力残疾"), "多重残疾、视力残疾、听力残疾"),
    ("liudong", "family_hardship", "其他：因病", ("其他",), "其他：因病"),
    ("liudong", "family_hardship", "其他(因病)", ("其他",), "其他：因病"),
    ("liudong", "family_hardship", "低保，其他（因病、因残）", ("低保家庭", "其他"), "低保家庭、其他：因病、因残"),
    ("liudong", "family_hardship", "低保家庭、其他:因学", ("低保家庭", "其他"), "低保家庭、其他：因学"),
    ("liudong", "family_hardship", "特困，其他因病", ("特困家庭", "其他"), "特困家庭、其他：因病"),
    ("liudong", "living_support", "其他", ("其他",), "其他"),
    # the text of 其他 runs to the end of the canonical writing, so it comes last
    ("liudong", "family_hardship", "其他（因病）、低保家庭", ("其他", "低保家庭"), "低保家庭、其他：因病"),
    ("liudong", "living_support", "其他(亲友资助)，慈善帮扶", ("其他", "慈善帮扶"), "慈善帮扶、其他：亲友资助"),
    ("liudong", "housing_type", "其他（借住亲戚家）", ("其他",), "其他：借住亲戚家"),
    ("liushou", "carer_relation", "其他(舅舅)", ("其他",), "其他：舅舅"),
    # 多重残疾 as the form invites it: its categories in brackets or after a colon, 残疾 optional
    ("liudong", "disability_category", "多重残疾（肢体残疾、智力残疾）", ("多重残疾", "肢体残疾", "智力残疾"),
     "多重残疾、肢体残疾、智力残疾"),
    ("liudong", "disability_category", "多重残疾(视力残疾、听力残疾)", ("多重残疾", "视力残疾", "听力残疾"),
     "多重残疾、视力残疾、听力残疾"),
    ("liushou", "disability_category", "多重残疾：听力、言语", ("多重残疾", "听力残疾", "言语残疾"),
     "多重残疾、听力残疾、言语残疾"),
    ("liushou", "disability_category", "多重（肢体，智力，精神）", ("多重残疾", "肢体残疾", "智力残疾", "精神残疾"),
     "多重残疾、肢体残疾、智力残疾、精神残疾"),
    ("liudong", "disability_category", "多重残疾（肢体）、肢体残疾", ("多重残疾", "肢体残疾"), "多重残疾、肢体残疾"),
])
def test_normalisation(form, key, text, expected, normal):
    result = options.check(field(form, key), text)
    assert result.options == expected
    assert result.normalised == normal


@pytest.mark.parametrize("text, bad", [("多重残疾（肢体、脑瘫）", "脑瘫"), ("多重残疾：二级", "二级"),
                                       ("多重残疾（无）", "无"), ("多重残疾(多重残疾、视力)", "多重残疾")])
def test_listed_categories_must_be_real_ones(text, bad):
    f = field("liudong", "disability_category")
    with pytest.raises(InvalidComponent) as caught:
        options.check(f, text)
    assert caught.value.code == "option.detail_unknown"
    assert caught.value.params["bad"] == bad and caught.value.params["option"] == "多重残疾"
    assert caught.value.params["allowed"] == "视力残疾、听力残疾、言语残疾、肢体残疾、智力残疾、精神残疾"


def test_canonical_writings_read_back_the_same():
    for key, text in [("family_hardship", "其他（因病）、特困"), ("disability_category", "多重：视力、精神"),
                      ("living_support", "其他：邻里帮扶、低保")]:
        f = field("liudong", key)
        normal = options.check(f, text).normalised
        assert options.check(f, normal).normalised == normal


def test_free_text_is_kept_as_detail():
    result = options.check(field("liudong", "family_hardship"), "其他：因病致贫")
    assert result.details == (("其他", "因病致贫"),)


@pytest.mark.parametrize("key, text, option", [
    ("health", "健康、残疾", "健康"),
    ("living_support", "无，低保", "无"),
    ("disability_category", "视力残疾/无", "无"),
])
def test_exclusive_options(key, text, option):
    with pytest.raises(InvalidComponent) as caught:
        options.check(field("liudong", key), text)
    assert caught.value.code == "option.exclusive"
    assert caught.value.params["option"] == option


@pytest.mark.parametrize("key, text", [
    ("sex", "不详"), ("health", "残疾、感冒"), ("schooling", "大学"), ("ethnicity", "汉人"),
    ("family_hardship", "无"),     # this form has no 无 (blank means none)
])
def test_unknown_values_list_the_allowed_options(key, text):
    f = field("liudong", key)
    with pytest.raises(InvalidComponent) as caught:
        options.check(f, text)
    assert caught.value.code == "option.unknown"
    assert caught.value.params["allowed"] == "、".join(f.options)


def test_forms_differ_and_cached_results_do_not_leak_between_them():
    assert options.is_valid(field("liushou", "family_hardship"), "无")
    assert not options.is_valid(field("liudong", "family_hardship"), "无")
    assert options.is_valid(field("liushou", "svc_0_6"), "已接受")
    assert not options.is_valid(field("liudong", "svc_0_6"), "已接受")


def test_repeated_checks_give_the_same_answer():
    f = field("liudong", "health")
    first = options.check(f, "残疾,重病")
    assert options.check(f, "残疾,重病") is first
    for _ in range(2):
        with pytest.raises(InvalidComponent):
            options.check(f, "健康、残疾")


def test_free_text_on_a_single_choice_field_only_when_the_template_allows_it():
    from dataclasses import replace
    housing = field("liudong", "housing_type")
    assert housing.free_text == ("其他",)
    refusing = replace(housing, free_text=())
    with pytest.raises(InvalidComponent):
        options.check(refusing, "其他：借住亲戚家")
    result = options.check(housing, "其他（借住亲戚家）")
    assert result.options == ("其他",) and result.normalised == "其他：借住亲戚家"
    with pytest.raises(InvalidComponent):
        options.check(housing, "借住亲戚家")


def test_every_multi_choice_other_takes_a_text():
    """The template says which options take details: every 其他 of a multi-choice field."""
    for form in ("liudong", "liushou"):
        for f in load_form(form).fields:
            if f.type == "multi" and "其他" in f.options:
                assert "其他" in f.free_text, (form, f.key)
