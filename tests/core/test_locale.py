import datetime as dt
import subprocess
import sys

from django.utils import formats, translation


def test_dates_print_day_month_year_in_vietnamese():
    with translation.override("vi"):
        assert formats.date_format(dt.date(2025, 10, 7), "SHORT_DATE_FORMAT") == "07/10/2025"


def test_money_groups_thousands_with_dots_in_vietnamese():
    with translation.override("vi"):
        assert formats.number_format(1490000, force_grouping=True) == "1.490.000"


def test_vietnamese_date_input_is_day_first():
    with translation.override("vi"):
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"


def test_python_dash_m_thidua_is_the_management_entry():
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "help", "seed_demo"], capture_output=True, text=True, check=False
    )
    assert "seed_demo" in result.stdout
