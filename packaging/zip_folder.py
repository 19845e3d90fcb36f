"""Zip the PyInstaller folder for handing out (Windows: unzip anywhere, start 摸排助手.exe):

    python packaging/zip_folder.py [--folder dist/mopai] [--out dist]

Writes dist/mopai-<version>-<platform>.zip with the folder as its one top-level entry, atomically.
Names carry the zip UTF-8 flag, which 7-Zip, Bandizip and current Windows honour (an unzip tool
that ignores it shows 摸排助手.exe garbled; the program still runs). Links (Linux: 摸排助手 ->
mopai) are stored as links.
"""
from __future__ import annotations

import argparse
import os
import platform
import stat
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from intake import __version__  # noqa: E402


def platform_tag() -> str:
    system = {"win32": "win", "linux": "linux", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x64").replace("x86_64", "x64")
    return f"{system}-{machine}"


def zip_folder(folder: Path, out: Path) -> Path:
    target = out / f"mopai-{__version__}-{platform_tag()}.zip"
    out.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                name = Path(folder.name, path.relative_to(folder)).as_posix()
                if path.is_symlink():
                    info = zipfile.ZipInfo(name)
                    info.create_system = 3  # Unix: the mode below says "link"
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    archive.writestr(info, os.readlink(path))
                elif path.is_file():
                    archive.write(path, name)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "mopai")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"no folder {args.folder}: build it first (pyinstaller --noconfirm build.spec)")
    target = zip_folder(args.folder, args.out)
    print(f"{target}: {target.stat().st_size / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
