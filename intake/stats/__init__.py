"""Statistics over the county's distinct children (intake.county.frame.children_frame): the
definitions as data (templates/statistics.toml), polars expressions for age, age group and the
key-care rule, and the basic counts `mopai county` reports. Issue 10 builds the full statistics
(数量规模、年龄结构、分布区域 and the other breakdowns) on these."""
from intake.stats.basic import basic_stats, key_care_count, needed_fields
from intake.stats.definitions import AgeGroup, Condition, Statistics, load_statistics
from intake.stats.expressions import age_group, age_on, key_care

__all__ = ["AgeGroup", "Condition", "Statistics", "age_group", "age_on", "basic_stats", "key_care",
           "key_care_count", "load_statistics", "needed_fields"]
