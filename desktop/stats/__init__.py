"""The 统计 view (issue 10): the statistics of a data source (one sheet, or the county desk) as
tables with charts drawn by our own QPainter code (desktop.stats.painter: QtCharts would need
PySide6-Addons and Qt's OpenGL libraries in the bundle), switchable by topic, with copy to the
clipboard, save chart as PNG and export of the workbook and the register.

Hosting it: `StatsView(source, settings)` where source is a desktop.stats.source.SheetSource
or DeskSource; call `view.data_changed()` (or emit `source.changed`) after an edit or a
decision: the view recomputes in a worker thread, bursts coalesced."""
