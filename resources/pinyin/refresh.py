"""Refresh the bundled character readings from the pypinyin package (dev-time only).

    pip install -U pypinyin && python resources/pinyin/refresh.py

Writes readings.tsv.gz here: `# key: value` metadata lines, then one line per character
`char<TAB>reading reading ...`: every toneless reading pypinyin knows for it (heteronyms
included, most common first; ü written v), and pypinyin's licence as LICENSE. The county's name
comparison (intake.county.names) reads only this table: the app never imports pypinyin, whose
phrase dictionaries (2.5 MB, for reading running text) the comparison of names does not need.
"""
from __future__ import annotations

import gzip
import shutil
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from intake.atomic import atomic_path  # noqa: E402


def readings() -> dict[str, list[str]]:
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    out: dict[str, list[str]] = {}
    for code in sorted(pinyin_dict):
        char = chr(code)
        found = pinyin(char, style=Style.NORMAL, heteronym=True, v_to_u=False)[0]
        names = list(dict.fromkeys(r.replace("ü", "v") for r in found if r and r != char))
        if names:
            out[char] = names
    return out


def write_table(table: dict[str, list[str]], target: Path) -> None:
    header = [f"# source: pypinyin {metadata.version('pypinyin')} (MIT), Style.NORMAL, heteronym=True",
              "# columns: char readings"]
    lines = [f"{char}\t{' '.join(names)}" for char, names in table.items()]
    with atomic_path(target) as tmp:
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as fh:
            fh.write("\n".join(header + lines) + "\n")


def copy_license(target: Path) -> None:
    dist = metadata.distribution("pypinyin")
    source = next(f for f in dist.files if f.name.upper().startswith("LICENSE"))
    with atomic_path(target) as tmp:
        shutil.copyfile(dist.locate_file(source), tmp)


def main() -> None:
    table = readings()
    write_table(table, HERE / "readings.tsv.gz")
    copy_license(HERE / "LICENSE")
    print(f"written {len(table)} characters, {sum(len(v) > 1 for v in table.values())} with several readings")


if __name__ == "__main__":
    main()
