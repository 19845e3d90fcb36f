"""The statistics workbook (opened with openpyxl): its sheets, a native chart beside each table
reading that table's cells, print setup, the source line, masking, and no ID number or name
anywhere; `mopai county --stats` and `mopai stats --stats` write it."""
import re

import pytest
from openpyxl import load_workbook

from intake.cli import main
from intake.stats.book import write_statistics
from intake.stats.compute import compute
from intake.stats.definitions import load_statistics
from intake.stats.inputs import desk_input
from statskit import COUNTY, desk_copy, records

ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")


@pytest.fixture
def base(stats_base):
    return stats_base


@pytest.fixture
def result(base, tmp_path):
    with desk_copy(base, tmp_path) as desk:
        return compute(desk_input(desk))


def personal_texts() -> set[str]:
    """Every name, parent's and carer's name, ID number and phone of the set."""
    keys = ("name", "father_name", "mother_name", "carer_name", "id_number", "father_phone", "mother_phone",
            "carer_phone")
    return {r[k] for rows in records().values() for r in rows for k in keys if r.get(k)}


def assert_nothing_personal(path):
    book = load_workbook(path)
    personal = personal_texts()
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, (int, float)):
                    assert abs(v) < 10**12, (ws.title, v)          # an ID stored as a number
                elif v is not None:
                    text = str(v)
                    assert not ID_LIKE.search(text), (ws.title, text)
                    assert not any(p in text for p in personal), (ws.title, text)


def test_sheets_charts_and_their_ranges(result, tmp_path):
    out = write_statistics(result, tmp_path / "统计.xlsx", masked=False)      # masked: below
    book = load_workbook(out)
    assert book.sheetnames[0] == "概览" and book.sheetnames[1:len(result.topics) + 1] == list(result.topics)
    assert all(book[n].sheet_state == "visible" for n in result.topics)
    for topic in result.topics:
        ws = book[topic]
        tables = result.topic_tables(topic)
        charts = ws._charts
        assert len(charts) == sum(t.definition.chart != "none" for t in tables), topic
        titles = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
        for t, chart in zip(tables, charts):
            header = titles.index(t.title) + 2                     # the header row (1-based)
            n = min(len(t.rows), t.definition.chart_top or len(t.rows))
            series = chart.series
            first = series[0]
            assert first.val.numRef.f == f"{topic}!$B${header + 1}:$B${header + n}"
            ref = first.cat.strRef or first.cat.numRef
            assert ref.f == f"{topic}!$A${header + 1}:$A${header + n}"
            assert [ws.cell(header, 2 + j).value for j in range(len(t.series))] == list(t.series)
        assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9 and ws.sheet_view.showGridLines is False
        assert ws.cell(2, 1).value.startswith("摸排基准日：2025年12月31日；数据来源：4个文件（3个乡镇/街道）")
    kinds = {type(c).__name__ for ws in book.worksheets for c in ws._charts}
    assert {"BarChart", "PieChart"} <= kinds
    age = book["年龄结构"]._charts[0]
    assert age.grouping == "stacked" and age.type == "col"
    assert "仪陇县共有流动儿童" in book["概览"].cell(4, 1).value


def test_masked_cells_and_nothing_personal(result, tmp_path):
    out = write_statistics(result, tmp_path / "统计.xlsx")
    book = load_workbook(out)
    ws = book["医疗保险"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=12, max_col=3)]
    assert ["纳入户籍地医保", "<5", None] in values
    assert_nothing_personal(out)
    exact = write_statistics(result, tmp_path / "准确.xlsx", masked=False)
    values = [[c.value for c in row] for row in load_workbook(exact)["医疗保险"].iter_rows(min_row=1, max_row=12, max_col=3)]
    assert ["纳入户籍地医保", 1, pytest.approx(1 / 8)] in values
    assert_nothing_personal(exact)


def test_a_table_whose_charted_counts_are_all_masked_gets_a_note_not_an_empty_chart(result, tmp_path):
    from intake.stats.chart_data import ALL_MASKED_NOTE, all_masked, chart_data
    from intake.stats.masking import mask
    book = load_workbook(write_statistics(result, tmp_path / "统计.xlsx"))
    masking = load_statistics().masking
    empty = shown = 0
    for topic in result.topics:
        ws = book[topic]
        texts = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
        tables = [t for t in result.topic_tables(topic) if t.definition.chart != "none"]
        for t in tables:
            masked = mask(t, masking)
            nothing = all(masked.text(("c", i, 0)) or not t.counts[i][0] for i in range(len(t.rows)))
            if len(t.series) == 1 and nothing:
                assert all_masked(t, masked) and chart_data(t, masked) is None, t.title
            after = texts[texts.index(t.title):]
            assert (ALL_MASKED_NOTE in after[:len(t.rows) + 6]) == all_masked(t, masked), t.title
        empty += sum(all_masked(t, mask(t, masking)) for t in tables)
        shown += len(ws._charts)
        assert len(ws._charts) == sum(not all_masked(t, mask(t, masking)) for t in tables), topic
    assert empty and shown            # the small set has both kinds


