"""部门比对 in the window: `DepartmentsView(desk)`, a widget over the county's desk (issue 11).

The county page hosts it as its 部门比对 sub-view (desktop/county/departments_hook.py, which
runs the view's jobs as county jobs). The hook: the page adds the view as one of its sub-views,
gives it the sessions of its open sheet tabs (so an accepted value edits the session a tab
shows), repaints a tab on `sheet_changed(sheet_id, records)`, opens a record on
`record_wanted(sheet_id, index)`, and adds `view.undo_stack` to the window's undo group:

    view = DepartmentsView(desk, sessions=page.session_for)
    view.sheet_changed.connect(page.sheet_edited_elsewhere)
    view.record_wanted.connect(page.open_record)
    window.undo_group.addStack(view.undo_stack)

`python -m desktop.departments WORKSPACE --as-of D [--county C]` also shows it in a window of its
own on a county workspace (the one `mopai county --workspace` fills).
"""
from desktop.departments.view import DepartmentsView

__all__ = ["DepartmentsView"]
