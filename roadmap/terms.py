"""Terms of roadmap activities as users write them, and the deadlines they mean.

A term is shown and printed in the user's own words («август-сентябрь 2023», «ежегодно до 01
октября», «ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)»); ``parse_term`` reads those
words once, in the period of the roadmap, into a ``Term`` that is stored next to the text, and
``Term.windows`` turns it into the windows (start, deadline) of the activity: one for a one-off
term, one per year or quarter for a recurring one, none for «по отдельному плану».

Words without a year («август», «до 1 октября») take the first such month or day in the
roadmap's period, so a template keeps meaning the same months when it is moved to another year.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    DATE = "date", _("by a date")
    MONTH = "month", _("a month")
    MONTHS = "months", _("a range of months")
    YEAR = "year", _("during the year")
    YEARLY = "yearly", _("every year")
    QUARTERLY = "quarterly", _("every quarter")
    PLAN = "plan", _("by a separate plan")
    TEXT = "text", _("no deadline")


RECURRING_KINDS = {TermKind.YEARLY, TermKind.QUARTERLY}
NO_DEADLINE_KINDS = {TermKind.PLAN, TermKind.TEXT}


@dataclass(frozen=True)
class Window:
    """When an activity (or one occurrence of it) is carried out: from ``start`` to the deadline ``due``."""

    start: datetime.date
    due: datetime.date


@dataclass(frozen=True)
class Term:
    """What a term means. ``start``/``end`` for one-off kinds; ``rule`` for yearly and quarterly ones:
    a list of {"from": "MM-DD", "due": "MM-DD", "years": [...]} ("from" and "years" optional)."""

    kind: TermKind
    start: datetime.date | None = None
    end: datetime.date | None = None
    rule: list[dict] = field(default_factory=list)

    def windows(self, period_start: datetime.date, period_end: datetime.date) -> list[Window]:
        if self.kind in (TermKind.DATE, TermKind.MONTH, TermKind.MONTHS):
            return [Window(self.start or self.end, self.end)]
        if self.kind == TermKind.YEAR:
            return year_windows(period_start, period_end)
        if self.kind in RECURRING_KINDS:
            return rule_windows(self.rule, period_start, period_end)
        return []


MONTHS_NOMINATIVE = [
    "",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
# A month in any case a term uses: «август», «августа», «в августе», «мае».
MONTH = (
    r"(?<![а-я])(январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|"
    r"сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])(?![а-я])"
)
MONTH_STEMS = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
YEAR = r"(?<!\d)(\d{4})(?!\d)"
DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s+" + MONTH + r"(?:\s*" + YEAR + r")?")
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d])")
MONTH_RANGE = re.compile(MONTH + r"(?:\s*" + YEAR + r")?\s*(?:-|по|—)\s*" + MONTH + r"(?:\s*" + YEAR + r")?")
MONTH_ONE = re.compile(MONTH + r"(?:\s*" + YEAR + r")?")
QUARTER = re.compile(r"(?<![\d])(1|2|3|4|iv|i{1,3})\s*(?:-?[йго]{1,2})?\s*квартал\w*(?:\s*" + YEAR + r")?")
YEAR_RANGE = re.compile(r"^" + YEAR + r"\s*-\s*" + YEAR + r"$")
ONLY_YEARS = re.compile(r"^(?:" + YEAR + r"[\s,;и]*)+$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

PLAN_WORDS = re.compile(r"отдельн\w*\s+план|по\s+плану|по\s+графику|план[-\s]график")
YEAR_WORDS = re.compile(
    r"в\s+течени[ие]\s+(всего\s+|учебного\s+|календарного\s+)?(года|периода|уч\.?\s*г)|"
    r"^(весь\s+)?учебн\w*\s+год$|^постоянно$|^ежедневно$|^регулярно$|^в\s+течение\s+учебного\s+года$|"
    r"^весь\s+период$|^систематически$|^ежемесячно$"
)


def month_number(word: str) -> int:
    for index, stem in enumerate(MONTH_STEMS, start=1):
        if word.startswith(stem):
            return index
    raise ValueError(word)


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, with 29 February falling back to the 28th in other years; None if impossible."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def normalize(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[–—−‑]", "-", text)
    # «2023г.», «2023 года», «2022-2024 гг.»: the year is what matters.
    text = re.sub(r"(?<=\d)\s*(гг?\.?|года?|годы|годов)(?![а-я])", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .;,")


def first_in_period(month: int, day: int | None, period_start: datetime.date) -> int:
    """The year of the first such month (or day of it) on or after the start of the period."""
    year = period_start.year
    probe = safe_date(year, month, day or calendar.monthrange(year, month)[1])
    return year if probe is not None and probe >= period_start else year + 1


def full_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_term(text: str, period_start: datetime.date, period_end: datetime.date) -> Term | None:
    """What the words mean in the roadmap's period; None when they are not understood."""
    words = normalize(text)
    if not words:
        return None
    if words.startswith(("ежекварт", "поквартально", "раз в квартал")):
        return _quarterly(words)
    if words.startswith(("ежегодно", "раз в год", "каждый год")):
        return _yearly(words)
    if PLAN_WORDS.search(words):
        return Term(TermKind.PLAN)
    if YEAR_WORDS.search(words):
        return Term(TermKind.YEAR)
    if ONLY_YEARS.match(words):
        years = sorted({int(year) for year in re.findall(YEAR, words)})
        if len(years) == 1:
            return Term(TermKind.MONTHS, datetime.date(years[0], 1, 1), datetime.date(years[0], 12, 31))
        return Term(TermKind.YEARLY, rule=[{"from": "01-01", "due": "12-31", "years": years}])
    match = YEAR_RANGE.match(words)
    if match:
        first, last = sorted(int(year) for year in match.groups())
        return Term(TermKind.MONTHS, datetime.date(first, 1, 1), datetime.date(last, 12, 31))
    match = QUARTER.search(words)
    if match:
        quarter = ROMAN.get(match[1]) or int(match[1])
        first_month = 3 * quarter - 2
        year = full_year(match[2]) or first_in_period(first_month, None, period_start)
        return Term(TermKind.MONTHS, datetime.date(year, first_month, 1), last_day(year, first_month + 2))
    dates = _dates(words, period_start)
    if dates:
        return Term(TermKind.DATE, min(dates), max(dates))
    match = MONTH_RANGE.search(words)
    if match:
        first_month, first_year = month_number(match[1]), full_year(match[2])
        last_month, last_year = month_number(match[3]), full_year(match[4])
        if first_year is None and last_year is not None:
            first_year = last_year if first_month <= last_month else last_year - 1
        if first_year is None:
            first_year = first_in_period(first_month, 1, period_start)
        if last_year is None:
            last_year = first_year if last_month >= first_month else first_year + 1
        start, end = datetime.date(first_year, first_month, 1), last_day(last_year, last_month)
        if end < start:
            return None
        return Term(TermKind.MONTHS, start, end)
    match = MONTH_ONE.search(words)
    if match:
        month = month_number(match[1])
        year = full_year(match[2]) or first_in_period(month, 1, period_start)
        return Term(TermKind.MONTH, datetime.date(year, month, 1), last_day(year, month))
    return None


