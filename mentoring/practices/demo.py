"""Demo practices of the demo school and the centre: one published in the municipal registry (one of
its authors has no consent to distribution, so the registry does not name him), one waiting for the
coordinator, one returned with remarks, and a mentor's draft. Made through the services, so each has
its history; safe to run again: a practice is found by its title."""

from accounts.demo import DemoWorld
from mentoring.models import MentorEntry, MentoringForm, Participant, Practice, RoleModel
from mentoring.practices import services

Status = Practice.Status
# A teacher of the mentor registry without an account or consent to distribution: not named in public.
ANOTHER_TEACHER = "*"

PRACTICES = [
    {
        "organization": "school",
        "title": "Школа молодого педагога «Старт»",
        "form": "teacher-teacher",
        "role_model": "опытный педагог – молодой специалист",
        "topics": "адаптация молодого педагога, открытые уроки",
        "authors": ["school.mentor1", "school.mentor2", ANOTHER_TEACHER],
        "problem": "Молодые учителя уходят из школы в первые три года: в 2023 году ушли 2 из 5.",
        "aims": "Помочь молодым специалистам освоить профессию и остаться в школе.",
        "actions": "Пары «опытный педагог – молодой специалист», встреча раз в неделю, взаимные посещения "
        "уроков, открытый урок молодого педагога в конце полугодия.",
        "results": "Остались все 6 молодых педагогов из 6; доля уроков с оценкой «хорошо» и выше выросла с 40 до 75 %.",
        "materials": "Программа «Старт» на учебный год, чек-лист посещения урока.",
        "way": ["submit", "publish"],
    },
    {
        "organization": "school",
        "title": "Равный – равному: подготовка к олимпиадам",
        "form": "student-student",
        "role_model": "равный – равному",
        "topics": "олимпиады, одарённые дети",
        "authors": ["school.mentor1"],
        "problem": "Немногие ученики 7–8 классов доходят до муниципального этапа олимпиад.",
        "aims": "Старшеклассники-призёры готовят младших к олимпиадам по математике.",
        "actions": "Еженедельные занятия пар, разбор заданий прошлых лет, пробная олимпиада в октябре.",
        "results": "Участников муниципального этапа стало 9 вместо 3, двое — призёры.",
        "way": ["submit"],
    },
    {
        "organization": "school",
        "title": "Профориентация с наставниками-работодателями",
        "form": "employer-student",
        "role_model": "работодатель – будущий сотрудник",
        "topics": "профориентация, партнёры",
        "authors": ["school.mentor2"],
        "problem": "Выпускники плохо представляют профессии своего города.",
        "aims": "Познакомить учеников 9–11 классов с профессиями предприятий-партнёров.",
        "actions": "Экскурсии на предприятия, проектные задания от наставников.",
        "results": "Проведено 4 экскурсии, 12 учеников выполнили проекты.",
        "way": ["submit", "return"],
    },
    {
        "organization": "school",
        "title": "Клуб наставников-предметников",
        "form": "teacher-teacher",
        "role_model": "опытный предметник – неопытный предметник",
        "topics": "методическое объединение",
        "authors": ["school.mentor1"],
        "by": "school.mentor1",
        "problem": "Учителям-предметникам не хватает обмена опытом.",
        "way": [],
    },
]
REMARKS = "Приложите программу экскурсий и укажите, сколько учеников выбрали профиль после них."


def _author(organization, key: str) -> Participant | None:
    """A demo login's card in the mentor registry, or (ANOTHER_TEACHER) a teacher mentor without one."""
    mentors = Participant.objects.filter(
        organization=organization, pk__in=MentorEntry.objects.values("participant_id")
    ).order_by("pk")
    if key == ANOTHER_TEACHER:
        return mentors.filter(user__isnull=True, category=Participant.Category.STAFF).first()
    return mentors.filter(user__username=key).first()


def seed(world: DemoWorld) -> None:
    coordinator = world.users.get("coordinator")
    for spec in PRACTICES:
        organization = world.organizations[spec["organization"]]
        if Practice.objects.filter(organization=organization, title=spec["title"]).exists():
            continue
        curator = world.users[f"{spec['organization']}.curator"]
        form = MentoringForm.objects.get(code=spec["form"])
        authors = [person for key in spec["authors"] if (person := _author(organization, key))]
        practice = services.practice_create(
            organization=organization,
            by=world.users.get(spec.get("by", ""), curator),
            title=spec["title"],
            form=form,
            role_model=RoleModel.objects.filter(form=form, name=spec["role_model"]).first(),
            topics=spec["topics"],
            authors=list(dict.fromkeys(authors)),
            **{name: spec.get(name, "") for name in ("problem", "aims", "actions", "results", "materials")},
        )
        for step in spec["way"]:
            if step == "submit":
                services.practice_submit(practice=practice, by=curator)
            elif step == "publish":
                services.practice_publish(practice=practice, by=coordinator)
            else:
                services.practice_return(practice=practice, by=coordinator, remarks=REMARKS)
