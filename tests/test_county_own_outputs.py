"""A return, upload or decision-log file the county wrote into the received folder is not received back as the
township's newer file; once the township has corrected it, it is."""
import shutil

import openpyxl

from countykit import desk_on
from intake.county.log_view import write_log_book
from intake.county.receive import ADDED, SAME


def _current_names(desk) -> set[str]:
    return {m.file.name for m in desk.snapshot.meta.values() if m.version.current}


def test_own_return_and_upload_files_in_the_received_folder_are_skipped(county_set, tmp_path):
    made, base, _ = county_set
    folder = tmp_path / "收到的文件"
    shutil.copytree(made.folder, folder)
    name = next(n for n in made.files if n.startswith(made.towns[0]) and "流动" in n)
    with desk_on(base, tmp_path) as desk:
        before = _current_names(desk)
        file_id = next(m.file.id for m in desk.snapshot.meta.values() if m.file.name == name)
        desk.write_return(file_id, folder / f"{name[:-5]}_退回.xlsx")
        desk.write_upload(folder / "县汇总上报.xlsx")
        write_log_book(desk, folder / "县级汇总决定记录.xlsx")      # 决定记录 保存为 Excel… defaults there too
        status = {r.path.name: r for r in desk.add_paths([folder])}
        assert status["县级汇总决定记录.xlsx"].status == SAME           # not 无法读取 (no registration header)
        assert status[f"{name[:-5]}_退回.xlsx"].status == SAME
        assert "摸排助手导出" in status[f"{name[:-5]}_退回.xlsx"].message
        assert status["县汇总上报.xlsx"].status == SAME
        assert _current_names(desk) == before                   # the township's own file stays current

    # the township corrects the return file and sends it back: received as its newer version
    corrected = tmp_path / "发回" / f"{name[:-5]}_退回.xlsx"
    corrected.parent.mkdir()
    book = openpyxl.load_workbook(folder / f"{name[:-5]}_退回.xlsx")
    book.save(corrected)
    with desk_on(base, tmp_path) as desk:
        status = {r.path.name: r for r in desk.add_paths([corrected])}
        assert status[corrected.name].status == ADDED
        assert corrected.name in _current_names(desk) and name not in _current_names(desk)
