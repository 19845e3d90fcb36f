"""Before the window opens on Linux: are the system libraries Qt's xcb platform plugin needs
installed? Without them Qt stops with an English message ("could not load the Qt platform
plugin xcb") a clerk cannot act on; this names the missing packages in Chinese instead.

The list is what `ldd` shows for PySide6's libqxcb.so and libQt6XcbQpa.so beyond Qt's own
libraries (tests/test_platform_check.py re-checks it against the installed plugin), with the
Debian/Ubuntu/UOS/Kylin package of each. Each library is loaded with ctypes (dlopen, as Qt
would): from the build's own folder first (a PyInstaller build bundles what it can), then the
system. Runs before PySide6's GUI is touched, in milliseconds.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

# soname -> package (Debian 12 names; Ubuntu 22.04+, UOS and Kylin use the same)
XCB_NEEDS = {
    "libxcb.so.1": "libxcb1", "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
}
EXIT_NO_DISPLAY = 3


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """The window will use the xcb plugin (Linux, no other QT_QPA_PLATFORM chosen)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    return chosen == "" or chosen.startswith("xcb")


def _loads(name: str, folders: list[Path]) -> bool:
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            try:
                ctypes.CDLL(str(candidate))
                return True
            except OSError:
                pass
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        return False


def missing_libraries(loads=_loads) -> list[str]:
    folders = [Path(p) for p in (getattr(sys, "_MEIPASS", None),) if p]
    return [name for name in XCB_NEEDS if not loads(name, folders)]


def message(missing: list[str], has_display: bool = True) -> str:
    if not has_display:
        return ("无法打开摸排助手的窗口：没有找到图形桌面（环境变量DISPLAY未设置）。"
                "请在桌面环境中启动；命令行功能（mopai validate、mopai export、mopai template）不受影响。")
    packages = sorted({XCB_NEEDS[name] for name in missing})
    return ("无法打开摸排助手的窗口：这台电脑缺少图形界面需要的系统库 " + "、".join(missing) + "。\n"
            "请让管理员安装以下软件包后再打开：\n"
            f"    sudo apt-get install {' '.join(packages)}\n"
            "（统信UOS、银河麒麟同样用apt-get安装；其他系统请安装提供这些库的软件包。）\n"
            "命令行功能（mopai validate、mopai export、mopai template）不受影响。")


def tell(text: str) -> None:
    """On stderr; and, started from a desktop icon (no terminal), in a zenity box if there is one."""
    print(text, file=sys.stderr)
    zenity = shutil.which("zenity")
    if zenity and not (sys.stderr and sys.stderr.isatty()) and os.environ.get("DISPLAY"):
        subprocess.run([zenity, "--error", "--no-wrap", "--title=摸排助手", f"--text={text}"],
                       check=False, timeout=600)


def problem(environ=os.environ, platform: str = sys.platform, loads=_loads) -> str | None:
    """A Chinese message when the window cannot open on this machine, else None."""
    if not uses_xcb(environ, platform):
        return None
    if not environ.get("DISPLAY"):
        return message([], has_display=False)
    missing = missing_libraries(loads)
    return message(missing) if missing else None
