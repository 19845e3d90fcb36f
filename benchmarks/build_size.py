"""Figures for the PyInstaller build: build time, folder and one-file size per component, the
zip and the .deb, CLI times and the built GUI's start-up time to its first window.

    python benchmarks/build_size.py                        # builds both variants in a temp folder
    python benchmarks/build_size.py --dist DIST            # measures an existing dist/ (mopai/ inside)
    python benchmarks/build_size.py --dist NEW --before OLD   # per component, before and after
    python benchmarks/build_size.py --dist DIST --zip --deb   # also the zip and the .deb (xz -6: minutes)

Start-up is timed under Xvfb (QT_QPA_PLATFORM=xcb, display --display) from launch until the main
window is mapped (`xwininfo`); without Xvfb and xwininfo that figure is skipped. Builds are
CPU-heavy: run by hand, and quote the machine's load beside the figures.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
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
# (component, pattern for the path inside _internal/), first match wins
COMPONENTS = [
    ("polars runtime", r"_polars_runtime\w*/"),
    ("Qt: ICU", r"PySide6/Qt/lib/libicu"),
    ("Qt, PySide6: the rest", r"(PySide6|shiboken6)/"),
    ("numpy + OpenBLAS", r"numpy(\.libs)?/"),
    ("cryptography (encrypted workbooks)", r"(cryptography/|_cffi_backend)"),
    ("lxml", r"lxml/"),
    ("pydantic-core (pandera)", r"pydantic_core/"),
    ("python-calamine", r"python_calamine/"),
    ("Python: libpython, extensions, stdlib", r"(libpython|python3\d*\.dll|python3\.\d+/|base_lib)"),
    ("libraries of the build machine", r"[^/]*\.(so|dll)[^/]*$"),
    ("data: resources, templates, stdnum", r"(resources|templates|stdnum)/"),
]


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


def components(folder: Path) -> dict[str, float]:
    """MB per component of a one-folder build (links not counted: they take no room)."""
    sizes = dict.fromkeys([name for name, _ in COMPONENTS] + ["other", "programs"], 0.0)
    for f in folder.rglob("*"):
        if not f.is_file() or f.is_symlink():
            continue
        rel = f.relative_to(folder).as_posix()
        if not rel.startswith("_internal/"):
            sizes["programs"] += f.stat().st_size / 2**20
            continue
        rel = rel.removeprefix("_internal/")
        name = next((n for n, pattern in COMPONENTS if re.match(pattern, rel)), "other")
        sizes[name] += f.stat().st_size / 2**20
    return sizes


def print_components(after: Path, before: Path | None) -> None:
    new = components(after / "mopai")
    old = components(before / "mopai") if before else {}
    print(f"{'folder dist/mopai':<46} {'before':>8} {'after':>8}" if before else "folder dist/mopai")
    for name in new:
        line = f"  {name:<44}"
        if before:
            line += f" {old.get(name, 0):8.1f}"
        print(line + f" {new[name]:8.1f} MB")
    total = f"  {'total':<44}" + (f" {sum(old.values()):8.1f}" if before else "")
    print(total + f" {sum(new.values()):8.1f} MB")
    for label, dist in (("before", before), ("after", after)):
        onefile = dist / (GUI_TITLE + SUFFIX) if dist else None
        if onefile and onefile.is_file():
            print(f"one-file {onefile.name} ({label}): {size_mb(onefile):.0f} MB")


def timed_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False, timeout=300)
    return time.perf_counter() - start


def sample_sheet(folder: Path) -> Path:
    from workspacekit import sample_records, write_xlsx
    return write_xlsx(folder / "村甲.xlsx", sample_records() * 25)


def one_startup(exe: Path, display: str, timeout: float = 120) -> float:
    from debkit import main_window_mapped
    with tempfile.TemporaryDirectory() as data:  # fresh data and settings: a first start
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", MOPAI_DATA_DIR=data,
                   XDG_CONFIG_HOME=data)
        start = time.perf_counter()
        app = subprocess.Popen([str(exe)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            while time.perf_counter() - start < timeout and app.poll() is None:
                if main_window_mapped(display, GUI_TITLE):
                    return time.perf_counter() - start
                time.sleep(0.05)
            return float("nan")
        finally:
            app.terminate()
            app.wait(timeout=30)


def packages(dist: Path, want_zip: bool, want_deb: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for wanted, script in ((want_zip, "zip_folder.py"), (want_deb, "linux/build_deb.py")):
            if not wanted:
                continue
            start = time.perf_counter()
            done = subprocess.run([sys.executable, str(ROOT / "packaging" / script), "--folder",
                                   str(dist / "mopai"), "--out", tmp], capture_output=True,
                                  text=True, check=True)
            print(f"{done.stdout.splitlines()[0]} (made in {time.perf_counter() - start:.0f} s)")


def figures(dists: dict[str, Path], sheet: Path, display: str | None) -> dict:
    """What to time: name -> (dist -> seconds)."""
    def cli(*args):
        return lambda d: timed_once([str(d / "mopai" / ("mopai" + SUFFIX)), *args])
    todo = {"mopai --version": cli("--version"),
            "mopai validate (100 rows)": cli("validate", str(sheet), "--as-of", "2025-12-31")}
    for label, exe in (("folder", Path("mopai") / (GUI_TITLE + SUFFIX)),
                       ("one-file", Path(GUI_TITLE + SUFFIX))):
        if display and all((d / exe).is_file() for d in dists.values()):
            todo[f"window on screen, first start ({label})"] = \
                lambda d, exe=exe: one_startup(d / exe, display)
    return todo


def report(dists: dict[str, Path], build_times: dict[str, float], display: str,
           runs: int = 3) -> None:
    """Sizes, then CLI and window start-up times of each dist, their runs interleaved so that a
    busy machine slows them alike (the after/before ratio is the figure that holds)."""
    for name, seconds in build_times.items():
        print(f"build time ({name}): {seconds:.0f} s")
    print_components(dists["after"], dists.get("before"))
    can_show = bool(shutil.which("Xvfb") and shutil.which("xwininfo"))
    from debkit import x_server
    with tempfile.TemporaryDirectory() as tmp, \
            (x_server(display) if can_show else contextlib.nullcontext()):
        todo = figures(dists, sample_sheet(Path(tmp)), display if can_show else None)
        for figure, measure in todo.items():
            times = {label: [] for label in dists}
            for _ in range(runs):
                for label, dist in dists.items():
                    times[label].append(measure(dist))
            medians = {label: statistics.median(t) for label, t in times.items()}
            line = ", ".join(f"{label} {medians[label]:.2f} s" for label in dists)
            if "before" in medians:
                line += f" (after/before {medians['after'] / medians['before']:.2f})"
            print(f"{figure}, median of {runs}: {line}")
    if not can_show:
        print("window start-up: n/a (needs Xvfb and xwininfo)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="measure this dist/ folder instead of building")
    parser.add_argument("--before", type=Path, help="a dist/ to compare with, per component")
    parser.add_argument("--zip", action="store_true", help="also zip the folder (packaging/)")
    parser.add_argument("--deb", action="store_true", help="also build the .deb (packaging/linux/)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each figure (default 3)")
    parser.add_argument("--display", default=os.environ.get("MOPAI_BUILD_TEST_DISPLAY", ":93"),
                        help="X display for Xvfb (default :93 or $MOPAI_BUILD_TEST_DISPLAY)")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    before = {"before": args.before} if args.before else {}
    if args.dist:
        report({**before, "after": args.dist}, {}, args.display, args.runs)
        packages(args.dist, args.zip, args.deb)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        dist, work = Path(tmp) / "dist", Path(tmp) / "work"
        times = {"one folder": build(dist, work, onefile=False),
                 "one file, analysis cached": build(dist, work, onefile=True)}
        report({**before, "after": dist}, times, args.display, args.runs)
        packages(dist, args.zip, args.deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
