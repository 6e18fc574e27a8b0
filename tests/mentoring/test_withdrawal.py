"""A withdrawal of the consent to processing is a right of the person (152-ФЗ): no date of a pair or
group refuses it. The person leaves every open unit: removed from one not approved or not started
yet (no date of leaving before a date of joining), leaving a working one on the date of withdrawal
(or on the first day of the membership if that came later), with the reason recorded."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.models import Role
from mentoring.models import Consent, MentoringUnit, UnitMentee
from mentoring.pairs import services as pairs
from mentoring.registry import services
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, ProgramFactory

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status
OPEN = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.ACTIVE)
TODAY = timezone.localdate()
SIGNED = TODAY - datetime.timedelta(days=400)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def consenting(organization, **kwargs):
    """A pupil whose parent signed the consent to processing long before any date drawn here."""
    pupil = ParticipantFactory(organization=organization, **kwargs)
    ConsentFactory(participant=pupil, signed_on=SIGNED)
    return pupil


def unit_with(program, *, mentor, mentees, status, planned_from, joined_on=None, started_on=None):
    """A unit straight in the database, in any status and with any dates (no rule is checked)."""
    unit = MentoringUnit.objects.create(
        program=program,
        form=program.form,
        kind=MentoringUnit.Kind.PAIR if len(mentees) == 1 else MentoringUnit.Kind.GROUP,
        mentor=mentor,
        planned_from=planned_from,
        planned_to=max(planned_from, program.ends_on),
        status=status,
        started_on=started_on,
    )
    for mentee in mentees:
        UnitMentee.objects.create(unit=unit, mentee=mentee, joined_on=(joined_on or {}).get(mentee.pk, planned_from))
    return unit


def withdraw(person, on, curator):
    consent = person.consents.get(kind=Consent.Kind.PROCESSING)
    return services.consent_withdraw(consent=consent, on=on, reason="заявление родителя", by=curator)


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization, starts_on=day(-300), ends_on=day(300))


@pytest.fixture
def curator(world):
    return world.a.users[Role.CURATOR]


# The reported case and its neighbours ----------------------------------------------------------------


def test_a_parent_withdraws_for_a_mentee_whose_group_starts_in_the_future(program, curator):
    """It used to be refused: «Дата выбытия не может быть раньше даты включения»."""
    organization = program.organization
    pupil, other = consenting(organization), consenting(organization)
    group = unit_with(
        program,
        mentor=consenting(organization, class_name="10А"),
        mentees=[pupil, other],
        status=Status.APPROVED,
        planned_from=day(30),
    )
    consent = withdraw(pupil, TODAY, curator)
    assert consent.withdrawn_on == TODAY
    # Removed from the group that had not begun: no membership «left» before it started.
    assert not group.mentees.filter(mentee=pupil).exists()
    group.refresh_from_db()
    assert group.status == Status.APPROVED and list(group.mentees.values_list("mentee", flat=True)) == [other.pk]
    removed = UnitMentee.history.get(mentee_id=pupil.pk, history_type="-")
    assert (removed.history_change_reason, removed.history_user) == (pairs.CONSENT_WITHDRAWN, curator)
    assert consent.withdrawal_effects == [
        f"{pupil.full_name} исключена из состава: группа (наставник — {group.mentor.full_name})."
    ]


def test_the_only_mentee_of_a_pair_not_started_yet_ends_the_pair_with_the_reason(program, curator):
    pupil = consenting(program.organization)
    pair = unit_with(
        program, mentor=consenting(program.organization), mentees=[pupil], status=Status.APPROVED, planned_from=day(10)
    )
    withdraw(pupil, day(-3), curator)
    pair.refresh_from_db()
    assert (pair.status, pair.finished_on, pair.termination_reason) == (
        Status.TERMINATED,
        day(-3),
        pairs.CONSENT_WITHDRAWN,
    )
    assert not pair.mentees.exists()


def test_a_mentor_withdrawing_ends_the_unit_and_no_mentee_leaves_before_joining(program, curator):
    organization = program.organization
    mentor, pupil = consenting(organization, class_name="10А"), consenting(organization)
    future = unit_with(program, mentor=mentor, mentees=[pupil], status=Status.APPROVED, planned_from=day(20))
    draft = unit_with(
        program, mentor=mentor, mentees=[consenting(organization)], status=Status.DRAFT, planned_from=day(20)
    )
    consent = withdraw(mentor, TODAY, curator)
    future.refresh_from_db()
    assert (future.status, future.finished_on) == (Status.TERMINATED, TODAY)
    membership = future.mentees.get()
    assert membership.left_on == membership.joined_on == day(20)
    assert not MentoringUnit.objects.filter(pk=draft.pk).exists()
    deleted = MentoringUnit.history.get(id=draft.pk, history_type="-")
    assert deleted.history_change_reason == pairs.CONSENT_WITHDRAWN
    assert len(consent.withdrawal_effects) == 2


def test_a_withdrawal_dated_before_the_work_began_ends_it_on_its_start(program, curator):
    """Dated back (the parent's letter came earlier than it was recorded) into a unit that has since
    started: it ends on its start, not before it."""
    mentor = consenting(program.organization, class_name="10А")
    working = unit_with(
        program,
        mentor=mentor,
        mentees=[consenting(program.organization)],
        status=Status.ACTIVE,
        planned_from=day(-60),
        started_on=day(-20),
    )
    withdraw(mentor, day(-40), curator)
    working.refresh_from_db()
    assert (working.status, working.finished_on) == (Status.TERMINATED, day(-20))
    assert working.mentees.get().left_on == day(-20)


def test_a_curator_terminating_a_unit_not_started_sets_no_leaving_before_joining(program, curator):
    unit = unit_with(
        program,
        mentor=consenting(program.organization),
        mentees=[consenting(program.organization)],
        status=Status.APPROVED,
        planned_from=day(15),
    )
    pairs.unit_terminate(unit=unit, by=curator, on=TODAY, reason="Наставник уволился")
    membership = unit.mentees.get()
    assert (membership.left_on, membership.leave_reason) == (day(15), "Наставник уволился")


# Any dates: hypothesis ---------------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
offsets = st.integers(-250, 250)


@dataclass(frozen=True)
class UnitSpec:
    status: str
    planned_from: int
    person_joins_after: int  # days after the planned start the person's membership begins
    started_after: int  # days after the planned start the work began (an active unit)
    others: int  # other mentees


@st.composite
def unit_specs(draw):
    return UnitSpec(
        status=draw(st.sampled_from(OPEN)),
        planned_from=draw(offsets),
        person_joins_after=draw(st.integers(0, 90)),
        started_after=draw(st.integers(0, 60)),
        others=draw(st.integers(0, 2)),
    )


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@SETTINGS
@given(
    as_mentor=st.booleans(),
    specs=st.lists(unit_specs(), min_size=1, max_size=3),
    withdrawn=st.integers(-250, 0),
)
def test_a_withdrawal_is_never_refused_and_leaves_no_impossible_date(program, curator, as_mentor, specs, withdrawn):
    organization = program.organization
    on = day(withdrawn)
    with rolled_back():
        person = consenting(organization, class_name="9А")
        units, joined = [], {}
        for spec in specs:
            planned_from = day(spec.planned_from)
            others = [consenting(organization) for _ in range(spec.others)]
            started_on = planned_from + datetime.timedelta(days=spec.started_after)
            if as_mentor:
                mentees, joins = others or [consenting(organization)], {}
                mentor = person
            else:
                mentees = [person, *others]
                joins = {person.pk: planned_from + datetime.timedelta(days=spec.person_joins_after)}
                mentor = consenting(organization, class_name="11А")
            unit = unit_with(
                program,
                mentor=mentor,
                mentees=mentees,
                status=spec.status,
                planned_from=planned_from,
                joined_on=joins,
                started_on=started_on if spec.status == Status.ACTIVE else None,
            )
            units.append(unit)
            joined[unit.pk] = joins.get(person.pk, planned_from)

        withdraw(person, on, curator)  # never a ValidationError, whatever the dates

        assert not MentoringUnit.objects.filter(mentor=person, status__in=OPEN).exists()
        assert not UnitMentee.objects.filter(mentee=person, left_on__isnull=True, unit__status__in=OPEN).exists()
        for membership in UnitMentee.objects.filter(unit__program=program).select_related("unit"):
            assert membership.left_on is None or membership.left_on >= membership.joined_on
        for unit in MentoringUnit.objects.filter(program=program, status=Status.TERMINATED):
            assert unit.termination_reason == pairs.CONSENT_WITHDRAWN
            if unit.started_on:
                assert unit.finished_on >= unit.started_on
        for unit, spec in zip(units, specs, strict=True):
            left = UnitMentee.objects.filter(unit_id=unit.pk, mentee=person).first()
            not_begun = spec.status in (Status.DRAFT, Status.SUBMITTED) or (
                spec.status == Status.APPROVED and on < joined[unit.pk]
            )
            if as_mentor:
                exists = MentoringUnit.objects.filter(pk=unit.pk).exists()
                # Not approved yet: deleted; approved: terminated, its order stays.
                assert exists == (spec.status not in (Status.DRAFT, Status.SUBMITTED))
            elif not_begun:
                assert left is None
                removal = UnitMentee.history.filter(unit_id=unit.pk, mentee_id=person.pk, history_type="-").get()
                assert removal.history_change_reason == pairs.CONSENT_WITHDRAWN
            else:
                assert left.left_on == max(on, joined[unit.pk])
                assert left.leave_reason == pairs.CONSENT_WITHDRAWN


# Through the pages ---------------------------------------------------------------------------------------


@pytest.fixture
def as_curator(client, curator):
    client.force_login(curator)
    return client


def test_the_withdrawal_page_names_the_units_and_says_what_became_of_them(as_curator, program):
    organization = program.organization
    pupil = consenting(organization, last_name="Отзывова")
    group = unit_with(
        program,
        mentor=consenting(organization, last_name="Наставникова", class_name="10А"),
        mentees=[pupil, consenting(organization)],
        status=Status.APPROVED,
        planned_from=day(30),
    )
    consent = pupil.consents.get()
    url = reverse("consent_withdraw", kwargs={"pk": consent.pk})
    page = as_curator.get(url).content.decode()
    listed = page.split('data-testid="units-to-leave"')[1].split("</ul>")[0]
    assert group.mentor.full_name in listed and f"{day(30):%d.%m.%Y}" in listed

    response = as_curator.post(url, {"withdrawn_on": f"{TODAY:%d.%m.%Y}", "reason": "заявление отца"}, follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "Согласие отозвано.",
        f"{pupil.full_name} исключена из состава: группа (наставник — {group.mentor.full_name}).",
    ]
    assert not group.mentees.filter(mentee=pupil).exists()
    unit_page = as_curator.get(reverse("unit_detail", kwargs={"pk": group.pk})).content.decode()
    log = unit_page.split('data-testid="unit-log"')[1]
    assert f"{pupil.full_name} исключена" in log
    assert "Причина: согласие на обработку персональных данных отозвано" in log


def test_a_withdrawal_date_before_the_signing_is_refused_next_to_the_field(as_curator, program):
    pupil = consenting(program.organization)
    unit_with(
        program,
        mentor=consenting(program.organization),
        mentees=[pupil],
        status=Status.ACTIVE,
        planned_from=day(-10),
        started_on=day(-5),
    )
    consent = pupil.consents.get()
    before = f"{SIGNED - datetime.timedelta(days=1):%d.%m.%Y}"
    response = as_curator.post(reverse("consent_withdraw", kwargs={"pk": consent.pk}), {"withdrawn_on": before})
    assert response.status_code == 200
    assert response.context["form"].errors["withdrawn_on"] == ["Согласие нельзя отозвать раньше, чем оно подписано."]
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert UnitMentee.objects.get(mentee=pupil).left_on is None
