"""Which shared libraries the .deb takes from the system, and its Depends line (build_deb.py).

The PyInstaller folder carries copies of the build machine's libraries, so that it runs anywhere.
Installed as a package it should use the system's X11, xcb, xkbcommon, fontconfig, freetype,
D-Bus and GLib instead: they must match the X server, the input methods and the font
configuration of the machine, and get its security updates. Their Debian package names are the
same on Debian 10–13, Ubuntu 20.04–24.04, UOS 20 and Kylin V10. Libraries whose names change
between those releases (OpenSSL, libffi, libxcb-util) stay bundled, as do libstdc++ and Qt's own.
dpkg-shlibdeps then writes the Depends line, with the minimum versions the binaries need (glibc's
too: a build runs only where glibc is at least the build machine's).
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

SYSTEM_LIBS = re.compile(
    r"lib(X11|X11-xcb|Xau|Xdmcp|xcb|xcb-(?!util\.)[a-z-]+|xkbcommon|xkbcommon-x11|fontconfig"
    r"|freetype|png16|expat|brotli(common|dec)|bsd|md|dbus-1|glib-2\.0|gthread-2\.0|pcre2-8|z)"
    r"\.so\.\d+")


def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def elf_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def is_root(path: Path) -> bool:
    """The program, Python (which the program opens by name), Python's extension modules and
    Qt's plugins: every library the program uses hangs off these."""
    return not path.name.startswith("lib") or path.name.startswith("libpython") \
        or "plugins" in path.parts


def unreachable_libraries(tree: Path) -> list[Path]:
    """Libraries in `tree` that no root needs, directly or through other libraries (once the
    system's copies are gone, what only those needed: libdbus's libsystemd, libgcrypt, …)."""
    tree = tree.resolve()
    files = elf_files(tree)
    by_name = {p.name: p for p in files}
    by_name.update({p.name: p.resolve() for p in tree.rglob("*") if p.is_symlink()})
    todo = [p for p in files if is_root(p)]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += [by_name[n] for n in needed(path) if n in by_name and by_name[n] not in seen]
    return [p for p in files if p not in seen]


def host_package(soname: str) -> str | None:
    """The Debian package that provides `soname` on this machine, if any."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    paths = re.findall(rf"^\s*{re.escape(soname)} \(.*\) => (\S+)$", listing, re.M)
    for path in paths:  # merged /usr: ldconfig says /lib/…, the package says /usr/lib/…
        for candidate in (path, "/usr" + path, os.path.realpath(path)):
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                return found.stdout.split(":")[0]
    return None


def depends(package_root: Path, bundled: list[str]) -> str:
    """The Depends line for the staged package: dpkg-shlibdeps over every binary, without the
    packages whose libraries the package carries itself (`bundled`)."""
    (package_root / "DEBIAN").mkdir(exist_ok=True)  # marks the package root, for $ORIGIN
    excluded = sorted({p for p in (host_package(name) for name in bundled) if p})
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            "Source: mopai\n\nPackage: mopai\nArchitecture: any\n", encoding="utf-8")
        binaries = [f for f in elf_files(package_root) if "DEBIAN" not in f.parts]
        cmd = ["dpkg-shlibdeps", "-O", "--ignore-missing-info"] + [f"-x{p}" for p in excluded]
        cmd += [f"-l{d}" for d in sorted({f.parent for f in binaries})]  # the program's own
        cmd += [f"-e{f}" for f in binaries]
        done = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "warning" not in line]
        raise SystemExit("dpkg-shlibdeps failed:\n" + "\n".join(errors))
    out = done.stdout
    line = out.strip().partition("shlibs:Depends=")[2]
    return line
