"""Times the matching of a large cohort: ``manage.py bench_matching`` (500 mentees x 200 mentors).

By default the cohort is built in memory and only the algorithm is timed (scores, rules, the
assignment, the reasons). With ``--db`` the cohort is written to the configured database inside a
transaction that is rolled back at the end, and the loading from the database is timed too, then
accepting every suggestion as draft pairs (each time rolled back), as «Принять все» does.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from mentoring.pairs.matching import DEFAULT_WEIGHTS, Cohort, Person, match, program_matching, suggestions_accept

INTERESTS = [
    "шахматы",
    "футбол",
    "баскетбол",
    "робототехника",
    "программирование",
    "химия",
    "биология",
    "музыка",
    "театр",
    "рисование",
    "история",
    "волонтёрство",
    "туризм",
    "чтение",
    "математика",
    "физика",
    "английский язык",
    "журналистика",
    "фотография",
    "танцы",
]
REQUESTS = [
    "подготовка к ОГЭ по математике",
    "повысить успеваемость по физике",
    "адаптация в новом классе",
    "проект по биологии",
    "олимпиада по химии",
    "научиться программировать на Python",
    "выбор профессии",
    "подготовка к олимпиаде по истории",
    "английский язык разговорный",
    "лидерские качества и выступления",
]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Times the matching of a cohort of mentees and mentors (by default 500 x 200)."

    def add_arguments(self, parser):
        parser.add_argument("--mentees", type=int, default=500)
        parser.add_argument("--mentors", type=int, default=200)
        parser.add_argument("--capacity", type=int, default=3, help="Mentees per mentor at most.")
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--db", action="store_true", help="Write the cohort to the database (rolled back) and time loading too."
        )

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        if options["db"]:
            self.bench_db(rng, options)
        else:
            self.bench_memory(rng, options)

    def report(self, label: str, timings: list[float], matching) -> None:
        best, worst = min(timings), max(timings)
        self.stdout.write(
            f"{label}: {len(matching.cohort.mentees)} mentees x {len(matching.cohort.mentors)} mentors, "
            f"{len(matching.suggestions)} suggestions, {len(matching.unmatched)} without a mentor, "
            f"total score {matching.total:.1f}; best {best:.3f} s, worst {worst:.3f} s"
        )

    def bench_memory(self, rng: random.Random, options) -> None:
        capacity = options["capacity"]
        mentees = [
            Person(
                participant_id=i,
                name=f"Наставляемый {i:04}",
                category="student",
                consent=rng.random() > 0.03,
                grade=(grade := rng.randint(5, 9)),
                age=grade + 6,
                interests=", ".join(rng.sample(INTERESTS, 3)),
                text=rng.choice(REQUESTS),
            )
            for i in range(options["mentees"])
        ]
        mentors = []
        for j in range(options["mentors"]):
            load = rng.choice([0, 0, 0, 1, capacity])
            low = rng.randint(10, 14)
            mentors.append(
                Person(
                    participant_id=100_000 + j,
                    name=f"Наставник {j:04}",
                    category="student",
                    consent=rng.random() > 0.03,
                    grade=rng.randint(8, 11),
                    interests=", ".join(rng.sample(INTERESTS, 4)),
                    text=", ".join(rng.sample(REQUESTS, 2)),
                    desired_age_min=low,
                    desired_age_max=low + rng.randint(1, 4),
                    partner_id=rng.choice([None, None, 1, 2]),
                    load=load,
                    places=capacity - load,
                )
            )
        parents = {(100_000 + rng.randrange(len(mentors)), rng.randrange(len(mentees))) for _ in range(20)}
        timings = []
        for _ in range(options["repeat"]):
            started = time.perf_counter()
            cohort = Cohort(mentees, mentors, ("student",), ("student",), capacity, parents=parents)
            matching = match(cohort, DEFAULT_WEIGHTS)
            timings.append(time.perf_counter() - started)
        self.report("in memory", timings, matching)

    def bench_db(self, rng: random.Random, options) -> None:
        try:
            with transaction.atomic():
                program = self.build(rng, options)
                timings = []
                for _ in range(options["repeat"]):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        matching = program_matching(program, datetime.date.today())
                        timings.append(time.perf_counter() - started)
                label = f"database ({connection.vendor}, {len(queries.captured_queries)} queries)"
                self.report(label, timings, matching)
                self.bench_accept(program, matching, options["repeat"])
                raise Rollback
        except Rollback:
            self.stdout.write("The scratch data are rolled back.")

    def bench_accept(self, program, matching, repeat: int) -> None:
        pairs = [(s.mentee.participant_id, s.mentor.participant_id) for s in matching.suggestions]
        timings = []
        for _ in range(repeat):
            savepoint = transaction.savepoint()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                accepted = suggestions_accept(program=program, pairs=pairs, by=None)
                timings.append(time.perf_counter() - started)
            transaction.savepoint_rollback(savepoint)
        self.stdout.write(
            f"accept all: {len(accepted.units)} draft pairs, {len(accepted.failures)} refused, "
            f"{len(queries.captured_queries)} queries; best {min(timings):.3f} s, worst {max(timings):.3f} s"
        )

    def build(self, rng: random.Random, options):
        from accounts.models import Municipality, Organization, Region
        from mentoring.models import Consent, MenteeEntry, MentorEntry, MentoringForm, Participant, Program

        region = Region.objects.create(name="Бенчмарк: регион")
        municipality = Municipality.objects.create(region=region, name="Бенчмарк: округ")
        organization = Organization.objects.create(
            municipality=municipality, full_name="Бенчмарк: школа", short_name="Бенчмарк"
        )
        form = MentoringForm.objects.create(
            code="bench-student-student",
            name="бенчмарк: ученик – ученик",
            mentor_categories=["student"],
            mentee_categories=["student"],
            mentor_capacity=options["capacity"],
        )
        today = datetime.date.today()
        program = Program.objects.create(
            organization=organization,
            academic_year=2026,
            form=form,
            title="Бенчмарк",
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 5, 31),
        )

        def pupil(label: str, n: int, grade: int) -> Participant:
            person = Participant(
                organization=organization,
                category="student",
                last_name=f"{label}{n:04}",
                first_name="Имя",
                birth_date=datetime.date(2026 - grade - 6, 3, 1),
                class_name=f"{grade}А",
            )
            person.fill_derived_fields()
            return person

        mentees = Participant.objects.bulk_create(
            pupil("Наставляемый", i, rng.randint(5, 9)) for i in range(options["mentees"])
        )
        mentors = Participant.objects.bulk_create(
            pupil("Наставник", j, rng.randint(8, 11)) for j in range(options["mentors"])
        )
        Consent.objects.bulk_create(
            Consent(
                participant=person,
                kind=Consent.Kind.PROCESSING,
                signed_by=Consent.Signer.REPRESENTATIVE,
                signed_on=today - datetime.timedelta(days=30),
            )
            for person in [*mentees, *mentors]
            if rng.random() > 0.03
        )
        MenteeEntry.objects.bulk_create(
            MenteeEntry(
                participant=person,
                organization=person.organization,
                academic_year=2026,
                entered_on=program.starts_on,
                interests=", ".join(rng.sample(INTERESTS, 3)),
                key_request=rng.choice(REQUESTS),
            )
            for person in mentees
        )
        MentorEntry.objects.bulk_create(
            MentorEntry(
                participant=person,
                organization=person.organization,
                academic_year=2026,
                entered_on=program.starts_on,
                interests=", ".join(rng.sample(INTERESTS, 4)),
                competencies=", ".join(rng.sample(REQUESTS, 2)),
                desired_age_min=(low := rng.randint(10, 14)),
                desired_age_max=low + rng.randint(1, 4),
            )
            for person in mentors
        )
        return program
