"""The words for the three severities, the same in the window, the exports and the CLI.

警告 (not 提醒) for warnings: 提醒 and 提示 read alike, and a hint must never look like something
to check. The meanings are what the window's help, the return file and the summaries say.
"""
from __future__ import annotations

from validators.findings import Finding, Severity

ERROR_WORD, WARNING_WORD, HINT_WORD = "错误", "警告", "提示"
WORD = {Severity.ERROR: ERROR_WORD, Severity.WARNING: WARNING_WORD, Severity.HINT: HINT_WORD}
MEANING = {
    Severity.ERROR: "必须改正，改正之前这一行不能上报",
    Severity.WARNING: "请核实，确认无误可以不改",
    Severity.HINT: "意思明确、只是写法不同，导出时自动规范，也可以批量修正",
}


def word(finding_or_severity: Finding | Severity) -> str:
    severity = getattr(finding_or_severity, "severity", finding_or_severity)
    return WORD[Severity(severity)]


def is_warning(finding: Finding) -> bool:
    return finding.severity is Severity.WARNING
