"""Demo data of pairs and groups: the demo school's programs of the current academic year with units in
every status, made through the services as the curator, the director and the mentors would make them.

Five programs in five forms of mentoring. Their units come from the year's registries (mentors from
MentorEntry, mentees from MenteeEntry, everyone with a valid consent on every date the rules are
checked) and go the real way: unit_create → unit_submit → units_approve (a registered order
«Об утверждении наставнических пар/групп») → the first meeting starts the unit → plans and the
meeting log → the final meeting and completion, or termination with a reason. Two drafts and three
units sent for approval wait for the curator and the director; two units approved by a second,
recent order have not met yet. Among the working units, one has not met for five weeks (the
curator's home shows it) and one met out of the expected order (the log warns). Both demo mentor
logins have a working unit with plans and meetings. Several mentees are left without a pair, some
marked to continue the search or for the psychologist's support.

Dates follow today: the first order approves the pairs in early October, the work fills the time
since then, and when the year has only begun everything is pressed into the days there are.
Runs at the end of mentoring's demo (after the registries). Safe to run again: a program that
exists (by organization, academic year and title) is left as it is, with its units.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_of
from mentoring.models import (
    Consent,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringUnit,
    Participant,
    Program,
    RoleModel,
    TeacherMentoringFormat,
    UnitMentee,
)
from mentoring.pairs import services as pairs
from mentoring.registry.consents import valid_consents
from mentoring.registry.services import registry_entry_save
from mentoring.work import services as work_services

STUDENT = Participant.Category.STUDENT
STAFF = Participant.Category.STAFF
EMPLOYER = Participant.Category.EMPLOYER
VOLUNTEER = Participant.Category.VOLUNTEER
Status = MentoringUnit.Status
T = Meeting.Type

# The fates of the units (besides the statuses: "second" is approved by the second order and not started).
DRAFT, SUBMITTED, SECOND, ACTIVE, COMPLETED, TERMINATED = (
    "draft",
    "submitted",
    "second",
    "active",
    "completed",
    "terminated",
)
# In the order the units are made.
FATES = [COMPLETED, ACTIVE, TERMINATED, SECOND, SUBMITTED, DRAFT]
# The first order approves the pairs after the registries are gathered and the mentors have started training.
APPROVAL_DAY = (10, 5)
# Days of work from the first approval to the day the demo pictures; fewer are pressed into that.
IDEAL_WORK_DAYS = 48
PROGRAM_START = (9, 15)
PROGRAM_END = (5, 29)
WORKING_EVERY_DAYS = 12
MOST_WORKING_MEETINGS = 14
OPENING = ((T.ACQUAINTANCE, 2), (T.TRIAL, 6), (T.PLANNING, 9))


@dataclass(frozen=True)
class ProgramSpec:
    key: str
    form: str
    title: str
    goals: str


PROGRAMS = [
    ProgramSpec(
        "young",
        "teacher-teacher",
        "Молодой педагог",
        "Адаптация молодых специалистов в профессии и в коллективе школы, развитие их методических "
        "компетенций, закрепление в профессии.",
    ),
    ProgramSpec(
        "peer",
        "student-student",
        "Успешный ученик",
        "Помощь обучающимся 5–8 классов в учёбе и адаптации силами старшеклассников; развитие "
        "лидерских качеств наставников.",
    ),
    ProgramSpec(
        "career",
        "employer-student",
        "Профессиональный старт",
        "Профессиональная ориентация обучающихся 9–11 классов с наставниками АО «Заречный "
        "машиностроительный завод»: профессиональные пробы, выбор профиля обучения.",
    ),
    ProgramSpec(
        "volunteer",
        "volunteer-student",
        "Шаг навстречу",
        "Вовлечение обучающихся в добровольческую деятельность, социализация и поддержка обучающихся, "
        "испытывающих трудности в общении.",
    ),
    ProgramSpec(
        "projects",
        "teacher-student",
        "Траектория успеха",
        "Сопровождение проектной и исследовательской деятельности, подготовка к олимпиадам и "
        "государственной итоговой аттестации.",
    ),
]


@dataclass(frozen=True)
class UnitSpec:
    program: str
    fate: str
    mentor: dict  # how to find the mentor in the registry: login, category, position, class
    mentees: int
    role_model: str
    want: tuple[str, ...] = ()  # words of the mentee's request (a teacher's: position) to prefer
    grades: tuple[int, int] | None = None
    teacher_format: str = ""
    lag: int = 3  # a working unit: days since its last meeting
    deviation: bool = False  # a working unit: the planning meeting came before the trial one
    overdue: bool = False  # a working unit: a row of its plans is past its term
    full_cycle: tuple[bool, ...] = ()  # a completed unit: the mark of each mentee
    reason: str = ""  # a terminated unit
    results: str = ""  # a completed unit
    case: str = ""  # a completed unit: the last part of the address of its published case
    weeks: int | None = None  # a short-term unit: how long it is planned for (else to the program's end)
    meetings: dict = field(default_factory=dict)  # a completed unit: working offsets, final offset


MENTOR1 = {"login": "school.mentor1"}
MENTOR2 = {"login": "school.mentor2"}
UNITS = [
    # «Молодой педагог»
    UnitSpec(
        "young",
        ACTIVE,
        MENTOR1,
        1,
        "опытный предметник – неопытный предметник",
        want=("математики",),
        teacher_format="традиционное",
        lag=4,
        overdue=True,
    ),
    UnitSpec(
        "young",
        ACTIVE,
        MENTOR2,
        2,
        "опытный классный руководитель – молодой специалист",
        want=("английского", "начальных классов"),
        teacher_format="групповое",
        lag=2,
    ),
    UnitSpec(
        "young",
        SUBMITTED,
        {"category": STAFF, "position": "учитель физики"},
        1,
        "опытный педагог – молодой специалист",
        want=("информатики",),
        teacher_format="традиционное",
    ),
    # «Успешный ученик»
    UnitSpec(
        "peer",
        ACTIVE,
        {"category": STUDENT, "class": "10"},
        1,
        "успевающий – неуспевающий",
        want=("успеваемость",),
        grades=(5, 7),
        lag=5,
        deviation=True,
    ),
    UnitSpec(
        "peer",
        SECOND,
        {"category": STUDENT, "class": "10"},
        1,
        "успевающий – неуспевающий",
        want=("планировать",),
        grades=(5, 7),
    ),
    UnitSpec(
        "peer",
        DRAFT,
        {"category": STUDENT, "class": "11"},
        2,
        "адаптированный – неадаптированный",
        want=("адаптироваться", "друзей"),
        grades=(6, 8),
    ),
    # «Профессиональный старт»
    UnitSpec(
        "career",
        COMPLETED,
        {"category": EMPLOYER, "position": "инженер"},
        2,
        "работодатель – будущий сотрудник",
        want=("профиль", "профессию"),
        grades=(9, 11),
        full_cycle=(True, False),
        weeks=6,
        results="Наставляемые прошли две профессиональные пробы на заводе (чтение чертежа, 3D-моделирование "
        "детали) и защитили мини-проекты; определились с профилем обучения в 10 классе.",
        case="professionalnyj-start",
        meetings={"working": (16, 23, 30), "final": 37},
    ),
    UnitSpec(
        "career",
        ACTIVE,
        {"category": EMPLOYER, "position": "кадров"},
        1,
        "активный профессионал – равнодушный потребитель",
        want=("профиль", "профессию"),
        grades=(9, 11),
        lag=35,
    ),
    UnitSpec(
        "career",
        SUBMITTED,
        {"category": EMPLOYER, "position": "инженер"},
        2,
        "работодатель – будущий сотрудник",
        want=("профиль", "профессию"),
        grades=(9, 9),
        weeks=6,
    ),
    # «Шаг навстречу»
    UnitSpec(
        "volunteer",
        ACTIVE,
        {"category": VOLUNTEER},
        4,
        "лидер – пассивный",
        want=("друзей", "адаптироваться", "тревог", "публичного"),
        grades=(5, 7),
        lag=6,
    ),
    UnitSpec(
        "volunteer",
        SUBMITTED,
        {"category": VOLUNTEER},
        1,
        "равный – равному",
        want=("друзей", "адаптироваться"),
        grades=(5, 8),
    ),
    # «Траектория успеха»
    UnitSpec(
        "projects",
        ACTIVE,
        {"category": STAFF, "position": "дополнительного образования"},
        4,
        "наставник – автор проекта",
        want=("олимпиаде по информатике", "проект"),
        grades=(5, 8),
        lag=3,
    ),
    UnitSpec(
        "projects",
        COMPLETED,
        {"category": STAFF, "position": "истории"},
        1,
        "наставник – автор проекта",
        want=("проект",),
        grades=(7, 9),
        full_cycle=(True,),
        results="Исследовательский проект «Заречный в годы Великой Отечественной войны» защищён на школьной "
        "научно-практической конференции (диплом II степени) и рекомендован на муниципальный этап.",
        case="proekt-zarechnyj",
        meetings={"working": (15, 22, 29, 34), "final": 40},
    ),
    UnitSpec(
        "projects",
        TERMINATED,
        {"category": STAFF, "position": "биологии"},
        1,
        "активный профессионал – равнодушный потребитель",
        want=("успеваемость",),
        grades=(7, 9),
        reason="Длительная нетрудоспособность наставника; наставляемому подбирается новый наставник.",
    ),
    UnitSpec(
        "projects",
        SECOND,
        MENTOR1,
        2,
        "коллега – молодой коллега",
        want=("успеваемость по математике",),
        grades=(9, 11),
    ),
    UnitSpec(
        "projects",
        DRAFT,
        MENTOR2,
        1,
        "наставник – автор проекта",
        want=("ОГЭ по русскому",),
        grades=(9, 11),
    ),
]

# Meetings: (topic, content, result or task) by program and type; working meetings take the list in turn.
TOPICS = {
    "young": {
        T.ACQUAINTANCE: (
            "Знакомство: ожидания от работы в паре, профессиональные затруднения",
            "Обсудили опыт молодого педагога, его сильные стороны и трудности первых недель, договорились "
            "о графике встреч и способах связи.",
            "Составить список вопросов, вызывающих затруднения.",
        ),
        T.TRIAL: (
            "Пробная рабочая встреча: посещение урока наставника и его разбор",
            "Молодой педагог посетил урок наставника; разобрали структуру урока и приёмы организации работы класса.",
            "Подготовить конспект урока с учётом разобранных приёмов.",
        ),
        T.PLANNING: (
            "Составление индивидуального плана развития",
            "Определили цель и задачи на учебный год, сроки и формы результатов.",
            "Индивидуальный план развития согласован.",
        ),
        T.WORKING: [
            (
                "Рабочая программа и календарно-тематическое планирование",
                "Проверили рабочую программу и КТП, уточнили планируемые результаты.",
                "Доработать КТП на II четверть.",
            ),
            (
                "Анализ урока молодого педагога",
                "Наставник посетил урок; обсудили хронометраж, смену видов деятельности, обратную связь.",
                "Использовать на уроках приёмы формирующего оценивания.",
            ),
            (
                "Дисциплина на уроке и работа с классом",
                "Разобрали случаи нарушения дисциплины, приёмы их предупреждения и правила класса.",
                "Ввести правила работы на уроке в 6Б классе.",
            ),
            (
                "Подготовка к родительскому собранию",
                "Составили план собрания и памятку для родителей.",
                "Провести собрание, протокол передать наставнику.",
            ),
            (
                "Подготовка открытого урока",
                "Обсудили тему, цели и технологическую карту открытого урока.",
                "Представить технологическую карту урока.",
            ),
        ],
        T.FINAL: (
            "Итоговая встреча: анализ выполнения плана, рефлексия",
            "Подвели итоги работы пары, заполнили анкеты удовлетворённости.",
            "Подготовить выступление на итоговом педсовете.",
        ),
    },
    "students": {
        T.ACQUAINTANCE: (
            "Знакомство: интересы, ожидания, правила работы",
            "Познакомились, обсудили интересы и запрос наставляемого, договорились о времени встреч.",
            "Записать три цели на полугодие.",
        ),
        T.TRIAL: (
            "Пробное занятие: разбор трудной темы",
            "Разобрали тему, вызывающую затруднения, попробовали совместную работу.",
            "Решить пять задач по разобранной теме.",
        ),
        T.PLANNING: (
            "Составление плана работы на полугодие",
            "Составили индивидуальный план развития, определили сроки и формы результатов.",
            "План согласован с куратором.",
        ),
        T.WORKING: [
            (
                "Работа над трудными темами",
                "Разобрали ошибки самостоятельной работы, повторили правила.",
                "Выполнить домашнее задание без ошибок.",
            ),
            (
                "Планирование времени и домашних заданий",
                "Составили расписание на неделю, обсудили, что мешает выполнять задания вовремя.",
                "Вести дневник планирования неделю.",
            ),
            (
                "Подготовка к контрольной работе",
                "Повторили материал четверти, решили пробный вариант.",
                "Решить второй пробный вариант.",
            ),
            (
                "Работа над проектом",
                "Обсудили тему, план и источники проекта.",
                "Подготовить первую главу проекта.",
            ),
            (
                "Анализ результатов четверти",
                "Сравнили отметки с началом года, отметили успехи и то, над чем работать дальше.",
                "Обновить цели плана на следующую четверть.",
            ),
        ],
        T.FINAL: (
            "Итоговая встреча: результаты и рефлексия",
            "Подвели итоги, заполнили анкеты удовлетворённости, обсудили продолжение работы.",
            "Представить результаты на итоговом мероприятии.",
        ),
    },
    "career": {
        T.ACQUAINTANCE: (
            "Знакомство: профессии машиностроительного предприятия",
            "Наставник рассказал о заводе и востребованных профессиях; обсудили интересы наставляемых.",
            "Выбрать две профессии для профессиональных проб.",
        ),
        T.TRIAL: (
            "Экскурсия на АО «Заречный машиностроительный завод»",
            "Посетили механосборочный цех и конструкторское бюро.",
            "Подготовить вопросы инженерам.",
        ),
        T.PLANNING: (
            "План профессиональных проб и мини-проекта",
            "Составили индивидуальные планы, выбрали темы мини-проектов.",
            "План согласован с куратором.",
        ),
        T.WORKING: [
            (
                "Профессиональная проба: чтение чертежа",
                "Разобрали чертёж детали, основы ЕСКД.",
                "Выполнить эскиз детали.",
            ),
            (
                "Профессиональная проба: 3D-моделирование детали",
                "Построили модель детали в САПР.",
                "Доработать модель для мини-проекта.",
            ),
            (
                "Как составить резюме и пройти собеседование",
                "Начальник отдела кадров рассказала о собеседовании; составили резюме.",
                "Доработать резюме.",
            ),
            (
                "Встреча с молодыми специалистами завода",
                "Выпускники колледжа рассказали о своём пути в профессию.",
                "Выбрать профиль обучения и обосновать выбор.",
            ),
        ],
        T.FINAL: (
            "Итоговая встреча: защита мини-проектов",
            "Наставляемые представили мини-проекты, заполнили анкеты удовлетворённости.",
            "Выбор профиля обучения сделан.",
        ),
    },
}
TOPICS_OF_PROGRAM = {"young": "young", "career": "career"}

# Plans: (section, activity, form of the result).
TEACHER_PLAN = (
    "Адаптация в профессии и развитие методических компетенций",
    "1. Освоить требования к рабочей документации учителя.\n2. Отработать приёмы организации урока и "
    "дисциплины.\n3. Подготовить и провести открытый урок.",
    [
        ("Адаптация", "Изучение локальных актов школы и должностной инструкции", "собеседование с наставником"),
        ("Методическая работа", "Разработка рабочей программы и КТП по предмету", "утверждённая рабочая программа"),
        ("Методическая работа", "Посещение пяти уроков наставника с анализом", "листы наблюдения"),
        ("Работа с классом", "Подготовка и проведение родительского собрания", "протокол собрания"),
        ("Методическая работа", "Подготовка и проведение открытого урока", "технологическая карта урока"),
        ("Самообразование", "Участие в муниципальном конкурсе «Педагогический дебют»", "материалы конкурса"),
    ],
)
STUDENT_PLAN = (
    "",  # the goal is the mentee's request in the registry
    "1. Выявить пробелы и трудности.\n2. Регулярно заниматься с наставником.\n3. Закрепить результат.",
    [
        ("Диагностика", "Входная диагностика вместе с наставником", "результаты диагностики"),
        ("Учёба", "Еженедельные занятия по трудным темам", "тетрадь с решениями"),
        ("Личностное развитие", "Составление и соблюдение личного расписания", "дневник планирования"),
        ("Учёба", "Контрольная работа за полугодие", "отметка не ниже «4»"),
        ("Итоги", "Выступление на итоговом мероприятии программы", "презентация"),
    ],
)
CAREER_PLAN = (
    "Определиться с профилем обучения и будущей профессией",
    "1. Познакомиться с профессиями предприятия.\n2. Пройти профессиональные пробы.\n3. Выполнить мини-проект.",
    [
        ("Знакомство с профессиями", "Экскурсия на предприятие", "отчёт об экскурсии"),
        ("Профессиональные пробы", "Проба «Чтение чертежа»", "эскиз детали"),
        ("Профессиональные пробы", "Проба «3D-моделирование детали»", "3D-модель"),
        ("Мини-проект", "Мини-проект по выбранной профессии", "защита мини-проекта"),
    ],
)
PLAN_OF_PROGRAM = {"young": TEACHER_PLAN, "career": CAREER_PLAN}
MARKS = ["выполнено полностью", "выполнено, рекомендации даны", "выполнено"]


class Timeline:
    """The days of the demo's year: the work since the first approval, pressed when the year is young."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.year = academic_year_of(today)
        self.approval = min(today, datetime.date(self.year, *APPROVAL_DAY))
        self.second_approval = max(self.approval, today - datetime.timedelta(days=6))
        self.scale = min(1.0, (today - self.approval).days / IDEAL_WORK_DAYS)
        self.program_start = min(datetime.date(self.year, *PROGRAM_START), self.approval)
        self.program_end = datetime.date(self.year + 1, *PROGRAM_END)

    def at(self, offset: int) -> datetime.date:
        """``offset`` days after the first approval as the work would have it, never later than today."""
        return min(self.today, self.approval + datetime.timedelta(days=round(offset * self.scale)))

    def days_ago(self, days: int) -> datetime.date:
        return max(self.approval, self.today - datetime.timedelta(days=days))

    def planned(self, start: datetime.date, end: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        start = min(start, self.program_end)
        return start, max(start, end or self.program_end)


def _grade(participant: Participant) -> int | None:
    found = re.match(r"\d+", participant.class_name or "")
    return int(found.group()) if found else None


class Registry:
    """The year's registries of the school as the demo picks from them: only people whose consent to
    processing is valid on every day the rules are checked, and mentees in no open unit yet."""

    def __init__(self, school, year: int, days: list[datetime.date]):
        valid = None
        for day in set(days):
            ids = set(
                valid_consents(Consent.Kind.PROCESSING, day)
                .filter(participant__organization=school)
                .values_list("participant_id", flat=True)
            )
            valid = ids if valid is None else valid & ids
        # Cases are published now: the consent to publish results must hold today.
        publishing = {
            consent.participant_id
            for consent in valid_consents(Consent.Kind.DISTRIBUTION, max(days)).filter(participant__organization=school)
            if Consent.Publication.RESULTS in consent.allowed_publication
        }
        busy = set(
            UnitMentee.objects.filter(
                unit__program__organization=school, unit__status__in=pairs.OPEN_STATUSES, left_on__isnull=True
            ).values_list("mentee_id", flat=True)
        )
        order = ("participant__last_name", "participant__first_name", "participant__pk")
        people = Q(participant__organization=school, participant__depersonalized_at__isnull=True, academic_year=year)
        self.mentors = [
            entry.participant
            for entry in MentorEntry.objects.filter(people).select_related("participant__user").order_by(*order)
            if entry.participant_id in valid
        ]
        self.mentees = [
            entry
            for entry in MenteeEntry.objects.filter(people, completed_on__isnull=True)
            .select_related("participant")
            .order_by(*order)
            if entry.participant_id in valid and entry.participant_id not in busy
        ]
        self.publishing = publishing

    def mentor(self, login: str = "", category: str = "", position: str = "", **wanted) -> Participant | None:
        for person in self.mentors:
            if login and not (person.user and person.user.username == login):
                continue
            if category and person.category != category:
                continue
            if position and position not in person.position:
                continue
            if "class" in wanted and not person.class_name.startswith(wanted["class"]):
                continue
            return person
        return None

    def take(
        self, spec: UnitSpec, form: MentoringForm, mentor: Participant, joined: datetime.date
    ) -> list[MenteeEntry]:
        """The mentees the unit wants most: of its grades, able to have their case published (for a
        unit that will publish one), asking for what it offers, in the registry before the unit starts."""
        children = set(mentor.children.values_list("pk", flat=True))

        def rank(entry: MenteeEntry) -> tuple:
            person = entry.participant
            grade = _grade(person)
            text = person.position if person.category == STAFF else entry.key_request
            return (
                spec.grades is not None and not (grade and spec.grades[0] <= grade <= spec.grades[1]),
                spec.fate == COMPLETED and person.pk not in self.publishing,
                not any(word in text for word in spec.want),
                entry.entered_on > joined,
            )

        allowed = [
            entry
            for entry in self.mentees
            if entry.participant.category in form.mentee_categories
            and entry.participant_id != mentor.pk
            and entry.participant_id not in children
        ]
        chosen = sorted(allowed, key=rank)[: spec.mentees]  # sorted() is stable: the registry's order decides ties
        for entry in chosen:
            self.mentees.remove(entry)
        return chosen


@dataclass
class Made:
    spec: UnitSpec
    program_key: str
    unit: MentoringUnit
    entries: list[MenteeEntry]
    publishable: bool  # every mentee's consent allows publishing results: the case may go on the site


def _programs(school, year: int, timeline: Timeline, curator) -> dict[str, Program]:
    """The demo's programs made now; those that exist already are left out, with their units."""
    existing = set(
        Program.objects.filter(
            organization=school, academic_year=year, title__in=[spec.title for spec in PROGRAMS]
        ).values_list("title", flat=True)
    )
    forms = {form.code: form for form in MentoringForm.objects.filter(code__in=[spec.form for spec in PROGRAMS])}
    made = {}
    for spec in PROGRAMS:
        if spec.title in existing or spec.form not in forms:
            continue
        made[spec.key] = Program.objects.create(
            organization=school,
            academic_year=year,
            form=forms[spec.form],
            title=spec.title,
            goals=spec.goals,
            starts_on=timeline.program_start,
            ends_on=timeline.program_end,
            curator=curator,
        )
    return made


def _joining_day(spec: UnitSpec, timeline: Timeline) -> datetime.date:
    if spec.fate in (ACTIVE, COMPLETED, TERMINATED):
        return timeline.approval
    if spec.fate == SECOND:
        return timeline.second_approval + datetime.timedelta(days=7)
    return timeline.today + datetime.timedelta(days=14)


def _create_units(programs: dict[str, Program], registry: Registry, timeline: Timeline, curator) -> list[Made]:
    made = []
    formats = {item.name: item for item in TeacherMentoringFormat.objects.all()}
    # Units to be completed pick first (their mentees should allow publishing the case), drafts last.
    for spec in sorted(UNITS, key=lambda spec: FATES.index(spec.fate)):
        program = programs.get(spec.program)
        mentor = registry.mentor(**spec.mentor) if program else None
        if mentor is None:
            continue
        joined = _joining_day(spec, timeline)
        entries = registry.take(spec, program.form, mentor, joined)
        if not entries:
            continue
        planned_from, planned_to = timeline.planned(
            joined, joined + datetime.timedelta(weeks=spec.weeks) if spec.weeks else None
        )
        unit = pairs.unit_create(
            program=program,
            mentor=mentor,
            mentees=[entry.participant for entry in entries],
            by=curator,
            role_model=RoleModel.objects.filter(form=program.form, name=spec.role_model).first(),
            teacher_format=formats.get(spec.teacher_format) if program.form.for_teachers else None,
            planned_from=planned_from,
            planned_to=planned_to,
        )
        publishable = all(entry.participant_id in registry.publishing for entry in entries)
        made.append(Made(spec, spec.program, unit, entries, publishable))
    return made


def _log(made: Made, by, held_on: datetime.date, meeting_type: str, number: int = 0, absent: int | None = None):
    """A line of the log; ``absent`` is the participant id of a mentee who missed the meeting."""
    topics = TOPICS[TOPICS_OF_PROGRAM.get(made.program_key, "students")]
    topic = topics[meeting_type]
    if meeting_type == T.WORKING:
        topic = topic[number % len(topic)]
    people = work_services.unit_people(made.unit)
    attendees = [person for person in people if person.pk != absent]
    return work_services.meeting_log(
        unit=made.unit,
        by=by,
        held_on=held_on,
        type=meeting_type,
        format=Meeting.Format.REMOTE if number % 4 == 3 else Meeting.Format.IN_PERSON,
        topic=topic[0],
        content=topic[1],
        result=topic[2],
        duration_minutes=60 if made.program_key == "career" else 45,
        attendees=attendees,
    )


def _spread(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Working meetings from ``first`` to ``last``, about every WORKING_EVERY_DAYS days."""
    if last < first:
        return []
    count = min(MOST_WORKING_MEETINGS, (last - first).days // WORKING_EVERY_DAYS + 1)
    if count == 1:
        return [last]
    step = (last - first).days / (count - 1)
    return [first + datetime.timedelta(days=round(step * index)) for index in range(count)]


def _opening(made: Made, by, timeline: Timeline, until: datetime.date) -> datetime.date:
    steps = list(OPENING)
    if made.spec.deviation:  # the pair planned before its trial meeting
        steps = [(T.ACQUAINTANCE, 2), (T.PLANNING, 6), (T.TRIAL, 9)]
    last = timeline.approval
    for meeting_type, offset in steps:
        last = min(timeline.at(offset), until)
        _log(made, by, last, meeting_type)
    return last


def _plans(made: Made, by, timeline: Timeline, last_meeting: datetime.date, finished: bool = False) -> None:
    """A plan for every mentee; rows are marked done only on days the pair still met."""
    goal, tasks, rows = PLAN_OF_PROGRAM.get(made.program_key, STUDENT_PLAN)
    memberships = {m.mentee_id: m for m in made.unit.mentees.select_related("mentee")}
    for index, entry in enumerate(made.entries):
        own_goal = goal or (entry.key_request[:1].upper() + entry.key_request[1:])
        items = [{"section": s, "activity": a, "result_form": r} for s, a, r in rows]
        # Terms: what is done already, one row past its term (if the unit shows one), one soon, the rest later.
        states = ["done"] * len(items) if finished else ["done", "done"]
        if not finished:
            states += ["overdue"] if made.spec.overdue and index == 0 else []
            states += ["soon"]
            states += ["later"] * (len(items) - len(states))
        dues, later = [], 0
        for number, state in enumerate(states[: len(items)]):
            if state == "done":
                due = min(timeline.at(14 + 8 * number), last_meeting)
            elif state == "overdue":
                due = timeline.today - datetime.timedelta(days=4)
            elif state == "soon":
                due = timeline.today + datetime.timedelta(days=6)
            else:
                later += 1
                due = timeline.today + datetime.timedelta(days=10 + 30 * later)
            items[number]["due_on"] = due
            dues.append((state, due))
        plan = work_services.plan_save(
            membership=memberships[entry.participant_id], by=by, goal=own_goal, tasks=tasks, items=items
        )
        for number, (item, (state, due)) in enumerate(zip(plan.items.order_by("position"), dues, strict=True)):
            if state == "done":
                work_services.plan_item_mark_done(item=item, by=by, done_on=due, mentor_mark=MARKS[number % 3])


def _work_active(made: Made, by, timeline: Timeline) -> None:
    last_day = timeline.days_ago(made.spec.lag)
    opened = _opening(made, by, timeline, last_day)
    _plans(made, by, timeline, last_day)
    working = _spread(timeline.at(16), last_day)
    if not working and last_day > opened:
        working = [last_day]
    # In a group someone misses a meeting now and then.
    absent = made.entries[-1].participant_id if len(made.entries) > 1 else None
    for number, day in enumerate(working):
        _log(made, by, day, T.WORKING, number, absent=absent if number % 3 == 1 else None)


def _work_completed(made: Made, by, timeline: Timeline, website: str) -> None:
    _opening(made, by, timeline, timeline.today)
    offsets = made.spec.meetings
    # The mentee without the full cycle missed most working meetings.
    marks = dict(zip((entry.participant_id for entry in made.entries), made.spec.full_cycle, strict=False))
    misses = next((pid for pid, mark in marks.items() if not mark), None)
    for number, offset in enumerate(offsets["working"]):
        _log(made, by, timeline.at(offset), T.WORKING, number, absent=misses if number else None)
    final = timeline.at(offsets["final"])
    _plans(made, by, timeline, final, finished=True)
    _log(made, by, final, T.FINAL)
    # A case is published only when every mentee's consent allows publishing results.
    published = made.spec.case and made.publishable
    work_services.unit_finish(
        unit=made.unit,
        by=by,
        on=timeline.at(offsets["final"] + 1),
        results=made.spec.results,
        case_url=f"{website}/nastavnichestvo/{timeline.year}/{made.spec.case}" if published else "",
        full_cycle=marks,
    )


def _work_terminated(made: Made, by, timeline: Timeline, curator) -> None:
    end = timeline.at(25)
    _log(made, by, timeline.at(3), T.ACQUAINTANCE)
    _log(made, by, min(timeline.at(7), end), T.TRIAL)
    pairs.unit_terminate(unit=made.unit, by=curator, on=end, reason=made.spec.reason)


def _mark_unmatched(school, year: int, terminated: list[Made], curator) -> None:
    """The curator's marks for mentees without a pair: the search goes on for the teacher and for the
    mentee whose mentor fell ill and two more; the psychologist supports those anxious or not adapted."""
    left = {entry.participant_id for made in terminated for entry in made.entries}
    searching = 0
    for entry in pairs.unmatched_mentees(school, year):
        request = entry.key_request
        support = "тревог" in request or "адаптир" in request
        search = entry.participant_id in left or entry.participant.category == STAFF
        if not (support or search) and searching < 2:
            search, searching = True, searching + 1
        if support or search:
            entry.psychologist_support = entry.psychologist_support or support
            entry.continue_search = entry.continue_search or search
            registry_entry_save(entry=entry, by=curator)


def seed(world: DemoWorld) -> None:
    from reports import demo as reports_demo  # the register's September orders come before the approvals

    school = world.organizations["school"]
    curator, director = world.users["school.curator"], world.users["school.director"]
    today = timezone.localdate()
    timeline = Timeline(today)
    year = timeline.year
    programs = _programs(school, year, timeline, curator)
    if not programs:
        return
    reports_demo.register_opening_orders(world)
    registry = Registry(school, year, [timeline.approval, timeline.second_approval, today])
    made = _create_units(programs, registry, timeline, curator)
    for item in made:
        if item.spec.fate != DRAFT:
            pairs.unit_submit(unit=item.unit, by=curator)

    first = [item for item in made if item.spec.fate in (ACTIVE, COMPLETED, TERMINATED)]
    if first:
        # The demo's orders have their PDF at once: no worker need be running while it is seeded.
        pairs.units_approve(
            units=[item.unit for item in first], by=director, on_date=timeline.approval, pdf_in_background=False
        )
    website = (school.website or "https://school.example").rstrip("/")
    for item in first:
        mentor_user = item.unit.mentor.user or curator
        if item.spec.fate == ACTIVE:
            _work_active(item, mentor_user, timeline)
        elif item.spec.fate == COMPLETED:
            _work_completed(item, mentor_user, timeline, website)
        else:
            _work_terminated(item, mentor_user, timeline, curator)
    second = [item for item in made if item.spec.fate == SECOND]
    if second:
        pairs.units_approve(
            units=[item.unit for item in second],
            by=director,
            on_date=timeline.second_approval,
            pdf_in_background=False,
        )
    _mark_unmatched(school, year, [item for item in made if item.spec.fate == TERMINATED], curator)
