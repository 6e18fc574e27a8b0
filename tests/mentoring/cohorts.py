"""A large cohort for the matching, written in bulk (a school's thousand pupils in a second)."""

import datetime
import random

from mentoring.models import Consent, MenteeEntry, MentorEntry, Participant, Program

INTERESTS = [
    "шахматы",
    "футбол",
    "робототехника",
    "программирование на Python",
    "химия",
    "биология",
    "музыка",
    "театр",
    "рисование",
    "история родного края",
    "волонтёрство",
    "туризм",
    "чтение",
    "3D-моделирование",
    "журналистика",
    "фотография",
]
REQUESTS = [
    "подготовка к ОГЭ по математике",
    "повысить успеваемость по физике",
    "адаптация в новом классе",
    "проект по биологии",
    "олимпиада по химии",
    "научиться программировать",
    "выбор профессии",
    "выступления перед классом",
]


def large_cohort(program: Program, *, mentees: int, mentors: int, seed: int = 1) -> None:
    """Pupils of grades 5–9 as mentees and of 8–11 as mentors of the program's year, every one with
    a consent to processing, all through bulk inserts."""
    rng = random.Random(seed)
    organization, year = program.organization, program.academic_year

    def pupil(label: str, n: int, grade: int) -> Participant:
        person = Participant(
            organization=organization,
            category=Participant.Category.STUDENT,
            last_name=f"{label}{n:04}",
            first_name="Мария",
            patronymic="Ивановна",
            birth_date=datetime.date(year - grade - 6, 3, 1),
            class_name=f"{grade}А",
        )
        person.fill_derived_fields()
        return person

    young = Participant.objects.bulk_create(pupil("Наставляемая", i, rng.randint(5, 9)) for i in range(mentees))
    old = Participant.objects.bulk_create(pupil("Наставница", j, rng.randint(8, 11)) for j in range(mentors))
    Consent.objects.bulk_create(
        Consent(
            participant=person,
            kind=Consent.Kind.PROCESSING,
            signed_by=Consent.Signer.REPRESENTATIVE,
            representative_name="Родитель",
            representative_document="свидетельство о рождении",
            signed_on=program.starts_on - datetime.timedelta(days=10),
        )
        for person in [*young, *old]
    )
    entered = program.starts_on
    MenteeEntry.objects.bulk_create(
        MenteeEntry(
            participant=person,
            organization=organization,
            academic_year=year,
            entered_on=entered + datetime.timedelta(days=rng.randint(0, 30)),
            interests=", ".join(rng.sample(INTERESTS, 3)),
            key_request=rng.choice(REQUESTS),
        )
        for person in young
    )
    MentorEntry.objects.bulk_create(
        MentorEntry(
            participant=person,
            organization=organization,
            academic_year=year,
            entered_on=entered,
            interests=", ".join(rng.sample(INTERESTS, 4)),
            competencies=", ".join(rng.sample(REQUESTS, 3)),
            desired_age_min=(low := rng.randint(10, 13)),
            desired_age_max=low + 3,
        )
        for person in old
    )
