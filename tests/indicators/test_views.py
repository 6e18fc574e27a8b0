"""The pages of the indicators as their users see them."""

import datetime
import re
from decimal import Decimal

from django.urls import reverse

from accounts.models import Role
from mentoring.models import MenteeEntry
from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod, Submission, Target
from monitoring.indicators.services import period_submit
from tests.helpers import assert_queries_constant
from tests.indicators.factories import ContingentFactory, period_of
from tests.mentoring.factories import ParticipantFactory

VALID = {
    "students_total": "400",
    "students_10_19": "240",
    "students_15_19": "80",
    "students_additional": "120",
    "teachers": "40",
    "teachers_under_35": "10",
    "young_specialists": "5",
    "staff_trained": "12",
    "partner_organizations": "4",
}


def field_errors(page: str, name: str) -> list[str]:
    """The error messages crispy renders right after the field's input."""
    match = re.search(rf'name="{name}".*?(?=<div id="div_id_|</fieldset>)', page, re.S)
    assert match, name
    return re.findall(r'<p id="error_\d+_id_' + name + r'"><strong>(.*?)</strong>', match.group(0))


def test_the_organization_sees_its_values_against_the_targets(world, login_as):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period)
    MenteeEntry.objects.create(
        participant=ParticipantFactory(organization=world.a.organization),
        academic_year=2026,
        entered_on=datetime.date(2026, 9, 10),
        completed_on=datetime.date(2026, 9, 25),
        full_cycle=True,
    )
    Target.objects.create(
        municipality=world.a.municipality, indicator=Indicator.objects.get(code="students-mentees"), year=2026, value=20
    )
    page = login_as(world.a.users[Role.CURATOR]).get(reverse("indicator_overview")).content.decode()
    assert "Значения на 01.10.2026" in page
    row = re.search(r'data-code="students-mentees">.*?</tr>', page, re.S).group(0)
    assert "Обучающиеся — наставляемые" in row
    # One decimal, half up, from the exact 0.25 and -19.75.
    assert "0,3&nbsp;%" in row and "20,0&nbsp;%" in row and "-19,8" in row
    assert "Ещё не отправлено; срок — до 10.10.2026" in page
    assert "Отправить в муниципалитет" in page
    assert "не относится к организациям этого вида" in page  # additional education, for a school


def test_without_periods_the_pages_explain_who_sets_them(world, login_as):
    client = login_as(world.a.users[Role.DIRECTOR])
    assert "Муниципалитет ещё не задал отчётные периоды" in client.get(reverse("indicator_overview")).content.decode()
    assert "Муниципалитет ещё не задал отчётные периоды" in client.get(reverse("contingent_edit")).content.decode()


def test_the_contingent_form_offers_last_periods_figures(world, login_as):
    earlier = period_of(world.a, datetime.date(2026, 7, 1))
    ContingentFactory(organization=world.a.organization, period=earlier, students_total=777)
    period_of(world.a)
    page = login_as(world.a.users[Role.CURATOR]).get(reverse("contingent_edit")).content.decode()
    assert "Контингент на 01.10.2026" in page
    assert "В форму подставлены данные на 01.07.2026" in page
    assert re.search(r'name="students_total" value="777"', page)
    assert not ContingentFigures.objects.filter(period__reporting_date=datetime.date(2026, 10, 1)).exists()


