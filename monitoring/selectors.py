"""Reads of questionnaires and campaigns, scoped to the tenant, and the results of a campaign."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_key, name_order
from mentoring.academic_year import academic_year_bounds
from mentoring.models import MenteeEntry, MentorEntry, MentoringUnit, Participant, Program
from mentoring.pairs.matching import MatchingInputs
from monitoring.models import SCALE_MAX, SCALE_MIN, Answer, Campaign, Invitation, Question, Questionnaire
from monitoring.satisfaction import campaign_satisfaction


def questionnaires_visible(tenant) -> QuerySet[Questionnaire]:
    """The shipped questionnaires and the organization's own ones."""
    return Questionnaire.objects.filter(Q(organization__isnull=True) | Q(organization=tenant.organization))


def questionnaire_list(tenant) -> QuerySet[Questionnaire]:
    return (
        questionnaires_visible(tenant)
        .annotate(questions_count=Count("questions", distinct=True))
        .order_by("organization", "title", "pk")
    )


def campaigns_of(tenant) -> QuerySet[Campaign]:
    return Campaign.objects.filter(organization=tenant.organization)


def with_progress(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    return campaigns.select_related("questionnaire", "program").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True),
    )


def running(campaigns: QuerySet[Campaign], today: datetime.date) -> QuerySet[Campaign]:
    return campaigns.filter(closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today)


def invitations_of(campaign: Campaign) -> QuerySet[Invitation]:
    return campaign.invitations.select_related("participant").order_by(
        "participant__class_name", *name_order("participant__"), "pk"
    )


# Recipients of a campaign -------------------------------------------------------------------


class Target(StrEnum):
    PROGRAM_MENTEES = "program_mentees"
    PROGRAM_MENTORS = "program_mentors"
    UNIT_MENTEES = "unit_mentees"
    UNIT_MENTORS = "unit_mentors"
    CLASS = "class"
    YEAR_MENTEES = "year_mentees"
    YEAR_MENTORS = "year_mentors"
    YEAR_PARENTS = "year_parents"


TARGET_LABELS = {
    Target.PROGRAM_MENTEES: _("the program's candidate mentees (registry of its year, categories of its form)"),
    Target.PROGRAM_MENTORS: _("the program's candidate mentors (registry of its year, categories of its form)"),
    Target.UNIT_MENTEES: _("the mentees of the program's pairs and groups"),
    Target.UNIT_MENTORS: _("the mentors of the program's pairs and groups"),
    Target.CLASS: _("the pupils of a class"),
    Target.YEAR_MENTEES: _("all mentees of the academic year"),
    Target.YEAR_MENTORS: _("all mentors of the academic year"),
    Target.YEAR_PARENTS: _("the parents of the mentees of the academic year"),
}
PROGRAM_TARGETS = {Target.PROGRAM_MENTEES, Target.PROGRAM_MENTORS, Target.UNIT_MENTEES, Target.UNIT_MENTORS}
# The units whose people are asked: from approval on (drafts may still change).
ASKED_UNIT_STATUSES = (MentoringUnit.Status.APPROVED, MentoringUnit.Status.ACTIVE, MentoringUnit.Status.COMPLETED)


def recipients(
    organization, target: str, *, program: Program | None = None, class_name: str = "", academic_year: int | None = None
) -> QuerySet[Participant]:
    people = Participant.objects.filter(organization=organization, depersonalized_at__isnull=True)
    year = program.academic_year if program is not None else academic_year
    if target == Target.PROGRAM_MENTEES:
        ids = MenteeEntry.objects.filter(academic_year=year, participant__category__in=program.form.mentee_categories)
        people = people.filter(pk__in=ids.values("participant_id"))
    elif target == Target.PROGRAM_MENTORS:
        ids = MentorEntry.objects.filter(academic_year=year, participant__category__in=program.form.mentor_categories)
        people = people.filter(pk__in=ids.values("participant_id"))
    elif target == Target.UNIT_MENTEES:
        people = people.filter(
            unit_memberships__unit__program=program,
            unit_memberships__unit__status__in=ASKED_UNIT_STATUSES,
            unit_memberships__left_on__isnull=True,
        )
    elif target == Target.UNIT_MENTORS:
        people = people.filter(mentored_units__program=program, mentored_units__status__in=ASKED_UNIT_STATUSES)
    elif target == Target.CLASS:
        normalized = "".join(class_name.split()).upper()
        people = people.filter(category=Participant.Category.STUDENT, class_name__iexact=normalized)
    elif target == Target.YEAR_MENTEES:
        people = people.filter(mentee_entries__academic_year=year)
    elif target == Target.YEAR_MENTORS:
        people = people.filter(mentor_entries__academic_year=year)
    elif target == Target.YEAR_PARENTS:
        people = people.filter(children__mentee_entries__academic_year=year)
    else:
        return people.none()
    return people.distinct().order_by("class_name", *name_order(), "pk")


def preference_candidates(campaign: Campaign) -> list[Participant]:
    """Whom the respondents of a preference campaign choose from: the mentors of the program's
    cohort for mentees, its mentees for mentors."""
    program = campaign.program
    if program is None:
        return []
    if campaign.questionnaire.audience == Questionnaire.Audience.MENTEE:
        target = Target.PROGRAM_MENTORS
    else:
        target = Target.PROGRAM_MENTEES
    return list(recipients(campaign.organization_id, target, program=program).order_by(*name_order(), "pk"))


