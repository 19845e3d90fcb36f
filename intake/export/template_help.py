"""The words of the blank template: each column's input hint and its line on the 填写说明 sheet."""
from __future__ import annotations

from validators.form import Field, FormTemplate

LIMIT = 250          # Excel caps a data-validation message at 255 characters

GENERAL = (
    "1. 每个儿童填一行，从第3行开始填写；不要修改、删除或移动第2行的列名。",
    "2. 有下拉箭头的列请从列表中选择；多选的列（如健康状况）可以写多个选项，用“、”分隔。",
    "3. 公民身份号码、联系方式列已设为文本格式，请直接输入，不要加空格；不要把整列改成“常规”或“数值”，否则末几位会丢失。",
    "4. 日期写成2015-03-02这样的格式。",
    "5. 地址写全：省+市+县（区）+乡镇（街道）+村（社区）+门牌，例如：河南省南阳市宛城区新华街道光明社区12号。",
    "6. 没有的信息留空，不要填“无”“/”等字样（选项中本来就有“无”的除外）。",
)

_BY_TYPE = {
    "name": "填写户口簿上的姓名",
    "id": "18位公民身份号码，最后一位可以是X；本列是文本格式，直接输入即可",
    "date": "日期，写成2015-03-02这样的格式",
    "address": "写全：省+市+县（区）+乡镇（街道）+村（社区）+门牌",
    "phone": "11位手机号，或区号+固定电话，如0371-65123456",
    "relation": "与儿童的关系，如爷爷、外婆、舅舅",
    "text": "",
}


def hint(field: Field) -> str:
    """What to write in this column, for the input message and the instructions sheet."""
    if field.type == "choice":
        text = "请从下拉列表中选择：" + _options(field)
        if field.free_text:
            text += f"；选“{field.free_text[0]}”时可写成“{field.free_text[0]}：具体情况”"
    elif field.type == "multi":
        text = "可多选，多个选项用“、”分隔：" + _options(field)
        if field.exclusive:
            text += "；“" + "”“".join(field.exclusive) + "”不能与其他选项同时填写"
        if field.free_text:
            text += f"；选“{field.free_text[0]}”时可写成“{field.free_text[0]}：具体情况”"
        for option, spec in field.list_details.items():
            text += f"；{option}需列明具体类别，如“{option}（{'、'.join(spec.of[:2])}）”"
    else:
        text = _BY_TYPE.get(field.type, "")
    return text


def need(field: Field) -> str:
    if field.required and not field.required_when:
        return "必填"
    if field.required_when:
        return "视情况必填"
    return "可空"


def _options(field: Field) -> str:
    joined = "、".join(field.options)
    if len(joined) > 60:
        return "、".join(field.options[:4]) + "……（完整列表见下拉框）"
    return joined


def short(text: str, limit: int = LIMIT) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def instruction_rows(form: FormTemplate) -> list[tuple[str, str, str]]:
    """(column label, 必填/可空, how to fill) for every column."""
    return [(f.label, need(f), hint(f)) for f in form.fields]