def test_the_contingent_form_shows_errors_next_to_the_fields_and_saves_nothing(world, login_as):
    period = period_of(world.a)
    client = login_as(world.a.users[Role.CURATOR])
    data = VALID | {"teachers": "-3", "students_15_19": "300", "students_10_19": "250"}
    response = client.post(f"{reverse('contingent_edit')}?period={period.pk}", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert field_errors(page, "teachers") == ["Число не может быть отрицательным."]
    assert field_errors(page, "students_15_19") == [
        "Не может быть больше, чем «обучающихся в возрасте 10–19 лет» (250)."
    ]
    assert field_errors(page, "students_total") == []
    assert 'name="students_15_19" value="300"' in page  # the input is kept
    assert not ContingentFigures.objects.exists()

    response = client.post(f"{reverse('contingent_edit')}?period={period.pk}", VALID)
    assert response.status_code == 302
    assert ContingentFigures.objects.get().teachers == 40
    assert "Контингент на 01.10.2026 сохранён." in client.get(response["Location"]).content.decode()


def test_submitting_asks_to_confirm_then_freezes_the_values(world, login_as):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period)
    client = login_as(world.a.users[Role.DIRECTOR])
    confirm = client.get(reverse("period_submit", args=[period.pk])).content.decode()
    assert "После отправки они фиксируются" in confirm and "Да, отправить" in confirm
    assert not Submission.objects.exists()
    response = client.post(reverse("period_submit", args=[period.pk]))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.submitted_by == world.a.users[Role.DIRECTOR]
    page = client.get(response["Location"]).content.decode()
    assert "Значения на 01.10.2026 отправлены в муниципалитет." in page
    assert "Ниже — значения на момент отправки" in page
    assert "Отправить повторно" in page

    client.post(reverse("period_submit", args=[period.pk]))
    history = client.get(reverse("submission_list")).content.decode()
    assert history.count("заменена более поздней") == 1
    assert history.count("действующая") == 1


def test_submitting_without_the_contingent_is_refused_with_a_message(world, login_as):
    period = period_of(world.a)
    client = login_as(world.a.users[Role.CURATOR])
    page = client.get(reverse("period_submit", args=[period.pk])).content.decode()
    assert "Перед отправкой введите контингент этого периода." in page
    assert "Да, отправить" not in page
    response = client.post(reverse("period_submit", args=[period.pk]), follow=True)
    assert "Перед отправкой введите контингент этого периода." in response.content.decode()
    assert not Submission.objects.exists()


def test_another_municipalitys_period_and_submission_are_not_found(world, login_as):
    foreign = period_of(world.b)
    ContingentFactory(organization=world.b.organization, period=foreign)
    submission = period_submit(organization=world.b.organization, period=foreign, by=world.b.users[Role.CURATOR])
    client = login_as(world.a.users[Role.CURATOR])
    assert client.post(reverse("period_submit", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("submission_detail", args=[submission.pk])).status_code == 404
    assert client.get(f"{reverse('indicator_overview')}?period={foreign.pk}").status_code == 404
    coordinator = login_as(world.a.users[Role.COORDINATOR])
    assert coordinator.get(reverse("submission_detail", args=[submission.pk])).status_code == 404
    assert coordinator.get(reverse("period_update", args=[foreign.pk])).status_code == 404


def test_the_coordinator_sees_submissions_of_the_municipality_without_personal_data(world, login_as):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period)
    pupil = ParticipantFactory(organization=world.a.organization, last_name="Секретова")
    MenteeEntry.objects.create(participant=pupil, academic_year=2026, entered_on=datetime.date(2026, 9, 10))
    submission = period_submit(organization=world.a.organization, period=period, by=world.a.users[Role.CURATOR])
    client = login_as(world.a.users[Role.COORDINATOR])
    listing = client.get(reverse("submission_list")).content.decode()
    assert "Школа A" in listing
    detail = client.get(reverse("submission_detail", args=[submission.pk])).content.decode()
    assert "Школа A: значения на 01.10.2026" in detail
    assert "Секретова" not in detail and "Секретова" not in listing
    assert client.get(reverse("contingent_edit")).status_code == 403
    assert client.post(reverse("period_submit", args=[period.pk])).status_code == 403


def test_the_coordinator_edits_targets_by_indicator_and_year(world, login_as):
    client = login_as(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("target_table"), {"from": 2024}).content.decode()
    assert all(f'<th class="text-center">{year}</th>' in page for year in (2024, 2025, 2026, 2027))
    response = client.post(
        f"{reverse('target_table')}?from=2024",
        {"students-mentees-2026": "150", "staff-trained-2026": "35"},
    )
    assert response.status_code == 200
    assert "Доля не может быть больше 100%." in response.content.decode()
    assert "Ничего не сохранено" in response.content.decode()
    assert not Target.objects.exists()
    response = client.post(
        f"{reverse('target_table')}?from=2024",
        {"students-mentees-2026": "50,5", "staff-trained-2026": "35"},
    )
    assert response.status_code == 302
    assert sorted(Target.objects.values_list("indicator__code", "year", "value")) == [
        ("staff-trained", 2026, Decimal("35.00")),
        ("students-mentees", 2026, Decimal("50.50")),
    ]
    assert Target.objects.filter(municipality=world.a.municipality).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert 'value="50,50"' in page or 'value="50.50"' in page
    # Clearing a cell removes its target.
    client.post(f"{reverse('target_table')}?from=2024", {"staff-trained-2026": "35"})
    assert list(Target.objects.values_list("indicator__code", flat=True)) == ["staff-trained"]


