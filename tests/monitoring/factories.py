"""Questionnaires, campaigns and responses for the tests of monitoring."""

import datetime

from django.utils import timezone

from mentoring.models import Participant
from monitoring import services
from monitoring.models import Campaign, Invitation, Question, Questionnaire, Response
from tests.mentoring.factories import ParticipantFactory

TODAY = datetime.date.today()


def questionnaire(
    organization,
    *,
    purpose=Questionnaire.Purpose.SATISFACTION_MENTEE,
    audience="mentee",
    formula=Questionnaire.Formula.MEAN_X10,
    questions=None,
    title="Анкета",
) -> Questionnaire:
    """An organization's questionnaire with the given questions: (kind, text, extra fields)."""
    made = Questionnaire.objects.create(
        organization=organization, title=title, purpose=purpose, audience=audience, formula=formula
    )
    for position, (kind, text, extra) in enumerate(
        questions or [("scale", "Полезность встреч", {}), ("scale", "Комфорт общения", {})], start=1
    ):
        Question.objects.create(questionnaire=made, position=position, kind=kind, text=text, **extra)
    return made


def campaign(organization, *, questionnaire_=None, people=None, count=2, by=None, **kwargs) -> Campaign:
    """A running campaign (by default of a two-scale satisfaction questionnaire) for ``people``."""
    people = people if people is not None else [ParticipantFactory(organization=organization) for _ in range(count)]
    values = {
        "title": "Опрос удовлетворённости",
        "opens_on": TODAY - datetime.timedelta(days=5),
        "closes_on": TODAY + datetime.timedelta(days=10),
        **kwargs,
    }
    return services.campaign_create(
        organization=organization,
        questionnaire=questionnaire_ or questionnaire(organization),
        recipients=people,
        by=by,
        **values,
    )


def invite(campaign_: Campaign, participant: Participant) -> Invitation:
    """A personal link added to an existing campaign (a pupil who joined the class later)."""
    return Invitation.objects.create(
        campaign=campaign_,
        participant=participant,
        key=services.link_token(services.KEY_LENGTH),
        secret=services.link_token(services.SECRET_LENGTH),
    )


def answer(campaign_: Campaign, participant: Participant, values_by_text: dict, *, at=None) -> Response:
    """Submits a response through the service; ``values_by_text`` maps question texts to values."""
    questions = {question.text: question.pk for question in campaign_.questionnaire.questions.all()}
    invitation = campaign_.invitations.get(participant=participant)
    return services.response_submit(
        invitation=invitation,
        answers={questions[text]: value for text, value in values_by_text.items()},
        now=at or timezone.now(),
    )


def scores(campaign_: Campaign, *rows, at=None) -> list[Response]:
    """Answers the campaign's scale questions in order, one row of scores per invited person."""
    texts = [q.text for q in campaign_.questionnaire.questions.all() if q.kind == Question.Kind.SCALE]
    invitations = list(campaign_.invitations.select_related("participant").order_by("pk"))
    return [
        answer(campaign_, invitation.participant, dict(zip(texts, row, strict=False)), at=at)
        for invitation, row in zip(invitations, rows, strict=False)
    ]
