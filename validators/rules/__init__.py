"""Row rules: each module's `check(row) -> list[Finding]` looks at one record.

Duplicates (several records) live in `duplicates`, driven by the engine's ID index.
"""
from __future__ import annotations

from validators.rules import county, cross_field, dates_order, eligibility, identity, required

ROW_RULES = (required.check, dates_order.check, identity.check, cross_field.check,
             eligibility.check, county.check)