def test_the_coordinator_sets_reporting_periods(world, login_as):
    client = login_as(world.a.users[Role.COORDINATOR])
    response = client.post(reverse("periods_quarterly"), {"academic_year": "2026"}, follow=True)
    assert "Добавлены периоды 2026/2027 учебного года: 01.10.2026, 01.01.2027, 01.04.2027, 01.07.2027." in (
        response.content.decode()
    )
    response = client.post(reverse("period_list"), {"reporting_date": "2026-12-15", "due_on": ""}, follow=True)
    assert "Период на 15.12.2026 добавлен." in response.content.decode()
    assert ReportingPeriod.objects.get(reporting_date=datetime.date(2026, 12, 15)).due_on == datetime.date(2027, 1, 10)
    response = client.post(reverse("period_list"), {"reporting_date": "2026-12-15", "due_on": "2026-12-01"})
    page = response.content.decode()
    assert "Период с такой отчётной датой уже есть." in page
    assert "Срок сдачи не может быть раньше отчётной даты." in page

    period = ReportingPeriod.objects.get(reporting_date=datetime.date(2027, 1, 1))
    response = client.post(
        reverse("period_update", args=[period.pk]), {"reporting_date": "2027-01-01", "due_on": "2027-01-20"}
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.due_on == datetime.date(2027, 1, 20)

    ContingentFactory(organization=world.a.organization, period=period)
    response = client.post(reverse("period_delete", args=[period.pk]), follow=True)
    assert "его нельзя удалить" in response.content.decode()
    other = ReportingPeriod.objects.get(reporting_date=datetime.date(2027, 4, 1))
    response = client.post(reverse("period_delete", args=[other.pk]), follow=True)
    assert "Период на 01.04.2027 удалён." in response.content.decode()
    assert ReportingPeriod.objects.filter(municipality=world.a.municipality).count() == 4


def test_home_panel_and_navbar(world, login_as):
    period = period_of(world.a)
    client = login_as(world.a.users[Role.CURATOR])
    home = client.get(reverse("home")).content.decode()
    assert "Значения на 01.10.2026, срок сдачи — до 10.10.2026." in home
    assert "Не отправлено, срок сдачи прошёл." in home
    assert "Показатели" in home and reverse("indicator_overview") in home
    ContingentFactory(organization=world.a.organization, period=period)
    period_submit(organization=world.a.organization, period=period, by=world.a.users[Role.CURATOR])
    assert "Отправлено " in client.get(reverse("home")).content.decode()
    # A mentor has neither the panel nor the menu.
    mentor_home = login_as(world.a.users[Role.MENTOR]).get(reverse("home")).content.decode()
    assert "срок сдачи" not in mentor_home and reverse("indicator_overview") not in mentor_home
    coordinator_home = login_as(world.a.users[Role.COORDINATOR]).get(reverse("home")).content.decode()
    assert reverse("target_table") in coordinator_home and reverse("period_list") in coordinator_home


def test_the_coordinator_overview_lists_indicators_with_targets(world, login_as):
    period_of(world.a)
    Target.objects.create(
        municipality=world.a.municipality, indicator=Indicator.objects.get(code="partners-mentors"), year=2026, value=60
    )
    page = login_as(world.a.users[Role.COORDINATOR]).get(reverse("indicator_overview")).content.decode()
    assert "Показатели муниципалитета" in page
    assert "Цель 2026" in page
    assert "Предприятия, предоставившие наставников" in page and "60,0&nbsp;%" in page
    assert "Приказ № 975 от 19.09.2022" in page


def test_pages_take_as_many_queries_whatever_the_data(world, login_as):
    period = period_of(world.a)
    earlier = period_of(world.a, datetime.date(2026, 7, 1))
    for each in (period, earlier):
        ContingentFactory(organization=world.a.organization, period=each)
    curator = world.a.users[Role.CURATOR]
    client = login_as(curator)

    def more_mentees():
        for _number in range(3):
            MenteeEntry.objects.create(
                participant=ParticipantFactory(organization=world.a.organization),
                academic_year=2026,
                entered_on=datetime.date(2026, 9, 10),
                completed_on=datetime.date(2026, 9, 25),
                full_cycle=True,
            )

    def more_submissions():
        more_mentees()
        for each in (period, earlier):
            period_submit(organization=world.a.organization, period=each, by=curator)

    # Live values, then frozen ones with a growing history.
    assert_queries_constant(lambda: client.get(reverse("indicator_overview")), more_mentees)
    period_submit(organization=world.a.organization, period=period, by=curator)
    assert_queries_constant(lambda: client.get(reverse("indicator_overview")), more_submissions)
    assert_queries_constant(lambda: client.get(reverse("submission_list")), more_submissions)
    coordinator = login_as(world.a.users[Role.COORDINATOR])
    assert_queries_constant(lambda: coordinator.get(reverse("submission_list")), more_submissions)
    assert_queries_constant(lambda: coordinator.get(reverse("period_list")), more_submissions)


def test_a_share_above_100_is_warned_of_and_submitted_only_when_confirmed(world, login_as):
    # 50 trained of 40 teachers: 125 %, most likely a figure entered wrong.
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period, staff_trained=50, teachers=40)
    client = login_as(world.a.users[Role.CURATOR])
    overview = client.get(reverse("indicator_overview"), {"period": period.pk}).content.decode()
    assert 'data-testid="exceeding-warning"' in overview and "Работники, обученные наставничеству: 50 / 40" in overview
    assert "больше численности контингента" in overview
    confirm = client.get(reverse("period_submit", args=[period.pk])).content.decode()
    assert 'data-testid="exceeding-warning"' in confirm and 'name="confirm_exceeding"' in confirm

    response = client.post(reverse("period_submit", args=[period.pk]))
    assert response.status_code == 200
    errors = re.findall(r'data-testid="confirm-exceeding-error">(.*?)</div>', response.content.decode())
    assert errors == [
        "Работники, обученные наставничеству: более 100 %, числитель больше численности контингента. "
        "Проверьте численность контингента и реестры или подтвердите достоверность значений."
    ]
    assert not Submission.objects.exists()

    response = client.post(reverse("period_submit", args=[period.pk]), {"confirm_exceeding": "on"})
    assert response.status_code == 302
    assert Submission.objects.get().values["staff-trained"]["value"] == "125"


def test_shares_within_the_whole_ask_for_no_confirmation(world, login_as):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period, staff_trained=40, teachers=40)
    client = login_as(world.a.users[Role.CURATOR])
    confirm = client.get(reverse("period_submit", args=[period.pk])).content.decode()
    assert "exceeding-warning" not in confirm and 'name="confirm_exceeding"' not in confirm
    assert client.post(reverse("period_submit", args=[period.pk])).status_code == 302
    assert Submission.objects.get().values["staff-trained"]["value"] == "100"


def test_values_on_an_earlier_periods_figures_say_their_date(world, login_as):
    july = period_of(world.a, datetime.date(2026, 7, 1))
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=july, staff_trained=1, teachers=3)
    client = login_as(world.a.users[Role.CURATOR])
    page = client.get(reverse("indicator_overview"), {"period": period.pk}).content.decode()
    row = re.search(r'data-code="staff-trained">.*?</tr>', page, re.S).group(0)
    # 1 of 3 = 33.33…: one decimal, and the date of the figures it was divided by.
    assert "33,3&nbsp;%" in row and "по данным на 01.07.2026" in row
    own = client.get(reverse("indicator_overview"), {"period": july.pk}).content.decode()
    assert "по данным на" not in own
