"""Working days as integers and durations in whole days: tpmdocs/forecast/workdays.py."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpmdocs import figures, schema
from tpmdocs.forecast.workdays import (
    DURATION_PATTERN,
    MAX_DURATION_LENGTH,
    WorkingDays,
    duration_days,
    duration_hours,
)

D = dt.date
XMAS = [D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 26), D(2026, 12, 31), D(2027, 1, 1)]


def slow_index(days: WorkingDays, day: dt.date) -> int:
    """The definition, one day at a time: working days strictly before ``day``, from a base."""
    base = D(2026, 1, 5)  # a Monday
    step = dt.timedelta(days=1)
    count, current = 0, base
    while current < day:
        count += days.is_working(current)
        current += step
    return count


def test_monday_to_friday_by_default():
    days = WorkingDays()
    friday, saturday, sunday, monday = (D(2026, 11, n) for n in (20, 21, 22, 23))
    assert days.index(saturday) == days.index(sunday) == days.index(monday) == days.index(friday) + 1
    assert days.day(days.index(saturday)) == monday
    assert days.last_index_on_or_before(sunday) == days.index(friday)
    assert [days.is_working(d) for d in (friday, saturday, sunday, monday)] == [True, False, False, True]


def test_holidays_are_skipped_both_ways():
    days = WorkingDays(holidays=XMAS)
    wednesday = D(2026, 12, 23)
    # Thursday 24th and Friday 25th are holidays, the 26th a Saturday anyway: Monday 28th is next.
    assert days.day(days.index(wednesday) + 1) == D(2026, 12, 28)
    assert days.index(D(2026, 12, 24)) == days.index(D(2026, 12, 28))
    assert days.last_index_on_or_before(D(2026, 12, 27)) == days.index(wednesday)
    # 31st and 1st are holidays too: the working days around the new year.
    assert days.day(days.index(D(2026, 12, 30)) + 1) == D(2027, 1, 4)
    assert days.holidays == frozenset(XMAS) - {D(2026, 12, 26)}  # a Saturday changes nothing


def test_a_four_day_week():
    days = WorkingDays(weekdays=(0, 1, 2, 3))
    thursday = D(2026, 11, 19)
    assert days.day(days.index(thursday) + 1) == D(2026, 11, 23)
    assert not days.is_working(D(2026, 11, 20))


def test_dates_beyond_the_calendar_are_clamped_not_raised():
    days = WorkingDays()
    assert days.day(10 ** 9) == dt.date.max
    assert days.day(-10) == dt.date.min
    assert days.index(dt.date.max) >= days.index(D(9999, 12, 30))


def test_no_working_day_at_all_is_refused():
    with pytest.raises(ValueError):
        WorkingDays(weekdays=())


@settings(max_examples=60, deadline=None)
@given(st.frozensets(st.integers(0, 6), min_size=1),
       st.lists(st.dates(D(2026, 1, 5), D(2027, 12, 31)), max_size=25),
       st.dates(D(2026, 1, 5), D(2027, 12, 31)))
def test_index_and_day_agree_with_counting_days_one_by_one(weekdays, holidays, day):
    days = WorkingDays(weekdays, holidays)
    base = days.index(D(2026, 1, 5))
    assert days.index(day) - base == slow_index(days, day)
    working = days.day(days.index(day))
    assert working >= day and days.is_working(working)
    assert all(not days.is_working(day + dt.timedelta(n)) for n in range((working - day).days))
    assert days.index(working) == days.index(day)


@pytest.mark.parametrize("text, days, hours", [
    ("8h", 1, 8.0), ("6h", 1, 6.0), ("9h", 2, 9.0), ("1d", 1, 8.0), ("2.5d", 3, 20.0),
    ("0.1d", 1, 0.8), ("1w", 5, 40.0), ("1.5w", 8, 60.0), ("0h", 0, 0.0), ("0.3d", 1, 2.4),
    ("2.25d", 3, 18.0), ("16h", 2, 16.0), ("16.001h", 3, 16.001), ("007d", 7, 56.0)])
def test_durations_round_a_part_of_a_day_up(text, days, hours):
    assert duration_days(text) == days
    assert duration_hours(text) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["3x", "-2d", "2", "d", "2 d", "2.d", ".5d", "2d\n", "1e3h", "２d", None, 3,
                                  "9" * MAX_DURATION_LENGTH + "d", ["2d"]])
def test_what_is_not_a_duration(text):
    assert duration_days(text) is None and duration_hours(text) is None


def test_the_parser_and_the_schema_take_the_same_durations():
    defined = schema.resolved({"$ref": "urn:tpmdocs:v1:common#/$defs/duration"})
    assert defined["pattern"] == DURATION_PATTERN
    assert defined["maxLength"] == MAX_DURATION_LENGTH
    for key in ("estimate", "remaining"):
        assert schema.properties("task")[key]["$ref"].endswith("/$defs/duration")


@given(st.from_regex(DURATION_PATTERN, fullmatch=True).filter(lambda s: len(s) <= MAX_DURATION_LENGTH))
def test_every_duration_the_schema_takes_is_read(text):
    assert duration_days(text) is not None
    assert figures.estimate_hours(text) == duration_hours(text)


def test_figures_read_estimates_through_the_same_function():
    assert figures.estimate_hours("1.5w") == 60.0
    assert figures.estimate_hours("1234567d") == 1234567 * 8.0  # beyond the old 6-digit limit
    assert figures.estimate_hours("3x") is None
