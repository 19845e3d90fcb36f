"""部门比对: the county sends each department (教育, 公安, 卫健/疾控, 医保, 残联) the list of the
children it needs, reads its answer back in whatever layout it comes, reconciles by ID number
and decides each difference (accept the department's value, keep the sheet's, send it back to
the township), with a report per department. No Qt; built on the county's desk. Profiles are
data (templates/departments/*.toml). See docs/architecture.md ("intake/departments").
"""
from intake.departments.desk import DepartmentDesk
from intake.departments.model import BAD_ID, FIELD, KINDS, MISSED, NO_ID, NOT_KNOWN, Difference, Summary

__all__ = ["BAD_ID", "DepartmentDesk", "Difference", "FIELD", "KINDS", "MISSED", "NO_ID", "NOT_KNOWN", "Summary"]
