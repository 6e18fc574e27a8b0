"""Demo roadmaps: the three organizations' roadmaps of the current academic year, made from the
shipped school template and marked as a real school would have them today (the school: most done
with evidence, two overdue, two due soon; the kindergarten ahead; the centre behind), the
municipality's roadmap from the municipal template, and the coordinator's remarks with an answer.

Statuses follow today's date, so the picture stays the same whatever day the demo is seeded. Safe
to run again: an existing roadmap of the year is left as it is.
"""

import datetime

from django.utils import timezone

from accounts.demo import DemoWorld
from accounts.models import Role
from mentoring.academic_year import academic_year_of
from roadmap import services
from roadmap.models import Activity, Remark, RemarkReply, Roadmap, Status

EVIDENCE_NOTES = [
    "Протокол административного совещания № 3, материалы в папке «Наставничество».",
    "Анкеты собраны и обработаны, сводная таблица у куратора.",
    "Материалы размещены на сайте в разделе «Наставничество».",
    "Проведено, явочный лист и фотоотчёт приложены к протоколу.",
    "Выполнено, справка куратора.",
]

# Organization: (the titles, or their beginnings, of activities left undone although due; how many of the
# first activities are done at all — None for every one that is due).
PROFILES = {
    "school": ({"3. Организовать «Школу наставников»", "3. Организация психологического"}, None),
    "kindergarten": (set(), None),
    "cdt": (set(), 4),
}

REMARKS = {
    "school": [
        (
            "Обучение наставников в «Школе наставников» не завершено в срок. Укажите новую дату окончания "
            "и приложите программу обучения.",
            None,
        ),
    ],
    "kindergarten": [
        (
            "Дорожная карта выполняется в срок. Рекомендуем опубликовать практику наставничества "
            "«воспитатель – воспитатель» на сайте и представить её на муниципальном семинаре.",
            ("kindergarten.curator", "Спасибо, материалы размещены на сайте, заявка на семинар отправлена."),
        ),
    ],
    "cdt": [
        (
            "Просрочены мероприятия этапов 2–5: нет базы наставляемых и наставников, пары не закреплены приказом. "
            "Уточните сроки и ответственных.",
            (
                "cdt.curator",
                "Базы формируем до конца месяца, приказ об утверждении пар подготовлен и будет подписан "
                "после педсовета. Сроки в дорожной карте обновим.",
            ),
        ),
    ],
}


def _starts_with(activity: Activity, prefixes: set[str]) -> bool:
    text = activity.title or activity.content
    return any(text.startswith(prefix) for prefix in prefixes)


def _mark(roadmap: Roadmap, today: datetime.date, keep_open: set[str], done_limit: int | None) -> None:
    activities = list(roadmap.activities.order_by("stage__position", "position").prefetch_related("occurrences"))
    for index, activity in enumerate(activities):
        note = EVIDENCE_NOTES[index % len(EVIDENCE_NOTES)]
        may_be_done = done_limit is None or index < done_limit
        if activity.is_recurring:
            past = [o for o in activity.occurrences.all() if o.due_on < today]
            for number, occurrence in enumerate(past):
                # The latest date of a recurring activity, if recent, is still open: it shows as overdue.
                latest_open = number == len(past) - 1 and (today - occurrence.due_on).days <= 60
                if may_be_done and not (latest_open and not activity.continues_previous):
                    services.set_status(
                        target=occurrence,
                        completion=services.Completion(
                            status=Status.DONE, completed_on=occurrence.due_on, evidence_note=note
                        ),
                    )
            continue
        if activity.due_on is None:
            continue
        if activity.due_on < today:
            if _starts_with(activity, keep_open):
                # The «Школа наставников» has begun but not finished; the psychologist's support has not begun.
                if "психолог" not in activity.content:
                    services.set_status(target=activity, completion=services.Completion(status=Status.IN_PROGRESS))
            elif may_be_done:
                services.set_status(
                    target=activity,
                    completion=services.Completion(
                        status=Status.DONE,
                        completed_on=activity.due_on - datetime.timedelta(days=2),
                        evidence_note=note,
                    ),
                )
        elif activity.starts_on and activity.starts_on <= today:
            services.set_status(target=activity, completion=services.Completion(status=Status.IN_PROGRESS))


