"""The file 文件 → 打印 proposes when the clerk prints to a PDF file: named after the sheet and
what is printed (村甲_问题清单.pdf), in the folder last printed to (else beside the sheet).

Only the name is proposed: the printer the dialog selects stays the system's (a clerk with a
real printer is not switched to print-to-file). The document name is what Qt's own dialog (Linux)
and Windows' 打印为PDF propose; in Qt's own dialog the file field also gets the folder."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLineEdit

from desktop.dialog_folders import Purpose, remember, settings_of, start_folder
from desktop.file_dialogs import save_folder

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab

WHAT_WORD = {"view": "登记表", "findings": "问题清单"}
FILE_FIELD = "filename"        # the object name of the file field in Qt's own print dialog


def proposed_pdf(tab: "SheetTab", what: str) -> Path:
    source = Path(tab.table.source)
    folder = start_folder(settings_of(tab), Purpose.PRINT, save_folder(source))
    return Path(folder) / f"{source.stem}_{WHAT_WORD[what]}.pdf"


def name_printer(printer: QPrinter, tab: "SheetTab", what: str) -> Path:
    """Before the dialog is made (it reads the document name when it is built)."""
    target = proposed_pdf(tab, what)
    printer.setDocName(target.stem)
    return target


def propose_in_dialog(dialog: QPrintDialog, target: Path) -> None:
    """The file field of Qt's own dialog, which would say <current folder>/<name>.pdf; writing
    it does not select print-to-file. Windows' native dialog has no such field."""
    field = dialog.findChild(QLineEdit, FILE_FIELD)
    if field is not None:
        field.setText(str(target))


def remember_file_folder(tab: "SheetTab", printer: QPrinter) -> None:
    """After printing to a PDF file: the next print to a file starts in its folder."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        remember(settings_of(tab), Purpose.PRINT, Path(printer.outputFileName()).parent)
