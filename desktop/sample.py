"""The bundled sample sheets. Each is opened with its own county (the one its generated children
live in), for that sheet only, whatever county the user chose: checked against the user's county
the sample would show almost nothing but “不在本县范围” and export no row. The tab says so."""
from __future__ import annotations

from pathlib import Path

from desktop.loading import CheckOptions
from intake import opening
from resources import RESOURCES_DIR
from validators import divisions

SAMPLES_DIR = RESOURCES_DIR / "samples"
SAMPLE = SAMPLES_DIR / "sample_liudong.xlsx"
# the county of each sample (tests/generator/sheet.py DEFAULT_COUNTY; tests/test_gui_desk.py checks)
SAMPLE_COUNTY = {"sample_liudong.xlsx": "330106", "sample_liushou.xlsx": "411326"}


def sample_options(path: Path, options: CheckOptions) -> CheckOptions:
    return CheckOptions(as_of=options.as_of, county=options.county,
                        sheet_county=SAMPLE_COUNTY.get(path.name))


def county_name(code: str | None) -> str:
    county = divisions.get(code) if code else None
    return county.name if county else (code or "")


def notice(workspace, sheet_id: int, user_county: str | None) -> str:
    """The line above a sheet checked against its own county; '' for the user's own sheets."""
    own = opening.sheet_county(workspace, sheet_id)
    if not own:
        return ""
    text = f"示例表格按{county_name(own)}检查：示例中的儿童都登记在{county_name(own)}"
    if user_county and user_county != own:
        text += f"。您设置的本县（{county_name(user_county)}）只用于检查您自己打开的表格"
    return text + "。"
