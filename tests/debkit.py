"""Helpers for the .deb part of tests/test_build.py: build it from the PyInstaller folder, read it,
install and purge it with dpkg, a private X server, and what the desktop sees (menu entries,
file types, windows)."""
from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "mopai"
DESKTOP_ENTRY = Path("/usr/share/applications/mopai.desktop")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
WINDOW_TITLE = "摸排助手"


def can_build() -> bool:
    return sys.platform.startswith("linux") and all(
        shutil.which(tool) for tool in ("dpkg-deb", "dpkg-shlibdeps", "readelf"))


def can_install() -> bool:
    return can_build() and os.geteuid() == 0


def build_deb(folder: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "linux" / "build_deb.py"),
                           "--folder", str(folder), "--out", str(out), "--fast"],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-4000:]
    [deb] = out.glob("*.deb")
    return deb


def control(deb: Path) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    fields, key = {}, None
    for line in text.splitlines():
        if line.startswith(" ") and key:
            fields[key] += "\n" + line.strip()
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def unpack(deb: Path, target: Path) -> Path:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    return target


def deb_paths(deb: Path) -> list[Path]:
    """The paths a .deb installs (dpkg-deb -c: mode, owner, size, date, time, path)."""
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    names = [line.split(maxsplit=5)[5].split(" -> ")[0] for line in listing.splitlines()]
    return [Path("/" + name.removeprefix("./")) for name in names]


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.RawConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def dpkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=600)


def is_installed() -> bool:
    status = dpkg("-s", PACKAGE)
    return status.returncode == 0 and "Status: install ok installed" in status.stdout


def package_paths() -> list[Path]:
    return [Path(line) for line in dpkg("-L", PACKAGE).stdout.splitlines() if line.startswith("/")]


def registered_apps(mime_type: str) -> list[str]:
    """The applications the desktop offers for a file type (GIO's 打开方式 list)."""
    out = subprocess.run(["gio", "mime", mime_type], capture_output=True, text=True).stdout
    return [line.strip() for line in out.split("Registered applications:")[-1].splitlines()
            if line.strip().endswith(".desktop")]


def file_type(path: Path) -> str:
    """The MIME type the desktop gives a file (GIO: by name first, then by content)."""
    out = subprocess.run(["gio", "info", "-a", "standard::content-type", str(path)],
                         capture_output=True, text=True).stdout
    return out.rpartition("standard::content-type:")[2].strip()


@contextmanager
def x_server(display: str):
    """Xvfb on `display`, at the clerks' common screen size."""
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    socket = Path("/tmp/.X11-unix") / f"X{display.lstrip(':')}"
    deadline = time.monotonic() + 10
    while not socket.exists() and xvfb.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert xvfb.poll() is None, f"Xvfb {display} did not start: {xvfb.stderr.read()[-500:]}"
    try:
        yield display
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def main_window_mapped(display: str, title: str = WINDOW_TITLE) -> bool:
    """A viewable top-level window named `title`, at least 200 px wide, is on `display`."""
    env = dict(os.environ, DISPLAY=display)
    listing = subprocess.run(["xwininfo", "-root", "-children"], env=env, capture_output=True,
                             text=True, encoding="utf-8", errors="replace").stdout
    for line in listing.splitlines():
        fields = line.split()
        if f'"{title}"' not in line or len(fields) < 2 or "x" not in fields[-2]:
            continue
        width = int(fields[-2].split("x")[0])
        info = subprocess.run(["xwininfo", "-id", fields[0]], env=env, capture_output=True,
                              text=True).stdout
        if width >= 200 and "IsViewable" in info:
            return True
    return False


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()
