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
])
def test_normalisation(form, key, text, expected, normal):
    result = options.check(field(form, key), text)
    assert result.options == expected
    assert result.normalised == normal


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
    with pytest.raises(InvalidComponent):
        options.check(housing, "其他：借住亲戚家")
    allowing = replace(housing, free_text=("其他",))
    result = options.check(allowing, "其他（借住亲戚家）")
    assert result.options == ("其他",) and result.normalised == "其他：借住亲戚家"
