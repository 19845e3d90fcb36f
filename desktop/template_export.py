"""文件 → 新建空白模板: the `mopai template` workbook (intake.export.write_template) saved where
the clerk says — by default beside the last sheet opened, or in the documents folder."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import save_file_name, save_folder
from intake.errors import MopaiError
from intake.forms import load_form

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def default_target(window: "MainWindow", form_key: str) -> Path:
    tab = window.current_tab()
    recent = window.settings.recent_files()
    source = tab.table.source if tab is not None else (Path(recent[0]) if recent else None)
    return save_folder(source) / f"{load_form(form_key).short}登记表（空白）.xlsx"


def save_template(window: "MainWindow", form_key: str, target: Path | None = None) -> Path | None:
    """Ask where (unless `target` is given), write the template, offer to open its folder."""
    form = load_form(form_key)
    title = f"新建空白模板：{form.short}登记表"
    if target is None:
        chosen = save_file_name(window, Purpose.TEMPLATE, title, default_target(window, form_key), "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return None
        target = Path(chosen)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    from intake.export import write_template
    try:
        write_template(form_key, target)
    except MopaiError as exc:
        QMessageBox.warning(window, title, exc.message)
        return None
    window.export_done.emit(str(target))
    show_done(window, title, target, "把这个文件发给村（社区）填写；填好的表格可以直接在摸排助手中打开检查。")
    return target
