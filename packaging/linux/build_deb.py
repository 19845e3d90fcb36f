"""Build the .deb for UOS, Kylin and other Debian-family desktops from the PyInstaller folder,
offline (dpkg-deb, dpkg-shlibdeps from dpkg-dev; no network):

    python packaging/linux/build_deb.py [--folder dist/mopai] [--out dist] [--fast]

It installs the folder as /opt/mopai, `mopai` on PATH (/usr/bin/mopai -> /opt/mopai/mopai), the
menu entry 摸排助手 (Office) that opens .xlsx/.xls/.xlsm/.et/.csv (打开方式), its icon in the
hicolor sizes 16–512 (from resources/icons), the WPS .et file type, and leaves nothing behind on
removal but the users' own data. Version: intake.__version__; architecture: this machine's.
"""
from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
import deb_libs  # noqa: E402  (packaging/linux/deb_libs.py)
from intake import __version__  # noqa: E402

PACKAGE = "mopai"
PREFIX = Path("opt") / PACKAGE
ICONS = ROOT / "resources" / "icons"
RECOMMENDS = "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: 摸排助手 (mopai)

Files: *
License: MIT

Files: opt/mopai/_internal/*
Comment: Bundled by PyInstaller: Python (PSF), Qt 6 and PySide6 (LGPL-3), polars, pandera,
 openpyxl, python-stdnum, lxml, cryptography and others, each under its own licence; the licence
 files that came with them are kept beside them (*.dist-info) where they ship one.
"""


def icon_pngs() -> dict[int, bytes]:
    """Size -> PNG, from the .ico's PNG entries (16–256) and the 512 px PNG."""
    data = (ICONS / "mopai.ico").read_bytes()
    count = struct.unpack("<HHH", data[:6])[2]
    icons = {}
    for i in range(count):
        width, _, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        if data[offset:offset + 4] == b"\x89PNG":
            icons[width or 256] = data[offset:offset + size]
    icons[512] = (ICONS / "mopai.png").read_bytes()
    return icons


def write(path: Path, data: bytes | str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    path.chmod(mode)


def stage_program(folder: Path, pkg: Path) -> tuple[list[str], list[str]]:
    """The folder under /opt/mopai without the libraries the system provides (and what only they
    needed). Returns (libraries left to the system, libraries carried)."""
    target = pkg / PREFIX
    shutil.copytree(folder, target, symlinks=True)
    system = sorted(p for p in target.rglob("*") if deb_libs.SYSTEM_LIBS.fullmatch(p.name))
    for path in system:
        path.unlink()
    orphans = deb_libs.unreachable_libraries(target)
    for path in orphans:
        path.unlink()
    for link in (p for p in target.rglob("*") if p.is_symlink() and not p.exists()):
        link.unlink()
    left = sorted({p.name for p in system + orphans})
    carried = sorted({p.name for p in target.rglob("lib*.so*")})
    return left, carried


def stage_desktop(pkg: Path) -> None:
    bin_link = pkg / "usr" / "bin" / PACKAGE
    bin_link.parent.mkdir(parents=True)
    bin_link.symlink_to(Path("/") / PREFIX / PACKAGE)
    share = pkg / "usr" / "share"
    write(share / "applications" / f"{PACKAGE}.desktop", (HERE / "mopai.desktop").read_bytes())
    write(share / "mime" / "packages" / f"{PACKAGE}.xml", (HERE / "mopai-mime.xml").read_bytes())
    for size, png in icon_pngs().items():
        write(share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png", png)
    write(share / "doc" / PACKAGE / "copyright", COPYRIGHT)


def control(pkg: Path, depends: str, arch: str) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    files = [p for p in pkg.rglob("*") if p.is_file() and not p.is_symlink()]
    size_kib = sum(p.stat().st_size for p in files) // 1024
    return (f"Package: {PACKAGE}\nVersion: {__version__}\nArchitecture: {arch}\n"
            f"Maintainer: 摸排助手 <dev@mopai.local>\nInstalled-Size: {size_kib}\n"
            f"Depends: {depends}\nRecommends: {RECOMMENDS}\nSection: utils\nPriority: optional\n"
            f"Description: 摸排助手 — 流动儿童、留守儿童登记表检查工具\n"
            f" {project['description']}\n .\n"
            " 菜单：办公 → 摸排助手；命令行：mopai validate、export、template。\n")


def normalise_modes(pkg: Path) -> None:
    """Directories 0755, programs 0755, everything else 0644 (whatever the build's umask was)."""
    for path in [pkg, *pkg.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def build(folder: Path, out: Path, level: int = 6) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    deb = out / f"{PACKAGE}_{__version__}_{arch}.deb"
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / PACKAGE
        left, carried = stage_program(folder, pkg)
        stage_desktop(pkg)
        normalise_modes(pkg)
        depends = deb_libs.depends(pkg, carried)
        write(pkg / "DEBIAN" / "control", control(pkg, depends, arch))
        for script in ("postinst", "postrm"):
            write(pkg / "DEBIAN" / script, (HERE / script).read_bytes(), mode=0o755)
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{level}", "--build", str(pkg),
                        str(deb)], check=True, stdout=subprocess.DEVNULL)
    print(f"{deb}: {deb.stat().st_size / 2**20:.0f} MB")
    print(f"Depends: {depends}")
    print(f"from the system instead of the folder: {', '.join(left)}")
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / PACKAGE,
                        help="the PyInstaller folder (default dist/mopai)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb goes")
    parser.add_argument("--fast", action="store_true",
                        help="xz level 1 instead of 6: 5x faster, 15%% bigger (for tests)")
    args = parser.parse_args()
    if not (args.folder / PACKAGE).is_file():
        parser.error(f"{args.folder} holds no {PACKAGE} program: build it first "
                     "(pyinstaller --noconfirm build.spec)")
    build(args.folder.resolve(), args.out.resolve(), level=1 if args.fast else 6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
