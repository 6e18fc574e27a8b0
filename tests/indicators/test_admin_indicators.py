"""The admin of the indicators beyond tests/test_admin.py: a submission is a frozen record."""

from django.urls import reverse

from accounts.models import Role
from monitoring.indicators.services import period_submit
from tests.indicators.factories import ContingentFactory, period_of


def test_a_submission_cannot_be_changed_in_the_admin(admin_client, world):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period)
    submission = period_submit(organization=world.a.organization, period=period, by=world.a.users[Role.CURATOR])
    url = reverse("admin:indicators_submission_change", args=[submission.pk])
    response = admin_client.post(url, {"is_current": ""})
    submission.refresh_from_db()
    assert submission.is_current
    assert response.status_code in (200, 403)
