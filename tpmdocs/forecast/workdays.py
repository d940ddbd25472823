"""Working days and durations: the one place where dates become working days and back.

A schedule counts whole working days. Working days are numbered by consecutive
integers (an *index*), so that the forecast adds and compares plain numbers
instead of stepping through dates: "the working day after X" is ``X + 1``, a
3-day task starting on working day ``S`` finishes on ``S + 2``. Converting a
date to its index and back costs a division and a binary search over the
holidays, whatever the dates; nothing is precomputed per day, so a 10,000-task
chain that runs for centuries costs what a short plan costs.

Durations (``estimate``, ``remaining``) are ``Nh``, ``Nd`` or ``Nw`` with an
optional decimal part: 8 hours make a working day and a week is 5 working days
(as the SPEC says, whatever the repository's working week). They are read with
integer arithmetic, so ``0.1d`` three times is exactly ``0.3d`` and a part of a
day rounds up exactly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable

from ..config import WEEKDAY_NAMES

#: The schema's pattern for a duration (``common.schema.json#/$defs/duration``), word for
#: word: tests/unit/test_workdays.py holds the two equal, so the parser and the schema agree.
DURATION_PATTERN = r"^[0-9]+(\.[0-9]+)?[hdw](?![\s\S])"
MAX_DURATION_LENGTH = 32
_DURATION = re.compile(r"([0-9]+)(?:\.([0-9]+))?([hdw])")
HOURS_PER_DAY = 8
_HOURS_PER_UNIT = {"h": 1, "d": HOURS_PER_DAY, "w": 5 * HOURS_PER_DAY}

MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)

_FIRST_ORDINAL = dt.date.min.toordinal()  # 0001-01-01, a Monday
_LAST_ORDINAL = dt.date.max.toordinal()


def _exact_hours(value: object) -> tuple[int, int] | None:
    """A duration as ``(numerator, denominator)`` hours, or None when it is not one."""
    if not isinstance(value, str) or len(value) > MAX_DURATION_LENGTH:
        return None
    return _parsed_hours(value)


@functools.lru_cache(maxsize=4096)
def _parsed_hours(value: str) -> tuple[int, int] | None:
    """(:func:`_exact_hours` of a text, kept: a network built again reads the same few dozen
    estimates of hundreds of tasks)"""
    match = _DURATION.fullmatch(value)
    if match is None:
        return None
    whole, fraction, unit = match.groups()
    fraction = fraction or ""
    return int(whole + fraction) * _HOURS_PER_UNIT[unit], 10 ** len(fraction)


def duration_hours(value: object) -> float | None:
    """``6h``, ``3d``, ``1.5w`` in hours (8 a day, 40 a week), or None when not a duration."""
    exact = _exact_hours(value)
    return None if exact is None else exact[0] / exact[1]


def duration_days(value: object) -> int | None:
    """A duration in whole working days, a part of a day rounded up (``6h`` is 1, ``9h`` is 2),
    or None when it is not a duration."""
    exact = _exact_hours(value)
    if exact is None:
        return None
    numerator, denominator = exact
    return -(-numerator // (denominator * HOURS_PER_DAY))


class WorkingDays:
    """The working days of a project: some weekdays (Monday to Friday by default) minus holidays.

    ``index(day)`` numbers working days consecutively (the number of working days since
    0001-01-01); a day that is not a working day gets the index of the next working day.
    ``day(index)`` turns an index back into its date. Instances are immutable.
    """

    __slots__ = (
        "_before",
        "_holiday_ordinals",
        "_holiday_plain",
        "_holiday_shift",
        "_nth",
        "_per_week",
        "holidays",
        "weekdays",
    )

    def __init__(self, weekdays: Iterable[int] = MONDAY_TO_FRIDAY,
                 holidays: Iterable[dt.date] = ()) -> None:
        self.weekdays = frozenset(weekdays)
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise ValueError(f"weekdays must be some of 0-6 (Monday-Sunday), not {sorted(self.weekdays)}")
        #: the holidays that fall on a working weekday (the others change nothing)
        self.holidays = frozenset(day for day in holidays if day.weekday() in self.weekdays)
        self._per_week = len(self.weekdays)
        #: working weekdays before weekday r (r = 0..7), and the weekday of the k-th one
        self._before = [sum(1 for w in self.weekdays if w < r) for r in range(8)]
        self._nth = sorted(self.weekdays)
        self._holiday_ordinals = frozenset(day.toordinal() for day in self.holidays)
        self._holiday_plain = sorted(self._plain(o) for o in self._holiday_ordinals)
        # For day(): how many holidays lie before index i is the number of c with
        # plain[c] - c <= i (plain[c] - c never decreases, so bisect finds it).
        self._holiday_shift = [plain - c for c, plain in enumerate(self._holiday_plain)]

    def __repr__(self) -> str:
        names = ",".join(WEEKDAY_NAMES[w] for w in sorted(self.weekdays))
        return f"WorkingDays({names}, {len(self.holidays)} holidays)"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, WorkingDays) and self.weekdays == other.weekdays
                and self.holidays == other.holidays)

    def __hash__(self) -> int:
        return hash((self.weekdays, self.holidays))

    def _plain(self, ordinal: int) -> int:
        """Working weekdays (holidays counted as working) strictly before ``ordinal``."""
        weeks, weekday = divmod(ordinal - _FIRST_ORDINAL, 7)
        return weeks * self._per_week + self._before[weekday]

    def index_of_ordinal(self, ordinal: int) -> int:
        """:meth:`index` of a day given by its proleptic Gregorian ordinal."""
        plain = self._plain(ordinal)
        return plain - bisect.bisect_left(self._holiday_plain, plain)

    def index(self, day: dt.date) -> int:
        """The index of ``day`` if it is a working day, else of the next working day."""
        return self.index_of_ordinal(day.toordinal())

    def last_index_on_or_before(self, day: dt.date) -> int:
        """The index of ``day`` if it is a working day, else of the working day before it."""
        return self.index_of_ordinal(day.toordinal() + 1) - 1

    def ordinal(self, index: int) -> int:
        """The ordinal of working day ``index`` (unbounded: may lie outside ``date``'s range)."""
        plain = index + bisect.bisect_right(self._holiday_shift, index)
        weeks, nth = divmod(plain, self._per_week)
        return _FIRST_ORDINAL + weeks * 7 + self._nth[nth]

    def day(self, index: int) -> dt.date:
        """The date of working day ``index``; clamped to 0001-01-01 .. 9999-12-31 (a forecast
        beyond the last date Python knows shows that date)."""
        ordinal = self.ordinal(index)
        if not _FIRST_ORDINAL <= ordinal <= _LAST_ORDINAL:
            ordinal = _FIRST_ORDINAL if ordinal < _FIRST_ORDINAL else _LAST_ORDINAL
        return dt.date.fromordinal(ordinal)

    def is_working(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day.toordinal() not in self._holiday_ordinals
