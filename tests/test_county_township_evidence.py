"""Which township a file without a 填报单位 line belongs to, when only a few rows name one."""
from intake.county.township import ADDRESSES, FILE_NAME, Evidence, detect

COUNTY = "511324"
JINCHENG, XINZHENG = "511324100", "511324101"


def test_a_few_rows_naming_another_township_do_not_outvote_the_file_name():
    # 新政镇's sheet, no 填报单位 line, its addresses write no township, one child came from 金城镇
    town = detect(Evidence((), (), {JINCHENG: 1}, "新政镇流动儿童.xlsx", rows=41), COUNTY)
    assert (town.name, town.how, town.listed) == ("新政镇", FILE_NAME, True)


def test_most_rows_naming_a_township_still_win_over_the_file_name():
    town = detect(Evidence((), (), {JINCHENG: 30, XINZHENG: 2}, "新政镇流动儿童.xlsx", rows=41), COUNTY)
    assert (town.name, town.how) == ("金城镇", ADDRESSES)


def test_a_minority_of_rows_decides_when_the_file_name_says_nothing():
    town = detect(Evidence((), (), {JINCHENG: 3}, "流动儿童登记表.xlsx", rows=41), COUNTY)
    assert (town.name, town.how) == ("金城镇", ADDRESSES)
