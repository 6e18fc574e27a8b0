"""Satisfaction % by the questionnaire's formula, per campaign and per organization (exact figures)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring.models import Campaign, Questionnaire
from monitoring.satisfaction import campaign_satisfaction, satisfaction_by_organization
from tests.accounts.factories import OrganizationFactory
from tests.helpers import count_queries
from tests.monitoring.factories import TODAY, answer, campaign, questionnaire, scores

Formula, Purpose = Questionnaire.Formula, Questionnaire.Purpose
YESTERDAY = TODAY - datetime.timedelta(days=1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def by_org(ids, audience="mentee", date_from=YESTERDAY, date_to=TODAY):
    return satisfaction_by_organization(organization_ids=ids, audience=audience, date_from=date_from, date_to=date_to)


def test_mean_times_ten_averages_the_respondents_means(world):
    made = campaign(world.a.organization, count=2)
    scores(made, (8, 6), (10, 9))  # means 7 and 9.5 -> 70 and 95
    assert campaign_satisfaction(made) == Decimal("82.50")


def test_share_of_respondents_with_a_mean_of_seven_or_more(world):
    share = questionnaire(world.a.organization, formula=Formula.SHARE_7)
    made = campaign(world.a.organization, questionnaire_=share, count=3)
    scores(made, (7, 7), (6, 8), (6, 7))  # means 7, 7, 6.5
    assert campaign_satisfaction(made) == Decimal("66.67")


def test_only_scale_items_count_and_optional_ones_may_be_skipped(world):
    mixed = questionnaire(
        world.a.organization,
        questions=[
            ("scale", "Полезность", {"required": False}),
            ("scale", "Комфорт", {"required": False}),
            ("yes_no", "Продолжить?", {}),
            ("text", "Что ценно?", {"required": False}),
        ],
    )
    made = campaign(world.a.organization, questionnaire_=mixed, count=3)
    people = [invitation.participant for invitation in made.invitations.order_by("pk")]
    answer(made, people[0], {"Полезность": 9, "Продолжить?": 0, "Что ценно?": "всё"})  # 90
    answer(made, people[1], {"Полезность": 4, "Комфорт": 6, "Продолжить?": 1})  # 50
    answer(made, people[2], {"Продолжить?": 1})  # no score: not a satisfaction respondent
    assert campaign_satisfaction(made) == Decimal("70.00")


def test_no_responses_is_none(world):
    assert campaign_satisfaction(campaign(world.a.organization)) is None


def test_by_organization_pools_the_formulas_and_keeps_each(world):
    a, b = world.a.organization, world.b.organization
    scores(campaign(a, count=2), (8, 6), (10, 9))  # 70, 95
    share = questionnaire(a, formula=Formula.SHARE_7)
    scores(campaign(a, questionnaire_=share, count=3), (7, 7), (6, 8), (6, 7))  # 100, 100, 0
    mentors = questionnaire(a, purpose=Purpose.SATISFACTION_MENTOR, audience="mentor")
    scores(campaign(a, questionnaire_=mentors, count=1), (3, 4))  # 35, mentors only
    feedback = questionnaire(a, purpose=Purpose.FEEDBACK)
    scores(campaign(a, questionnaire_=feedback, count=1), (1, 1))  # not a satisfaction questionnaire
    empty = OrganizationFactory()
    assert by_org([a.pk, b.pk, empty.pk]) == {a.pk: Decimal("73.00"), b.pk: None, empty.pk: None}
    assert by_org([a.pk], audience="mentor") == {a.pk: Decimal("35.00")}


def test_by_organization_takes_the_period_and_leaves_out_expectations(world):
    a = world.a.organization
    made = campaign(a, count=3)
    scores(made, (10, 10), at=at(TODAY - datetime.timedelta(days=3)))  # before the period
    answered = made.invitations.order_by("pk")[1:]
    answer(made, answered[0].participant, {"Полезность встреч": 6, "Комфорт общения": 8}, at=at(YESTERDAY))  # 70
    start = campaign(a, count=1, stage=Campaign.Stage.START)
    scores(start, (1, 1), at=at(TODAY))  # expectations are not satisfaction
    assert by_org([a.pk]) == {a.pk: Decimal("70.00")}
    assert by_org([a.pk], date_from=TODAY - datetime.timedelta(days=3)) == {a.pk: Decimal("85.00")}


def test_by_organization_takes_one_query_whatever_the_number_of_organizations(world):
    organizations = [world.a.organization, world.b.organization] + [OrganizationFactory() for _ in range(5)]
    for organization in organizations:
        scores(campaign(organization, count=2), (8, 8), (9, 9))
    few, result = count_queries(lambda: by_org([o.pk for o in organizations[:2]]))
    many, result = count_queries(lambda: by_org([o.pk for o in organizations]))
    assert few == many == 1
    assert set(result.values()) == {Decimal("85.00")}


@pytest.mark.parametrize("audience", ["parent", "curator"])
def test_only_mentee_and_mentor_satisfaction_exist(world, audience):
    with pytest.raises(KeyError):
        by_org([world.a.organization.pk], audience=audience)
