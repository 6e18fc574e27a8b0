"""The dashboard's live counts kept in the cache: a second view does not count again, a committed
change of an organization is counted on the next view, every kind of change marks its
organization (and no other), and exports still count afresh."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Organization, Role
from mentoring.models import MenteeEntry, MentorEntry, MentoringUnit, UnitMentee
from monitoring.indicators.live_cache import definition_signature
from monitoring.indicators.selectors import municipality_values
from tests.helpers import count_queries
from tests.indicators.factories import ContingentFactory
from tests.indicators.test_dashboard_world import monitoring_world
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, StaffFactory, make_unit
from tests.monitoring.factories import campaign, scores

pytestmark = pytest.mark.django_db

ENTERED = datetime.date(2026, 9, 10)


@pytest.fixture
def data(world):
    """The dashboard's world; СОШ № 3 reports live, now with 50 pupils in its contingent."""
    found = monitoring_world(world)
    ContingentFactory(organization=found.third, period=found.period, students_total=50)
    return found


@pytest.fixture
def coordinator(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    return client


def mentee_of(organization) -> MenteeEntry:
    pupil = ParticipantFactory(organization=organization, birth_date=datetime.date(2012, 5, 1))
    return MenteeEntry.objects.create(participant=pupil, academic_year=2026, entered_on=ENTERED)


def mentees_share(client, data) -> str:
    """The text of СОШ № 3's first cell (its share of pupils who are mentees)."""
    html = client.get(reverse("monitoring_dashboard"), {"period": data.period.pk}).content.decode()
    row = re.search(rf'<tr data-organization="{data.third.pk}">(.*?)</tr>', html, re.S).group(1)
    # The cell's text, without the link to its explanation.
    cell = re.findall(r'data-state="[a-z-]+">(.*?)</td>', row)[0]
    return re.sub(r"<[^>]+>", "", cell).replace("&nbsp;", " ")


def registry_count_queries(queries) -> int:
    return sum(1 for query in queries if "COUNT(" in query["sql"] and "menteeentry" in query["sql"])


def test_a_second_view_takes_the_counts_from_the_cache(data, coordinator):
    url = reverse("monitoring_dashboard")
    with CaptureQueriesContext(connection) as first:
        coordinator.get(url, {"period": data.period.pk})
    with CaptureQueriesContext(connection) as second:
        response = coordinator.get(url, {"period": data.period.pk})
    assert registry_count_queries(first.captured_queries) == 1
    assert registry_count_queries(second.captured_queries) == 0
    assert len(second.captured_queries) < len(first.captured_queries)
    assert mentees_share(coordinator, data) == "0,0 %"
    assert response.status_code == 200


def test_a_committed_change_is_counted_on_the_next_view(data, coordinator, django_capture_on_commit_callbacks):
    assert mentees_share(coordinator, data) == "0,0 %"
    with django_capture_on_commit_callbacks(execute=True):
        mentee_of(data.third)
    # 1 of the 50 pupils.
    assert mentees_share(coordinator, data) == "2,0 %"


def test_until_the_change_commits_the_cached_count_is_shown(data, coordinator):
    """The organization's version goes up on commit (no lock held meanwhile): inside the test's
    transaction nothing commits, so the cached count stays, which shows where the page reads."""
    assert mentees_share(coordinator, data) == "0,0 %"
    mentee_of(data.third)
    assert mentees_share(coordinator, data) == "0,0 %"
    cache.clear()
    assert mentees_share(coordinator, data) == "2,0 %"


def test_exports_and_submissions_count_afresh(data, coordinator):
    assert mentees_share(coordinator, data) == "0,0 %"
    mentee_of(data.third)
    rows = municipality_values(municipality=data.third.municipality, period=data.period)
    third = next(row for row in rows if row.organization == data.third)
    assert third.values["t-mentees"].numerator == 1


def test_a_changed_counting_rule_is_counted_afresh(data, coordinator):
    mentee_of(data.third)
    cache.clear()
    assert mentees_share(coordinator, data) == "2,0 %"
    signature = definition_signature([data.mentees])
    # Only staff now: the pupil no longer counts, without any change of the registry.
    data.mentees.categories = ["staff"]
    data.mentees.save()
    assert definition_signature([data.mentees]) != signature
    assert mentees_share(coordinator, data) == "0,0 %"


def _unit(organization) -> MentoringUnit:
    mentor = StaffFactory(organization=organization)
    return make_unit(ProgramFactory(organization=organization), mentor=mentor, status=MentoringUnit.Status.ACTIVE)


def _answered(campaign_):
    scores(campaign_, (8, 9))


# What is made beforehand (outside the transaction that is committed), and the change itself.
CHANGES = {
    "a new mentee entry": (
        ParticipantFactory,
        lambda pupil: MenteeEntry.objects.create(participant=pupil, academic_year=2026, entered_on=ENTERED),
    ),
    "a new mentor entry": (
        StaffFactory,
        lambda teacher: MentorEntry.objects.create(participant=teacher, academic_year=2026, entered_on=ENTERED),
    ),
    "a deleted entry": (mentee_of, lambda entry: entry.delete()),
    "a participant's birth date": (
        ParticipantFactory,
        lambda pupil: (setattr(pupil, "birth_date", datetime.date(2011, 1, 1)), pupil.save()),
    ),
    "a pair's term": (_unit, lambda unit: (setattr(unit, "started_on", ENTERED), unit.save())),
    "a pair's mentee leaving": (_unit, lambda unit: UnitMentee.objects.filter(unit=unit).delete()),
    "a questionnaire's response": (lambda organization: campaign(organization, count=1), _answered),
}


@pytest.mark.parametrize(("prepare", "change"), CHANGES.values(), ids=CHANGES.keys())
def test_every_change_marks_its_organization_only(world, prepare, change, django_capture_on_commit_callbacks):
    ours, theirs = world.a.organization, world.b.organization
    made = prepare(organization=ours) if prepare in (ParticipantFactory, StaffFactory) else prepare(ours)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change(made)
    assert callbacks, "the change marked no organization"
    versions = dict(Organization.objects.filter(pk__in=[ours.pk, theirs.pk]).values_list("pk", "data_version"))
    assert versions[ours.pk] > 0
    assert versions[theirs.pk] == 0


def test_the_dashboard_reads_the_cache_in_a_constant_number_of_queries(world, data, coordinator):
    url = reverse("monitoring_dashboard")
    coordinator.get(url, {"period": data.period.pk})
    before, _ = count_queries(lambda: coordinator.get(url, {"period": data.period.pk}))
    for n in range(3):
        mentee_of(data.third)
        ContingentFactory(
            organization=Organization.objects.create(
                municipality=world.a.municipality, full_name=f"Лицей {n}", short_name=f"Лицей {n}"
            ),
            period=data.period,
        )
    coordinator.get(url, {"period": data.period.pk})  # the new organizations are counted once
    after, _ = count_queries(lambda: coordinator.get(url, {"period": data.period.pk}))
    assert after == before
