"""Figures for the PyInstaller build: build time, folder and one-file size, the biggest parts,
CLI times and the built GUI's start-up time to its first window.

    python benchmarks/build_size.py                  # builds both variants in a temp folder
    python benchmarks/build_size.py --dist DIST      # measures an existing dist/ (mopai/ inside)

Start-up is timed under Xvfb (QT_QPA_PLATFORM=xcb) from launch until the main window is mapped
(`xwininfo`); without Xvfb and xwininfo that figure is skipped. Builds are CPU-heavy: run by hand.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
SUFFIX = ".exe" if sys.platform == "win32" else ""
GUI_TITLE = "摸排助手"


def build(dist: Path, work: Path, onefile: bool) -> float:
    env = dict(os.environ, MOPAI_ONEFILE="1" if onefile else "0")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level=WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def biggest_parts(internal: Path, n: int = 12) -> list[tuple[str, float]]:
    parts = [(p.name, size_mb(p)) for p in internal.iterdir() if not p.is_symlink()]
    return sorted(parts, key=lambda item: -item[1])[:n]


def timed(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """(first run, median of the runs) in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, timeout=300)
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times)


def sample_sheet(folder: Path) -> Path:
    from workspacekit import sample_records, write_xlsx
    return write_xlsx(folder / "村甲.xlsx", sample_records() * 25)


def main_window_mapped(display: str) -> bool:
    env = dict(os.environ, DISPLAY=display)
    listing = subprocess.run(["xwininfo", "-root", "-children"], env=env, capture_output=True,
                             text=True, encoding="utf-8", errors="replace").stdout
    for line in listing.splitlines():
        fields = line.split()
        if f'"{GUI_TITLE}"' not in line or not fields or "x" not in fields[-2]:
            continue
        width = int(fields[-2].split("x")[0])
        info = subprocess.run(["xwininfo", "-id", fields[0]], env=env, capture_output=True,
                              text=True).stdout
        if width >= 200 and "IsViewable" in info:
            return True
    return False


def startup_to_window(exe: Path, runs: int = 3, display: str = ":93") -> list[float] | None:
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        return None
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        return [one_startup(exe, display) for _ in range(runs)]
    finally:
        xvfb.terminate()
        xvfb.wait()


def one_startup(exe: Path, display: str, timeout: float = 120) -> float:
    with tempfile.TemporaryDirectory() as data:  # fresh data and settings: a first start
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", MOPAI_DATA_DIR=data,
                   XDG_CONFIG_HOME=data)
        start = time.perf_counter()
        app = subprocess.Popen([str(exe)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            while time.perf_counter() - start < timeout and app.poll() is None:
                if main_window_mapped(display):
                    return time.perf_counter() - start
                time.sleep(0.05)
            return float("nan")
        finally:
            app.terminate()
            app.wait(timeout=30)


def report(dist: Path, build_times: dict[str, float]) -> None:
    folder, onefile = dist / "mopai", dist / (GUI_TITLE + SUFFIX)
    for name, seconds in build_times.items():
        print(f"build time ({name}): {seconds:.0f} s")
    print(f"folder dist/mopai: {size_mb(folder):.0f} MB")
    for name, mb in biggest_parts(folder / "_internal"):
        print(f"  {name:<40} {mb:6.1f} MB")
    if onefile.is_file():
        print(f"one-file {onefile.name}: {size_mb(onefile):.0f} MB")
    cli = folder / ("mopai" + SUFFIX)
    first, median = timed([str(cli), "--version"])
    print(f"mopai --version: first {first:.2f} s, median {median:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        sheet = sample_sheet(Path(tmp))
        first, median = timed([str(cli), "validate", str(sheet), "--as-of", "2025-12-31"])
        print(f"mopai validate (100 rows): first {first:.2f} s, median {median:.2f} s")
    for label, exe in (("folder", folder / (GUI_TITLE + SUFFIX)), ("one-file", onefile)):
        if exe.is_file():
            times = startup_to_window(exe)
            shown = "n/a (needs Xvfb and xwininfo)" if times is None else \
                ", ".join(f"{t:.2f}" for t in times) + " s"
            print(f"GUI start-up to first window ({label}): {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="measure this dist/ folder instead of building")
    args = parser.parse_args()
    if args.dist:
        report(args.dist, {})
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        dist, work = Path(tmp) / "dist", Path(tmp) / "work"
        times = {"one folder": build(dist, work, onefile=False),
                 "one file, analysis cached": build(dist, work, onefile=True)}
        report(dist, times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
