"""Printing to a PDF file proposes <sheet>_问题清单.pdf (or _登记表.pdf) beside the sheet, then in
the folder last printed to; the printer itself is left as the system chose it."""
from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QLineEdit

from desktop import printing
from desktop.print_target import FILE_FIELD
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx


def test_print_to_file_proposes_the_sheets_name_and_remembers_the_folder(qtbot, tmp_path, monkeypatch):
    seen = []
    elsewhere = tmp_path / "打印件"
    elsewhere.mkdir()

    def fake_exec(dialog):
        dialog.show()                                           # Qt's own dialog lists its printers now
        printer = dialog.printer()
        field = dialog.findChild(QLineEdit, FILE_FIELD)
        seen.append((printer.docName(), printer.outputFileName(), field.text()))
        if len(seen) == 1:
            field.setText(str(elsewhere / "第一次.pdf"))          # the clerk picks another folder
        dialog.accept()                                         # Qt's own: reads the field
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    assert printing.print_now(tab, "findings")
    doc, chosen, proposed = seen[0]
    assert doc == "村甲_问题清单" and proposed == str(tmp_path / "村甲_问题清单.pdf")
    assert chosen == ""                       # no output file set before: a real printer stays selected
    assert (elsewhere / "第一次.pdf").read_bytes().startswith(b"%PDF")
    assert printing.print_now(tab, "view")
    assert seen[1][0] == "村甲_登记表" and seen[1][2] == str(elsewhere / "村甲_登记表.pdf")
    assert (elsewhere / "村甲_登记表.pdf").read_bytes().startswith(b"%PDF")
    window.workspace.close()


def test_a_cancelled_print_remembers_nothing(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected)
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    assert not printing.print_now(tab, "findings")
    assert not window.settings.store.value("folders/print", "")
    window.workspace.close()
