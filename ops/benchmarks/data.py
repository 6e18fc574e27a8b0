"""Invented datasets for the benchmark, loaded in bulk.

Each scale lives in a region of its own, so the district and the region datasets share one
database and the runner finds each by the region's name. Everything is generated from a seeded
random generator; people's names are combined from the lists of the demo. Large tables go in with
``bulk_create`` in big batches (PostgreSQL returns the new keys, which the next table needs);
the few objects with rules of their own (roadmaps, periods, submissions) go through the services.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import Membership, Municipality, Organization, Region, Role, User
from mentoring.academic_year import academic_year_bounds, academic_year_of
from mentoring.models import (
    Consent,
    DevelopmentPlan,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringUnit,
    Participant,
    PartnerOrganization,
    PlanItem,
    Program,
    UnitMentee,
)
from mentoring.registry.demo import BOYS, GIRLS, MEN, SURNAMES, WOMEN, feminine
from monitoring.indicators import services as indicator_services
from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod, Target
from monitoring.models import Answer, Campaign, Invitation, Question, Questionnaire, Response
from monitoring.services import KEY_LENGTH, SECRET_LENGTH, link_token
from roadmap import services as roadmap_services
from roadmap.models import Roadmap

BATCH = 5000
BIG_ORGANIZATION = 3000
Status = MentoringUnit.Status


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    organizations: int
    participants: int
    units: int
    meetings: int
    responses: int

    @property
    def region_name(self) -> str:
        return f"Бенчмарк: {self.name}"


SCALES = {
    "tiny": Scale("tiny", 1, 2, 120, 30, 90, 40),
    "district": Scale("district", 1, 40, 20_000, 8_000, 60_000, 15_000),
    "region": Scale("region", 30, 1_000, 400_000, 150_000, 1_000_000, 150_000),
}

# Shares of the units by status: most work, some wait for the director, some are over.
STATUS_SHARES = [
    (Status.ACTIVE, 0.50),
    (Status.APPROVED, 0.12),
    (Status.COMPLETED, 0.15),
    (Status.TERMINATED, 0.05),
    (Status.SUBMITTED, 0.10),
    (Status.DRAFT, 0.08),
]
MET = {Status.ACTIVE, Status.COMPLETED, Status.TERMINATED}
TOWNS = [
    "Заречный", "Озёрск", "Северогорск", "Липовка", "Берёзовский", "Каменка", "Светлогорье", "Ключевск",
    "Сосновка", "Ясногорск", "Малиновка", "Кедровый", "Родниковск", "Луговой", "Тихоречье",
]  # fmt: skip
TOPICS = [
    "Знакомство, ожидания от работы в паре", "Составление плана развития", "Подготовка к олимпиаде",
    "Разбор трудных задач", "Подготовка проекта", "Репетиция выступления", "Анализ открытого урока",
    "Работа с портфолио", "Подготовка к ОГЭ", "Итоги четверти", "Профориентационная беседа",
]  # fmt: skip
GOALS = [
    "Повысить успеваемость по математике",
    "Подготовить и защитить проект",
    "Адаптироваться в коллективе",
    "Подготовиться к олимпиаде по физике",
]


def batched(objects: Iterable, size: int = BATCH) -> Iterator[list]:
    chunk = []
    for obj in objects:
        chunk.append(obj)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bulk(model, objects: Iterable) -> list[int]:
    """Saves in batches and returns the new primary keys in order."""
    keys = []
    for chunk in batched(objects):
        keys.extend(obj.pk for obj in model.objects.bulk_create(chunk, batch_size=BATCH))
    return keys


def split(total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` as evenly as whole numbers allow."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def organization_sizes(total: int, organizations: int) -> list[int]:
    """The first organization is a big one (a school of 3,000 with a college) so that its
    filtered registry has 50 pages; the others share the rest evenly."""
    if organizations == 1:
        return [total]
    big = min(BIG_ORGANIZATION, total // 3)
    return [big, *split(total - big, organizations - 1)]


def dataset_exists(scale: Scale) -> bool:
    return Region.objects.filter(name=scale.region_name).exists()


class Generator:
    def __init__(self, scale: Scale, *, seed: int = 8, log: Callable[[str], None] = print):
        self.scale = scale
        self.rng = random.Random(seed)
        self.log = log
        self.today = timezone.localdate()
        self.year = academic_year_of(self.today)
        self.year_start, self.year_end = academic_year_bounds(self.year)
        self.timings: dict[str, float] = {}

    def step(self, label: str, action: Callable[[], None]) -> None:
        started = time.perf_counter()
        action()
        self.timings[label] = round(time.perf_counter() - started, 2)
        self.log(f"  {label}: {self.timings[label]:.1f} s")

    def run(self) -> dict[str, float]:
        started = time.perf_counter()
        with transaction.atomic():
            self.step("organizations and users", self.organizations)
            self.step("participants, registries, consents", self.participants)
            self.step("programs, units, mentees, plans", self.units)
            self.step("meetings", self.meetings)
            self.step("roadmaps", self.roadmaps)
            self.step("periods, contingent, targets, submissions", self.indicators)
            self.step("campaigns, responses, answers", self.responses)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather on a live database: without them the
            # planner takes the bulk-loaded tables for empty ones and the timings mean nothing.
            self.step("statistics (ANALYZE)", self.analyze)
        self.timings["total"] = round(time.perf_counter() - started, 2)
        return self.timings

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # People's names --------------------------------------------------------------------------

    def adult_name(self) -> tuple[str, str, str, bool]:
        surname = self.rng.choice(SURNAMES)
        father = self.rng.choice(MEN)
        if self.rng.random() < 0.7:
            return feminine(surname), self.rng.choice(WOMEN), father[2], True
        return surname, self.rng.choice(MEN)[0], father[1], False

    def child_name(self) -> tuple[str, str, str]:
        surname = self.rng.choice(SURNAMES)
        father = self.rng.choice(MEN)
        if self.rng.random() < 0.5:
            return feminine(surname), self.rng.choice(GIRLS), father[2]
        return surname, self.rng.choice(BOYS), father[1]

    # Structure -------------------------------------------------------------------------------

    def organizations(self) -> None:
        scale = self.scale
        region = Region.objects.create(name=scale.region_name)
        self.municipalities = Municipality.objects.bulk_create(
            Municipality(
                region=region,
                name=f"{TOWNS[n % len(TOWNS)]}{'' if n < len(TOWNS) else f'-{n // len(TOWNS) + 1}'} городской округ",
                authority=f"Управление образования {TOWNS[n % len(TOWNS)]}",
                city=TOWNS[n % len(TOWNS)],
            )
            for n in range(scale.municipalities)
        )
        per_municipality = split(scale.organizations, scale.municipalities)
        organizations = []
        for municipality, count in zip(self.municipalities, per_municipality, strict=True):
            for n in range(1, count + 1):
                organizations.append(
                    Organization(
                        municipality=municipality,
                        full_name=f"Муниципальное общеобразовательное учреждение «Средняя школа № {n}» "
                        f"г. {municipality.city}",
                        short_name=f"Школа № {n} ({municipality.city})",
                        founder=municipality.authority,
                        city=municipality.city,
                        director_name=" ".join(self.adult_name()[:3]),
                    )
                )
        self.organizations = Organization.objects.bulk_create(organizations, batch_size=BATCH)
        users, memberships = [], []
        prefix = f"bench-{scale.name}"
        for index, municipality in enumerate(self.municipalities):
            last, first, patronymic, _female = self.adult_name()
            users.append(
                User(username=f"{prefix}-m{index}-coordinator", last_name=last, first_name=first, patronymic=patronymic)
            )
            memberships.append((len(users) - 1, Role.COORDINATOR, None, municipality))
        for index, organization in enumerate(self.organizations):
            for role in (Role.DIRECTOR, Role.CURATOR, Role.MENTOR):
                last, first, patronymic, _female = self.adult_name()
                users.append(
                    User(username=f"{prefix}-o{index}-{role}", last_name=last, first_name=first, patronymic=patronymic)
                )
                memberships.append((len(users) - 1, role, organization, None))
        for user in users:
            user.set_unusable_password()
        users = User.objects.bulk_create(users, batch_size=BATCH)
        Membership.objects.bulk_create(
            (
                Membership(user=users[i], role=role, organization=organization, municipality=municipality)
                for i, role, organization, municipality in memberships
            ),
            batch_size=BATCH,
        )
        self.users = {user.username: user for user in users}
        PartnerOrganization.objects.bulk_create(
            (
                PartnerOrganization(
                    organization=organization,
                    name=f"ООО «{self.rng.choice(['Технопарк', 'Агросервис', 'Энергия', 'Вектор'])} {n}»",
                    agreement_number=f"{n}/{self.year}",
                    agreement_date=self.year_start,
                )
                for organization in self.organizations
                for n in range(1, 3)
            ),
            batch_size=BATCH,
        )

    def user(self, organization_index: int, role: str) -> User:
        return self.users[f"bench-{self.scale.name}-o{organization_index}-{role}"]

    # Registries ------------------------------------------------------------------------------

    def participants(self) -> None:
        """Per organization: 70% pupils, 22% staff, 8% parents; registry entries and consents."""
        per_organization = organization_sizes(self.scale.participants, len(self.organizations))
        kinds = []

        def people():
            for index, (organization, count) in enumerate(zip(self.organizations, per_organization, strict=True)):
                staff = max(2, round(count * 0.22))
                parents = round(count * 0.08)
                for n in range(count):
                    if n < staff:
                        last, first, patronymic, _female = self.adult_name()
                        person = Participant(
                            organization=organization,
                            category=Participant.Category.STAFF,
                            last_name=last,
                            first_name=first,
                            patronymic=patronymic,
                            position=self.rng.choice(["учитель математики", "учитель истории", "учитель физики"]),
                            teaching_since=datetime.date(self.rng.randint(1990, self.today.year), 9, 1),
                            email=f"staff{index}-{n}@school.example",
                        )
                        if n == 0:
                            # The mentor login of the organization is this teacher.
                            person.user = self.user(index, Role.MENTOR)
                    elif n < staff + parents:
                        last, first, patronymic, _female = self.adult_name()
                        person = Participant(
                            organization=organization,
                            category=Participant.Category.PARENT,
                            last_name=last,
                            first_name=first,
                            patronymic=patronymic,
                        )
                    else:
                        last, first, patronymic = self.child_name()
                        grade = self.rng.randint(5, 11)
                        person = Participant(
                            organization=organization,
                            category=Participant.Category.STUDENT,
                            last_name=last,
                            first_name=first,
                            patronymic=patronymic,
                            class_name=f"{grade}{self.rng.choice('АБВ')}",
                            birth_date=datetime.date(
                                self.year - grade - 6, self.rng.randint(1, 12), self.rng.randint(1, 28)
                            ),
                            guardian_name=" ".join(self.adult_name()[:3]),
                            phone=f"+7 900 {self.rng.randint(100, 999)}-{self.rng.randint(10, 99)}-00",
                        )
                    person.fill_derived_fields()
                    kinds.append((index, person.category))
                    yield person

        keys = bulk(Participant, people())
        self.students = [[] for _ in self.organizations]
        self.staff = [[] for _ in self.organizations]
        for key, (index, category) in zip(keys, kinds, strict=True):
            if category == Participant.Category.STUDENT:
                self.students[index].append(key)
            elif category == Participant.Category.STAFF:
                self.staff[index].append(key)
        signed = self.year_start + datetime.timedelta(days=5)

        def consents():
            for key, (_index, category) in zip(keys, kinds, strict=True):
                roll = self.rng.random()
                if roll < 0.05:
                    continue  # not yet collected
                minor = category == Participant.Category.STUDENT
                yield Consent(
                    participant_id=key,
                    kind=Consent.Kind.PROCESSING,
                    signed_by=Consent.Signer.REPRESENTATIVE if minor else Consent.Signer.SELF,
                    representative_name="Законный представитель" if minor else "",
                    signed_on=signed,
                    withdrawn_on=signed + datetime.timedelta(days=30) if roll < 0.07 else None,
                )
                if roll > 0.7:
                    yield Consent(
                        participant_id=key,
                        kind=Consent.Kind.DISTRIBUTION,
                        signed_on=signed,
                        allowed_publication=[Consent.Publication.NAME, Consent.Publication.RESULTS],
                    )

        bulk(Consent, consents())
        bulk(
            MentorEntry,
            (
                MentorEntry(
                    participant_id=key,
                    organization=organization,
                    academic_year=self.year,
                    entered_on=self.year_start,
                    interests="шахматы, робототехника",
                    competencies="подготовка к олимпиадам",
                    trained=self.rng.random() < 0.6,
                )
                for organization, staff in zip(self.organizations, self.staff, strict=True)
                for key in staff
            ),
        )
        bulk(
            MenteeEntry,
            (
                MenteeEntry(
                    participant_id=key,
                    organization=organization,
                    academic_year=self.year,
                    entered_on=self.year_start,
                    interests="футбол, чтение",
                    key_request=self.rng.choice(GOALS),
                )
                for organization, students in zip(self.organizations, self.students, strict=True)
                for key in students
            ),
        )
        # bulk_create does not call save(), which copies the birth date the age bands read.
        born = Subquery(Participant.objects.filter(pk=OuterRef("participant_id")).values("birth_date")[:1])
        for model in (MentorEntry, MenteeEntry):
            model.objects.filter(organization__in=self.organizations).update(birth_date=born)

    # Pairs and groups ------------------------------------------------------------------------

    def units(self) -> None:
        form = MentoringForm.objects.get(code="teacher-student")
        programs = Program.objects.bulk_create(
            (
                Program(
                    organization=organization,
                    academic_year=self.year,
                    form=form,
                    title=f"Программа наставничества «учитель – ученик» {self.year}/{self.year + 1}",
                    starts_on=self.year_start,
                    ends_on=self.year_end,
                    curator=self.user(index, Role.CURATOR),
                )
                for index, organization in enumerate(self.organizations)
            ),
            batch_size=BATCH,
        )
        statuses = [status for status, share in STATUS_SHARES for _ in range(round(share * 100))]
        # Mixed, so that a small organization has units in several statuses too.
        random.Random(0).shuffle(statuses)
        meta, mentees = [], []

        def units():
            for index, (program, count) in enumerate(
                zip(programs, split(self.scale.units, len(self.organizations)), strict=True)
            ):
                staff, students = self.staff[index], self.students[index]
                self.rng.shuffle(students)
                taken = 0
                for n in range(count):
                    status = statuses[n % len(statuses)]
                    group = n % 7 == 6
                    started = self.year_start + datetime.timedelta(days=self.rng.randint(10, 40))
                    meta.append((status, started if status in MET else None))
                    for _ in range(3 if group else 1):
                        mentees.append((len(meta) - 1, students[taken % len(students)], started))
                        taken += 1
                    yield MentoringUnit(
                        program=program,
                        form=form,
                        kind=MentoringUnit.Kind.GROUP if group else MentoringUnit.Kind.PAIR,
                        mentor_id=staff[n % len(staff)],
                        planned_from=self.year_start + datetime.timedelta(days=14),
                        planned_to=self.year_end - datetime.timedelta(days=60),
                        status=status,
                        submitted_at=timezone.now() if status != Status.DRAFT else None,
                        started_on=started if status in MET else None,
                        finished_on=started + datetime.timedelta(days=120)
                        if status in (Status.COMPLETED, Status.TERMINATED)
                        else None,
                        termination_reason="Переезд наставляемого" if status == Status.TERMINATED else "",
                    )

        unit_keys = bulk(MentoringUnit, units())
        self.unit_status = [(key, status, started) for key, (status, started) in zip(unit_keys, meta, strict=True)]
        seen = set()
        memberships = []
        for unit_index, mentee, joined in mentees:
            if (unit_index, mentee) in seen:
                continue
            seen.add((unit_index, mentee))
            memberships.append(UnitMentee(unit_id=unit_keys[unit_index], mentee_id=mentee, joined_on=joined))
        member_keys = bulk(UnitMentee, memberships)
        plan_keys = bulk(
            DevelopmentPlan,
            (
                DevelopmentPlan(membership_id=key, goal=self.rng.choice(GOALS), tasks="Занятия раз в неделю")
                for key in member_keys
            ),
        )
        bulk(
            PlanItem,
            (
                PlanItem(
                    plan_id=key,
                    section="Учебная деятельность",
                    activity=activity,
                    due_on=self.year_start + datetime.timedelta(days=60 * position),
                    done_on=self.year_start + datetime.timedelta(days=55) if position == 1 else None,
                    position=position,
                )
                for key in plan_keys
                for position, activity in enumerate(("Диагностика трудностей", "Разбор заданий"), start=1)
            ),
        )

    def meetings(self) -> None:
        working = [(key, started) for key, status, started in self.unit_status if status in MET]
        per_unit = split(self.scale.meetings, len(working))

        def rows():
            for (key, started), count in zip(working, per_unit, strict=True):
                for n in range(count):
                    yield Meeting(
                        unit_id=key,
                        held_on=min(started + datetime.timedelta(days=7 * n), self.today),
                        type=Meeting.Type.ACQUAINTANCE if n == 0 else Meeting.Type.WORKING,
                        topic=TOPICS[n % len(TOPICS)],
                        content="Обсудили задачи недели, разобрали ошибки.",
                        result="Выполнить задания к следующей встрече.",
                    )

        bulk(Meeting, rows())

    # Roadmaps, indicators, questionnaires ----------------------------------------------------

    def roadmaps(self) -> None:
        shipped = Roadmap.objects.filter(is_template=True, organization=None, municipality=None)
        school = shipped.filter(scope=Roadmap.Scope.ORGANIZATION).order_by("pk").first()
        municipal = shipped.filter(scope=Roadmap.Scope.MUNICIPALITY).order_by("pk").first()
        for index, organization in enumerate(self.organizations):
            roadmap_services.roadmap_from_template(
                template=school, by=self.user(index, Role.CURATOR), organization=organization, academic_year=self.year
            )
        for index, municipality in enumerate(self.municipalities):
            starts_on, ends_on = roadmap_services.shifted_period(municipal, self.today.year - 1)
            roadmap_services.roadmap_from_template(
                template=municipal,
                by=self.users[f"bench-{self.scale.name}-m{index}-coordinator"],
                municipality=municipality,
                starts_on=starts_on,
                ends_on=ends_on,
            )

    def indicators(self) -> None:
        indicators = list(Indicator.objects.filter(active=True))
        by_municipality = {}
        for index, municipality in enumerate(self.municipalities):
            coordinator = self.users[f"bench-{self.scale.name}-m{index}-coordinator"]
            for academic_year in (self.year - 1, self.year):
                indicator_services.periods_create_quarterly(
                    municipality=municipality, academic_year=academic_year, by=coordinator
                )
            by_municipality[municipality.pk] = list(
                ReportingPeriod.objects.filter(municipality=municipality, reporting_date__lte=self.today)
            )
        Target.objects.bulk_create(
            Target(municipality=municipality, indicator=indicator, year=self.today.year, value=Decimal(30))
            for municipality in self.municipalities
            for indicator in indicators
        )
        contingent = []
        for index, organization in enumerate(self.organizations):
            students = len(self.students[index])
            teachers = len(self.staff[index])
            for period in by_municipality[organization.municipality_id]:
                contingent.append(
                    ContingentFigures(
                        organization=organization,
                        period=period,
                        students_total=students,
                        students_10_19=students * 9 // 10,
                        students_15_19=students * 4 // 10,
                        students_additional=students // 2,
                        teachers=teachers,
                        teachers_under_35=teachers // 3,
                        young_specialists=teachers // 8,
                        staff_trained=teachers // 2,
                        partner_organizations=2,
                    )
                )
        bulk(ContingentFigures, contingent)
        # Four organizations in five have submitted the latest period that has come.
        for index, organization in enumerate(self.organizations):
            periods = by_municipality[organization.municipality_id]
            if periods and index % 5:
                # Generated figures: a share above 100 % is what the data make, confirmed as such.
                indicator_services.period_submit(
                    organization=organization,
                    period=periods[-1],
                    by=self.user(index, Role.CURATOR),
                    confirm_exceeding=True,
                )

    def responses(self) -> None:
        questionnaire = Questionnaire.objects.get(organization=None, code="growth-mentee")
        scales = list(questionnaire.questions.filter(kind=Question.Kind.SCALE).order_by("position"))
        opens = max(self.year_start + datetime.timedelta(days=30), self.today - datetime.timedelta(days=60))
        closes = self.today + datetime.timedelta(days=30)
        campaigns = Campaign.objects.bulk_create(
            (
                Campaign(
                    organization=organization,
                    questionnaire=questionnaire,
                    title=f"Оценка роста наставляемых {self.year}/{self.year + 1}",
                    opens_on=opens,
                    closes_on=closes,
                    created_by=self.user(index, Role.CURATOR),
                )
                for index, organization in enumerate(self.organizations)
            ),
            batch_size=BATCH,
        )
        chosen = []
        per_organization = split(self.scale.responses, len(self.organizations))

        def invitations():
            for index, (campaign, wanted) in enumerate(zip(campaigns, per_organization, strict=True)):
                for n, student in enumerate(self.students[index]):
                    chosen.append((campaign.pk, n < wanted))
                    yield Invitation(
                        campaign=campaign,
                        participant_id=student,
                        key=link_token(KEY_LENGTH),
                        secret=link_token(SECRET_LENGTH),
                    )

        invitation_keys = bulk(Invitation, invitations())
        answered = [(key, campaign) for key, (campaign, yes) in zip(invitation_keys, chosen, strict=True) if yes]
        moment = timezone.now() - datetime.timedelta(days=3)
        for chunk in batched(answered):
            Invitation.objects.filter(pk__in=[key for key, _ in chunk]).update(answered_at=moment)
        response_keys = bulk(
            Response,
            (Response(campaign_id=campaign, invitation_id=key, submitted_at=moment) for key, campaign in answered),
        )
        bulk(
            Answer,
            (
                Answer(response_id=key, question=question, value=self.rng.randint(5, 10))
                for key in response_keys
                for question in scales
            ),
        )
