"""The printed problem list lists the hints in their own section after the errors and warnings,
each section under a heading that says what it means; a heading is never left alone at the
foot of a page."""
from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from desktop.hint_mark import HINT_COLOR
from desktop.print_layout import PrintColumn, PrintTable, Printout
from desktop.printing import findings_table, new_printer
from intake.severity_words import MEANING
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx
from validators.findings import Severity


def test_the_printed_problem_list_lists_the_hints_after_errors_and_warnings(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    findings = tab.session.findings
    checks, hints = findings.n_errors + findings.n_warnings, findings.n_hints
    assert checks and hints == 4
    table = findings_table(tab)
    assert table.n_rows == 2 + checks + hints                     # two headings
    headings = [r for r in range(table.n_rows) if table.heading(r) is not None]
    assert headings == [0, 1 + checks]
    assert table.heading(0).startswith(f"错误和警告 {checks} 条")
    assert table.heading(1 + checks) == f"提示 {hints} 条：{MEANING[Severity.HINT]}"
    severities = [table.cell(r, 4) for r in range(table.n_rows) if r not in headings]
    assert severities[:checks].count("提示") == 0 and set(severities[checks:]) == {"提示"}
    hint_rows = range(2 + checks, table.n_rows)
    hinted = {f.index for f in findings.all() if f.severity is Severity.HINT}
    assert {table.cell(r, 0) for r in hint_rows} == {str(tab.table.row_numbers[i]) for i in hinted}
    assert {table.cell(r, 5) for r in hint_rows} >= {"日期写法不规范", "姓名写法不规范"}
    mark = table.style(2 + checks, 4)
    assert mark.mark == HINT_COLOR and mark.fill is None           # the table's corner mark, never amber
    assert table.style(1, 4).fill is not None and table.style(1, 4).mark is None
    assert f"提示 {hints} 条" in table.note and "未打印" not in table.note
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "problems.pdf"))
    assert Printout(table, printer).paint() == 1
    assert (tmp_path / "problems.pdf").stat().st_size > 1000
    window.workspace.close()


def test_a_section_heading_moves_to_the_next_page_with_its_first_line(qtbot, tmp_path):
    from desktop.app import create_application
    create_application()
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    columns = [PrintColumn("行号", 5), PrintColumn("说明", 40)]
    plain = PrintTable("t", columns, 200, lambda r, c: str(r))
    per_page = len(Printout(plain, printer).plan()[0].rows)
    last = per_page - 1                                            # the first page's last line
    headed = PrintTable("t", columns, 200, lambda r, c: str(r), heading=lambda r: "提示" if r == last else None)
    pages = Printout(headed, printer).plan()
    assert pages[0].rows[-1] == last - 1 and pages[1].rows[:2] == [last, last + 1]
    printer.setOutputFileName(str(tmp_path / "headed.pdf"))
    assert Printout(headed, printer).paint() == len(pages)
