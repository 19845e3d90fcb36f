"""Statistics over distinct children (no Qt): the definitions as data
(templates/statistics.toml: who is counted, age groups, masking, the key-care rule, the tables),
the children of a county desk or of single sheets (inputs: ChildrenSet, StatsInput), every
table as polars group-bys (compute -> StatsResult of StatTables), masking of small counts, the
grid every output shows, the headline sentences, and the workbook (intake.stats.book).
`basic_stats` / `key_care_count` are the JSON figures of `mopai county` (every distinct child).
The key-care register is intake.register."""
from intake.stats.basic import basic_stats, key_care_count, needed_fields
from intake.stats.definitions import AgeGroup, Condition, Statistics, load_statistics
from intake.stats.expressions import age_group, age_on, key_care

__all__ = ["AgeGroup", "Condition", "Statistics", "age_group", "age_on", "basic_stats", "key_care",
           "key_care_count", "load_statistics", "needed_fields"]
