"""Demo data of questionnaires: campaigns of the demo school with invented answers.

An intake campaign of the year's mentees (September), finished satisfaction campaigns of the
mentees and of the mentors of the active pairs, and a running feedback campaign with some answers.
Everything goes through the services; a campaign whose title exists is left as it is, so running
``seed_demo`` again creates nothing new.
"""

import datetime
import random

from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_bounds, academic_year_of
from mentoring.models import MenteeEntry, MentoringUnit, Participant, UnitMentee
from monitoring import services
from monitoring.models import Campaign, Question, Questionnaire

REQUESTS = [
    "Хочу подтянуть математику к контрольным",
    "Нужна помощь с проектом по биологии",
    "Трудно выступать перед классом",
    "Хочу подготовиться к олимпиаде по истории",
    "Не получается организовать время на уроки",
]
VALUABLE = [
    "Разбор задач вместе с наставником",
    "Наставник всегда на связи и объясняет спокойно",
    "Совместный проект и подготовка к конференции",
    "Поддержка перед контрольными",
]
MISSING = ["Больше встреч", "Времени на встречи", "Встреч в каникулы", "Ничего, всё устраивает"]
MENTOR_VALUABLE = ["Рост наставляемого на глазах", "Новый опыт для меня как педагога", "Работа над общим проектом"]
MENTOR_MISSING = ["Времени в расписании", "Методических материалов", "Встреч с другими наставниками"]
FEEDBACK_CHANGES = ["Чаще встречаться", "Больше практических заданий", "Ничего не менять"]


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _answers(campaign: Campaign, rng: random.Random, *, low: int, texts: dict[str, list[str]]) -> dict:
    """Invented answers to every question the campaign asks: scores from ``low`` to 10, options,
    texts of the lists."""
    answers = {}
    for question in campaign.questions():
        if question.kind == Question.Kind.SCALE:
            answers[question.pk] = rng.randint(low, 10)
        elif question.kind == Question.Kind.YES_NO:
            answers[question.pk] = 1 if rng.random() < 0.85 else 0
        elif question.kind == Question.Kind.SINGLE:
            answers[question.pk] = rng.choice(question.options)
        elif question.kind == Question.Kind.MULTIPLE:
            answers[question.pk] = rng.sample(question.options, k=min(len(question.options), rng.randint(1, 3)))
        elif question.kind == Question.Kind.TEXT and question.text in texts and rng.random() < 0.8:
            answers[question.pk] = rng.choice(texts[question.text])
    return answers


def _campaign(school, code: str, title: str, people, opens_on, closes_on, by) -> Campaign | None:
    if not people or Campaign.objects.filter(organization=school, title=title).exists():
        return None
    return services.campaign_create(
        organization=school,
        questionnaire=Questionnaire.objects.get(organization=None, code=code),
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        recipients=people,
        by=by,
    )


def _answer(campaign: Campaign, rng: random.Random, share: float, days: list[datetime.date], **kwargs) -> None:
    """Answers ``share`` of the campaign's links on the given days."""
    invitations = list(campaign.invitations.select_related("campaign").order_by("pk"))
    for invitation in invitations[: round(len(invitations) * share)]:
        services.response_submit(
            invitation=invitation,
            answers=_answers(campaign, rng, **kwargs),
            now=_moment(rng.choice(days), rng.randint(9, 18)),
        )


def seed(world: DemoWorld) -> None:
    school = world.organizations["school"]
    curator = world.users["school.curator"]
    today = timezone.localdate()
    year = academic_year_of(today)
    year_label = f"{year}/{year + 1}"
    rng = random.Random(2026)

    active = UnitMentee.objects.filter(
        unit__program__organization=school,
        unit__program__academic_year=year,
        unit__status=MentoringUnit.Status.ACTIVE,
        left_on__isnull=True,
    )
    mentees = list(Participant.objects.filter(pk__in=active.values("mentee_id")).order_by("last_name", "pk"))
    mentors = list(Participant.objects.filter(pk__in=active.values("unit__mentor_id")).order_by("last_name", "pk"))
    registry = list(
        Participant.objects.filter(
            pk__in=MenteeEntry.objects.filter(participant__organization=school, academic_year=year).values(
                "participant_id"
            ),
            depersonalized_at__isnull=True,
        ).order_by("last_name", "pk")
    )

    # September: the intake questionnaire of the year's mentees, before the pairs were formed.
    start = academic_year_bounds(year)[0] + datetime.timedelta(days=4)
    intake_opens = min(start, today)
    intake_closes = max(intake_opens, min(start + datetime.timedelta(days=14), today - datetime.timedelta(days=1)))
    intake = _campaign(
        school,
        "intake-mentee",
        f"Входное анкетирование наставляемых {year_label}",
        registry,
        intake_opens,
        intake_closes,
        curator,
    )
    if intake is not None:
        days = [intake_opens + datetime.timedelta(days=n) for n in range((intake_closes - intake_opens).days + 1)]
        texts = {"Опишите свой главный запрос к наставнику": REQUESTS}
        _answer(intake, rng, 0.9, days, low=5, texts=texts)

    # Three weeks ago: the satisfaction of the active pairs' mentees and mentors, finished.
    opens = today - datetime.timedelta(days=20)
    closes = today - datetime.timedelta(days=6)
    days = [opens + datetime.timedelta(days=n) for n in range(1, 14)]
    for code, title, people, low, texts in (
        (
            "satisfaction-mentee",
            f"Удовлетворённость наставляемых {year_label}",
            mentees,
            6,
            {"Что было самым ценным?": VALUABLE, "Чего не хватило?": MISSING},
        ),
        (
            "satisfaction-mentor",
            f"Удовлетворённость наставников {year_label}",
            mentors,
            5,
            {"Что было самым ценным?": MENTOR_VALUABLE, "Чего не хватило?": MENTOR_MISSING},
        ),
    ):
        made = _campaign(school, code, title, people, opens, closes, curator)
        if made is not None:
            _answer(made, rng, 0.85, days, low=low, texts=texts)

    # Running now: the intermediate feedback of the mentees, some answered so far.
    running = _campaign(
        school,
        "feedback-mentee",
        f"Промежуточная обратная связь {year_label}",
        mentees,
        today - datetime.timedelta(days=3),
        today + datetime.timedelta(days=14),
        curator,
    )
    if running is not None:
        recent = [today - datetime.timedelta(days=n) for n in range(3)]
        _answer(
            running,
            rng,
            0.5,
            recent,
            low=6,
            texts={"Что стоит изменить во второй половине программы?": FEEDBACK_CHANGES},
        )
