"""The satisfaction indicators read the questionnaires' responses of the period."""

import datetime
from decimal import Decimal
from itertools import count

from django.utils import timezone

from monitoring.indicators.aggregates import municipal_values, organization_aggregates, period_aggregates, totals
from monitoring.indicators.selectors import (
    OrganizationValues,
    compute_values,
    indicators_for,
    municipality_values,
)
from monitoring.indicators.services import period_submit
from monitoring.models import Answer, Campaign, Invitation, Question, Questionnaire, Response
from tests.accounts.factories import OrganizationFactory
from tests.indicators.factories import ContingentFactory, period_of
from tests.mentoring.factories import ParticipantFactory

ON = datetime.date(2026, 10, 1)
KEYS = count(1)


def questionnaire(audience: str) -> Questionnaire:
    purpose = {"mentee": Questionnaire.Purpose.SATISFACTION_MENTEE, "mentor": Questionnaire.Purpose.SATISFACTION_MENTOR}
    form = Questionnaire.objects.create(
        code=f"test-{audience}", title=f"Удовлетворённость: {audience}", audience=audience, purpose=purpose[audience]
    )
    for position in (1, 2):
        Question.objects.create(questionnaire=form, position=position, text=f"Вопрос {position}")
    return form


def respond(organization, form: Questionnaire, scores: tuple[int, int], on: datetime.date) -> None:
    campaign = Campaign.objects.create(
        organization=organization, questionnaire=form, title="Опрос", opens_on=on, closes_on=on
    )
    invitation = Invitation.objects.create(
        campaign=campaign,
        participant=ParticipantFactory(organization=organization),
        key=f"k{next(KEYS)}",
        secret="s",
    )
    submitted = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    response = Response.objects.create(campaign=campaign, invitation=invitation, submitted_at=submitted)
    for question, score in zip(form.questions.all(), scores, strict=True):
        Answer.objects.create(response=response, question=question, value=score)


def test_satisfaction_of_mentees_and_mentors_in_the_period(world):
    mentees, mentors = questionnaire("mentee"), questionnaire("mentor")
    school = world.a.organization
    respond(school, mentees, (8, 9), datetime.date(2026, 9, 20))  # 85
    respond(school, mentees, (6, 7), datetime.date(2026, 10, 1))  # 65, on the reporting date
    respond(school, mentees, (1, 1), datetime.date(2026, 8, 20))  # last academic year
    respond(school, mentees, (1, 1), datetime.date(2026, 10, 2))  # after the date
    respond(school, mentors, (10, 10), datetime.date(2026, 9, 25))
    values = compute_values(
        organization_ids=[school.pk, world.b.organization.pk], on_date=ON, municipality=world.a.municipality
    )
    assert values[school.pk]["mentee-satisfaction"].value == Decimal("75.00")
    assert values[school.pk]["mentor-satisfaction"].value == Decimal("100.00")
    assert values[school.pk]["mentee-satisfaction"].numerator is None
    assert values[world.b.organization.pk]["mentee-satisfaction"].value is None


def test_totals_pool_the_respondents_and_the_average_of_organizations_is_beside(world):
    """A school with four respondents at 100 and a kindergarten with one at 10: all five together
    are (4 × 100 + 10) / 5 = 82 %, not the organizations' mean of 55 %."""
    mentees = questionnaire("mentee")
    school = world.a.organization
    kindergarten = OrganizationFactory(municipality=world.a.municipality, short_name="Детский сад")
    for _ in range(4):
        respond(school, mentees, (10, 10), datetime.date(2026, 9, 20))
    respond(kindergarten, mentees, (1, 1), datetime.date(2026, 9, 20))
    municipality = world.a.municipality
    values = compute_values(organization_ids=[school.pk, kindergarten.pk], on_date=ON, municipality=municipality)
    assert values[school.pk]["mentee-satisfaction"].respondents == 4
    rows = [
        OrganizationValues(organization, values[organization.pk], submission=None, frozen=False)
        for organization in (school, kindergarten)
    ]
    total = municipal_values(rows, indicators_for(municipality), {})["mentee-satisfaction"]
    assert (total.value, total.average) == (Decimal(82), Decimal(55))

    found = organization_aggregates(
        organization_ids=[school.pk, kindergarten.pk], date_from=datetime.date(2026, 9, 1), date_to=ON
    )
    assert found.of(kindergarten.pk).satisfaction_mentees == Decimal(10)
    assert totals(found).satisfaction_mentees == Decimal(82)

    # Submitted, the values keep their respondents: the frozen total pools them the same.
    period = period_of(world.a)
    for organization in (school, kindergarten):
        ContingentFactory(organization=organization, period=period)
        period_submit(organization=organization, period=period, by=None)
    frozen = municipality_values(municipality=municipality, period=period)
    assert all(row.frozen for row in frozen)
    total = municipal_values(frozen, indicators_for(municipality), {})["mentee-satisfaction"]
    assert (total.value, total.average) == (Decimal(82), Decimal(55))


def test_aggregates_of_a_submitted_organization_keep_the_satisfaction_it_submitted(world):
    """The drill-down and the municipal workbook show a submitted organization's satisfaction as it
    signed it: a response of the period removed afterwards changes neither its indicator nor its
    aggregates; an organization that has not submitted is counted afresh."""
    mentees = questionnaire("mentee")
    school = world.a.organization
    other = OrganizationFactory(municipality=world.a.municipality, short_name="СОШ № 2")
    for organization in (school, other):
        respond(organization, mentees, (10, 10), datetime.date(2026, 9, 20))
        respond(organization, mentees, (5, 5), datetime.date(2026, 9, 21))
    period = period_of(world.a)
    ContingentFactory(organization=school, period=period)
    period_submit(organization=school, period=period, by=None)
    Response.objects.filter(campaign__organization__in=[school, other], answers__value=5).delete()

    rows = {row.organization: row for row in municipality_values(municipality=world.a.municipality, period=period)}
    found = period_aggregates(period=period, rows=list(rows.values()))
    assert rows[school].values["mentee-satisfaction"].value == Decimal(75)
    assert found.of(school.pk).satisfaction_mentees == Decimal(75)
    assert found.of(school.pk).respondents_mentees.respondents == 2
    assert found.of(other.pk).satisfaction_mentees == Decimal(100)
