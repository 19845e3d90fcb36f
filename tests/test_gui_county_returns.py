"""导出全部退回文件… on the real county page: a folder chosen, every township's return file
written in the background with progress and 取消, then 打开所在文件夹 with the one-line summary."""
from __future__ import annotations

import os
import shutil
import threading

from PySide6.QtWidgets import QMessageBox

from intake.county.model import SENT_BACK
from intake.county.returns import INDEX_NAME
from test_gui_county import _close, _open_page, _window


def _visible_boxes(window):
    return [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_export_every_return_file_from_the_page_then_cancel_one(qtbot, tmp_path, county_set, monkeypatch):
    from desktop.county import exports
    from intake.county import upload
    shutil.copyfile(county_set[1], tmp_path / "ws.sqlite")
    window = _window(qtbot, tmp_path)
    page = _open_page(qtbot, window)
    desk = page.desk
    clean = {m.file.name for m in desk.snapshot.meta.values()
             if m.version.current and not (m.info.counts.n_errors or m.info.counts.n_warnings)}
    group = next(g for g in desk.groups() if any(o.file in clean for o in g.occurrences))
    target = next(o for o in group.occurrences if o.file in clean)
    page.push(desk.send_back(group, [target.ref], "请核实身份证号"))
    assert desk.group(group.key).status == SENT_BACK
    folder = tmp_path / "退回文件"
    folder.mkdir()
    monkeypatch.setattr(exports, "open_folder_name", lambda *a: str(folder))
    button = page.header.returns_button
    assert button.text().startswith("导出全部退回文件") and button.isEnabled()
    with qtbot.waitSignal(page.export_done, timeout=120000) as blocker:
        button.click()
        assert page.jobs.busy and not button.isEnabled()         # off the GUI thread, the page busy
    assert blocker.args == [str(folder / INDEX_NAME)]
    written = sorted(os.listdir(folder))
    assert INDEX_NAME in written and f"{desk.snapshot.meta[target.ref.sheet_id].township.name}_" \
        f"{'流动儿童' if target.form == 'liudong' else '留守儿童'}_退回.xlsx" in written
    n_files = len({m.file.id for m in desk.snapshot.meta.values() if m.version.current})
    box, = _visible_boxes(window)
    assert any(b.text() == "打开所在文件夹" for b in box.buttons())
    assert f"已为 {len(written) - 1} 个乡镇文件导出退回文件，{n_files - len(written) + 1} 个文件没有需要退回的问题" \
        in box.text() and str(folder) in box.text()
    next(b for b in box.buttons() if b.text() == "确定").click()
    # 取消 in the progress strip while the files are written: nothing is left in the folder
    other = tmp_path / "再导出一次"
    other.mkdir()
    monkeypatch.setattr(exports, "open_folder_name", lambda *a: str(other))
    gate, real = threading.Event(), upload.return_sheets

    def held(*args):
        gate.wait(10)
        return real(*args)
    monkeypatch.setattr(upload, "return_sheets", held)
    told = []
    page.message.connect(told.append)
    button.click()
    qtbot.waitUntil(lambda: window.progress.isVisible(), timeout=10000)
    window.progress.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not page.jobs.busy, timeout=60000)
    assert os.listdir(other) == [] and told[-1] == "已取消导出全部退回文件，没有写入任何文件"
    assert button.isEnabled() and not [b.text() for b in _visible_boxes(window)]
    # the folder the townships' files came from is refused, with one message, nothing written
    received = county_set[0].folder
    monkeypatch.setattr(exports, "open_folder_name", lambda *a: str(received))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append((title, text)))
    before = sorted(p.name for p in received.rglob("*"))
    button.click()
    qtbot.waitUntil(lambda: bool(warned) and not page.jobs.busy, timeout=60000)
    assert warned[0][0] == "导出全部退回文件" and "退回文件不能保存在收到的乡镇文件所在的文件夹" in warned[0][1]
    assert sorted(p.name for p in received.rglob("*")) == before
    _close(window)
