"""Reads and forms of pairs and groups: who sees which unit, the batched rule check of the approval
page (the same answers as pairs.unit_problems, rule by rule), idle units, training, the forms."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, Meeting, MentoringForm, MentoringUnit
from mentoring.pairs import services as pairs
from mentoring.pairs.forms import ProgramForm, UnitForm
from mentoring.pairs.selectors import (
    approval_problems,
    curator_figures,
    idle_units,
    program_status_counts,
    program_training,
    units_for_approval,
    units_visible,
)
from tests.accounts.factories import MembershipFactory, OrganizationFactory
from tests.mentoring.factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffFactory,
    consented,
    make_unit,
    unit_of_side,
)

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status


def tenant_of(side, role):
    from accounts.tenancy import Tenant

    return Tenant(side.membership(role))


def pupil(program, **kwargs):
    return consented(ParticipantFactory(organization=program.organization, **kwargs))


# Who sees which unit ------------------------------------------------------------------------------


def test_curator_and_director_see_every_unit_of_their_organization(world):
    own = unit_of_side(world.a)
    other = make_unit(ProgramFactory(organization=world.a.organization))
    unit_of_side(world.b)
    for role in (Role.CURATOR, Role.DIRECTOR):
        visible = units_visible(tenant_of(world.a, role), world.a.users[role])
        assert set(visible) == {own, other}


def test_a_mentor_and_a_mentee_see_only_their_units(world):
    own = unit_of_side(world.a)
    make_unit(ProgramFactory(organization=world.a.organization))
    for role in (Role.MENTOR, Role.MENTEE):
        assert list(units_visible(tenant_of(world.a, role), world.a.users[role])) == [own]


def test_a_mentee_who_left_still_sees_the_unit_once(world):
    unit = unit_of_side(world.a)
    unit.mentees.update(left_on=datetime.date(2026, 10, 1))
    visible = units_visible(tenant_of(world.a, Role.MENTEE), world.a.users[Role.MENTEE])
    assert list(visible) == [unit]


# The approval page's rule check equals unit_problems ---------------------------------------------------


def form(code: str) -> MentoringForm:
    return MentoringForm.objects.get(code=code)


def test_the_batched_check_gives_the_messages_of_unit_problems_rule_by_rule():
    organization = OrganizationFactory()
    program = ProgramFactory(organization=organization)
    teachers = ProgramFactory(organization=organization, form=form("teacher-teacher"))
    parents = ProgramFactory(organization=organization, form=form("parent-student"))
    S = Status.SUBMITTED
    units = []
    units.append(make_unit(program, status=S))  # valid
    units.append(make_unit(program, mentor=consented(StaffFactory(organization=organization)), status=S))
    units.append(make_unit(program, mentees=[consented(StaffFactory(organization=organization))], status=S))
    itself = pupil(program, class_name="9А")
    units.append(make_unit(program, mentor=itself, mentees=[itself], status=S))
    parent = consented(ParticipantFactory(organization=organization, category="parent", birth_date=None))
    child = pupil(program)
    child.parents.add(parent)
    units.append(make_unit(parents, mentor=parent, mentees=[child, pupil(program)], status=S))
    units.append(make_unit(program, mentees=[ParticipantFactory(organization=organization)], status=S))
    self_signed = ParticipantFactory(organization=organization)
    ConsentFactory(participant=self_signed, signed_by=Consent.Signer.SELF, signed_on=datetime.date(2026, 1, 10))
    units.append(make_unit(program, mentees=[self_signed], status=S))
    units.append(
        make_unit(
            teachers,
            mentor=StaffFactory(organization=organization),
            mentees=[consented(StaffFactory(organization=organization))],
            status=S,
        )
    )
    busy_mentor = pupil(program, class_name="11А")
    make_unit(program, mentor=busy_mentor, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
    units.append(make_unit(program, mentor=busy_mentor, status=S))
    shared = pupil(program)
    units.append(make_unit(program, mentees=[shared], status=S))
    units.append(make_unit(program, mentees=[shared], status=S))
    make_unit(program, mentees=[shared], status=Status.ACTIVE)
    units.append(make_unit(program, mentees=[consented(ParticipantFactory())], status=S))
    emptied = make_unit(program, status=S)
    emptied.mentees.update(left_on=datetime.date(2026, 10, 1))
    units.append(emptied)

    today = timezone.localdate()
    loaded = list(units_for_approval(tenant_for(organization)))
    batched = approval_problems(loaded, today)
    one_by_one = {
        unit.pk: pairs.unit_problems(
            program=unit.program,
            mentor=unit.mentor,
            mentees=[m.mentee for m in unit.mentees.filter(left_on__isnull=True).select_related("mentee")],
            on_date=today,
            unit=unit,
        )
        for unit in units
    }
    assert batched == one_by_one
    # Every rule fired somewhere, and the valid unit has none.
    assert batched[units[0].pk] == []
    assert all(batched[unit.pk] for unit in units[1:])
    assert len({message.split(" ")[0] for messages in batched.values() for message in messages}) > 3


def tenant_for(organization):
    from accounts.tenancy import Tenant

    return Tenant(MembershipFactory(organization=organization, role=Role.DIRECTOR))


# Idle units, programs, the curator's figures ----------------------------------------------------------


def test_idle_units_are_active_ones_without_a_meeting_for_30_days():
    program = ProgramFactory(organization=OrganizationFactory())
    today = timezone.localdate()
    recent = make_unit(program, status=Status.ACTIVE)
    Meeting.objects.create(unit=recent, held_on=today - datetime.timedelta(days=29), topic="Тема")
    stale = make_unit(program, status=Status.ACTIVE)
    Meeting.objects.create(unit=stale, held_on=today - datetime.timedelta(days=30), topic="Тема")
    never = make_unit(program, status=Status.ACTIVE)
    MentoringUnit.objects.filter(pk=never.pk).update(started_on=today - datetime.timedelta(days=40))
    just_started = make_unit(program, status=Status.ACTIVE)
    MentoringUnit.objects.filter(pk=just_started.pk).update(started_on=today - datetime.timedelta(days=3))
    make_unit(program, status=Status.APPROVED)
    assert set(idle_units(MentoringUnit.objects.all(), today)) == {stale, never}


def test_program_counts_and_training_of_its_mentors():
    program = ProgramFactory(organization=OrganizationFactory())
    trained = make_unit(program, status=Status.ACTIVE)
    MentorEntryFactory(participant=trained.mentor, academic_year=program.academic_year, trained=True)
    untrained = make_unit(program, status=Status.DRAFT)
    MentorEntryFactory(participant=untrained.mentor, academic_year=program.academic_year, trained=False)
    other_year = make_unit(program, status=Status.SUBMITTED)
    MentorEntryFactory(participant=other_year.mentor, academic_year=program.academic_year - 1, trained=True)
    make_unit(program, mentor=trained.mentor, status=Status.COMPLETED)
    assert program_training(program).trained == 1
    assert program_training(program).total == 3
    counts = {row["status"]: row["count"] for row in program_status_counts(program)}
    assert counts == {"draft": 1, "submitted": 1, "approved": 0, "active": 1, "completed": 1, "terminated": 0}


def test_curator_figures(world):
    program = ProgramFactory(organization=world.a.organization, academic_year=academic_year_of(timezone.localdate()))
    make_unit(program)
    make_unit(program, status=Status.SUBMITTED)
    make_unit(program, status=Status.SUBMITTED)
    waiting = pupil(program)
    MenteeEntryFactory(participant=waiting, academic_year=program.academic_year)
    figures = curator_figures(tenant_of(world.a, Role.CURATOR), timezone.localdate(), program.academic_year)
    assert (figures.drafts, figures.submitted, figures.unmatched) == (1, 2, 1)


# Forms ---------------------------------------------------------------------------------------------------


def test_the_unit_form_offers_the_registry_of_the_year_first_and_only_allowed_categories():
    program = ProgramFactory(organization=OrganizationFactory())
    registered = pupil(program, last_name="Яковлев", class_name="10А")
    MentorEntryFactory(participant=registered, academic_year=program.academic_year)
    other = pupil(program, last_name="Абрамов", class_name="10Б")
    StaffFactory(organization=program.organization)  # a teacher is not a mentor in «ученик – ученик»
    form = UnitForm(program=program)
    groups = form.fields["mentor"].choices[1:]
    assert [label for label, _options in groups] == [
        f"Реестр наставников {program.academic_year}/{program.academic_year + 1}",
        "Другие участники",
    ]
    assert groups[0][1] == [(registered.pk, f"{registered.full_name}, 10А")]
    assert [pk for pk, _label in groups[1][1]] == [other.pk]
    assert "teacher_format" not in form.fields
    assert (
        "teacher_format"
        in UnitForm(program=ProgramFactory(form=MentoringForm.objects.get(code="teacher-teacher"))).fields
    )


def test_the_unit_form_keeps_the_term_within_the_program():
    program = ProgramFactory(organization=OrganizationFactory())
    mentor, mentee = pupil(program), pupil(program)
    data = {
        "mentor": mentor.pk,
        "mentees": [mentee.pk],
        "planned_from": "01.09.2026",
        "planned_to": "30.06.2027",
    }
    form = UnitForm(data, program=program)
    assert not form.is_valid()
    assert form.errors["planned_to"] == ["Срок должен быть в пределах дат программы: 01.09.2026 – 31.05.2027."]
    form = UnitForm({**data, "planned_to": "31.08.2026"}, program=program)
    assert form.errors["planned_to"] == ["Окончание раньше начала."]


def test_the_program_form_saves_the_weights_and_keeps_the_form_once_units_exist():
    organization = OrganizationFactory()
    curator = MembershipFactory(organization=organization, role=Role.CURATOR).user
    MembershipFactory(organization=organization, role=Role.MENTOR)
    today = timezone.localdate()
    form = ProgramForm(organization=organization, today=today)
    assert list(form.fields["curator"].queryset) == [curator]
    data = {
        "academic_year": academic_year_of(today),
        "form": MentoringForm.objects.get(code="student-student").pk,
        "title": "Равный – равному",
        "starts_on": "01.09.2026",
        "ends_on": "31.05.2027",
        "curator": curator.pk,
        "weight_interests": 5,
        "weight_competencies": 4,
        "weight_age": 0,
        "weight_grade": 10,
        "weight_partner": 1,
        "weight_preference": 6,
    }
    form = ProgramForm(data, organization=organization, today=today)
    assert form.is_valid(), form.errors
    form.instance.organization = organization
    program = form.save()
    assert program.matching_weights == {
        "interests": 5,
        "competencies": 4,
        "age": 0,
        "grade": 10,
        "partner": 1,
        "preference": 6,
    }
    assert not ProgramForm({**data, "weight_age": 11}, organization=organization, today=today).is_valid()
    make_unit(program)
    assert ProgramForm(instance=program, organization=organization, today=today).fields["form"].disabled