def _dates(words: str, period_start: datetime.date) -> list[datetime.date]:
    found = []
    for match in DAY_MONTH.finditer(words):
        day, month = int(match[1]), month_number(match[2])
        year = full_year(match[3]) or first_in_period(month, day, period_start)
        found.append(safe_date(year, month, day))
    for match in NUMERIC_DATE.finditer(words):
        day, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            continue
        year = full_year(match[3]) or first_in_period(month, day, period_start)
        found.append(safe_date(year, month, day))
    return [day for day in found if day is not None]


def _day_months(words: str) -> list[tuple[int, int]]:
    pairs = [(month_number(match[2]), int(match[1])) for match in DAY_MONTH.finditer(words)]
    pairs += [(int(match[2]), int(match[1])) for match in NUMERIC_DATE.finditer(words) if 1 <= int(match[2]) <= 12]
    return [(month, day) for month, day in pairs if safe_date(2024, month, day) is not None]


def _quarterly(words: str) -> Term:
    pairs = _day_months(words)
    if not pairs:
        # «до 10 числа месяца, следующего за отчётным»: the 10th of January, April, July, October.
        # Without a day: the last day of each quarter.
        match = re.search(r"(\d{1,2})\s*(?:-?го)?\s*числа", words)
        quarter_ends = [(3, 31), (6, 30), (9, 30), (12, 31)]
        pairs = [(month, int(match[1])) for month in (1, 4, 7, 10)] if match else quarter_ends
    return Term(TermKind.QUARTERLY, rule=[{"due": f"{month:02d}-{day:02d}"} for month, day in sorted(set(pairs))])


def _yearly(words: str) -> Term | None:
    pairs = _day_months(words)
    if pairs:
        return Term(TermKind.YEARLY, rule=[{"due": f"{month:02d}-{day:02d}"} for month, day in sorted(set(pairs))])
    match = MONTH_RANGE.search(words)
    if match:
        first, last = month_number(match[1]), month_number(match[3])
        return Term(TermKind.YEARLY, rule=[{"from": f"{first:02d}-01", "due": _month_end(last)}])
    match = MONTH_ONE.search(words)
    if match:
        month = month_number(match[1])
        return Term(TermKind.YEARLY, rule=[{"from": f"{month:02d}-01", "due": _month_end(month)}])
    return None


def _month_end(month: int) -> str:
    # A leap year, so February ends on the 29th; other years fall back to the 28th.
    return f"{month:02d}-{calendar.monthrange(2024, month)[1]:02d}"


def _month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)


def rule_windows(rule: list[dict], period_start: datetime.date, period_end: datetime.date) -> list[Window]:
    windows = set()
    for entry in rule:
        due_month, due_day = _month_day(entry["due"])
        from_month, from_day = _month_day(entry.get("from", entry["due"]))
        years = entry.get("years")
        for year in range(period_start.year, period_end.year + 1):
            if years and year not in years:
                continue
            due = safe_date(year, due_month, due_day)
            start_year = year if (from_month, from_day) <= (due_month, due_day) else year - 1
            start = safe_date(start_year, from_month, from_day)
            if due is not None and start is not None and period_start <= due <= period_end:
                windows.add(Window(start, due))
    return sorted(windows, key=lambda window: window.due)


def year_windows(period_start: datetime.date, period_end: datetime.date) -> list[Window]:
    """«В течение года»: the whole period, or each of its years when it runs several years."""
    windows = []
    start = period_start
    while start <= period_end:
        next_start = safe_date(start.year + 1, start.month, start.day)
        due = min(next_start - datetime.timedelta(days=1), period_end)
        # A tail shorter than a month (a period of 01.09–30.09 a year later) joins the last year.
        if windows and (due - start).days < 31:
            windows[-1] = Window(windows[-1].start, due)
        else:
            windows.append(Window(start, due))
        start = next_start
    return windows


def shift_years(text: str, delta: int, years: range) -> str:
    """Moves every year of ``years`` written in the text by ``delta``; other years stay."""
    if not delta or not text:
        return text

    def move(match: re.Match) -> str:
        year = int(match[0])
        return str(year + delta) if year in years else match[0]

    return re.sub(YEAR, move, text)


def month_label(year: int, month: int) -> str:
    return f"{MONTHS_NOMINATIVE[month]} {year}"
