"""Demo data of the «Школа наставников»: the demo school's own program of the academic year (the
four sessions its order «Об организации «Школы наставников»» schedules, reports.demo.MENTOR_SCHOOL),
its adult mentors enrolled, the attendance of the sessions held so far and, after the last one
(17 October, the date the mentor registry gives as «trained»), their completions with certificates;
and a municipal course of the methodical centre with the school's curator enrolled.

Dates follow today. Safe to run again: what exists is left as it is."""

import datetime

from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_of
from mentoring.models import MentorEntry, Participant, TrainingAttendance, TrainingEnrolment, TrainingProgram
from mentoring.training import services
from reports.demo import MENTOR_SCHOOL, MENTOR_SCHOOL_DAY

SCHOOL_PROGRAM = "Школа наставников: основы наставнической деятельности"
MUNICIPAL_PROGRAM = "Организация наставничества в образовательной организации"
LEADERS = {"curator": "куратор", "psychologist": "педагог-психолог", "director": "директор"}
MUNICIPAL_SESSIONS = [
    ("Целевая модель наставничества: нормативная база и дорожная карта", 11, 14),
    ("Мониторинг и оценка результатов программы наставничества", 12, 12),
]


def seed(world: DemoWorld) -> None:
    school = world.organizations.get("school")
    if school is None:
        return
    today = timezone.localdate()
    year = academic_year_of(today)
    program = TrainingProgram.objects.filter(organization=school, name=SCHOOL_PROGRAM).first()
    if program is None:
        program = services.training_program_create(
            organization=school,
            name=SCHOOL_PROGRAM,
            hours=16,
            provider_kind=TrainingProgram.Provider.SCHOOL,
            description="Четыре занятия для наставников школы: нормативные основы, психология общения, "
            "индивидуальный план развития и журнал встреч, итоговое занятие.",
        )
    if not program.sessions.exists():
        for topic, month, day, leader in MENTOR_SCHOOL:
            held_on = datetime.date(year if month >= 9 else year + 1, month, day)
            services.training_session_add(
                program=program,
                held_on=held_on,
                starts_at=datetime.time(15, 0),
                topic=topic,
                place="МБОУ «СОШ № 3», кабинет 21",
                leader=LEADERS[leader],
            )
    enrolled_on = min(datetime.date(year, *MENTOR_SCHOOL_DAY), today)
    mentors = (
        Participant.objects.filter(
            organization=school,
            depersonalized_at__isnull=True,
            pk__in=MentorEntry.objects.filter(organization=school, academic_year=year).values("participant"),
        )
        .exclude(category=Participant.Category.STUDENT)
        .order_by("pk")
    )
    for person in mentors:
        if not TrainingEnrolment.objects.filter(program=program, participant=person).exists():
            services.training_enrol(program=program, participant=person, role="mentor", enrolled_on=enrolled_on)
    sessions = list(program.sessions.order_by("held_on", "pk"))
    enrolments = list(program.enrolments.order_by("pk"))
    if not TrainingAttendance.objects.filter(enrolment__program=program).exists():
        held = [session for session in sessions if session.held_on <= today]
        # Everyone at every session held, but the second mentor missed the second one.
        present = {
            (session.pk, enrolment.pk)
            for number, enrolment in enumerate(enrolments)
            for index, session in enumerate(held)
            if not (number == 1 and index == 1)
        }
        services.training_attendance_set(program=program, enrolments=enrolments, present=present)
    last = sessions[-1].held_on if sessions else None
    if last and last <= today:
        for number, enrolment in enumerate(enrolments, start=1):
            if not enrolment.completed_on and not enrolment.withdrawn_on:
                services.training_complete(
                    enrolment=enrolment, completed_on=last, certificate_number=f"ШН-{year}-{number:02d}"
                )
    _municipal(world, year, today)


def _municipal(world: DemoWorld, year: int, today: datetime.date) -> None:
    municipality = world.municipality
    if municipality is None:
        return
    program = TrainingProgram.objects.filter(municipality=municipality, name=MUNICIPAL_PROGRAM).first()
    if program is None:
        program = services.training_program_create(
            municipality=municipality,
            name=MUNICIPAL_PROGRAM,
            hours=36,
            provider_kind=TrainingProgram.Provider.METHODICAL_CENTRE,
            provider_name="МКУ «Информационно-методический центр»",
            description="Курс для кураторов и наставников образовательных организаций округа.",
        )
        for topic, month, day in MUNICIPAL_SESSIONS:
            services.training_session_add(
                program=program,
                held_on=datetime.date(year, month, day),
                starts_at=datetime.time(14, 0),
                topic=topic,
                place="ИМЦ, ул. Ленина, 12, актовый зал",
                leader="методист ИМЦ",
            )
    curator = world.users.get("school.curator")
    person = Participant.objects.filter(user=curator, depersonalized_at__isnull=True).first() if curator else None
    if person and not TrainingEnrolment.objects.filter(program=program, participant=person).exists():
        services.training_enrol(
            program=program, participant=person, role="curator", enrolled_on=min(datetime.date(year, 11, 1), today)
        )
