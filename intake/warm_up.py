"""What the first check in a process loads, loaded ahead of need on a thread while the file is
read in the child process (intake.checking.check_file): polars, pandera and the validators
imported, both form templates, the division table, the township and address-head tables, the
polars and pandera first-use costs (a one-record table of each form validated). About 0.5-1 s
on the 2-core machine that the check after the read would otherwise spend before its work.

Only caches of pure functions are filled (keyed by their arguments), so a check's findings do
not depend on whether it ran: the reports are byte-identical with and without it."""
from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
SAMPLE_UNIT = "浙江省杭州市西湖区西溪街道"
SAMPLE = {"id": "330106201501011237", "date": "2015-01-01", "address": SAMPLE_UNIT + "1号",
          "phone": "13800138000", "name": "张三"}        # made-up values, one per kind of cell


def start() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="mopai-warm-up", daemon=True)
    thread.start()
    return thread


def warm_up() -> None:
    """Never raises: a failure here only means the check loads the same things itself."""
    try:
        _load()
    except Exception:  # noqa: BLE001 - nothing is lost; the check does it again and says why
        log.debug("warm-up failed", exc_info=True)


def _load() -> None:
    from intake.checking import sheet_township, validator_for
    from intake.forms import FORM_KEYS
    from intake.table import SheetTable
    from validators.address_heads import paths_by_length, township_names
    from validators.bulk_addresses import township_index
    from validators.data import RecordColumns
    import intake.report  # noqa: F401 - imported for the report after the check
    from validators import divisions
    # the division table itself: a process that checked a sheet before may know the sample's
    # county path already (validators.bulk keeps check_cell's answers), so its check need not
    # load it
    divisions.data_as_of(), paths_by_length(), township_names(), township_index()
    for key in FORM_KEYS:
        table = _one_record(SheetTable, RecordColumns, key)
        sheet_township(table)
        validator_for(table).run()


def _one_record(sheet_table, record_columns, form_key: str):
    from intake.forms import load_form
    form = load_form(form_key)
    values = {f.key: [SAMPLE.get(f.type, "1")] for f in form.fields}
    return sheet_table(source=None, sheet="", form=form_key, form_reason="", header_rows=[1], columns=[],
                       row_numbers=[2], data=record_columns(values), reporting_unit=SAMPLE_UNIT)
