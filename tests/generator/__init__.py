"""A generator of realistic registration sheets (流动 / 留守) for tests, samples and benchmarks.

Generated people only: names are random combinations of common surnames and given-name
characters, ID numbers are built from real county codes, a birth date and a random sequence
with the ISO 7064 MOD 11-2 check character computed here. Addresses use the bundled division
table (validators.divisions). Errors of every kind in docs/domain-rules.md can be injected on
known rows and columns (`expected`), and harmless variations (full-width digits, 汉 for 汉族,
dates in every accepted format …) that must not be reported as errors.

    sheet = generate("liudong", 200, seed=1, as_of=date(2025, 12, 31), inject="all")
    write_xlsx(path, sheet, layout="title_rows")
"""
from generator.sheet import Expected, GeneratedSheet, generate
from generator.write import WrittenLayout, write_xlsx

__all__ = ["Expected", "GeneratedSheet", "WrittenLayout", "generate", "write_xlsx"]
