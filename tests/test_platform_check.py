"""Before the window opens on Linux: a missing xcb library gets a Chinese message naming the
package to install, and the list matches what PySide6's xcb plugin really needs (ldd)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import platform_check
from desktop.launcher import main


def test_a_missing_library_names_its_package_in_chinese():
    missing = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    text = platform_check.problem({"DISPLAY": ":0"}, "linux", loads=lambda name, folders: name not in missing)
    assert "libxcb-icccm.so.4" in text and "libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "命令行功能" in text
    assert platform_check.problem({"DISPLAY": ":0"}, "linux", loads=lambda n, f: True) is None
    assert platform_check.problem({}, "linux", loads=lambda n, f: True).startswith("无法打开摸排助手的窗口：没有找到图形桌面")
    assert platform_check.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", loads=lambda n, f: False) is None
    assert platform_check.problem({}, "win32", loads=lambda n, f: False) is None


def test_mopai_says_so_and_exits_before_qt_tries(monkeypatch, capsys):
    monkeypatch.setattr(platform_check, "problem", lambda: "无法打开摸排助手的窗口：缺少 libxcb-cursor.so.0")
    monkeypatch.setattr(platform_check.shutil, "which", lambda name: None)     # no zenity box
    assert main([]) == platform_check.EXIT_NO_DISPLAY
    assert "libxcb-cursor.so.0" in capsys.readouterr().err


def test_this_machine_has_every_library_it_lists():
    if not sys.platform.startswith("linux"):
        pytest.skip("the xcb plugin exists on Linux only")
    assert platform_check.missing_libraries() == []


def test_the_list_covers_what_the_xcb_plugin_links_against():
    """ldd on PySide6's libqxcb.so and libQt6XcbQpa.so: every system library they need beyond
    Qt's own and the C runtime is in XCB_NEEDS (so the message can name its package)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        pytest.skip("ldd and the xcb plugin exist on Linux only")
    import PySide6
    qt = Path(PySide6.__file__).parent / "Qt"
    needed = set()
    for binary in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            name = line.strip().split(" ")[0]
            if "=>" in line and str(qt) not in line:
                needed.add(name)
    runtime = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0",
               "libdl.so.2", "librt.so.1"}
    direct = {n for n in needed if n.startswith(("libxcb", "libX11", "libxkbcommon"))}
    assert direct - set(platform_check.XCB_NEEDS) == set()
    assert {"libGL.so.1", "libfontconfig.so.1", "libglib-2.0.so.0"} <= set(platform_check.XCB_NEEDS)
    assert not runtime & set(platform_check.XCB_NEEDS)
