"""The demo's practices: one in each state of its way, the published one in the municipal registry
with an author the registry does not name (no consent to distribution); seeding again adds none."""

import pytest
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.demo import DemoWorld
from mentoring.models import Practice
from mentoring.practices import demo
from mentoring.practices.public import public_practice
from mentoring.practices.selectors import published_practices

pytestmark = pytest.mark.django_db


def test_the_demo_school_has_a_practice_in_each_state_and_seeding_again_adds_none(seeded_demo):
    school = Practice.objects.filter(organization__short_name="МБОУ «СОШ № 3»")
    assert sorted(school.values_list("status", flat=True)) == ["draft", "published", "returned", "submitted"]
    published = published_practices(municipality=school.first().organization.municipality).get()
    rendered = public_practice(published, timezone.localdate())
    assert rendered.authors == ["Кузнецов Игорь Петрович", "Орлова Елена Андреевна"]
    assert rendered.unnamed_authors == 1
    returned = school.get(status="returned")
    assert returned.transitions.get(status_to="returned").remarks == demo.REMARKS
    assert school.get(status="draft").created_by.username == "school.mentor1"

    world = DemoWorld()
    accounts_demo.seed(world)
    demo.seed(world)
    assert Practice.objects.count() == len(demo.PRACTICES)
