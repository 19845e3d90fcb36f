"""The county page's words and quiet colours: forms, statuses, where a record is, how a township
was recognised, the reference date. One place, so the board, the queue and the dialogs say the
same thing the same way."""
from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor

from desktop.settings_dialog import county_label
from intake.county.model import DECIDED, OPEN, SENT_BACK, Occurrence
from intake.county.township import HOW_ZH
from intake.forms import load_form
from intake.privacy import mask_id
from intake.zh_dates import zh_date

STATUS_ZH = {OPEN: "待处理", DECIDED: "已处理", SENT_BACK: "已退回乡镇"}
NOT_SENT = "未报送"
SENT = "已报送"
UNKNOWN_TOWN = "（未识别乡镇）"

# quiet office colours: a warm tint for what is missing or still to do, never a red alarm
MISSING_BRUSH = QBrush(QColor("#fbeedb"))      # a township that sent nothing
MISSING_TEXT = QColor("#7a4b00")
DIFFERS_BRUSH = QBrush(QColor("#fde3a7"))      # a field whose values differ (as a warning cell)
OTHER_BRUSH = QBrush(QColor("#eef1f5"))        # files of other / unknown townships
CHOSEN_BRUSH = QBrush(QColor("#dce8f7"))       # the record or value chosen
MUTED_TEXT = QColor("#6b6b6b")
NOTE_STYLE = "QLabel { background: #fbf3e4; border: 1px solid #e2c99a; padding: 4px 8px; }"
INFO_STYLE = "QLabel { background: #e8f0fb; border: 1px solid #a9c1e3; padding: 4px 8px; }"


def form_name(form: str | None) -> str:
    """流动儿童 / 留守儿童 (both_forms groups: 流动和留守)."""
    return load_form(form).short if form else "流动和留守"


def township_text(name: str, listed: bool = True) -> str:
    if not name:
        return UNKNOWN_TOWN
    return name if listed else f"{name}（非本县）"


def where(o: Occurrence) -> str:
    """An occurrence as the clerk finds it: township, file, Excel row (never an ID)."""
    return f"{o.township or UNKNOWN_TOWN} “{o.file}” 第{o.row}行"


def short_where(o: Occurrence) -> str:
    return f"{o.township or UNKNOWN_TOWN} 第{o.row}行"


def how_text(how: str) -> str:
    return HOW_ZH.get(how, how)


def county_text(code: str | None, inferred: bool = False) -> str:
    if not code:
        return "未设置本县，也无法从地址判断"
    full = county_label(code)
    return f"{full}，按多数行的地址判断（可在“设置”中指定本县）" if inferred else full


def date_text(when: date | str | None) -> str:
    if not when:
        return "—"
    return zh_date(when if isinstance(when, date) else date.fromisoformat(str(when)[:10]))


def is_id_field(form: str, key: str) -> bool:
    f = load_form(form)
    return f.has(key) and f.field(key).type == "id"


def masked_value(form: str, key: str, value: str | None) -> str:
    """A value for a tooltip, a list or a message: ID-number fields masked."""
    if not value:
        return ""
    return mask_id(value) if is_id_field(form, key) else value
