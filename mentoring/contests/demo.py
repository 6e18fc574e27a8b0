"""The demo's contests: the school's «Лучшая пара», judged and closed with its results (the results
order and the letters are left for the curator to draft), and the municipality's «Лучший
педагог-наставник» accepting applications, with one from the school. Run again, it changes nothing."""

import datetime

from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.contests import services
from mentoring.contests.models import Application, Contest, Criterion, Nomination
from mentoring.pairs.models import MentoringUnit
from mentoring.registry.models import Participant

SCHOOL_RULES = (
    "Конкурс профессионального мастерства «Лучшая пара» проводится среди наставнических пар и групп школы "
    "по итогам учебного года. Пара представляет проект или описание совместной работы и его результаты."
)
MUNICIPAL_RULES = (
    "Муниципальный конкурс «Лучший педагог-наставник» проводится среди педагогов-наставников "
    "образовательных организаций округа. Заявки подают кураторы наставничества организаций."
)
CRITERIA = (("Результаты наставляемых", 10), ("Качество материалов", 5), ("Презентация опыта", 5))
# The scores of the two jurors (by criterion), one pair or group after another.
SCORES = (((9, 5, 4), (10, 4, 5)), ((8, 4, 4), (7, 5, 4)), ((8, 4, 4), (9, 3, 4)))


def _contest(owner: dict, title: str, rules: str, dates: dict, by) -> tuple[Contest, bool]:
    contest, created = Contest.objects.get_or_create(
        title=title, **owner, defaults={"rules": rules, "created_by": by, **dates}
    )
    if created:
        Nomination.objects.create(contest=contest, name="Основная", position=1)
        for position, (name, max_score) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(contest=contest, name=name, max_score=max_score, position=position)
    return contest, created


def seed(world: DemoWorld) -> None:
    school = world.organizations.get("school")
    if school is None:
        return
    today = timezone.localdate()
    curator, director = world.users["school.curator"], world.users["school.director"]
    days = datetime.timedelta
    contest, created = _contest(
        {"organization": school},
        "Лучшая пара",
        SCHOOL_RULES,
        {
            "applications_from": today - days(40),
            "applications_to": today - days(25),
            "judging_until": today - days(15),
            "results_on": today - days(10),
        },
        curator,
    )
    units = list(
        MentoringUnit.objects.filter(
            program__organization=school, status__in=(MentoringUnit.Status.ACTIVE, MentoringUnit.Status.COMPLETED)
        ).order_by("pk")[: len(SCORES)]
    )
    if created and units:
        contest.jury.set([director, curator])
        contest.status = Contest.Status.JUDGING
        contest.save(update_fields=["status"])
        nomination = contest.nominations.get()
        criteria = list(contest.criteria.all())
        for unit, scores in zip(units, SCORES, strict=False):
            application = Application.objects.create(
                contest=contest,
                nomination=nomination,
                organization=school,
                unit=unit,
                text="Проект пары: цели, что сделано, результаты наставляемого.",
                submitted_by=curator,
            )
            for juror, values in zip((director, curator), scores, strict=True):
                services.scores_save(
                    application=application,
                    juror=juror,
                    values={criterion.pk: value for criterion, value in zip(criteria, values, strict=True)},
                )
        services.contest_close(contest=contest, by=curator)

    coordinator = world.users.get("coordinator")
    municipal, created = _contest(
        {"municipality": school.municipality},
        "Лучший педагог-наставник",
        MUNICIPAL_RULES,
        {
            "applications_from": today - days(5),
            "applications_to": today + days(20),
            "judging_until": today + days(35),
            "results_on": today + days(40),
        },
        coordinator,
    )
    if created:
        municipal.jury.set([user for user in (coordinator, director) if user is not None])
        municipal.status = Contest.Status.ACCEPTING
        municipal.save(update_fields=["status"])
        mentor = Participant.objects.filter(
            organization=school, category=Participant.Category.STAFF, mentor_entries__isnull=False
        ).first()
        if mentor is not None:
            Application.objects.create(
                contest=municipal,
                nomination=municipal.nominations.get(),
                organization=school,
                mentor=mentor,
                text="Опыт наставничества молодых педагогов: программа адаптации и её результаты.",
                submitted_by=world.users["school.curator"],
            )
