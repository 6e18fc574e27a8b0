"""The demo's contests: the school's «Лучшая пара» closed with its results, the municipal one open."""

from io import StringIO

import pytest
from django.core.management import call_command

from mentoring.models import Application, Contest, ContestResult, Score

pytestmark = pytest.mark.usefixtures("seeded_demo")


def test_the_demo_has_a_closed_school_contest_and_an_open_municipal_one(db):
    school = Contest.objects.get(title="Лучшая пара")
    assert school.organization.short_name == "МБОУ «СОШ № 3»" and school.is_closed
    places = sorted(ContestResult.objects.filter(application__contest=school).values_list("place", flat=True))
    assert places[0] == 1 and len(places) == school.applications.count() >= 2
    municipal = Contest.objects.get(title="Лучший педагог-наставник")
    assert municipal.status == Contest.Status.ACCEPTING and municipal.applications.count() == 1


def test_seeding_again_changes_nothing(db):
    counts = (Contest.objects.count(), Application.objects.count(), Score.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Contest.objects.count(), Application.objects.count(), Score.objects.count()) == counts
