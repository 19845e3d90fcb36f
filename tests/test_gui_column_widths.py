"""Default column widths fit the texts a column typically holds (a date written 2020年8月1日, a
full-width ID number) without letting one long address widen the table; dragged widths win."""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QStyle

from desktop import column_widths
from test_gui_helpers import child_id, liudong_record, make_window, open_and_wait, sample_records, write_xlsx

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def text_fits(view, column: int, text: str) -> bool:
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    return view.columnWidth(column) >= view.fontMetrics().horizontalAdvance(text) + margin


def test_dates_in_words_and_full_width_ids_are_not_cut_off(qtbot, tmp_path):
    wide_id = child_id("20200801", "123").translate(FULL_WIDTH)
    records = [liudong_record(birth_date="2020年12月31日", id_number=wide_id, name="欧阳小明"),
               *sample_records()]
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", records))[0]
    view, model = tab.view, tab.model
    for field, text in (("birth_date", "2020年12月31日"), ("id_number", wide_id), ("name", "欧阳小明")):
        assert text_fits(view, model.column_of(field), text), field
    window.workspace.close()


def test_one_long_address_does_not_widen_the_table_and_a_normal_sheet_stays_as_wide(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    normal = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    digit = normal.view.fontMetrics().horizontalAdvance("0")
    by_type = [digit * column_widths.WIDTH_BY_TYPE[normal.form.field(c.field).type] // 8
               for c in normal.model.columns]
    widths = [normal.view.columnWidth(i) for i in range(normal.model.columnCount())]
    assert sum(widths) <= 1.05 * sum(by_type)                # the widths of empty columns
    long_one = liudong_record(hukou_address="浙江省杭州市西湖区" + "文三路一百号某某小区" * 20)
    other = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村乙.xlsx", [long_one, *sample_records()],
                                                    unit="某某乡"))[0]
    column = other.model.column_of("hukou_address")
    assert other.view.columnWidth(column) == digit * column_widths.CAP_BY_TYPE["address"] // 8
    assert not text_fits(other.view, column, long_one["hukou_address"])
    window.workspace.close()


def test_the_sample_spreads_over_a_long_sheet():
    model = SimpleNamespace(table=SimpleNamespace(n_rows=100_000))
    records = column_widths.sample_records(model)
    assert len(records) == column_widths.SAMPLE_ROWS and records[0] == 0 and records[-1] == 99_999
    assert max(b - a for a, b in zip(records, records[1:])) <= 100_000 // (column_widths.SAMPLE_ROWS - 1) + 1
    assert column_widths.sample_records(SimpleNamespace(table=SimpleNamespace(n_rows=3))) == [0, 1, 2]
