"""Academic years run from 1 September to 31 August; one is stored as its starting year."""

import datetime

FIRST_MONTH = 9


def academic_year_of(day: datetime.date) -> int:
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def academic_year_label(start_year: int) -> str:
    return f"{start_year}/{start_year + 1}"


def academic_year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(start_year, FIRST_MONTH, 1), datetime.date(start_year + 1, FIRST_MONTH - 1, 31)


def academic_year_choices(around: datetime.date, *, back: int = 3, ahead: int = 1) -> list[tuple[int, str]]:
    current = academic_year_of(around)
    return [(year, academic_year_label(year)) for year in range(current + ahead, current - back - 1, -1)]