def test_mopai_county_and_mopai_stats_write_it(base, tmp_path, capsys):
    folder = base.parent / "收到的文件"
    out = tmp_path / "统计.xlsx"
    register = tmp_path / "台账.xlsx"
    rc = main(["county", str(folder), "--as-of", "2025-12-31", "--county", COUNTY, "--json", str(tmp_path / "r.json"),
               "--stats", str(out), "--no-mask", "--register", str(register)])
    assert rc in (0, 1) and out.exists() and register.exists()
    printed = capsys.readouterr().out
    assert "统计分析已写入" in printed and "重点关爱服务对象台账已写入" in printed
    assert_nothing_personal(out)
    one = tmp_path / "乡镇统计.xlsx"
    assert main(["stats", str(folder / "金城镇流动儿童.xlsx"), "--stats", str(one)]) == 0
    book = load_workbook(one)
    assert book["概览"].cell(1, 1).value == "金城镇流动儿童统计分析"
    assert "单表统计" in book["概览"].cell(2, 1).value
    assert_nothing_personal(one)


def test_bad_output_names_are_refused_before_reading(base, tmp_path, capsys):
    folder = base.parent / "收到的文件"
    assert main(["stats", str(folder), "--stats", str(tmp_path / "x.csv")]) == 2
    assert "应以.xlsx结尾" in capsys.readouterr().err
    assert main(["stats", str(folder)]) == 2
    assert "--stats" in capsys.readouterr().err
    same = str(tmp_path / "a.xlsx")
    assert main(["stats", str(folder), "--stats", same, "--register", same]) == 2


def test_password_protects_it(result, tmp_path):
    from intake.reader.crypto import decrypt, file_is_encrypted
    out = write_statistics(result, tmp_path / "统计.xlsx", password="县民政局2025")
    assert file_is_encrypted(out)
    assert load_workbook(decrypt(out.read_bytes(), "县民政局2025", out.name)).sheetnames[0] == "概览"


def _width_px(ws, last_col: int) -> float:
    from openpyxl.utils import get_column_letter

    from intake.stats.book.formats import DEFAULT_COLUMN, units_px
    widths = [ws.column_dimensions[get_column_letter(c)].width if get_column_letter(c) in ws.column_dimensions
              else DEFAULT_COLUMN for c in range(1, last_col + 1)]
    return sum(units_px(w or DEFAULT_COLUMN) for w in widths)


def test_the_source_line_breaks_between_its_parts_across_the_printed_width(result, tmp_path):
    """Two lines (date and files; duplicates and time) in one cell merged across the tables and
    charts, wide enough for the longer line and for the tallest block to print on one page."""
    from intake.stats.book.formats import PAGE_RATIO, text_width
    from intake.stats.book.sheet import head_px
    book = load_workbook(write_statistics(result, tmp_path / "统计.xlsx"))
    first, second = result.source.lines(result.as_of)
    assert first.endswith("数据来源：4个文件（3个乡镇/街道）") and second.startswith("尚无县级决定")
    overview = book["概览"]
    assert overview.cell(2, 1).value == f"{first}\n{second}" and overview.cell(2, 1).alignment.wrap_text
    assert overview.row_dimensions[2].height >= 24
    for topic in result.topics:
        ws = book[topic]
        assert ws.cell(2, 1).value == f"{first}\n{second}" and ws.cell(2, 1).alignment.wrap_text
        merged = [r for r in ws.merged_cells.ranges if r.min_row == 2]
        assert len(merged) == 1 and merged[0].min_col == 1 and merged[0].max_row == 2, topic
        last = merged[0].max_col
        assert last >= ws.max_column, topic                             # every table column
        for chart in ws._charts:
            assert last > chart.anchor._from.col + 8, topic              # and the chart beside it
        assert _width_px(ws, last) >= max(text_width(first), text_width(second)) * 7, topic
        assert ws.row_dimensions[2].height >= 24, topic
    towns = book["数量规模"]                          # 36 townships: the tallest chart of the book
    chart = towns._charts[0]
    block_rows = chart.anchor.to.row + 1 - 3
    assert _width_px(towns, [r for r in towns.merged_cells.ranges if r.min_row == 2][0].max_col) >= \
        (head_px((first, second)) + 20 * (block_rows + 1)) * PAGE_RATIO * 0.97
