"""The demo's pairs and groups (mentoring.pairs.demo) as ``seed_demo`` leaves them: every status, real
orders, plans and meetings for the demo mentors, the curator's and the director's work, repeatable."""

import datetime
from collections import Counter
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts import demo as accounts_demo
from accounts.demo import DemoWorld
from accounts.models import Organization, User
from accounts.tenancy import Tenant
from mentoring.academic_year import academic_year_of
from mentoring.models import (
    DevelopmentPlan,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    PlanItem,
    Program,
    UnitMentee,
)
from mentoring.pairs import demo as demo_pairs
from mentoring.pairs import services as pairs
from mentoring.pairs.selectors import curator_figures, idle_units
from mentoring.templatetags.dates import days_ago_text
from mentoring.work import services as work_services
from reports.models import Order
from tests.helpers import kept_until_rolled_back

Status = MentoringUnit.Status


def demo_today() -> datetime.date:
    """The day the module's demo pictures: late November, when every stage of the year has something."""
    return datetime.date(academic_year_of(timezone.localdate()), 11, 22)


@contextmanager
def today_is(day: datetime.date):
    """Every ``timezone.now()`` (so ``localdate()``) answers a moment of ``day``."""
    moment = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        yield


def seed_demo() -> None:
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo seeded once for a class of tests (rolled back after it); each test runs in a savepoint."""
    with kept_until_rolled_back(django_db_blocker), today_is(demo_today()):
        seed_demo()
        yield


@pytest.fixture
def school(demo, db) -> Organization:
    return Organization.objects.get(short_name="МБОУ «СОШ № 3»")


@pytest.fixture
def units(school):
    return MentoringUnit.objects.filter(program__organization=school, program__academic_year=demo_today().year)


def user(login: str) -> User:
    return User.objects.get(username=login)


def counts() -> tuple:
    return (
        Program.objects.count(),
        sorted(MentoringUnit.objects.values_list("status", flat=True)),
        UnitMentee.objects.count(),
        DevelopmentPlan.objects.count(),
        PlanItem.objects.count(),
        PlanItem.objects.filter(done_on__isnull=False).count(),
        Meeting.objects.count(),
        Order.objects.count(),
        MenteeEntry.objects.filter(continue_search=True).count(),
        MenteeEntry.objects.filter(psychologist_support=True).count(),
        sorted(MenteeEntry.objects.exclude(completed_on=None).values_list("participant_id", "completed_on")),
    )


class TestTheDemoOfLateNovember:
    """The demo seeded once, on 22 November, for every test of the class (rolled back after them)."""

    def test_five_programs_in_five_forms(self, school):
        programs = Program.objects.filter(organization=school, academic_year=demo_today().year)
        assert sorted(programs.values_list("title", flat=True)) == [
            "Молодой педагог",
            "Профессиональный старт",
            "Траектория успеха",
            "Успешный ученик",
            "Шаг навстречу",
        ]
        assert programs.values("form").distinct().count() == 5
        assert set(programs.values_list("curator__username", flat=True)) == {"school.curator"}

    def test_every_status_is_present(self, units):
        assert Counter(units.values_list("status", flat=True)) == {
            Status.DRAFT: 2,
            Status.SUBMITTED: 3,
            Status.APPROVED: 2,
            Status.ACTIVE: 6,
            Status.COMPLETED: 2,
            Status.TERMINATED: 1,
        }
        assert units.filter(kind=MentoringUnit.Kind.GROUP).exists()
        assert units.filter(kind=MentoringUnit.Kind.PAIR).exists()

    def test_units_come_from_the_registry_and_keep_the_rules(self, units):
        year = demo_today().year
        for unit in units.select_related("program__form", "mentor"):
            assert MentorEntry.objects.filter(participant=unit.mentor, academic_year=year).exists()
            mentees = [membership.mentee for membership in unit.mentees.all()]
            assert MenteeEntry.objects.filter(participant__in=mentees, academic_year=year).count() == len(mentees)
            if unit.status in pairs.OPEN_STATUSES:
                on_date = demo_today()
                assert (
                    pairs.unit_problems(
                        program=unit.program, mentor=unit.mentor, mentees=mentees, on_date=on_date, unit=unit
                    )
                    == []
                )
        # A mentee is in one open unit at most.
        open_memberships = UnitMentee.objects.filter(unit__in=units.filter(status__in=pairs.OPEN_STATUSES))
        assert open_memberships.count() == open_memberships.values("mentee").distinct().count()

    def test_the_approval_orders_are_registered_and_link_their_units(self, units):
        approved = units.exclude(status__in=[Status.DRAFT, Status.SUBMITTED])
        orders = Order.objects.filter(pk__in=approved.values("approval_order")).order_by("date", "sequence")
        assert [(order.title, order.status) for order in orders] == [
            ("Об утверждении наставнических пар/групп", Order.Status.REGISTERED)
        ] * 2
        first, second = orders
        assert not approved.filter(approval_order=None).exists()
        assert not units.filter(status__in=[Status.DRAFT, Status.SUBMITTED]).exclude(approval_order=None).exists()
        # The later order approves the two units that have not met yet.
        assert set(second.approved_units.values_list("status", flat=True)) == {Status.APPROVED}
        assert first.date < second.date <= demo_today()
        for order in orders:
            linked = order.approved_units.select_related("mentor")
            rows = order.appendices[0]["rows"]
            assert len(rows) == linked.count()
            assert {unit.mentor.full_name for unit in linked} == {row[1].split(",")[0] for row in rows}
            text = "".join(page.extract_text() for page in PdfReader(order.pdf.path).pages)
            assert "Об утверждении наставнических пар/групп" in text
            assert f"№ {order.number}" in text
            assert linked.first().mentor.last_name in text

    @pytest.mark.parametrize("login", ["school.mentor1", "school.mentor2"])
    def test_both_demo_mentors_have_a_working_unit_with_plans_and_meetings(self, client, units, login):
        unit = units.get(mentor__user__username=login, status=Status.ACTIVE)
        meetings = list(unit.meetings.all())
        assert [meeting.type for meeting in meetings[:3]] == [
            Meeting.Type.ACQUAINTANCE,
            Meeting.Type.TRIAL,
            Meeting.Type.PLANNING,
        ]
        assert {meeting.type for meeting in meetings[3:]} == {Meeting.Type.WORKING}
        assert work_services.meeting_sequence_warnings(unit) == []
        memberships = list(unit.mentees.select_related("mentee"))
        for membership in memberships:
            items = list(membership.plan.items.all())
            assert any(item.done_on for item in items) and not all(item.done_on for item in items)

        client.force_login(user(login))
        page = client.get(reverse("home")).content.decode()
        assert "Мои пары и группы" in page
        for membership in memberships:
            assert membership.mentee.short_name in page
        days = (demo_today() - meetings[-1].held_on).days
        assert f"Последняя встреча: {days_ago_text(days)}" in page

    def test_the_first_mentor_sees_an_overdue_plan_row_and_one_due_soon(self, client, units):
        client.force_login(user("school.mentor1"))
        page = client.get(reverse("home")).content.decode()
        assert "(просрочено)" in page
        soon = PlanItem.objects.filter(
            plan__membership__unit__mentor__user__username="school.mentor1", due_on__gt=demo_today()
        ).order_by("due_on")[0]
        assert soon.due_on.strftime("%d.%m.%Y") in page

    def test_one_working_unit_has_not_met_for_five_weeks_and_the_curator_sees_it(self, client, school, units):
        idle = list(idle_units(units, demo_today()))
        assert len(idle) == 1
        last = idle[0].meetings.order_by("-held_on")[0].held_on
        assert (demo_today() - last).days == 35
        # What the curator's home panel counts (mentoring.pairs.panels).
        curator = Tenant(user("school.curator").memberships.get())
        figures = curator_figures(curator, demo_today(), demo_today().year)
        assert (figures.drafts, figures.submitted, figures.idle) == (2, 3, 1)
        assert figures.unmatched == pairs.unmatched_mentees(school, demo_today().year).count()

        client.force_login(user("school.curator"))
        page = client.get(reverse("unit_list"), {"status": "active", "idle": "yes"}).content.decode()
        assert idle[0].mentor.last_name in page

    def test_one_working_unit_met_out_of_the_expected_order(self, units):
        warned = {unit.pk: work_services.meeting_sequence_warnings(unit) for unit in units.filter(status=Status.ACTIVE)}
        deviating = [warnings for warnings in warned.values() if warnings]
        assert deviating == [[deviating[0][0]]]
        assert "проведена до пробной рабочей встречи" in deviating[0][0]

    def test_the_director_has_three_units_to_approve(self, client, units):
        client.force_login(user("school.director"))
        page = client.get(reverse("units_for_approval")).content.decode()
        assert page.count('data-testid="unit-check"') == 3
        for unit in units.filter(status=Status.SUBMITTED).select_related("mentor"):
            assert unit.mentor.last_name in page

    def test_completed_units_have_results_marks_and_cases_in_the_registry(self, units):
        year = demo_today().year
        completed = units.filter(status=Status.COMPLETED)
        for unit in completed:
            assert unit.results and unit.case_url.startswith("https://")
            assert unit.meetings.order_by("-held_on", "-pk")[0].type == Meeting.Type.FINAL
            assert unit.finished_on <= demo_today()
            for membership in unit.mentees.all():
                entry = MenteeEntry.objects.get(participant=membership.mentee, academic_year=year)
                assert (entry.completed_on, entry.full_cycle, entry.case_url) == (
                    unit.finished_on,
                    membership.full_cycle,
                    unit.case_url,
                )
                assert all(item.done_on for item in membership.plan.items.all())
        marks = UnitMentee.objects.filter(unit__in=completed).values_list("full_cycle", flat=True)
        assert sorted(marks) == [False, True, True]

    def test_the_terminated_unit_has_a_reason_and_its_mentee_waits_for_a_new_mentor(self, units, school):
        unit = units.get(status=Status.TERMINATED)
        assert "нетрудоспособность наставника" in unit.termination_reason
        membership = unit.mentees.get()
        assert membership.left_on == unit.finished_on
        entry = pairs.unmatched_mentees(school, demo_today().year).get(participant=membership.mentee)
        assert entry.continue_search

    def test_several_mentees_are_left_without_a_pair(self, client, school):
        unmatched = pairs.unmatched_mentees(school, demo_today().year)
        assert 5 <= unmatched.count() <= 12
        assert unmatched.filter(continue_search=True).count() >= 3
        assert unmatched.filter(psychologist_support=True).count() >= 1
        assert unmatched.filter(continue_search=False, psychologist_support=False).exists()

        client.force_login(user("school.curator"))
        page = client.get(reverse("unmatched_mentees")).content.decode()
        for entry in unmatched:
            assert entry.participant.last_name in page

    def test_a_second_seeding_creates_nothing_new(self, school):
        before = counts()
        seed_demo()
        assert counts() == before

    def test_demo_pairs_alone_is_repeatable_after_seed_demo(self, school):
        """What the tests relied on before the wiring: seed_demo, then demo_pairs.seed with a DemoWorld."""
        before = counts()
        call_command("seed_demo", stdout=StringIO())
        world = DemoWorld()
        accounts_demo.seed(world)
        demo_pairs.seed(world)
        assert counts() == before


@pytest.mark.parametrize(
    "month_day",
    [(9, 1), (10, 5), (10, 20), (8, 31)],
    ids=["first-day-of-the-year", "the-approval-day", "two-weeks-of-work", "last-day-of-the-year"],
)
def test_the_demo_holds_on_any_day_of_the_year(db, month_day):
    """The dates follow today: early in the year the work is pressed into the days there are."""
    year = academic_year_of(timezone.localdate())
    day = datetime.date(year + (1 if month_day[0] < 9 else 0), *month_day)
    with today_is(day):
        seed_demo()
        units = MentoringUnit.objects.all()
        assert set(units.values_list("status", flat=True)) == set(Status.values)
        assert not Meeting.objects.filter(held_on__gt=day).exists()
        assert not PlanItem.objects.filter(done_on__gt=day).exists()
        for login in ("school.mentor1", "school.mentor2"):
            unit = units.get(mentor__user__username=login, status=Status.ACTIVE)
            assert unit.meetings.exists() and DevelopmentPlan.objects.filter(membership__unit=unit).exists()
        before = counts()
        seed_demo()
        assert counts() == before
