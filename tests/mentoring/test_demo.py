"""The demo school's registries made by ``seed_demo``: realistic, complete in consent states, repeatable."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, MenteeEntry, MentorEntry, Participant, PartnerOrganization
from mentoring.registry import demo
from mentoring.registry.consents import ConsentStatus, consent_status, with_consent_status
from mentoring.registry.services import PARTICIPANT_FIELDS, participants_due_for_depersonalization
from mentoring.registry.validation import participant_problems
from tests.helpers import kept_until_rolled_back

C = Participant.Category
PROCESSING = Consent.Kind.PROCESSING
DISTRIBUTION = Consent.Kind.DISTRIBUTION


def seed(world: DemoWorld | None = None) -> DemoWorld:
    world = world or DemoWorld()
    accounts_demo.seed(world)
    demo.seed(world)
    return world


@pytest.fixture(scope="class")
def demo_world(django_db_setup, django_db_blocker) -> DemoWorld:
    with kept_until_rolled_back(django_db_blocker):
        yield seed()


@pytest.fixture
def world(demo_world, db) -> DemoWorld:
    return demo_world


@pytest.fixture
def school(world):
    return world.organizations["school"]


def today() -> datetime.date:
    return timezone.localdate()


def statuses(school, kind) -> Counter:
    people = with_consent_status(Participant.objects.filter(organization=school), kind, today())
    return Counter(consent_status(person, kind, today()) for person in people)


def counts() -> tuple:
    return (
        Participant.objects.count(),
        Consent.objects.count(),
        MentorEntry.objects.count(),
        MenteeEntry.objects.count(),
        PartnerOrganization.objects.count(),
        Participant.parents.through.objects.count(),
        sorted(Participant.objects.values_list("search_name", flat=True)),
    )


class TestTheDemoSchool:
    """Seeded once for the class (rolled back after it): each test reads it, or changes it in its own savepoint."""

    def test_the_registry_of_the_school(self, school):
        people = Participant.objects.filter(organization=school)
        assert Counter(people.values_list("category", flat=True)) == {
            C.STUDENT: 60,
            C.STAFF: 25,
            C.PARENT: 5,
            C.EMPLOYER: 2,
            C.VOLUNTEER: 1,
            C.COLLEGE_STUDENT: 2,
        }
        classes = set(people.filter(category=C.STUDENT).values_list("class_name", flat=True))
        assert classes == {"5А", "6Б", "7А", "7Б", "8В", "9А", "10А", "11А"}
        # Only the demo school gets registries.
        assert not Participant.objects.exclude(organization=school).exists()

    def test_every_participant_passes_the_rules_of_the_forms(self, school):
        for person in Participant.objects.filter(organization=school):
            data = {name: getattr(person, name) for name in PARTICIPANT_FIELDS}
            assert participant_problems(data, organization=school, on_date=today()) == {}, person

    def test_pupils_are_as_old_as_their_grade_and_reachable_through_a_parent(self, school):
        september = datetime.date(academic_year_of(today()), 9, 1)
        for pupil in Participant.objects.filter(organization=school, category=C.STUDENT):
            assert pupil.age_on(september) in (pupil.grade + 5, pupil.grade + 6), pupil
            assert pupil.guardian_name and pupil.phone.startswith("+7 9"), pupil
        names = list(Participant.objects.values_list("last_name", "first_name", "patronymic"))
        assert len(names) == len(set(names))

    def test_staff_mentors_of_the_demo_logins_and_partners(self, world, school):
        staff = Participant.objects.filter(organization=school, category=C.STAFF)
        young = [person for person in staff if person.is_young_specialist_on(today())]
        assert len(young) >= 4
        positions = list(staff.values_list("position", flat=True))
        assert "педагог-психолог" in positions
        assert sum(position.startswith("заместитель директора") for position in positions) == 2
        assert len({position for position in positions if position.startswith("учитель ")}) >= 12

        year = academic_year_of(today())
        for login, name in (
            ("school.mentor1", "Кузнецов Игорь Петрович"),
            ("school.mentor2", "Орлова Елена Андреевна"),
        ):
            mentor = Participant.objects.get(user=world.users[login])
            assert mentor.full_name == name
            assert mentor.organization == school and mentor.category == C.STAFF
            assert mentor.mentor_entries.filter(academic_year=year).exists()
            assert consent_status(mentor, PROCESSING, today()) == ConsentStatus.VALID

        kinds = set(PartnerOrganization.objects.filter(organization=school).values_list("kind", flat=True))
        assert kinds == {"enterprise", "ngo", "college"}
        assert not PartnerOrganization.objects.filter(agreement_number="").exists()
        representatives = Participant.objects.filter(category__in=[C.EMPLOYER, C.VOLUNTEER])
        assert all(person.partner and person.partner.organization == school for person in representatives)
        assert {person.partner.kind for person in representatives} == {"enterprise", "ngo"}

    def test_parents_are_linked_to_their_children(self, school):
        parents = Participant.objects.filter(organization=school, category=C.PARENT)
        assert parents.count() == 5
        for parent in parents:
            children = list(parent.children.all())
            assert children
            assert all(child.guardian_name == parent.full_name for child in children)
        assert max(parent.children.count() for parent in parents) == 2  # a brother and a sister

    def test_registries_of_this_and_the_last_year(self, school):
        year = academic_year_of(today())
        mentors = MentorEntry.objects.filter(participant__organization=school, academic_year=year)
        mentees = MenteeEntry.objects.filter(participant__organization=school, academic_year=year)
        assert mentors.count() == 12
        assert mentees.count() == 35
        assert set(mentors.values_list("participant__category", flat=True)) == {
            C.STAFF,
            C.EMPLOYER,
            C.VOLUNTEER,
            C.COLLEGE_STUDENT,
            C.STUDENT,
        }
        assert set(mentees.values_list("participant__category", flat=True)) == {C.STAFF, C.STUDENT}
        assert all(entry.entered_on <= today() for entry in [*mentors, *mentees])
        # Nobody is in this year's registries without a valid consent to processing.
        for entry in [*mentors, *mentees]:
            assert consent_status(entry.participant, PROCESSING, today()) == ConsentStatus.VALID, entry

        past = [
            *MentorEntry.objects.filter(academic_year=year - 1),
            *MenteeEntry.objects.filter(academic_year=year - 1),
        ]
        assert len(past) == 10
        assert all(entry.completed_on and entry.results for entry in past)
        assert sum(entry.full_cycle for entry in past) == 9

    def test_consents_in_every_state(self, school):
        processing = statuses(school, PROCESSING)
        assert set(processing) == set(ConsentStatus)
        assert processing[ConsentStatus.VALID] >= 70
        assert processing[ConsentStatus.WITHDRAWN] == 2
        assert processing[ConsentStatus.EXPIRED] >= 2
        assert processing[ConsentStatus.MISSING] >= 3

        pupils = Consent.objects.filter(participant__category=C.STUDENT, kind=PROCESSING)
        assert not pupils.exclude(signed_by=Consent.Signer.REPRESENTATIVE).exists()
        assert all(consent.representative_name == consent.participant.guardian_name for consent in pupils)
        staff = Consent.objects.filter(participant__category=C.STAFF, kind=PROCESSING)
        assert staff.count() == 24 and not staff.exclude(signed_by=Consent.Signer.SELF).exists()

        distribution = statuses(school, DISTRIBUTION)
        assert distribution[ConsentStatus.VALID] >= 10 and distribution[ConsentStatus.WITHDRAWN] == 1
        allowed = {tuple(consent.allowed_publication) for consent in Consent.objects.filter(kind=DISTRIBUTION)}
        assert len(allowed) >= 4

    def test_one_person_is_due_for_depersonalization(self, school):
        due = participants_due_for_depersonalization(today())
        assert due.count() == 1
        assert due.get().consents.get(kind=PROCESSING).withdrawn_on == today() - datetime.timedelta(days=40)

    def test_seeding_again_changes_nothing(self, world):
        before = counts()
        history = Participant.history.count() + Consent.history.count() + MenteeEntry.history.count()
        seed(DemoWorld())
        assert counts() == before
        assert Participant.history.count() + Consent.history.count() + MenteeEntry.history.count() == history

    def test_seeding_after_depersonalization_restores_the_demo(self, world, school):
        before = counts()
        out = StringIO()
        call_command("depersonalize_withdrawn", stdout=out)
        assert "Обезличено участников: 1" in out.getvalue()
        seed(DemoWorld())
        assert counts() == before
        assert not Participant.objects.filter(depersonalized_at__isnull=False).exists()
        assert participants_due_for_depersonalization(today()).count() == 1


def test_the_people_are_the_same_in_every_year():
    def names(year):
        _, people = demo.build(year, datetime.date(year, 11, 20))
        return [person.key for person in people]

    assert names(2026) == names(2026) == names(2031)


def test_seed_demo_command_prints_the_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "school.mentor1" in out.getvalue()
    assert Participant.objects.filter(organization__short_name="МБОУ «СОШ № 3»", category=C.STUDENT).count() == 60


@pytest.mark.parametrize("day", ["2026-09-01", "2026-10-01", "2027-01-10", "2027-08-31"])
def test_the_states_hold_on_any_day_of_the_year(db, monkeypatch, day):
    day = datetime.date.fromisoformat(day)
    monkeypatch.setattr("mentoring.registry.demo.timezone.localdate", lambda: day)
    school = seed().organizations["school"]
    people = with_consent_status(Participant.objects.filter(organization=school), PROCESSING, day)
    assert set(Counter(consent_status(person, PROCESSING, day) for person in people)) == set(ConsentStatus)
    assert participants_due_for_depersonalization(day).count() == 1
    assert not Consent.objects.filter(signed_on__gt=day).exists()
    year = academic_year_of(day)
    current = [*MentorEntry.objects.filter(academic_year=year), *MenteeEntry.objects.filter(academic_year=year)]
    assert len(current) == 47
    assert all(entry.entered_on <= day for entry in current)
    assert all(consent_status(entry.participant, PROCESSING, day) == ConsentStatus.VALID for entry in current)
    for person in Participant.objects.filter(organization=school):
        data = {name: getattr(person, name) for name in PARTICIPANT_FIELDS}
        assert participant_problems(data, organization=school, on_date=day) == {}, person