# Results ------------------------------------------------------------------------------------

CENT = Decimal("0.01")


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Bar:
    label: str
    count: int
    percent: Decimal  # of the respondents who answered the question


@dataclass
class QuestionResult:
    question: Question
    text: str = ""  # as the campaign asked it (an expectation at the start)
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: Decimal | None = None
    expected_mean: Decimal | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.mean is None or self.expected_mean is None:
            return None
        return self.mean - self.expected_mean


@dataclass
class CampaignResults:
    campaign: Campaign
    respondents: int
    satisfaction: Decimal | None
    questions: list[QuestionResult]

    @property
    def comparison(self) -> list[QuestionResult]:
        return [item for item in self.questions if item.expected_mean is not None]


def _bars(counts: Counter, labels: list[str], answered: int) -> list[Bar]:
    labels = labels + sorted(label for label in counts if label not in labels)
    return [
        Bar(label, counts[label], (Decimal(100 * counts[label]) / answered).quantize(CENT) if answered else Decimal(0))
        for label in labels
    ]


def campaign_results(campaign: Campaign) -> CampaignResults:
    """Distributions per question, free texts, satisfaction and expected-vs-actual, in a fixed
    number of queries."""
    questions = list(campaign.questions())
    answers = defaultdict(list)
    for answer in Answer.objects.filter(response__campaign=campaign).order_by("response__submitted_at", "pk"):
        answers[answer.question_id].append(answer)
    expected = defaultdict(list)
    if campaign.baseline_id:
        for question_id, value in Answer.objects.filter(
            response__campaign_id=campaign.baseline_id, question__kind=Question.Kind.SCALE, value__isnull=False
        ).values_list("question_id", "value"):
            expected[question_id].append(value)
    people_ids = {pk for items in answers.values() for answer in items for pk in answer.people}
    names = {
        person.pk: person.full_name
        for person in Participant.objects.filter(organization=campaign.organization_id, pk__in=people_ids)
    }
    results = []
    for question in questions:
        items = answers.get(question.pk, [])
        result = QuestionResult(question, text=question.text_at(campaign.stage), answered=len(items))
        kind = question.kind
        if kind == Question.Kind.SCALE:
            values = [answer.value for answer in items if answer.value is not None]
            counts = Counter(str(value) for value in values)
            result.bars = _bars(counts, [str(score) for score in range(SCALE_MIN, SCALE_MAX + 1)], len(values))
            result.mean = _mean(values)
            if question.compared:
                result.expected_mean = _mean(expected.get(question.pk, []))
        elif kind == Question.Kind.YES_NO:
            yes, no = str(_("yes")), str(_("no"))
            counts = Counter(yes if answer.value else no for answer in items)
            result.bars = _bars(counts, [yes, no], len(items))
        elif kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            counts = Counter(choice for answer in items for choice in answer.choices)
            result.bars = _bars(counts, list(question.options), len(items))
        elif kind == Question.Kind.PEOPLE:
            counts = Counter(names.get(pk, "—") for answer in items for pk in answer.people)
            result.bars = sorted(_bars(counts, [], len(items)), key=lambda bar: (-bar.count, name_key(bar.label)))
        else:
            result.texts = [answer.text for answer in items if answer.text]
        results.append(result)
    respondents = campaign.responses.count()
    return CampaignResults(campaign, respondents, campaign_satisfaction(campaign), results)


# What the matching takes from the questionnaires ----------------------------------------------


def matching_inputs(*, program: Program) -> MatchingInputs:
    """Intake answers of the program's academic year (interests; competencies or requests) and the
    preferences after the group meeting from the program's campaigns, in one query."""
    start, end = academic_year_bounds(program.academic_year)
    intake = (
        Q(
            response__campaign__organization_id=program.organization_id,
            response__campaign__opens_on__range=(start, end),
            question__matching__in=[Question.Matching.INTERESTS, Question.Matching.COMPETENCIES],
            response__campaign__questionnaire__purpose__in=[
                Questionnaire.Purpose.INTAKE_MENTOR,
                Questionnaire.Purpose.INTAKE_MENTEE,
            ],
        )
        # An intake campaign of another program of the year says nothing about this one.
        & (Q(response__campaign__program__isnull=True) | Q(response__campaign__program=program))
    )
    preference = Q(
        response__campaign__program=program,
        question__kind=Question.Kind.PEOPLE,
        response__campaign__questionnaire__purpose=Questionnaire.Purpose.PREFERENCE,
    )
    rows = Answer.objects.filter(intake | preference).values_list(
        "response__invitation__participant_id",
        "question__kind",
        "question__matching",
        "response__campaign__questionnaire__audience",
        "choices",
        "text",
        "people",
    )
    inputs = MatchingInputs()
    for participant_id, kind, matching, audience, choices, text, people in rows:
        if kind == Question.Kind.PEOPLE:
            for other in people:
                if audience == Questionnaire.Audience.MENTEE:
                    inputs.mentee_prefers.add((participant_id, other))
                else:
                    inputs.mentor_prefers.add((other, participant_id))
            continue
        target = inputs.interests if matching == Question.Matching.INTERESTS else inputs.texts
        target[participant_id].extend([*choices, text] if text else choices)
    return inputs