def _due_soon(roadmap: Roadmap, today: datetime.date, by, world: DemoWorld) -> None:
    """Two activities of stage 6 with dates a few days ahead, so the school sees what comes next."""
    stage = roadmap.stages.order_by("position").filter(position=6).first()
    if stage is None:
        return
    first = today + datetime.timedelta(days=4)
    second = today + datetime.timedelta(days=11)
    services.activity_create(
        stage=stage,
        by=by,
        title="Заседание методического объединения наставников: промежуточные итоги работы пар",
        term_text=f"до {first:%d.%m.%Y}",
        responsible_text="куратор целевой модели наставничества",
        responsible_roles=[Role.CURATOR.value],
    )
    services.activity_create(
        stage=stage,
        by=by,
        title="Открытое занятие наставнической пары «учитель – учитель»",
        term_text=f"{second:%d.%m.%Y}",
        responsible_text="Кузнецов И. П., наставник",
        responsible_users=[world.users["school.mentor1"]],
    )


def _organization_roadmap(world: DemoWorld, key: str, template: Roadmap, year: int, today) -> Roadmap:
    organization = world.organizations[key]
    existing = Roadmap.objects.filter(organization=organization, academic_year=year, is_template=False).first()
    if existing is not None:
        return existing
    curator = world.users[f"{key}.curator"]
    roadmap = services.roadmap_from_template(
        template=template, by=curator, organization=organization, academic_year=year
    )
    keep_open, done_limit = PROFILES[key]
    _mark(roadmap, today, keep_open, done_limit)
    if key == "school":
        _due_soon(roadmap, today, curator, world)
    return roadmap


def _municipal_roadmap(world: DemoWorld, template: Roadmap, today) -> Roadmap:
    existing = Roadmap.objects.filter(municipality=world.municipality, is_template=False).first()
    if existing is not None:
        return existing
    coordinator = world.users["coordinator"]
    starts_on, ends_on = services.shifted_period(template, today.year - 1)
    roadmap = services.roadmap_from_template(
        template=template, by=coordinator, municipality=world.municipality, starts_on=starts_on, ends_on=ends_on
    )
    roadmap.approval_text = f"УТВЕРЖДЕНА\nприказом управления образования\nот 20.01.{starts_on.year} № 14"
    roadmap.save(update_fields=["approval_text"])
    _mark(roadmap, today, set(), None)
    return roadmap


def _remarks(world: DemoWorld, roadmaps: dict[str, Roadmap]) -> None:
    coordinator = world.users["coordinator"]
    for key, remarks in REMARKS.items():
        for text, answer in remarks:
            remark, _ = Remark.objects.get_or_create(roadmap=roadmaps[key], text=text, defaults={"author": coordinator})
            if answer:
                login, reply = answer
                RemarkReply.objects.get_or_create(
                    remark=remark, text=reply, defaults={"author": world.users[login], "author_role": Role.CURATOR}
                )


def seed(world: DemoWorld) -> None:
    today = timezone.localdate()
    year = academic_year_of(today)
    shipped = Roadmap.objects.filter(is_template=True, organization=None, municipality=None)
    school_template = shipped.filter(scope=Roadmap.Scope.ORGANIZATION).order_by("pk").first()
    municipal_template = shipped.filter(scope=Roadmap.Scope.MUNICIPALITY).order_by("pk").first()
    if school_template is None or municipal_template is None:
        return
    roadmaps = {
        key: _organization_roadmap(world, key, school_template, year, today)
        for key in ("school", "kindergarten", "cdt")
    }
    _municipal_roadmap(world, municipal_template, today)
    _remarks(world, roadmaps)
