"""Excel's error values (#REF!, #DIV/0! …): what a formula cell holds when its formula failed.

Readers keep the error text as the cell's value (python-calamine would give a blank, which the
rules then call a missing required value); `check_cell` reports it as cell.formula_error,
naming what went wrong in the formula, before any check of the field's own format.
"""
from __future__ import annotations

# error value → what it means, in the clerk's words
ERRORS = {
    "#REF!": "公式引用的单元格已被删除或移走",
    "#DIV/0!": "公式除以了0或空白单元格",
    "#N/A": "查找公式（如VLOOKUP）没有找到要找的值",
    "#VALUE!": "公式里的数据类型不对（例如把文字当作数字计算）",
    "#NAME?": "公式里有无法识别的函数名或名称（可能拼错了，或用了本机没有的函数）",
    "#NULL!": "公式里的两个区域没有交叉部分（区域之间少了逗号或冒号）",
    "#NUM!": "公式里的数字无效，或计算结果太大、太小",
    "#SPILL!": "公式的结果要填入的单元格里已有内容",
    "#CALC!": "公式无法计算出结果（例如筛选结果为空）",
    "#GETTING_DATA": "公式的数据还没有取回",
}
BY_BIFF_CODE = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
                0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_FIRST = frozenset("#＃")


def error_of(value: str) -> str | None:
    """The Excel error value a cell holds ('#REF!'), or None. Spaces and full-width # allowed."""
    if not value or value.lstrip()[:1] not in _FIRST:
        return None
    text = value.strip().replace("＃", "#").upper()
    return text if text in ERRORS else None
