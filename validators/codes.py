"""The catalogue of finding codes: severity, a short Chinese title (the findings panel groups by
it) and a Chinese message template. Codes are stable identifiers: never rename one; add new ones.

`make()` is the only way findings are created, so every finding's code is in this catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass

from validators.findings import Finding, FindingBody, Severity
from validators.redact import Preformatted, quote

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str        # short kind name, e.g. 身份证校验位错误
    template: str     # str.format template; {label} is the column's label


CODES: dict[str, Code] = {
    # --- required / applicable -------------------------------------------------------------
    "required.missing": Code(E, "必填项为空", "{label}为必填项，请填写。{hint}"),
    # --- options -----------------------------------------------------------------------------
    "option.unknown": Code(E, "选项不在表格范围内", "{label}填写的“{value}”不是表格中的选项，请从以下选项中选择：{allowed}"),
    "option.normalised": Code(H, "选项写法不规范", "{label}“{value}”已识别为“{suggestion}”，上报时按此写法"),
    "option.detail_unknown": Code(E, "所列类别不在选项中", "{label}“{option}”后面列出的“{bad}”不是可列的类别，请从以下类别中选择：{allowed}"),
    "option.exclusive": Code(E, "互斥选项同时勾选", "{label}中“{option}”不能与其他选项同时填写"),
    # --- identity numbers ---------------------------------------------------------------------
    "id.length": Code(E, "身份证号位数错误", "{label}应为18位，现在是{length}位，请按户口簿核对"),
    "id.characters": Code(E, "身份证号含非法字符", "{label}只能由数字组成，最后一位可以是X，请检查“{bad}”"),
    "id.checksum": Code(E, "身份证校验位错误", "{label}最后一位校验码不对（按前17位应为{expected}），多半是某一位抄错了，请按户口簿逐位核对"),
    "id.birth_date": Code(E, "身份证号出生日期无效", "{label}第7-14位“{segment}”不是有效的出生日期"),
    "id.area_unknown": Code(E, "身份证号地区码不存在", "{label}前6位“{area}”不是任何时期的行政区划代码，请核对"),
    "id.area_period": Code(W, "身份证号地区码与出生年份不符", "{label}前6位“{area}”（{area_name}）在{year}年{why}，请核实（补录户口时可能出现）"),
    "id.excel_number": Code(E, "身份证号被Excel存为数字", "身份证号被Excel存为数字，末几位已丢失，请按原件重新录入"),
    "id.legacy_child": Code(E, "儿童使用15位旧身份证号", "{label}是15位旧号码，1999年以后出生的儿童不会有15位号码，请按户口簿填写18位号码"),
    "id.legacy_adult": Code(H, "15位旧身份证号", "{label}是15位旧号码，对应的18位号码是{suggestion}"),
    "id.future_birth": Code(E, "身份证号出生日期晚于基准日", "{label}中的出生日期{birth}晚于摸排基准日{as_of}"),
    "id.birth_mismatch": Code(E, "身份证号与出生日期不一致", "身份证号中的出生日期是{id_birth}，与出生日期“{value}”不一致，请核对"),
    "id.sex_mismatch": Code(E, "身份证号与性别不一致", "身份证号第17位表示“{id_sex}”，与性别“{value}”不一致，请核对"),
    "id.area_differs": Code(W, "身份证地区与户籍地不一致", "身份证号前6位是{id_area}，户籍地址在{hukou_county}，户籍可能迁移过，请核实"),
    "id.duplicate": Code(E, "儿童身份证号重复", "身份证号与第{others}行重复，同一儿童只能登记一次"),
    "id.not_adult": Code(W, "监护人年龄偏小", "{label}显示出生于{birth}，与儿童相差不到{gap}岁，作为{role}偏年轻，请核实"),
    "id.role_sex": Code(W, "监护人身份证性别与身份不符", "{label}第17位表示“{id_sex}”，与“{role}”的身份不符，请核实"),
    "id.copied": Code(E, "身份证号与他人相同", "{label}与{other}是同一个号码，一个号码只能属于一个人，多半是复制时填错了，请按户口簿填写{person}本人的号码"),
    "id.parent_sex": Code(E, "父母身份证性别不符", "{label}第17位表示“{id_sex}”，{role}应为{expected}性{swap}，请核对是否填了别人的号码"),
    "id.adult_younger": Code(E, "监护人比儿童年轻", "{label}显示出生于{birth}，不早于儿童（{child_birth}出生），不可能是儿童的{role}，请核对"),
    "id.guardian_minor": Code(W, "监护人未成年", "{label}显示出生于{birth}，在摸排基准日{as_of}未满18周岁，请核实能否担任{duty}"),
    "id.normalised": Code(H, "身份证号写法不规范", "{label}“{value}”应写作“{suggestion}”（去掉空格和全角字符，末位X大写）"),
    "id.permit_child": Code(W, "儿童号码是港澳台居民居住证", "{label}前6位是{area}：持有{region}居民居住证的儿童没有内地户籍，请核实是否属于摸排对象"),
    "id.excel_suspect": Code(W, "身份证号末三位为000", "{label}末三位是000，可能曾被Excel存为数字而丢失了末几位，请与户口簿核对"),
    # --- dates ------------------------------------------------------------------------------
    "date.format": Code(E, "日期格式无法识别", "{label}“{value}”不是可识别的日期，请写成2015-03-02这样的格式"),
    "date.invalid": Code(E, "日期不存在", "{label}“{value}”不是真实存在的日期"),
    "date.normalised": Code(H, "日期写法不规范", "{label}“{value}”已识别为“{suggestion}”，上报时按此写法"),
    "date.future": Code(E, "日期晚于基准日", "{label}{value}晚于摸排基准日{as_of}"),
    "date.order": Code(E, "日期先后顺序错误", "{label}{value}早于{other_label}{other}，请核对"),
    # --- addresses ----------------------------------------------------------------------------
    "address.no_province": Code(E, "地址缺少省份", "{label}缺少省（自治区、直辖市），请写成“省+市+县+详细地址”"),
    "address.no_county": Code(E, "地址缺少县区", "{label}缺少县（区、市、旗），请写成“省+市+县+详细地址”"),
    "address.mismatch": Code(E, "地址上下级不符", "{label}中“{part}”不属于“{parent}”，请核对"),
    "address.no_detail": Code(E, "地址缺少详细地址", "{label}在县区之后没有详细地址（乡镇、村、门牌），请补充"),
    "address.short_form": Code(H, "地址写法不完整", "{label}建议写作“{suggestion}”"),
    "address.township_unknown": Code(W, "乡镇（街道）不在该县", "{label}中的“{town}”不是{county}现有的乡镇（街道）{near}。乡镇常有撤并改名，请核对，地址无误可不改"),
    "address.outside_township": Code(W, "不在本乡镇范围", "{label}在{town}，不在本表填报单位{sheet_town}的范围内，请核实是否应由{town}登记"),
    "address.outside_county": Code(E, "不在本县范围", "{label}不在本县（{county}）范围内，应由{where}登记"),
    "address.ambiguous": Code(E, "县区重名无法确定", "{label}中的“{county}”在{province}有多个（{candidates}），请写明所属的市（州）"),
    # --- phones -------------------------------------------------------------------------------
    "phone.invalid": Code(E, "联系电话格式错误", "{label}“{value}”不是有效的手机号（11位，1开头）或固定电话（区号+7-8位号码）"),
    "phone.normalised": Code(H, "联系电话写法不规范", "{label}“{value}”已识别为“{suggestion}”，上报时按此写法"),
    # --- any cell -----------------------------------------------------------------------------
    "cell.formula_error": Code(E, "公式错误", "{label}是Excel公式的错误值（公式错误 {error}）：{why}。"
                               "请在Excel中修正这一格的公式（或直接填写内容）后重新保存"),
    # --- names / text -------------------------------------------------------------------------
    "name.invalid": Code(E, "姓名含非法字符", "{label}“{value}”含有数字或符号，请核对"),
    "text.whitespace": Code(H, "多余空格", "{label}含有多余的空格"),
    "name.normalised": Code(H, "姓名写法不规范", "{label}“{value}”应写作“{suggestion}”"),
    # --- cross-field --------------------------------------------------------------------------
    "cross.disability": Code(E, "残疾信息前后不一致", "{detail}"),
    "cross.multiple_disability": Code(E, "多重残疾未列明类别", "残疾类别为多重残疾时，需列明至少{min}个具体残疾类别，如：多重残疾（视力残疾、听力残疾）"),
    "cross.rehab_without_disability": Code(W, "无残疾但接受康复救助", "没有残疾却填写接受康复救助，请核实"),
    "cross.school_age": Code(E, "就学情况与年龄不符", "儿童{age}岁，就学情况却是“{value}”，请核对"),
    "cross.study_status": Code(E, "学业状况与就学情况矛盾", "就学情况为“{schooling}”，学业状况不能是“{value}”"),
    "cross.service_age": Code(W, "健康服务与年龄不符", "儿童已{age}，{label}通常不适用，请核实"),
    "cross.carer_without_entrusted": Code(W, "无受委托监护人却填了照顾人", "有无受委托监护人为“无”，却填写了{fields}，请核实：有受委托监护人请改为“有”，没有请清空这些内容"),
    "cross.hardship_support": Code(W, "困难情况与保障情况不一致", "家庭困难情况为“{hardship}”，生活保障情况却没有“{support}”，请核实"),
    # --- eligibility ------------------------------------------------------------------------------
    "eligibility.age": Code(E, "已满16周岁", "儿童在摸排基准日{as_of}已满16周岁（{birth}出生），不属于摸排对象"),
    "eligibility.same_county": Code(E, "未跨县流动", "户籍地址与现居住地在同一县（{county}），不属于跨县流动儿童"),
    "eligibility.city_districts": Code(W, "市辖区之间流动", "市辖区之间流动，请核实是否纳入（{from_}→{to}）"),
    "eligibility.short_stay": Code(E, "来现居住地不满6个月", "来现居住地日期{arrival}距摸排基准日{as_of}不满{months}个月"),
    "eligibility.not_left_behind": Code(E, "不符合留守儿童条件", "“父母双方同时外出”和“父母一方外出、另一方无监护能力”至少有一项应为“是”"),
    # --- the county's desk (intake.county): a record the county sent back for checking ----------
    "county.sent_back": Code(E, "县级退回核实", "县级汇总时发现：{what}（{others}）。请核实这名儿童的登记信息，改正后重新报送{reason}"),
    # --- 残疾人证号 (validators.disability_card: the department checks' key) ---------------------
    "card.characters": Code(E, "残疾人证号含非法字符", "{label}只能由数字组成（身份证号部分的最后一位可以是X），请检查“{bad}”"),
    "card.length": Code(E, "残疾人证号位数错误", "{label}应为20位（18位身份证号、1位残疾类别、1位残疾等级），现在是{length}位"),
    "card.category": Code(E, "残疾人证号残疾类别错误", "{label}第19位是残疾类别，应为1-7（1视力 2听力 3言语 4肢体 5智力 6精神 7多重），现在是“{digit}”"),
    "card.level": Code(E, "残疾人证号残疾等级错误", "{label}第20位是残疾等级，应为1-4（一级最重），现在是“{digit}”"),
    # --- department checks (intake.departments): a record the county sent back after a check -----
    "dept.sent_back": Code(E, "部门比对退回核实", "与{dept}比对时发现：{what}。请核实这名儿童的登记信息，改正后重新报送{reason}"),
}


def make(code: str, index: int, field: str | None, *, value: str | None = None,
         suggestion: str | None = None, **params: object) -> Finding:
    """Create a finding from the catalogue; params fill the message template, formatted by
    `message` when the finding's message is first read (FindingBody.message)."""
    spec = CODES[code]
    return Finding.of(FindingBody(_CODE_KEYS[code], spec.severity, field, None, value, suggestion,
                                  params), index)


_CODE_KEYS = {code: code for code in CODES}     # one string object per code, shared by findings


# parameters that come from the form template or the code, never from a cell: kept whole
TRUSTED_PARAMS = frozenset({"label", "hint", "allowed", "candidates"})


def message(template: str, value: str | None, suggestion: str | None, params: dict) -> str:
    """The message text of a finding (made by `make`, formatted when first read): every
    parameter that may hold a cell's text is quoted (validators.redact.quote: IDs masked,
    control characters visible, at most 50 characters)."""
    fill = {"value": quote(value) if value else "", "suggestion": quote(suggestion) if suggestion else ""}
    for key, v in params.items():
        fill[key] = v if key in TRUSTED_PARAMS or isinstance(v, Preformatted) or not isinstance(v, str) \
            else quote(v)
    return template.format_map(_Blank(fill))


class _Blank(dict):
    """format_map helper: a placeholder with no value renders empty instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""
