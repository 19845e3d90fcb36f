"""Row rules: each module's `check(row) -> list[Finding]` looks at one record.

Duplicates (several records) live in `duplicates`, driven by the engine's ID index.
"""
from __future__ import annotations

from validators.rules import (carer, county, cross_field, dates_order, eligibility, identity,
                              required, township)

# required.check runs on edits; the bulk run finds blank required cells with required_bulk
OTHER_RULES = (dates_order.check, identity.check, cross_field.check, carer.check, eligibility.check,
               county.check, township.check)
ROW_RULES = (required.check, *OTHER_RULES)

# Rules that read only the cells named here and the child's age (years and months) on the
# reference date: records alike in those give the same findings, so the engine computes them once.
CACHEABLE = {cross_field.check: cross_field.READS}

# Column-wise tests run once per bulk run: a record outside a rule's set cannot get a finding from
# it, so the rule is skipped there (each test is looser than its rule; edits run every rule).
PREFILTERS = {dates_order.check: dates_order.candidates, identity.check: identity.candidates,
              eligibility.check: eligibility.candidates, county.check: county.candidates,
              carer.check: carer.candidates, township.check: township.candidates}
