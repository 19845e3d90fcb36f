"""The county picker: a searchable 省 > 市 > 县 tree over the division table.

Typing filters recursively (a matching county keeps its province and city visible) on names and
on the 6-digit code. Only a county-level item can be chosen.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QTreeView,
                               QVBoxLayout)

from validators import divisions

CODE_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1


def _item(d: divisions.Division, county: bool = False) -> QStandardItem:
    """county: the item can be chosen as the user's county (a county-level division, or a
    prefecture-level city without counties such as 东莞市)."""
    item = QStandardItem(f"{d.name}（{d.code}）" if county else d.name)
    item.setEditable(False)
    item.setData(d.code, CODE_ROLE)
    item.setData(3 if county else d.level, LEVEL_ROLE)
    item.setSelectable(county)
    return item


def division_model() -> QStandardItemModel:
    """Provinces > prefectures > counties (validators.divisions.county_tree): counties directly
    under a province hang from the province; 东莞, 中山, 嘉峪关, 儋州 are their own county."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["省 / 市 / 县（区）"])
    for province, groups in divisions.county_tree():
        p_item = _item(province)
        for prefecture, counties in groups:
            alone = prefecture is not None and [c.code for c in counties] == [prefecture.code]
            parent = p_item if prefecture is None or alone else _item(prefecture)
            for county in counties:
                parent.appendRow(_item(county, county=True))
            if parent is not p_item and parent.rowCount():
                p_item.appendRow(parent)
        model.appendRow(p_item)
    return model


def choice_text(code: str | None) -> str:
    """The line above 确定: 将设为本县：浙江省 杭州市 西湖区（330106）."""
    if code is None:
        return "尚未选择：请在上面的列表中点选本县（区），再点“确定”。"
    names = " ".join(d.name for d in divisions.path(code)) or code
    return f"将设为本县：{names}（{code}）"


class CountyFilter(QSortFilterProxyModel):
    """Matches the item's name or code; recursive, so parents of a match stay visible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""

    def set_text(self, text: str) -> None:
        self._text = text
        self.setFilterFixedString(text)   # re-runs the filter

    def filterAcceptsRow(self, row: int, parent) -> bool:
        text = self._text
        if not text:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return text in (index.data() or "") or (index.data(CODE_ROLE) or "").startswith(text)


class CountyDialog(QDialog):
    def __init__(self, current: str | None = None, first_start: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle("选择本县（区）")
        self.resize(520, 620)
        intro = QLabel(
            ("欢迎使用摸排助手。请先选择您所在的县（市、区）。\n" if first_start else "")
            + "流动儿童在现居住地登记、留守儿童在户籍地登记；选定本县后，不属于本县的行会被标为错误。"
            "以后可在“设置”中更改。")
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入县区名称或代码搜索，如“昌平”或“110114”")
        self.search.setClearButtonEnabled(True)
        self.source = division_model()
        self.proxy = CountyFilter(self)
        self.proxy.setSourceModel(self.source)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._take_selected)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("以后再说" if first_start else "取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choice = QLabel()
        self.choice.setWordWrap(True)
        self.choice.setTextFormat(Qt.TextFormat.PlainText)
        self.tree.selectionModel().selectionChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.choice)
        layout.addWidget(self.buttons)
        self._update_ok()
        if current:
            self.select_code(current)

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text.strip())
        if text.strip():
            self.tree.expandAll()
            self._select_single_match()
        else:
            self.tree.collapseAll()

    def _select_single_match(self) -> None:
        """A search that leaves exactly one county selects it: the line above 确定 names it and
        Enter (or 确定) takes it. The focus stays in the search box, so typing goes on."""
        found = self.matches()
        if len(found) == 1 and self.tree.currentIndex() != found[0]:
            self.tree.setCurrentIndex(found[0])
            self.tree.scrollTo(found[0])

    def matches(self, parent=None, limit: int = 2) -> list:
        """The choosable (county-level) items the search shows, up to `limit`."""
        from PySide6.QtCore import QModelIndex
        parent = parent if parent is not None else QModelIndex()
        found = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(LEVEL_ROLE) == 3:
                found.append(index)
            found += self.matches(index, limit - len(found))
            if len(found) >= limit:
                break
        return found[:limit]

    def _take_selected(self) -> None:
        """Enter in the search box: with a county selected (the search's single match is
        selected as it is typed), choose it; with several left and none selected, wait."""
        if self.selected_code() is not None:
            self.accept()

    def _update_ok(self, *_args) -> None:
        """确定 only with a county selected; the line above it names the county in full (a slip
        such as 西城区 for 西湖区 shows before 确定, not after 2,000 rows turn red)."""
        code = self.selected_code()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(code is not None)
        self.choice.setText(choice_text(code))
        font = self.choice.font()
        font.setBold(code is not None)
        self.choice.setFont(font)

    def _double_clicked(self, index) -> None:
        if index.data(LEVEL_ROLE) == 3:
            self.accept()

    def selected_code(self) -> str | None:
        indexes = self.tree.selectionModel().selectedIndexes()
        if not indexes or indexes[0].data(LEVEL_ROLE) != 3:
            return None
        return indexes[0].data(CODE_ROLE)

    def select_code(self, code: str) -> bool:
        matches = self.proxy.match(self.proxy.index(0, 0), CODE_ROLE, code, 1,
                                   Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if not matches:
            return False
        self.tree.setCurrentIndex(matches[0])
        self.tree.scrollTo(matches[0])
        return True
