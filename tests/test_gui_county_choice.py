"""The county picker names the chosen county in full above 确定, and 确定 waits for a county."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.county_dialog import CountyDialog


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_chosen_county_is_named_in_full_before_ok(qtbot):
    dialog = CountyDialog(first_start=True)
    qtbot.addWidget(dialog)
    assert not ok_button(dialog).isEnabled() and "尚未选择" in dialog.choice.text()
    dialog.search.setText("西湖")
    qtbot.waitUntil(lambda: len(dialog.matches(limit=5)) >= 2)
    province = dialog.proxy.index(0, 0)
    dialog.tree.setCurrentIndex(province)                      # a province cannot be chosen
    assert not ok_button(dialog).isEnabled() and "尚未选择" in dialog.choice.text()
    assert dialog.select_code("330106")
    assert dialog.choice.text() == "将设为本县：浙江省 杭州市 西湖区（330106）"
    assert ok_button(dialog).isEnabled()
    assert dialog.select_code("360103")                        # 南昌市西湖区: a slip shows
    assert dialog.choice.text() == "将设为本县：江西省 南昌市 西湖区（360103）"
    dialog.search.setText("萧")                                 # filtered away; 萧山区 and 萧县 left
    assert dialog.selected_code() is None
    assert not ok_button(dialog).isEnabled() and "尚未选择" in dialog.choice.text()


def test_a_city_without_counties_and_a_county_under_a_province_read_in_full(qtbot):
    dialog = CountyDialog("441900")
    qtbot.addWidget(dialog)
    assert dialog.choice.text() == "将设为本县：广东省 东莞市（441900）" and ok_button(dialog).isEnabled()
    assert dialog.select_code("429004")
    assert dialog.choice.text() == "将设为本县：湖北省 仙桃市（429004）"
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1 and dialog.selected_code() == "429004"


def test_a_search_leaving_one_county_selects_it_and_enter_takes_it(qtbot):
    dialog = CountyDialog(first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search.setFocus()
    dialog.search.insert("仪")                   # as typed (QTest types no Chinese); several left
    assert dialog.selected_code() is None and "尚未选择" in dialog.choice.text()
    dialog.search.insert("陇")
    assert dialog.selected_code() == "511324" and ok_button(dialog).isEnabled()
    assert dialog.choice.text() == "将设为本县：四川省 南充市 仪陇县（511324）"
    assert dialog.focusWidget() is dialog.search                # typing goes on in the box
    qtbot.keyClick(dialog.search, Qt.Key.Key_Backspace)          # still shown: stays chosen
    assert dialog.selected_code() == "511324"
    dialog.search.setText("营山")                                # another single match
    assert dialog.choice.text() == "将设为本县：四川省 南充市 营山县（511322）"
    dialog.search.setText("仪陇")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == 1 and dialog.selected_code() == "511324"
