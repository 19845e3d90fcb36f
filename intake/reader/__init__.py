"""Read the registration tables in a workbook or CSV file, whatever the township sent.

`read_tables(path, password=, form=, progress=, cancelled=) -> list[SheetTable]`: every
registration table in the file, one per sheet that holds one. The format is found from the
content (never the name); errors are ReadError / PasswordRequired with one Chinese message.
`remember_mapping(table)` keeps a mapping the clerk confirmed for the next file with that header.
"""
from intake.reader.mapping_memory import remember, remember_mapping
from intake.reader.workbook import read_tables

__all__ = ["read_tables", "remember", "remember_mapping"]
