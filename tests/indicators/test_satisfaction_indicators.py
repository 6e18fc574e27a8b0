"""The satisfaction indicators read the questionnaires' responses of the period."""

import datetime
from decimal import Decimal
from itertools import count

from django.utils import timezone

from monitoring.indicators.selectors import compute_values
from monitoring.models import Answer, Campaign, Invitation, Question, Questionnaire, Response
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
