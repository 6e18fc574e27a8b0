"""Terms as users write them, and the deadlines they mean: every kind of term of the seeds."""

import datetime

import pytest

from roadmap.terms import TermKind, Window, parse_term, shift_years

D = datetime.date
# An organization's roadmap for 2026/27 runs from the August that prepares it to the end of the year.
SCHOOL_YEAR = (D(2026, 8, 1), D(2027, 8, 31))
# Seed 003's municipal roadmap: 2022–2024.
MUNICIPAL = (D(2022, 1, 1), D(2024, 12, 31))


def windows(text, period=SCHOOL_YEAR):
    term = parse_term(text, *period)
    assert term is not None, text
    return term.kind, term.windows(*period)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("До 15 сентября 2022 года", D(2022, 9, 15)),
        ("До 1 октября 2022 года", D(2022, 10, 1)),
        ("до 01.10.2026", D(2026, 10, 1)),
        ("15.09.2026", D(2026, 9, 15)),
        ("не позднее 25 декабря 2026 г.", D(2026, 12, 25)),
        # Without a year: the first such day in the roadmap's period.
        ("до 1 октября", D(2026, 10, 1)),
        ("до 15 мая", D(2027, 5, 15)),
    ],
)
def test_a_date(text, due):
    kind, found = windows(text)
    assert kind == TermKind.DATE
    assert found == [Window(due, due)]


def test_two_dates_are_a_range():
    kind, found = windows("с 01.09.2026 по 15.09.2026")
    assert (kind, found) == (TermKind.DATE, [Window(D(2026, 9, 1), D(2026, 9, 15))])


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("август 2023", D(2023, 8, 1), D(2023, 8, 31)),
        ("Январь 2024г.", D(2024, 1, 1), D(2024, 1, 31)),
        ("май 2024", D(2024, 5, 1), D(2024, 5, 31)),
        ("Март 2021 года", D(2021, 3, 1), D(2021, 3, 31)),
        # Without a year, in the 2026/27 roadmap: August prepares the year, May ends it.
        ("август", D(2026, 8, 1), D(2026, 8, 31)),
        ("в мае", D(2027, 5, 1), D(2027, 5, 31)),
        ("февраль 2028", D(2028, 2, 1), D(2028, 2, 29)),
    ],
)
def test_a_month(text, start, due):
    kind, found = windows(text)
    assert kind == TermKind.MONTH
    assert found == [Window(start, due)]


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("август-сентябрь 2023", D(2023, 8, 1), D(2023, 9, 30)),
        ("Август-Сентябрь 2023г.", D(2023, 8, 1), D(2023, 9, 30)),
        ("Сентябрь-Октябрь 2023г.", D(2023, 9, 1), D(2023, 10, 31)),
        ("май-август 2024", D(2024, 5, 1), D(2024, 8, 31)),
        ("Январь-февраль 2021 года", D(2021, 1, 1), D(2021, 2, 28)),
        ("Март - апрель 2021 года", D(2021, 3, 1), D(2021, 4, 30)),
        ("ноябрь 2026 – январь 2027", D(2026, 11, 1), D(2027, 1, 31)),
        ("ноябрь-январь", D(2026, 11, 1), D(2027, 1, 31)),
        ("1 квартал 2021 года", D(2021, 1, 1), D(2021, 3, 31)),
        ("IV квартал 2026", D(2026, 10, 1), D(2026, 12, 31)),
        ("2023 год", D(2023, 1, 1), D(2023, 12, 31)),
    ],
)
def test_a_range_of_months(text, start, due):
    kind, found = windows(text)
    assert kind == TermKind.MONTHS
    assert found == [Window(start, due)]


@pytest.mark.parametrize("text", ["в течение года", "В течение учебного года", "учебный год", "Постоянно"])
def test_the_whole_year_of_a_school_roadmap(text):
    kind, found = windows(text)
    assert kind == TermKind.YEAR
    assert found == [Window(D(2026, 8, 1), D(2027, 8, 31))]


def test_the_whole_year_of_a_municipal_roadmap_is_each_of_its_years():
    kind, found = windows("В течение года", MUNICIPAL)
    assert kind == TermKind.YEAR
    assert found == [
        Window(D(2022, 1, 1), D(2022, 12, 31)),
        Window(D(2023, 1, 1), D(2023, 12, 31)),
        Window(D(2024, 1, 1), D(2024, 12, 31)),
    ]


def test_yearly_by_a_date():
    kind, found = windows("Ежегодно до 01 октября", MUNICIPAL)
    assert kind == TermKind.YEARLY
    assert [window.due for window in found] == [D(2022, 10, 1), D(2023, 10, 1), D(2024, 10, 1)]
    # In one school year it falls once.
    assert windows("ежегодно до 01 октября")[1] == [Window(D(2026, 10, 1), D(2026, 10, 1))]


def test_yearly_in_months():
    kind, found = windows("Ежегодно (ноябрь-декабрь)", MUNICIPAL)
    assert kind == TermKind.YEARLY
    assert found[0] == Window(D(2022, 11, 1), D(2022, 12, 31))
    assert len(found) == 3


def test_years_listed_one_by_one():
    kind, found = windows("2022 год 2023 год 2024 год", (D(2021, 1, 1), D(2024, 12, 31)))
    assert kind == TermKind.YEARLY
    assert [window.due for window in found] == [D(2022, 12, 31), D(2023, 12, 31), D(2024, 12, 31)]


def test_yearly_on_29_february_falls_on_the_28th_in_other_years():
    _kind, found = windows("ежегодно до 29 февраля", MUNICIPAL)
    assert [window.due for window in found] == [D(2022, 2, 28), D(2023, 2, 28), D(2024, 2, 29)]


@pytest.mark.parametrize(
    "text",
    [
        "ежеквартально: 1 января, 1 апреля, 1 июля, 1 октября",
        "Ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)",
        "ежеквартально на 01.01, 01.04, 01.07, 01.10",
    ],
)
def test_quarterly_on_given_dates(text):
    kind, found = windows(text)
    assert kind == TermKind.QUARTERLY
    assert [window.due for window in found] == [D(2026, 10, 1), D(2027, 1, 1), D(2027, 4, 1), D(2027, 7, 1)]


def test_quarterly_by_the_10th_of_the_month_after_the_quarter():
    kind, found = windows("ежеквартально, до 10 числа месяца, следующего за отчётным")
    assert kind == TermKind.QUARTERLY
    assert [window.due for window in found] == [D(2026, 10, 10), D(2027, 1, 10), D(2027, 4, 10), D(2027, 7, 10)]


def test_quarterly_in_a_municipal_roadmap_has_twelve_dates():
    assert len(windows("Ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)", MUNICIPAL)[1]) == 12


@pytest.mark.parametrize("text", ["по отдельному плану", "По отдельному плану-графику", "по графику"])
def test_by_a_separate_plan_has_no_deadline(text):
    assert windows(text) == (TermKind.PLAN, [])


@pytest.mark.parametrize("text", ["", "когда получится", "к педсовету"])
def test_words_that_are_no_term(text):
    assert parse_term(text, *SCHOOL_YEAR) is None


def test_a_month_is_not_found_inside_another_word():
    assert parse_term("смарт-обучение", *SCHOOL_YEAR) is None


def test_shifting_years_moves_only_the_years_of_the_period():
    text = "Август-Сентябрь 2023г., отчёт за 2023-2024 учебный год по приказу 2019 года"
    assert shift_years(text, 3, range(2023, 2025)) == (
        "Август-Сентябрь 2026г., отчёт за 2026-2027 учебный год по приказу 2019 года"
    )
